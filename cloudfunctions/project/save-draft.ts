// project.saveDraft — an admin of a verified organization creates or replaces a draft. A draft may be incomplete:
// submit decides whether it can be published. A rejected project edited becomes a draft again; shifts are written
// only when it is submitted, so a draft holds none.
import { getOrNull, inTransaction, Rollback, type Database } from '../_shared/db/db';
import { projectStatusFields, type ProjectDoc } from '../_shared/documents/project';
import { action, type Answer } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { failWith, PROJECT_RULE_MESSAGES } from '../_shared/messages/answers';
import { coverIdOf, type ProjectCoverDoc } from './cover';
import { plannedShifts, isEditable } from './rules';
import { saveDraftSchema } from './schemas';
import { managerOf, newProjectId, projectFields, projectOf, shiftIdOf, withoutId } from './store';

type SaveDraftAnswer = Answer<'project', 'saveDraft'>;

export const saveDraft = action('project', 'saveDraft', saveDraftSchema, async (req, ctx) => {
  const manager = await managerOf(ctx, req.orgId);
  if (!manager.ok) return manager.answer;
  // Only a cover uploadCover stored for this organization: get hands out a link to it.
  if (req.project.coverFileId && !(await isCoverOf(ctx.db, req.orgId, req.project.coverFileId))) {
    return fail('PROJECT_INVALID', PROJECT_RULE_MESSAGES.coverNotOurs, 'project.coverFileId');
  }
  const projectId = req.projectId ?? newProjectId();
  // How many shifts the form makes now (0 while its shifts cannot be planned yet); shown on the form.
  const planned = plannedShifts(req.project, ctx.now);
  const shiftCount = planned.ok ? planned.value.length : 0;

  return inTransaction<SaveDraftAnswer, SaveDraftAnswer>(ctx.db, async (t) => {
    const previous = req.projectId ? await projectOf(t, req.projectId) : null;
    if (req.projectId) {
      if (!previous || previous.orgId !== req.orgId) throw new Rollback(failWith('PROJECT_NOT_FOUND'));
      if (!isEditable(previous.status)) throw new Rollback(failWith('NOT_EDITABLE'));
      // Shifts written by an earlier submission of a rejected project go: the next submission writes them anew.
      for (let n = 0; n < previous.shiftCount; n++) await t.collection('shifts').doc(shiftIdOf(projectId, n)).remove();
    }
    const doc: ProjectDoc = {
      _id: projectId,
      ...projectFields(projectId, req.project, manager.org, [], previous, ctx.env),
      ...projectStatusFields('draft'),
      shiftCount: 0,
      ...(previous?.review ? { review: previous.review } : {}),
      createdBy: previous?.createdBy ?? manager.userId,
      createdAt: previous?.createdAt ?? ctx.now,
      updatedAt: ctx.now,
    };
    await t.collection('projects').doc(projectId).set({ data: withoutId(doc) });
    return ok({ projectId, status: doc.status, shiftCount });
  });
});

/** The file is a cover uploadCover stored and recorded for this organization. */
async function isCoverOf(db: Database, orgId: string, fileId: string): Promise<boolean> {
  const coverId = coverIdOf(orgId, fileId);
  if (!coverId) return false;
  const cover = await getOrNull<ProjectCoverDoc>(db, 'projectCovers', coverId);
  return cover?.orgId === orgId && cover.fileId === fileId;
}
