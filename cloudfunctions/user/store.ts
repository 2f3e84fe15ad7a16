// The reads and writes of the user function.
import { getOrNull, inTransaction, type Database } from '../_shared/db/db';
import type { UserDoc } from '../_shared/documents/user';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import type { Caller } from '../_shared/frame/caller';

/**
 * The caller's user document, created on first sight. Its id is derived from the OPENID, so two first calls at the
 * same moment write the same document: one conflicts, runs again and reads what the other wrote.
 */
export async function userOnFirstSight(db: Database, userId: string, caller: Caller, now: Date): Promise<{ user: UserDoc; firstSeen: boolean }> {
  const known = await getOrNull<UserDoc>(db, 'users', userId);
  if (known) return { user: known, firstSeen: false };
  return inTransaction(db, async (t) => {
    const found = await getOrNull<UserDoc>(t, 'users', userId);
    if (found) return { user: found, firstSeen: false };
    const fresh: Omit<UserDoc, '_id'> = { openid: caller.openid, roles: [], createdAt: now };
    if (caller.unionid) fresh.unionid = caller.unionid;
    await t.collection('users').doc(userId).set({ data: fresh });
    return { user: { _id: userId, ...fresh }, firstSeen: true };
  });
}

/**
 * The unionid WeChat gives the caller now, on a user first seen without it (the mini-program was bound to the open
 * platform later, or the context had none then): the official account's follower is linked through it.
 */
export async function recordUnionid(db: Database, user: UserDoc, caller: Caller): Promise<UserDoc> {
  if (!caller.unionid || user.unionid === caller.unionid) return user;
  await db.collection('users').doc(user._id).update({ data: { unionid: caller.unionid } });
  return { ...user, unionid: caller.unionid };
}

export function volunteerOf(db: Database, user: UserDoc): Promise<VolunteerDoc | null> {
  return user.volunteerId ? getOrNull<VolunteerDoc>(db, 'volunteers', user.volunteerId) : Promise.resolve(null);
}
