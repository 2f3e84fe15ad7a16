// Who may certify an organization's records (RULES §5, 意见149): the organization itself while it is verified; for a
// 草根 team without legal status, the legally established unit it is attached to; for a dissolved or merged one, its
// designated successor (followed while the successor was itself dissolved with a successor). Pure.
import type { CertificateSnapshot } from '../../typings/certificate';
import type { OrganizationDoc } from '../_shared/documents/organization';

export type IssuerOf =
  | { ok: true; issuer: OrganizationDoc; onBehalfOf?: NonNullable<CertificateSnapshot['issuer']['onBehalfOf']> }
  | { ok: false; reason: 'grassroots_without_unit' | 'dissolved_without_successor' | 'not_verified' };

const MAX_SUCCESSION_HOPS = 5;

function canIssue(org: OrganizationDoc): boolean {
  return org.status === 'verified' && org.kind !== 'grassroots';
}

/** `lookup` answers the organization documents the rule may need (the parent, successors), or undefined. */
export function issuerOf(recordsOrg: OrganizationDoc, lookup: (orgId: string) => OrganizationDoc | undefined): IssuerOf {
  if (recordsOrg.status === 'dissolved') {
    let successor = recordsOrg.successorId ? lookup(recordsOrg.successorId) : undefined;
    for (let hop = 1; successor && successor.status === 'dissolved' && hop < MAX_SUCCESSION_HOPS; hop++) {
      successor = successor.successorId ? lookup(successor.successorId) : undefined;
    }
    if (!successor || !canIssue(successor)) return { ok: false, reason: 'dissolved_without_successor' };
    return { ok: true, issuer: successor, onBehalfOf: { orgId: recordsOrg._id, name: recordsOrg.name, relation: 'successor' } };
  }
  if (recordsOrg.kind === 'grassroots') {
    const unit = recordsOrg.parentId ? lookup(recordsOrg.parentId) : undefined;
    if (!unit || !canIssue(unit)) return { ok: false, reason: 'grassroots_without_unit' };
    return { ok: true, issuer: unit, onBehalfOf: { orgId: recordsOrg._id, name: recordsOrg.name, relation: 'attached' } };
  }
  return canIssue(recordsOrg) ? { ok: true, issuer: recordsOrg } : { ok: false, reason: 'not_verified' };
}
