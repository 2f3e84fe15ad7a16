// organization.review — a platform admin approves or rejects a pending organization, with a reason to reject
// (≤ 200 characters). Decided once; the same decision again answers the same; the applicant hears the result from
// the transaction that decides it. An organization's own admins cannot verify anything.
import { getOrNull, inTransaction, Rollback } from '../_shared/db/db';
import { isPlatformAdmin } from '../_shared/db/people';
import { userIdOf } from '../_shared/documents/ids';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { action, type Answer } from '../_shared/frame/action';
import { ok, refusal } from '../_shared/frame/envelope';
import { organizationReviewed } from '../_shared/messages/notifications';
import { enqueue } from '../_shared/messages/outbox';
import { checkReviewReason, reviewOutcome } from './rules';
import { reviewSchema } from './schemas';
import { notPlatformAdmin } from './view';
import { failWith } from '../_shared/messages/answers';

type ReviewAnswer = Answer<'organization', 'review'>;

export const review = action('organization', 'review', reviewSchema, async (req, ctx) => {
  if (!isPlatformAdmin(ctx)) return notPlatformAdmin();
  const reason = checkReviewReason(req.decision, req.reason);
  if (!reason.ok) return refusal(reason);

  return inTransaction<ReviewAnswer, ReviewAnswer>(ctx.db, async (t) => {
    const org = await getOrNull<OrganizationDoc>(t, 'organizations', req.orgId);
    if (!org) throw new Rollback(failWith('NOT_FOUND'));
    const outcome = reviewOutcome(org, req.decision, reason.value);
    if (!outcome.ok) throw new Rollback(refusal(outcome));
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
