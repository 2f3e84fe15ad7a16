// Who the caller is on the platform: their user document, their volunteer profile, their roles. Every read is keyed
// by the caller's identity from WeChat context.
import type { ActionContext } from '../frame/action';
import { userIdOf } from '../documents/ids';
import { membershipId, type MembershipDoc } from '../documents/membership';
import type { UserDoc } from '../documents/user';
import type { VolunteerDoc } from '../documents/volunteer';
import { platformAdminOpenids } from '../security/roles';
import { getOrNull, type Database, type Tx } from './db';

export interface CallerRecord {
  userId: string;
  user: UserDoc | null;
}

export async function loadCaller(ctx: ActionContext): Promise<CallerRecord> {
  const userId = userIdOf(ctx.caller.openid);
  return { userId, user: await getOrNull<UserDoc>(ctx.db, 'users', userId) };
}

/**
 * Inside a transaction: the caller's user document, made now if they were never seen (as user.session would make it),
 * so that an account that acts before ever opening 我的 (a help request from a shared link) can be told and found.
 */
export async function callerAccountIn(t: Tx, ctx: ActionContext): Promise<string> {
  const userId = userIdOf(ctx.caller.openid);
  if (await getOrNull<UserDoc>(t, 'users', userId)) return userId;
  const fresh: Omit<UserDoc, '_id'> = { openid: ctx.caller.openid, roles: [], createdAt: ctx.now };
  if (ctx.caller.unionid) fresh.unionid = ctx.caller.unionid;
  await t.collection('users').doc(userId).set({ data: fresh });
  return userId;
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

/**
 * Whose personal data an export or a deletion covers: the caller's account with their active volunteer profile, or
 * without one for an account that never registered (it may have asked for help); null when no account is on record
 * (never seen, or already deleted).
 */
export async function accountHolder(ctx: ActionContext): Promise<{ userId: string; user: UserDoc; volunteer: VolunteerDoc | null } | null> {
  const volunteer = await registeredVolunteer(ctx);
  if (volunteer) return volunteer;
  const { userId, user } = await loadCaller(ctx);
  return user ? { userId, user, volunteer: null } : null;
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
