// project.review — a platform admin approves or rejects a submitted project, with a reason to reject. A platform
// admin who is an admin of the project's organization cannot review it (as with organizations, nobody approves
// their own). The project's creator hears the result from the transaction that decides it.
import { inTransaction, Rollback } from '../_shared/db/db';
import { isOrgAdmin, isPlatformAdmin } from '../_shared/db/people';
import { userIdOf } from '../_shared/documents/ids';
import { projectStatusFields } from '../_shared/documents/project';
import { action, type Answer } from '../_shared/frame/action';
import { fail, ok, refusal } from '../_shared/frame/envelope';
import { failWith, FORBIDDEN_MESSAGES } from '../_shared/messages/answers';
import { projectReviewed } from '../_shared/messages/notifications';
import { enqueue } from '../_shared/messages/outbox';
import { checkReason } from './rules';
import { reviewSchema } from './schemas';
import { projectOf } from './store';

type ReviewAnswer = Answer<'project', 'review'>;

export const review = action('project', 'review', reviewSchema, async (req, ctx) => {
  if (!isPlatformAdmin(ctx)) return fail('FORBIDDEN', FORBIDDEN_MESSAGES.reviewProject);
  const reason = req.decision === 'reject' ? checkReason(req.reason, '项目发布者') : undefined;
  if (reason && !reason.ok) return refusal(reason);
  const project = await projectOf(ctx.db, req.projectId);
  if (!project) return failWith('PROJECT_NOT_FOUND');
  const reviewerId = userIdOf(ctx.caller.openid);
  if (await isOrgAdmin(ctx.db, project.orgId, reviewerId)) return fail('FORBIDDEN', FORBIDDEN_MESSAGES.reviewOwnProject);

  return inTransaction<ReviewAnswer, ReviewAnswer>(ctx.db, async (t) => {
    const current = await projectOf(t, req.projectId);
    if (!current) throw new Rollback(failWith('PROJECT_NOT_FOUND'));
    if (current.status !== 'submitted') throw new Rollback(failWith('NOT_SUBMITTED'));
    const status = req.decision === 'approve' ? 'recruiting' : 'rejected';
    const reasonText = reason?.ok ? reason.value : undefined;
    await t.collection('projects').doc(current._id).update({
      data: {
        ...projectStatusFields(status),
        ...(status === 'recruiting' ? { publishedAt: ctx.now } : {}),
        // set(): a plain object would be merged field by field, keeping an earlier rejection's reason.
        review: ctx.db.command.set({ decision: req.decision, ...(reasonText ? { reason: reasonText } : {}), reviewedBy: reviewerId, reviewedAt: ctx.now }),
        updatedAt: ctx.now,
      },
    });
    await enqueue(
      t,
      projectReviewed({
        project: { projectId: current._id, title: current.title },
        recipientUserId: current.createdBy,
        decision: req.decision,
        ...(reasonText ? { reason: reasonText } : {}),
        submittedAt: current.submittedAt ?? current.updatedAt,
      }),
      ctx.now,
    );
    return ok({ projectId: current._id, status });
  });
});
