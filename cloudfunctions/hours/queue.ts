// hours.queue — an organization's pending records, oldest activity first, paged on orgId_current_status_startsAt_id;
// overdue ones marked (unconfirmed the organization's overdue days after the activity), and a record lacking a
// mandatory field says which. hours.setHoursPolicy — the organization's rounding step and overdue days.
import { dateCursor, datePositionOf } from '../_shared/db/cursor';
import { getOrNull } from '../_shared/db/db';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { action } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { BAD_REQUEST_MESSAGES, failWith } from '../_shared/messages/answers';
import { inTransaction, Rollback } from '../_shared/db/db';
import { adminCheck, forbidden } from './access';
import { policyView } from './rules';
import { queueSchema, setHoursPolicySchema } from './schemas';
import { queuePage } from './store';
import { queueItem } from './view';

export const QUEUE_PAGE = 20;

export const queue = action('hours', 'queue', queueSchema, async (req, ctx) => {
  const after = datePositionOf(req.cursor);
  if (after === 'invalid') return fail('BAD_REQUEST', BAD_REQUEST_MESSAGES.cursor, 'cursor');
  const org = await getOrNull<OrganizationDoc>(ctx.db, 'organizations', req.orgId);
  if (!org) return failWith('NOT_FOUND');
  if (!(await adminCheck(ctx).administers(req.orgId))) return forbidden();
  const policy = policyView(org.hoursPolicy);
  const page = await queuePage(ctx.db, req.orgId, after, QUEUE_PAGE);
  const next = dateCursor(page.next);
  return ok({ items: page.rows.map((r) => queueItem(r, policy.overdueDays, ctx.now)), ...(next ? { next } : {}), policy });
});

export const setHoursPolicy = action('hours', 'setHoursPolicy', setHoursPolicySchema, async (req, ctx) => {
  if (!(await getOrNull<OrganizationDoc>(ctx.db, 'organizations', req.orgId))) return failWith('NOT_FOUND');
  if (!(await adminCheck(ctx).administers(req.orgId))) return forbidden();
  const stored = { overdueDays: req.overdueDays, ...(req.roundingStepMinutes !== null ? { roundingStepMinutes: req.roundingStepMinutes } : {}) };
  return inTransaction(ctx.db, async (t) => {
    const org = await getOrNull<OrganizationDoc>(t, 'organizations', req.orgId);
    if (!org) throw new Rollback(failWith('NOT_FOUND'));
    // set() of the whole document: an update would merge the old rounding step back into an object that drops it.
    const { _id, ...body } = { ...org, hoursPolicy: stored, updatedAt: ctx.now };
    await t.collection('organizations').doc(_id).set({ data: body });
    return ok({ policy: policyView(stored) });
  });
});
