// organization.reviewQueue / organization.review — verification by a platform admin (RULES §2: only verified
// organizations publish). Platform admins come from configuration (PLATFORM_ADMIN_OPENIDS), never from the event;
// an organization's own admins cannot verify anything.
import { z } from 'zod';
import type { ReviewQueueResponse, ReviewRequest, ReviewResponse } from '../../typings/organization';
import { action, noPayload } from '../_shared/action';
import { getOrNull, inTransaction, Rollback } from '../_shared/db';
import { fail, ok } from '../_shared/envelope';
import { userIdOf } from '../_shared/ids';
import { organizationReviewed } from '../_shared/notifications';
import { enqueue } from '../_shared/outbox';
import { isPlatformAdmin } from '../_shared/people';
import { checkReviewReason, reviewOutcome } from './decisions';
import type { OrganizationDoc } from './org-doc';
import { peopleByUserId, QUERY_LIMIT, rows } from './people';
import { reviewQueueItem } from './view';
import type { Envelope } from '../../typings/envelope';

const forbidden = () => fail('FORBIDDEN', '只有平台管理员可以审核组织');


/** Oldest first, so nobody waits behind later applications (index status_createdAt). */
export const reviewQueue = action<Record<string, never>, ReviewQueueResponse>(noPayload, async (_req, ctx) => {
  if (!isPlatformAdmin(ctx)) return forbidden();
  const pending = await rows<OrganizationDoc>(
    ctx.db.collection('organizations').where({ status: 'pending' }).orderBy('createdAt', 'asc').limit(QUERY_LIMIT),
  );
  const applicants = await peopleByUserId(ctx.db, pending.map((o) => o.createdBy));
  return ok({ items: pending.map((o) => reviewQueueItem(o, applicants.get(o.createdBy))) });
});

const reviewSchema = z
  .object({
    orgId: z.string().min(1).max(64),
    decision: z.enum(['approve', 'reject']),
    reason: z.string().max(1000).optional(),
  })
  .strict();

export const review = action<ReviewRequest, ReviewResponse>(reviewSchema, async (req, ctx) => {
  if (!isPlatformAdmin(ctx)) return forbidden();
  const reason = checkReviewReason(req.decision, req.reason);
  if (!reason.ok) return fail(reason.code, reason.message);

  type Answer = Envelope<ReviewResponse, string>;
  return inTransaction<Answer, Answer>(ctx.db, async (t) => {
    const org = await getOrNull<OrganizationDoc>(t, 'organizations', req.orgId);
    if (!org) throw new Rollback(fail('NOT_FOUND', '没有找到这个组织'));
    const outcome = reviewOutcome(org, req.decision, reason.value);
    if (!outcome.ok) throw new Rollback(fail(outcome.code, outcome.message));
    if (outcome.value.apply) {
      await t.collection('organizations').doc(org._id).update({
        data: {
          status: outcome.value.status,
          review: {
            decision: req.decision,
            ...(reason.value ? { reason: reason.value } : {}),
            reviewedBy: userIdOf(ctx.caller.openid),
            reviewedAt: ctx.now,
          },
          updatedAt: ctx.now,
        },
      });
      // The applicant hears the result from the same transaction that decides it.
      await enqueue(
        t,
        organizationReviewed({
          org: { orgId: org._id, name: org.name },
          applicantUserId: org.createdBy,
          decision: req.decision,
          ...(reason.value ? { reason: reason.value } : {}),
        }),
        ctx.now,
      );
    }
    return ok({ orgId: org._id, status: outcome.value.status });
  });
});
