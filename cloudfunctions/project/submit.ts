// project.submit — the organization asks to publish a draft. Everything RULES §3 requires is checked, the text goes
// through WeChat's content security, the shifts are written, and the project is recruiting at once — or waits for
// the platform's review when the deployment says so (ZY_PROJECT_REVIEW, rules.ts reviewRequired).
import type { ProjectInput } from '../../typings/project-actions';
import { inTransaction, Rollback } from '../_shared/db/db';
import { projectStatusFields } from '../_shared/documents/project';
import { action, type Answer } from '../_shared/frame/action';
import { fail, ok, refusal } from '../_shared/frame/envelope';
import { contentFlaggedMessage, failWith } from '../_shared/messages/answers';
import { decryptField, keyRingFromEnv } from '../_shared/security/crypto';
import { activeAdminIds } from '../_shared/db/admins';
import { checkTexts, startCoverCheck } from './content-check';
import { linkCoverCheck } from './cover-check';
import { checkPublishable, isEditable, plannedShifts, reviewRequired, spanOf } from './rules';
import { submitSchema } from './schemas';
import { CONTACT_PHONE_PURPOSE, managerOf, projectOf, shiftDocs, withoutId } from './store';

type SubmitAnswer = Answer<'project', 'submit'>;

const TEXT_FIELDS = [
  { field: 'title', label: '项目名称' },
  { field: 'content', label: '服务内容' },
  { field: 'risk.disclosure', label: '风险告知' },
] as const;

export const submit = action('project', 'submit', submitSchema, async (req, ctx) => {
  const project = await projectOf(ctx.db, req.projectId);
  if (!project) return failWith('PROJECT_NOT_FOUND');
  const manager = await managerOf(ctx, project.orgId);
  if (!manager.ok) return manager.answer;
  if (!isEditable(project.status)) return failWith('NOT_EDITABLE');

  const form: ProjectInput = {
    ...project.form,
    conditions: project.form.conditions,
    contact: { name: project.form.contact.name, phone: decryptField(project.form.contact.phone, keyRingFromEnv(ctx.env), CONTACT_PHONE_PURPOSE) },
  };
  const publishable = checkPublishable(form, project.conditions.passwordHash !== undefined);
  if (!publishable.ok) return refusal(publishable);
  const shifts = plannedShifts(form, ctx.now);
  if (!shifts.ok) return refusal(shifts);

  const verdict = await checkTexts(ctx, [
    { field: 'title', text: project.title },
    { field: 'content', text: project.content },
    { field: 'risk.disclosure', text: project.risk.disclosure },
  ]);
  if (!verdict.ok) {
    const label = TEXT_FIELDS.find((f) => f.field === verdict.field)?.label ?? verdict.field;
    return fail('CONTENT_FLAGGED', contentFlaggedMessage(label, verdict.label), verdict.field);
  }
  const coverTraceId = project.coverFileId ? await startCoverCheck(ctx, project.coverFileId) : undefined;
  // WeChat may push the cover's verdict before this transaction commits; then it waits in mediaChecks for us.
  const admins = coverTraceId ? await activeAdminIds(ctx.db, project.orgId) : [];
  const reviewed = reviewRequired(project.orgId, ctx.env.ZY_PROJECT_REVIEW);
  const span = spanOf(shifts.value);

  return inTransaction<SubmitAnswer, SubmitAnswer>(ctx.db, async (t) => {
    const current = await projectOf(t, project._id);
    // Edited or submitted meanwhile: what was checked is not what is stored.
    if (!current || current.updatedAt.getTime() !== project.updatedAt.getTime()) throw new Rollback(failWith('NOT_EDITABLE'));
    for (const shift of shiftDocs(project._id, project.orgId, shifts.value, ctx.now)) {
      await t.collection('shifts').doc(shift._id).set({ data: withoutId(shift) });
    }
    const status = reviewed ? 'submitted' : 'recruiting';
    await t.collection('projects').doc(project._id).update({
      data: {
        ...projectStatusFields(status),
        startsAt: span.startsAt,
        endsAt: span.endsAt,
        days: span.days,
        shiftCount: shifts.value.length,
        ...(coverTraceId ? { coverCheck: ctx.db.command.set({ traceId: coverTraceId, state: 'pending' }) } : {}),
        ...(status === 'recruiting' ? { publishedAt: ctx.now } : {}),
        submittedAt: ctx.now,
        updatedAt: ctx.now,
      },
    });
    if (coverTraceId) await linkCoverCheck(t, ctx.db, { _id: project._id, title: project.title }, coverTraceId, admins, ctx.now);
    return ok({ projectId: project._id, status });
  });
});
