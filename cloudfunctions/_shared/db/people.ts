// Who the caller is on the platform: their user document, their volunteer profile, their roles. Every read is keyed
// by the caller's identity from WeChat context.
import type { ActionContext } from '../frame/action';
import { userIdOf } from '../documents/ids';
import { membershipId, type MembershipDoc } from '../documents/membership';
import type { UserDoc } from '../documents/user';
import type { VolunteerDoc } from '../documents/volunteer';
import { platformAdminOpenids } from '../security/roles';
import { getOrNull, type Database } from './db';

export interface CallerRecord {
  userId: string;
  user: UserDoc | null;
}

export async function loadCaller(ctx: ActionContext): Promise<CallerRecord> {
  const userId = userIdOf(ctx.caller.openid);
  return { userId, user: await getOrNull<UserDoc>(ctx.db, 'users', userId) };
}

export interface RegisteredVolunteer {
  userId: string;
  user: UserDoc;
  volunteer: VolunteerDoc;
}

/** The caller's active volunteer document, or null when they have none (never registered, or deleted). */
export async function registeredVolunteer(ctx: ActionContext): Promise<RegisteredVolunteer | null> {
  const { userId, user } = await loadCaller(ctx);
  if (!user?.volunteerId) return null;
  const volunteer = await getOrNull<VolunteerDoc>(ctx.db, 'volunteers', user.volunteerId);
  if (!volunteer || volunteer.status !== 'active' || volunteer.userId !== userId) return null;
  return { userId, user, volunteer };
}

export function isPlatformAdmin(ctx: ActionContext): boolean {
  return platformAdminOpenids(ctx.env).has(ctx.caller.openid);
}

export async function membershipOf(db: Database, orgId: string, userId: string): Promise<MembershipDoc | null> {
  return getOrNull<MembershipDoc>(db, 'memberships', membershipId(orgId, userId));
}

/** Every action on an organization checks the caller's role in that organization. */
export async function isOrgAdmin(db: Database, orgId: string, userId: string): Promise<boolean> {
  const m = await membershipOf(db, orgId, userId);
  return m !== null && m.role === 'admin' && m.status === 'active';
}
