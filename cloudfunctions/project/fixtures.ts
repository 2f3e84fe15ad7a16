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

/** An admin of a verified organization; a fresh name unless one is given (one name per region, so a given name once per emulator). */
export async function publisher(emu: Emulator, name?: string): Promise<Publisher> {
  const admin = await registerVolunteer(emu, `openid-publisher-${++serial}-${Date.now().toString(36)}`, '李管理');
  const orgId = await verifiedOrganization(emu, admin, name ? { name } : {});
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

/**
 * A volunteer on a shift: `confirmed` through the signup function itself (so the place is held in its capacity
 * shards as in production), other statuses written straight into the database (the people a change must reach).
 */
export async function signUp(emu: Emulator, shiftId: string, volunteer: Volunteer, status: SignupStatus = 'confirmed'): Promise<void> {
  if (status === 'confirmed') {
    const res = await volunteer.as.call('signup', 'signup', { shiftId });
    if (!res.ok || res.data.status !== 'confirmed') throw new Error(`signup: ${res.ok ? res.data.status : res.error.code}`);
    return;
  }
  const db = serverSdk(emu).database();
  const got = ((await db.collection('shifts').doc(shiftId).get()) as unknown as { data: Record<string, any> | Array<Record<string, any>> }).data;
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
    projectTitle: '',
    orgName: '',
    queuedAt: now,
    history: [],
    createdAt: now,
    updatedAt: now,
  };
  await db.collection('signups').doc(signupId(shiftId, volunteer.userId)).set({ data: doc });
}

export { registerVolunteer };
