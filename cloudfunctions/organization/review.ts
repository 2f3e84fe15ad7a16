// organization.review — a platform admin approves or rejects a pending organization, with a reason to reject
// (≤ 200 characters). Decided once per submission; the same decision again answers the same; every decision is
// appended to the application's history. Approval makes the USCC hold permanent; rejection releases the code at
// once (a corrected resubmission takes it again if it is still free). A platform admin cannot decide an
// organization they registered or administer; an organization's own admins cannot verify anything.
import { getOrNull, inTransaction, Rollback } from '../_shared/db/db';
import { isPlatformAdmin, membershipOf } from '../_shared/db/people';
import { userIdOf } from '../_shared/documents/ids';
import type { ApplicationEventDoc, OrganizationDoc } from '../_shared/documents/organization';
import type { OrganizationCodeDoc } from '../_shared/documents/organization-code';
import { action, type Answer } from '../_shared/frame/action';
import { fail, ok, refusal } from '../_shared/frame/envelope';
import { failWith, SELF_REVIEW_MESSAGES } from '../_shared/messages/answers';
import { organizationReviewed } from '../_shared/messages/notifications';
import { enqueue } from '../_shared/messages/outbox';
import { releaseCode } from './application';
import { checkReviewReason, isOwnOrganization, reviewOutcome } from './rules';
import { reviewSchema } from './schemas';
import { notPlatformAdmin } from './view';

type ReviewAnswer = Answer<'organization', 'review'>;

export const review = action('organization', 'review', reviewSchema, async (req, ctx) => {
  if (!isPlatformAdmin(ctx)) return notPlatformAdmin();
  const reason = checkReviewReason(req.decision, req.reason);
  if (!reason.ok) return refusal(reason);
  const reviewer = userIdOf(ctx.caller.openid);

  return inTransaction<ReviewAnswer, ReviewAnswer>(ctx.db, async (t) => {
    const org = await getOrNull<OrganizationDoc>(t, 'organizations', req.orgId);
    if (!org) throw new Rollback(failWith('NOT_FOUND'));
    if (isOwnOrganization(org, reviewer, await membershipOf(ctx.db, org._id, reviewer))) {
      throw new Rollback(fail('SELF_REVIEW', SELF_REVIEW_MESSAGES.review));
    }
    const outcome = reviewOutcome(org, req.decision, reason.value);
    if (!outcome.ok) throw new Rollback(refusal(outcome));
    if (outcome.value.apply) {
      const history = org.history ?? [];
      const event: ApplicationEventDoc = {
        event: req.decision === 'approve' ? 'approved' : 'rejected',
        at: ctx.now,
        by: reviewer,
        ...(reason.value ? { reason: reason.value } : {}),
      };
      await t.collection('organizations').doc(org._id).update({
        data: {
          status: outcome.value.status,
          review: {
            decision: req.decision,
            ...(reason.value ? { reason: reason.value } : {}),
            reviewedBy: reviewer,
            reviewedAt: ctx.now,
          },
          history: [...history, event],
          updatedAt: ctx.now,
        },
      });
      if (org.uscc && req.decision === 'reject') await releaseCode(t, org.uscc, org._id);
      if (org.uscc && req.decision === 'approve') {
        const code = await getOrNull<OrganizationCodeDoc>(t, 'organizationCodes', org.uscc);
        // A verified organization holds its code for good: the pending hold's end is dropped.
        if (code?.orgId === org._id) await t.collection('organizationCodes').doc(org.uscc).set({ data: { orgId: org._id, createdAt: code.createdAt } });
      }
      // The applicant hears the result from the same transaction that decides it; each submission's decision once.
      const round = history.filter((h) => h.event === 'approved' || h.event === 'rejected').length + 1;
      await enqueue(
        t,
        organizationReviewed({
          org: { orgId: org._id, name: org.name },
          applicantUserId: org.createdBy,
          decision: req.decision,
          round,
          ...(reason.value ? { reason: reason.value } : {}),
        }),
        ctx.now,
      );
    }
    return ok({ orgId: org._id, status: outcome.value.status });
  });
});
