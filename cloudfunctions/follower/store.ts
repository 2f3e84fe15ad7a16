// The reads and writes of the follower function, through @cloudbase/node-sdk's database (the design card's server
// SDK: HTTP access brings no WeChat context, so nothing here needs wx-server-sdk). Its writes take the data itself,
// not `{ data }` as wx-server-sdk's do. Every change to a follower is one conditional update on the document
// (`lastEventTime` below the new event's), atomic on CloudBase as in MongoDB, so concurrent pushes for one follower
// cannot lose an update and a late or repeated event changes nothing.
import type tcb from '@cloudbase/node-sdk';
import { isDuplicateKeyError } from '../_shared/db/db';
import type { FollowerSyncDoc } from '../_shared/documents/follower-sync';
import { followerIdOf } from '../_shared/documents/ids';
import type { FollowerDoc } from '../_shared/documents/notification';
import { eventPatch, outcomeOf, type Correction, type FollowEvent } from './rules';

export type NodeDb = ReturnType<ReturnType<typeof tcb.init>['database']>;

export const FOLLOWERS = 'followers';
export const FOLLOWER_SYNC = 'followerSync';

/** @cloudbase/database answers some failures in-band (`{ code, message }`) instead of throwing: make them throw. */
function checked<T>(result: T): T {
  const code = (result as { code?: unknown } | null)?.code;
  if (code) throw Object.assign(new Error(String((result as { message?: unknown }).message ?? code)), { code });
  return result;
}

async function docOrNull<T>(db: NodeDb, collection: string, id: string): Promise<T | null> {
  const res = checked(await db.collection(collection).doc(id).get()) as { data?: unknown };
  const data = Array.isArray(res.data) ? res.data[0] : res.data;
  return (data ?? null) as T | null;
}

export function followerOf(db: NodeDb, openid: string): Promise<FollowerDoc | null> {
  return docOrNull<FollowerDoc>(db, FOLLOWERS, followerIdOf(openid));
}

export type Applied = 'applied' | 'duplicate' | 'stale' | 'tie';

/**
 * Apply one pushed event: a conditional update if the follower is known, an insert under its derived id if not.
 * Two first events for one openid race to insert the same `_id`: the loser updates instead, under the same condition.
 */
export async function applyFollowEvent(db: NodeDb, event: FollowEvent, unionid: string | undefined, now: Date): Promise<Applied> {
  const _ = db.command;
  const id = followerIdOf(event.openid);
  const patch = eventPatch(event, unionid, now);
  for (let round = 0; round < 3; round++) {
    const res = checked(await db.collection(FOLLOWERS).where({ _id: id, lastEventTime: _.lt(event.createTime) }).update(patch)) as { updated?: number };
    if ((res.updated ?? 0) > 0) return 'applied';
    const held = await followerOf(db, event.openid);
    if (held) {
      const outcome = outcomeOf(held, event);
      // Written between the update and the read by a newer event: as if it had come first.
      if (outcome.kind === 'apply') continue;
      return outcome.kind;
    }
    try {
      checked(await db.collection(FOLLOWERS).add({ _id: id, ...patch }));
      return 'applied';
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
    }
  }
  // Three rounds each lost to a newer write: the newest event stands, which is the rule.
  return 'stale';
}

/** Settle a tie with what WeChat says now, as long as no newer event has come in the meantime. */
export async function settleTie(db: NodeDb, openid: string, createTime: number, subscribed: boolean, now: Date): Promise<boolean> {
  const res = checked(
    await db
      .collection(FOLLOWERS)
      .where({ _id: followerIdOf(openid), lastEventTime: createTime })
      .update({ subscribed, ...(subscribed ? { subscribedAt: new Date(createTime * 1000) } : { unsubscribedAt: new Date(createTime * 1000) }), updatedAt: now }),
  ) as { updated?: number };
  return (res.updated ?? 0) > 0;
}

/** A unionid learnt after the event was applied (user/info answered later): it never changes for an openid. */
export async function fillUnionid(db: NodeDb, openid: string, unionid: string, now: Date): Promise<void> {
  const _ = db.command;
  checked(await db.collection(FOLLOWERS).where({ _id: followerIdOf(openid), unionid: _.exists(false) }).update({ unionid, updatedAt: now }));
}

// ---- Reconciliation ----

/** The followers held for up to 100 openids (batchget's size), by openid. */
export async function followersByOpenid(db: NodeDb, openids: string[]): Promise<Map<string, FollowerDoc>> {
  if (openids.length === 0) return new Map();
  const res = checked(await db.collection(FOLLOWERS).where({ _id: db.command.in(openids.map(followerIdOf)) }).limit(100).get()) as { data: FollowerDoc[] };
  return new Map(res.data.map((f) => [f.openid, f]));
}

/**
 * Write one follower's correction; the state-changing one only while no event newer than the walk has come. Being
 * seen is marked for the whole batch afterwards (markSeen).
 */
export async function writeCorrection(db: NodeDb, openid: string, correction: Correction, walk: { runId: string; walkStartSeconds: number }, now: Date): Promise<'added' | 'corrected' | 'seen' | 'none'> {
  const _ = db.command;
  const id = followerIdOf(openid);
  switch (correction.kind) {
    case 'none':
      return 'none';
    case 'add':
      try {
        checked(await db.collection(FOLLOWERS).add({ _id: id, ...correction.doc }));
        return 'added';
      } catch (e) {
        // A push made it between the read and the insert: that event is newer than the walk and stands.
        if (!isDuplicateKeyError(e)) throw e;
        return 'seen';
      }
    case 'correct': {
      const res = checked(await db.collection(FOLLOWERS).where({ _id: id, lastEventTime: _.lt(walk.walkStartSeconds) }).update(correction.patch)) as { updated?: number };
      return (res.updated ?? 0) > 0 ? 'corrected' : 'seen';
    }
    case 'seen':
      if (!correction.unionid) return 'seen';
      checked(await db.collection(FOLLOWERS).where({ _id: id, unionid: _.exists(false) }).update({ unionid: correction.unionid, updatedAt: now }));
      return 'corrected';
  }
}

/** Mark followers seen by this walk (one write for many: the mark changes no state). */
export async function markSeen(db: NodeDb, openids: string[], runId: string, now: Date): Promise<void> {
  if (openids.length === 0) return;
  checked(await db.collection(FOLLOWERS).where({ _id: db.command.in(openids.map(followerIdOf)) }).update({ seenInSync: runId, updatedAt: now }));
}

/**
 * The sweep at the end of a walk: every follower still held as subscribed that the walk did not see, and whose last
 * event is older than the walk, is no longer following (its unfollow push was lost). One multi-document update,
 * each document's condition judged atomically with its write, so a follow pushed meanwhile is never overridden.
 */
export async function sweepUnseen(db: NodeDb, walk: { runId: string; walkStartSeconds: number }, now: Date): Promise<number> {
  const _ = db.command;
  const res = checked(
    await db
      .collection(FOLLOWERS)
      .where({ subscribed: true, lastEventTime: _.lt(walk.walkStartSeconds), seenInSync: _.neq(walk.runId) })
      .update({ subscribed: false, unsubscribedAt: now, lastEventTime: walk.walkStartSeconds, updatedAt: now }),
  ) as { updated?: number };
  return res.updated ?? 0;
}

export function syncOf(db: NodeDb, appid: string): Promise<FollowerSyncDoc | null> {
  return docOrNull<FollowerSyncDoc>(db, FOLLOWER_SYNC, appid);
}

/**
 * Take the cursor for this run until `until` (a run that died lets go when its lease passes). The cursor document is
 * created on the first night; two first runs race to insert it and the loser takes the lease like any other run.
 */
export async function takeSyncLease(db: NodeDb, appid: string, runToken: string, now: Date, until: Date): Promise<boolean> {
  const _ = db.command;
  for (let round = 0; round < 2; round++) {
    const res = checked(await db.collection(FOLLOWER_SYNC).where({ _id: appid, leaseUntil: _.lt(now) }).update({ leaseBy: runToken, leaseUntil: until })) as { updated?: number };
    if ((res.updated ?? 0) > 0) return true;
    if (await syncOf(db, appid)) return false;
    try {
      const first: Omit<FollowerSyncDoc, '_id'> = {
        runId: '',
        state: 'finished',
        startedAt: new Date(0),
        walkStartSeconds: 0,
        nextOpenid: '',
        listDone: true,
        queue: [],
        pages: 0,
        seen: 0,
        added: 0,
        corrected: 0,
        leaseBy: runToken,
        leaseUntil: until,
        updatedAt: now,
      };
      checked(await db.collection(FOLLOWER_SYNC).add({ _id: appid, ...first }));
      return true;
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
    }
  }
  return false;
}

/** Save the cursor, only while this run still holds the lease; `clearFailure` removes the last failure noted. */
export async function saveSync(db: NodeDb, appid: string, runToken: string, fields: Partial<FollowerSyncDoc>, clearFailure = false): Promise<boolean> {
  const _ = db.command;
  const data: Record<string, unknown> = clearFailure ? { ...fields, lastFailure: _.remove() } : { ...fields };
  const res = checked(await db.collection(FOLLOWER_SYNC).where({ _id: appid, leaseBy: runToken }).update(data)) as { updated?: number };
  return (res.updated ?? 0) > 0;
}
