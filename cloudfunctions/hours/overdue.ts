// Timer `notifyOverdue` (daily, 09:00 Beijing): each organization with records still pending its overdue days after
// the activity hears once that day (outbox id: the organization and the Asia/Shanghai day), however often it fires.
import { getOrNull, inTransaction } from '../_shared/db/db';
import { everyRow } from '../_shared/db/paging';
import type { OrganizationDoc } from '../_shared/documents/organization';
import type { ServiceRecordDoc } from '../_shared/documents/service-record';
import type { TriggerHandler } from '../_shared/frame/action';
import { recordsOverdue } from '../_shared/messages/hours-notifications';
import { enqueue } from '../_shared/messages/outbox';
import { isOverdue, isoDate, policyView } from './rules';
import { adminsOf, RECORDS } from './store';

/** Pending records read per run, oldest first; an organization past this many is told "N+". */
const SCAN_CAP = 5_000;

export const notifyOverdue: TriggerHandler = async (_event, ctx) => {
  const _ = ctx.db.command;
  // No organization's overdue days are below 1: what started within the last day is never overdue yet.
  const before = new Date(ctx.now.getTime() - 86_400_000);
  const pending = await everyRow<ServiceRecordDoc>(ctx.db, RECORDS, { current: true, status: 'pending', startsAt: _.lt(before) }, { field: 'startsAt', direction: 'asc' }, SCAN_CAP);
  const byOrg = new Map<string, ServiceRecordDoc[]>();
  for (const r of pending) byOrg.set(r.orgId, [...(byOrg.get(r.orgId) ?? []), r]);
  const day = isoDate(ctx.now);
  let told = 0;
  for (const [orgId, records] of byOrg) {
    const policy = policyView((await getOrNull<OrganizationDoc>(ctx.db, 'organizations', orgId))?.hoursPolicy);
    const overdue = records.filter((r) => isOverdue(r, policy.overdueDays, ctx.now)).length;
    if (overdue === 0) continue;
    const admins = await adminsOf(ctx.db, orgId);
    await inTransaction(ctx.db, async (t) => {
      for (const adminUserId of admins) await enqueue(t, recordsOverdue(orgId, day, adminUserId, overdue, policy.overdueDays, pending.length >= SCAN_CAP), ctx.now);
    });
    told++;
  }
  return { scanned: pending.length, organizations: told };
};
