// certificate.issuable (证明) — every organization that recorded confirmed hours for me, with those hours, who would
// issue my certificate (itself, the unit a 草根 team is attached to, a dissolved organization's successor — or why
// nobody can), my live certificate of all its records and my newest certificate of it of any kind.
import type { IssuableOrganization } from '../../typings/certificate-vol';
import { registeredVolunteer } from '../_shared/db/people';
import { certificateKeyIdOf, type CertificateDoc } from '../_shared/documents/certificate';
import type { ServiceRecordDoc } from '../_shared/documents/service-record';
import { action, noPayload } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { notRegistered } from '../_shared/messages/answers';
import { confirmedRecordsOf, organizationsByIds, resolveIssuer } from './issuing';
import { myCertificates } from './volunteer-store';
import { certificateSummary, isLive, issuerView } from './volunteer-view';

interface OrgHours {
  orgId: string;
  orgName: string;
  minutes: number;
  records: number;
  firstDate: string;
  lastDate: string;
}

/** My confirmed records grouped by the organization that recorded them, most hours first. Pure. */
export function hoursByOrganization(records: readonly ServiceRecordDoc[]): OrgHours[] {
  const byOrg = new Map<string, OrgHours>();
  for (const r of records) {
    const seen = byOrg.get(r.orgId) ?? { orgId: r.orgId, orgName: r.orgName, minutes: 0, records: 0, firstDate: r.activity.date, lastDate: r.activity.date };
    seen.minutes += r.minutes;
    seen.records += 1;
    if (r.activity.date < seen.firstDate) seen.firstDate = r.activity.date;
    if (r.activity.date > seen.lastDate) seen.lastDate = r.activity.date;
    byOrg.set(r.orgId, seen);
  }
  return [...byOrg.values()].sort((a, b) => b.minutes - a.minutes || a.orgId.localeCompare(b.orgId));
}

export const issuable = action('certificate', 'issuable', noPayload, async (_req, ctx) => {
  const me = await registeredVolunteer(ctx);
  if (!me) return notRegistered();
  const [records, certificates] = await Promise.all([confirmedRecordsOf(ctx.db, me.volunteer._id), myCertificates(ctx.db, me.volunteer._id)]);
  const groups = hoursByOrganization(records);
  const orgs = await organizationsByIds(ctx.db, [...groups.map((g) => g.orgId), ...certificates.map((c) => c.issuerOrgId)]);
  const organizations: IssuableOrganization[] = await Promise.all(
    groups.map(async (g) => {
      const org = orgs.get(g.orgId);
      const resolved = org ? await resolveIssuer(ctx.db, org) : ({ ok: false, reason: 'not_verified' } as const);
      const allKey = certificateKeyIdOf(me.volunteer._id, g.orgId, { kind: 'all' });
      const ofOrg: CertificateDoc[] = certificates.filter((c) => c.recordsOrgId === g.orgId);
      const live = ofOrg.find((c) => c.keyId === allKey && isLive(c));
      const latest = ofOrg[0];
      return {
        orgId: g.orgId,
        orgName: org?.name ?? g.orgName,
        confirmedMinutes: g.minutes,
        confirmedRecords: g.records,
        firstDate: g.firstDate,
        lastDate: g.lastDate,
        issuer: issuerView(resolved),
        ...(live ? { live: certificateSummary(live, orgs) } : {}),
        ...(latest ? { latest: certificateSummary(latest, orgs) } : {}),
      };
    }),
  );
  return ok({ organizations });
});
