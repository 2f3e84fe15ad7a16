// How a certificate shows in the volunteer's lists (typings/certificate-vol.ts CertificateSummary): names come from
// the snapshot once issued (frozen), from the organizations as they are now while a request waits. Pure.
import type { CertificateSummary, IssuerView } from '../../typings/certificate-vol';
import type { CertificateDoc } from '../_shared/documents/certificate';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { ISSUER_UNAVAILABLE_MESSAGES } from '../_shared/messages/answers';
import type { IssuerOf } from './issuer';

const iso = (d: Date | string) => new Date(d).toISOString();

export function certificateSummary(c: CertificateDoc, orgs: ReadonlyMap<string, OrganizationDoc>): CertificateSummary {
  const snap = c.snapshot;
  const issuerName = snap?.issuer.name ?? orgs.get(c.issuerOrgId)?.name ?? '';
  const recordsOrgName = snap ? (snap.issuer.onBehalfOf?.name ?? snap.issuer.name) : (orgs.get(c.recordsOrgId)?.name ?? '');
  const period = snap?.period ?? (c.scope.kind === 'period' ? { from: c.scope.from, to: c.scope.to } : undefined);
  return {
    certificateId: c._id,
    status: c.status,
    ...(c.number ? { number: c.number } : {}),
    recordsOrgId: c.recordsOrgId,
    recordsOrgName,
    issuerOrgId: c.issuerOrgId,
    issuerName,
    scope: c.scope,
    ...(period ? { period } : {}),
    ...(c.totalMinutes !== undefined ? { totalMinutes: c.totalMinutes } : {}),
    requestedAt: iso(c.requestedAt),
    ...(c.issuedAt ? { issuedAt: iso(c.issuedAt) } : {}),
    ...(c.rejected ? { rejectedReason: c.rejected.reason } : {}),
    ...(c.revoked ? { revoked: { reason: c.revoked.reason, at: iso(c.revoked.at) } } : {}),
  };
}

export function issuerView(resolved: IssuerOf): IssuerView {
  if (!resolved.ok) return { canIssue: false, reason: resolved.reason, message: ISSUER_UNAVAILABLE_MESSAGES[resolved.reason] };
  return {
    canIssue: true,
    orgId: resolved.issuer._id,
    name: resolved.issuer.name,
    ...(resolved.onBehalfOf ? { relation: resolved.onBehalfOf.relation } : {}),
    settingsReady: resolved.issuer.certificateSettings !== undefined,
  };
}

/** Reviewing or issued: the certificate a request key points to while it stands. */
export function isLive(c: CertificateDoc | null): c is CertificateDoc {
  return c !== null && (c.status === 'reviewing' || c.status === 'issued');
}
