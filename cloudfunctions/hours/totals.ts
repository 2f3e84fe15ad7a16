// hours.orgTotals — an organization's or one of its projects' confirmed minutes (the sum of the shards).
// hours.checkTotals — the consistency check (platform admins): a volunteer's or an organization's counters against
// the sum of their current confirmed records, reporting every difference. The sums are read after the counters, so a
// confirmation landing between the two reads shows as a difference that a second run no longer reports.
import type { TotalsDifference } from '../../typings/hours-actions';
import { getOrNull, type Database } from '../_shared/db/db';
import { everyRow } from '../_shared/db/paging';
import type { ProjectDoc } from '../_shared/documents/project';
import { noHours, type ServiceRecordDoc, type VolunteerHours } from '../_shared/documents/service-record';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { action } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { addHours, contribution } from '../_shared/hours/ledger';
import { failWith, FORBIDDEN_HOURS_MESSAGES } from '../_shared/messages/answers';
import { platformAdminOpenids } from '../_shared/security/roles';
import { adminCheck, forbidden } from './access';
import { checkTotalsSchema, orgTotalsSchema } from './schemas';
import { RECORDS, totalsOf } from './store';

/** At most this many records are summed per check (a function has 60 s; 100 per read). */
const CHECK_CAP = 20_000;

export const orgTotals = action('hours', 'orgTotals', orgTotalsSchema, async (req, ctx) => {
  if (!(await getOrNull(ctx.db, 'organizations', req.orgId))) return failWith('NOT_FOUND');
  if (!(await adminCheck(ctx).administers(req.orgId))) return forbidden();
  if (req.projectId) {
    const project = await getOrNull<ProjectDoc>(ctx.db, 'projects', req.projectId);
    if (!project || project.orgId !== req.orgId) return failWith('PROJECT_NOT_FOUND');
    return ok(await totalsOf(ctx.db, 'project', req.projectId));
  }
  return ok(await totalsOf(ctx.db, 'org', req.orgId));
});

function sum(records: ServiceRecordDoc[]): VolunteerHours {
  return records.reduce((acc, r) => addHours(acc, contribution(r)), noHours());
}

function same(a: VolunteerHours, b: VolunteerHours): boolean {
  return a.serviceMinutes === b.serviceMinutes && a.trainingMinutes === b.trainingMinutes && a.confirmedRecords === b.confirmedRecords;
}

function difference(scope: TotalsDifference['scope'], id: string, counted: VolunteerHours, summed: VolunteerHours): TotalsDifference[] {
  const pick = (h: VolunteerHours) => ({ serviceMinutes: h.serviceMinutes, trainingMinutes: h.trainingMinutes, confirmedRecords: h.confirmedRecords });
  return same(counted, summed) ? [] : [{ scope, id, counted: pick(counted), summed: pick(summed) }];
}

/** A volunteer's counters against their current confirmed records. */
export async function checkVolunteer(db: Database, volunteerId: string): Promise<{ recordsRead: number; differences: TotalsDifference[] }> {
  const counted = (await getOrNull<VolunteerDoc>(db, 'volunteers', volunteerId))?.hours ?? noHours();
  const records = await everyRow<ServiceRecordDoc>(db, RECORDS, { volunteerId, current: true }, { field: 'startsAt', direction: 'desc', idDirection: 'desc' }, CHECK_CAP);
  return { recordsRead: records.length, differences: difference('volunteer', volunteerId, counted, sum(records)) };
}

/** Projects of one organization listed per check (orgId_createdAt), beside those its records name. */
const PROJECTS_CAP = 1_000;

/**
 * An organization's shards, and each of its projects' shards, against its current confirmed records: every project
 * its records name, and every project it runs — so a project's counter that moved with no record left is found too.
 */
export async function checkOrganization(db: Database, orgId: string): Promise<{ recordsRead: number; differences: TotalsDifference[] }> {
  const counted = await totalsOf(db, 'org', orgId);
  const records = await everyRow<ServiceRecordDoc>(db, RECORDS, { orgId, current: true, status: 'confirmed' }, { field: 'startsAt', direction: 'asc' }, CHECK_CAP);
  const differences = difference('org', orgId, counted, sum(records));
  const byProject = new Map<string, ServiceRecordDoc[]>();
  for (const r of records) if (r.projectId) byProject.set(r.projectId, [...(byProject.get(r.projectId) ?? []), r]);
  const projects = await everyRow<ProjectDoc>(db, 'projects', { orgId }, { field: 'createdAt', direction: 'desc', idDirection: 'desc' }, PROJECTS_CAP);
  for (const p of projects) if (!byProject.has(p._id)) byProject.set(p._id, []);
  for (const [projectId, list] of byProject) differences.push(...difference('project', projectId, await totalsOf(db, 'project', projectId), sum(list)));
  return { recordsRead: records.length, differences };
}

export const checkTotals = action('hours', 'checkTotals', checkTotalsSchema, async (req, ctx) => {
  if (!platformAdminOpenids(ctx.env).has(ctx.caller.openid)) return fail('FORBIDDEN', FORBIDDEN_HOURS_MESSAGES.check);
  return ok(req.volunteerId ? await checkVolunteer(ctx.db, req.volunteerId) : await checkOrganization(ctx.db, req.orgId!));
});
