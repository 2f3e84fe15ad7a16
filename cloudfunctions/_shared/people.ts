// Who the caller is on the platform: their user document, their volunteer profile, their roles.
import type { ActionContext } from './action';
import { getOrNull, type Database } from './db';
import { userIdOf } from './ids';
import { platformAdminOpenids } from './roles';

export interface UserDoc {
  _id: string;
  openid: string;
  unionid?: string;
  roles: string[];
  volunteerId?: string;
  createdAt: Date;
}

export interface CallerRecord {
  userId: string;
  user: UserDoc | null;
}

export async function loadCaller(ctx: ActionContext): Promise<CallerRecord> {
  const userId = userIdOf(ctx.caller.openid);
  return { userId, user: await getOrNull<UserDoc>(ctx.db, 'users', userId) };
}

export function isPlatformAdmin(ctx: ActionContext): boolean {
  return platformAdminOpenids(ctx.env).has(ctx.caller.openid);
}

export interface MembershipDoc {
  _id: string;
  orgId: string;
  userId: string;
  role: 'admin' | 'member';
  status: 'active' | 'pending' | 'declined';
  message?: string;
  requestCount: number;
  requestedAt: Date;
  since?: Date;
  decidedAt?: Date;
  decidedBy?: string;
}

export function membershipId(orgId: string, userId: string): string {
  return `${orgId}_${userId}`;
}

export async function membershipOf(db: Database, orgId: string, userId: string): Promise<MembershipDoc | null> {
  return getOrNull<MembershipDoc>(db, 'memberships', membershipId(orgId, userId));
}

/** Every action on an organization checks the caller's role in that organization. */
export async function isOrgAdmin(db: Database, orgId: string, userId: string): Promise<boolean> {
  const m = await membershipOf(db, orgId, userId);
  return m !== null && m.role === 'admin' && m.status === 'active';
}
