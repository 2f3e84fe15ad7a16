// The link from a person to their follow of the volunteer official account (collection `followers`, kept by the
// follower function): the mini-program and the account are different apps, so their openids differ; what they share
// is the unionid of the open platform both are bound to (users.unionid, recorded by user.session from the context).
import type { FollowerDoc } from '../documents/notification';
import type { UserDoc } from '../documents/user';
import type { Database } from './db';

/**
 * The follower document of someone who follows the account now, linked by the user's unionid (index `unionid`), or
 * null: no unionid known (the mini-program is not bound to an open platform, or the user has not opened it since),
 * never followed, or no longer following.
 */
export async function followerOfUser(db: Database, user: Pick<UserDoc, 'unionid'>): Promise<FollowerDoc | null> {
  if (!user.unionid) return null;
  const res = (await db.collection('followers').where({ unionid: user.unionid, subscribed: true }).limit(1).get()) as unknown as { data: FollowerDoc[] };
  return res.data[0] ?? null;
}
