// attendance.settings — an admin of the project's organization sets its check-in margin, whether walk-ins may check
// in, and the daily pairs; fields left out keep their value (or the default). Answers the settings in force.
import { getOrNull, inTransaction, Rollback } from '../_shared/db/db';
import type { ProjectDoc } from '../_shared/documents/project';
import { action, type Answer } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { failWith } from '../_shared/messages/answers';
import { adminOf, forbidden } from './admin';
import { attendanceSettingsOf } from './rules';
import { settingsSchema } from './schemas';

type SettingsAnswer = Answer<'attendance', 'settings'>;

export const settings = action('attendance', 'settings', settingsSchema, async (req, ctx) => {
  const project = await getOrNull<ProjectDoc>(ctx.db, 'projects', req.projectId);
  if (!project) return failWith('PROJECT_NOT_FOUND');
  if (!(await adminOf(ctx, project.orgId))) return forbidden();
  const { projectId, ...changes } = req;
  return inTransaction<SettingsAnswer, SettingsAnswer>(ctx.db, async (t) => {
    const current = await getOrNull<ProjectDoc>(t, 'projects', projectId);
    if (!current) throw new Rollback(failWith('PROJECT_NOT_FOUND'));
    const next = { ...attendanceSettingsOf(current), ...changes };
    await t.collection('projects').doc(projectId).update({ data: { attendance: next, updatedAt: ctx.now } });
    return ok({ projectId, ...next });
  });
});
