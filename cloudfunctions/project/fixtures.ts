// Fixtures through the emulator for the project function's tests: an admin with a verified organization, projects
// saved and published through the product's own actions, sign-ups written as the signup function stores them.
// Tests only.
import type { Emulator } from '../../emulator/src/server';
import { serverSdk } from '../../emulator/test/support';
import type { ProjectInput } from '../../typings/project-actions';
import type { SignupStatus } from '../../typings/project';
import { signupId, type SignupDoc } from '../_shared/documents/project';
import { registerVolunteer, verifiedOrganization, type Volunteer } from '../organization/test-support';

export interface Publisher {
  admin: Volunteer;
  orgId: string;
}

let serial = 0;

export async function publisher(emu: Emulator, name = '鼓楼区阳光志愿服务中心'): Promise<Publisher> {
  const admin = await registerVolunteer(emu, `openid-publisher-${++serial}-${Date.now().toString(36)}`, '李管理');
  const orgId = await verifiedOrganization(emu, admin, { name });
  return { admin, orgId };
}

export async function draft(p: Publisher, form: ProjectInput): Promise<string> {
  const res = await p.admin.as.call('project', 'saveDraft', { orgId: p.orgId, project: form });
  if (!res.ok) throw new Error(`saveDraft: ${res.error.code} ${res.error.message}`);
  return res.data.projectId;
}

/** Saved and submitted: recruiting (unless the deployment reviews this organization's projects). */
export async function published(p: Publisher, form: ProjectInput): Promise<string> {
  const projectId = await draft(p, form);
  const res = await p.admin.as.call('project', 'submit', { projectId });
  if (!res.ok) throw new Error(`submit: ${res.error.code} ${res.error.message}`);
  return projectId;
}

/** A sign-up as the signup function stores it, and the shift's capacity moved as it moves it. */
export async function signUp(emu: Emulator, shiftId: string, volunteer: Volunteer, status: SignupStatus = 'confirmed'): Promise<void> {
  const db = serverSdk(emu).database();
  const got = ((await db.collection("shifts").doc(shiftId).get()) as unknown as { data: Record<string, any> | Array<Record<string, any>> }).data;
  const shift = (Array.isArray(got) ? got[0] : got)!;
  const now = new Date();
  const doc: Omit<SignupDoc, '_id'> = {
    shiftId,
    projectId: shift.projectId,
    orgId: shift.orgId,
    userId: volunteer.userId,
    status,
    reason: '符合报名条件',
    startsAt: shift.startsAt,
    endsAt: shift.endsAt,
    createdAt: now,
    updatedAt: now,
  };
  await db.collection('signups').doc(signupId(shiftId, volunteer.userId)).set({ data: doc });
  const _ = db.command;
  const field = status === 'confirmed' ? 'capacity.confirmed' : status === 'waitlisted' ? 'capacity.waitlisted' : undefined;
  if (field) await db.collection('shifts').doc(shiftId).update({ data: { [field]: _.inc(1) } });
}

export { registerVolunteer };
