// project.recordInsurance — the organization records the insurance a risky project needs before check-in opens
// (条例 Art. 17, 慈善法 Art. 69). Recording it again replaces the policy.
import { inTransaction, Rollback } from '../_shared/db/db';
import { iso } from '../_shared/documents/dates';
import { action, type Answer } from '../_shared/frame/action';
import { ok, refusal } from '../_shared/frame/envelope';
import { failWith } from '../_shared/messages/answers';
import { checkInsurance } from './rules';
import { recordInsuranceSchema } from './schemas';
import { managerOf, projectOf } from './store';

type RecordInsuranceAnswer = Answer<'project', 'recordInsurance'>;

export const recordInsurance = action('project', 'recordInsurance', recordInsuranceSchema, async (req, ctx) => {
  const policy = checkInsurance(req.insurer, req.policyNo);
  if (!policy.ok) return refusal(policy);
  const project = await projectOf(ctx.db, req.projectId);
  if (!project) return failWith('PROJECT_NOT_FOUND');
  const manager = await managerOf(ctx, project.orgId);
  if (!manager.ok) return manager.answer;
  return inTransaction<RecordInsuranceAnswer, RecordInsuranceAnswer>(ctx.db, async (t) => {
    const current = await projectOf(t, req.projectId);
    if (!current) throw new Rollback(failWith('PROJECT_NOT_FOUND'));
    if (current.status === 'finished' || current.status === 'cancelled') throw new Rollback(failWith('NOT_CANCELLABLE'));
    await t.collection('projects').doc(current._id).update({
      data: { risk: ctx.db.command.set({ ...current.risk, insurance: { ...policy.value, recordedAt: ctx.now } }), updatedAt: ctx.now },
    });
    return ok({ projectId: current._id, recordedAt: iso(ctx.now) });
  });
});
