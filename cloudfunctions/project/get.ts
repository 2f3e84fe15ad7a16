// project.get — a project's detail for anyone, no registration needed: shifts with places left (from the signup
// function's capacity), the organization, conditions, risk, and who is going (masked names, RULES §8, and the
// count), and every shift's waitlist (the signup function counts it on the capacity shards). Drafts and projects
// under review are seen only by the organization's admins (and, under review, the platform's). The cover is shown to others only once WeChat's check passed.
import { totalsByShift } from '../_shared/signup/places';
import { isOrgAdmin, isPlatformAdmin } from '../_shared/db/people';
import { rows } from '../_shared/db/paging';
import { userIdOf } from '../_shared/documents/ids';
import type { ProjectDoc, SignupDoc } from '../_shared/documents/project';
import type { UserDoc } from '../_shared/documents/user';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { action } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { failWith } from '../_shared/messages/answers';
import { maskName } from '../_shared/rules/mask';
import type { Database } from '../_shared/db/db';
import { getSchema } from './schemas';
import { CONTACT_PHONE_PURPOSE, LIVE_SIGNUP_STATUSES, projectOf, shiftsOf } from './store';
import { isPublished, MAX_SHIFTS_PER_PROJECT } from './rules';
import { decryptField, keyRingFromEnv } from '../_shared/security/crypto';
import type { MySignupOfProject, ProjectInput } from '../../typings/project-actions';
import { projectDetail } from './view';

/** Names shown under 谁会去; the count covers everyone. */
export const GOING_NAMES_SHOWN = 20;

export const get = action('project', 'get', getSchema, async (req, ctx) => {
  const project = await projectOf(ctx.db, req.projectId);
  if (!project) return failWith('PROJECT_NOT_FOUND');
  const canEdit = await isOrgAdmin(ctx.db, project.orgId, userIdOf(ctx.caller.openid));
  const publicNow = isPublished(project.status) || project.status === 'finished' || project.status === 'cancelled';
  if (!publicNow && !canEdit && !(project.status === 'submitted' && isPlatformAdmin(ctx))) return failWith('PROJECT_NOT_FOUND');

  const [shifts, going, coverUrl, mySignups] = await Promise.all([
    shiftsOf(ctx.db, project._id),
    whoIsGoing(ctx.db, project._id),
    project.coverFileId && (canEdit || project.coverCheck?.state === 'pass') ? tempUrl(ctx.cloud, project.coverFileId) : Promise.resolve(undefined),
    signupsOf(ctx.db, project, userIdOf(ctx.caller.openid)),
  ]);
  // Places held and the waitlist of every shift from their capacity shards, in one read for all shifts.
  const totals = await totalsByShift(ctx.db, shifts.map((s) => s._id));
  const held = new Map([...totals].map(([id, t]) => [id, t.taken]));
  const waitlisted = new Map(shifts.filter((s) => !s.cancelled).map((s) => [s._id, totals.get(s._id)?.waitlisted ?? 0]));
  // Every project the function writes holds its form; a document written otherwise (test fixtures) has none to edit.
  const form = canEdit && project.form ? editableForm(project, ctx.env) : undefined;
  return ok(projectDetail(project, shifts, going, { ...(coverUrl ? { coverUrl } : {}), canEdit, held, waitlisted, mySignups, ...(form ? { form } : {}) }));
});
/** The caller's own sign-ups of this project that hold or wait for a place (index userId_orgId_startsAt). */
async function signupsOf(db: Database, project: ProjectDoc, userId: string): Promise<MySignupOfProject[]> {
  const _ = db.command;
  const mine = await rows<SignupDoc>(
    db.collection('signups').where({ userId, orgId: project.orgId, projectId: project._id, status: _.in([...LIVE_SIGNUP_STATUSES]) }).limit(MAX_SHIFTS_PER_PROJECT),
  );
  return mine.map((s) => ({ shiftId: s.shiftId, status: s.status as MySignupOfProject['status'] }));
}

/** The saved form as the admin typed it, to edit: the contact phone decrypted for them, never the password. */
function editableForm(project: ProjectDoc, env: NodeJS.ProcessEnv): ProjectInput {
  const form = project.form;
  return { ...form, contact: { name: form.contact.name, phone: decryptField(form.contact.phone, keyRingFromEnv(env), CONTACT_PHONE_PURPOSE) } };
}

async function whoIsGoing(db: Database, projectId: string): Promise<{ names: string[]; count: number }> {
  const where = { projectId, status: 'confirmed' };
  const [{ total }, signups] = await Promise.all([
    db.collection('signups').where(where).count() as Promise<{ total: number }>,
    rows<SignupDoc>(db.collection('signups').where(where).orderBy('createdAt', 'asc').limit(GOING_NAMES_SHOWN)),
  ]);
  const userIds = [...new Set(signups.map((s) => s.userId))];
  if (userIds.length === 0) return { names: [], count: total };
  const _ = db.command;
  const users = await rows<UserDoc>(db.collection('users').where({ _id: _.in(userIds) }).limit(GOING_NAMES_SHOWN));
  const volunteerIds = users.map((u) => u.volunteerId).filter((id): id is string => typeof id === 'string');
  const volunteers = volunteerIds.length > 0 ? await rows<VolunteerDoc>(db.collection('volunteers').where({ _id: _.in(volunteerIds) }).limit(GOING_NAMES_SHOWN)) : [];
  const nameOf = new Map(volunteers.filter((v) => v.status === 'active').map((v) => [v.userId, v.name]));
  return { names: userIds.map((id) => nameOf.get(id)).filter((n): n is string => n !== undefined).map(maskName), count: total };
}

/** One file: well inside getTempFileURL's 50 files per call. A cover link lives an hour. */
async function tempUrl(cloud: typeof import('wx-server-sdk'), fileID: string): Promise<string | undefined> {
  const res = (await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: 3600 }] })) as { fileList: Array<{ tempFileURL?: string; status?: number }> };
  return res.fileList[0]?.tempFileURL || undefined;
}
