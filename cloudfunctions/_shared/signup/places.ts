// A shift's places, shared by the `signup` function and whatever else changes places (the `project` function's
// changePlaces calls `placesChanged`). The places are cut into capacity shards (cloudfunctions/signup/README.md,
// "Capacity"): a sign-up takes a place in one shard, so sign-ups for one hot shift meet on many documents, not one.
// A freed place goes straight to the first in line, in the transaction that frees it, so no newcomer takes it first.
import type { SignupStatus } from '../../../typings/project';
import { getOrNull, inFollowUpTransaction, type Database, type Tx } from '../db/db';
import { everyRow, rows } from '../db/paging';
import { capacityShardId, type CapacityShardDoc, type ProjectDoc, type ShiftDoc, type SignupDoc, type SignupScheduleDoc } from '../documents/project';
import { enqueue } from '../messages/outbox';
import { toVolunteer, type SignupFacts } from '../messages/signup-notifications';
import { canOffer, firstOverlap, offerExpiresAt, REASONS, resizedSlices, shardCountFor, shardSlices, shiftTimeText } from '../../signup/rules';
import { shanghaiClock } from '../../../miniprogram/domain/calendar';

export const SHARDS = 'capacityShards';
export const SIGNUPS = 'signups';
export const SCHEDULES = 'signupSchedules';

/** The shards of a shift (at most 32, so one page). */
export async function shardsOf(db: Database, shiftId: string): Promise<CapacityShardDoc[]> {
  return rows<CapacityShardDoc>(db.collection(SHARDS).where({ shiftId }).limit(100));
}

/** What a shift's shards add up to: places held (confirmed, pending, offered), the slices' places, the waitlist. */
export interface ShiftTotals {
  taken: number;
  places: number;
  waitlisted: number;
  shards: number;
}

/**
 * The totals of each shift's shards, all `shiftIds` read together (100 shards at a time): what lists and details
 * show as taken and waiting, with no query per shift. A shift without shards yet has all zeros.
 */
export async function totalsByShift(db: Database, shiftIds: readonly string[]): Promise<Map<string, ShiftTotals>> {
  const totals = new Map<string, ShiftTotals>(shiftIds.map((id) => [id, { taken: 0, places: 0, waitlisted: 0, shards: 0 }]));
  if (shiftIds.length === 0) return totals;
  const shards = await everyRow<CapacityShardDoc>(db, SHARDS, { shiftId: db.command.in([...shiftIds]) }, null, shiftIds.length * 32);
  for (const s of shards) {
    const t = totals.get(s.shiftId) ?? { taken: 0, places: 0, waitlisted: 0, shards: 0 };
    totals.set(s.shiftId, { taken: t.taken + s.taken, places: t.places + s.places, waitlisted: t.waitlisted + Math.max(0, s.waitlisted ?? 0), shards: t.shards + 1 });
  }
  return totals;
}

/** Places held per shift (see totalsByShift). */
export async function heldByShift(db: Database, shiftIds: readonly string[]): Promise<Map<string, number>> {
  return new Map([...(await totalsByShift(db, shiftIds))].map(([id, t]) => [id, t.taken]));
}

/**
 * Inside the transaction that puts a sign-up on the waitlist: count it on one of the shift's shards, chosen at
 * random so concurrent waitlisted sign-ups meet on many documents (as places do); answers the shard's id for the
 * sign-up's `waitShardId`.
 */
export async function joinWaitlist(t: Tx, shardIds: readonly string[], now: Date): Promise<string | undefined> {
  const id = shuffled(shardIds)[0];
  if (!id) return undefined;
  const shard = await getOrNull<CapacityShardDoc>(t, SHARDS, id);
  if (!shard) return undefined;
  await t.collection(SHARDS).doc(id).update({ data: { waitlisted: Math.max(0, shard.waitlisted ?? 0) + 1, updatedAt: now } });
  return id;
}

/** Inside the transaction that moves `s` off the waitlist (offered, passed over, withdrawn, removed): uncount it. */
export async function leaveWaitlist(t: Tx, s: Pick<SignupDoc, 'status' | 'waitShardId'>, now: Date): Promise<void> {
  if (s.status !== 'waitlisted' || !s.waitShardId) return;
  const shard = await getOrNull<CapacityShardDoc>(t, SHARDS, s.waitShardId);
  if (shard) await t.collection(SHARDS).doc(shard._id).update({ data: { waitlisted: Math.max(0, (shard.waitlisted ?? 0) - 1), updatedAt: now } });
}

/** A sign-up's fields for its new status: off the waitlist, it no longer names the shard that counted it. */
export function withoutWaitShard(s: SignupDoc): SignupDoc {
  const { waitShardId: _counted, ...rest } = s;
  return rest;
}

/** The shards a shift with `places` starts with (the `project` function may write them when it publishes the shift). */
export function shardDocsFor(shift: Pick<ShiftDoc, '_id' | 'places'>, now: Date): CapacityShardDoc[] {
  const slices = shardSlices(shift.places, shardCountFor(shift.places));
  return slices.map((places, index) => ({ _id: capacityShardId(shift._id, index), shiftId: shift._id, index, places, taken: 0, updatedAt: now }));
}

/** The shift's shards, made on first use for a shift written without them. */
export async function ensureShards(db: Database, shift: ShiftDoc, now: Date): Promise<CapacityShardDoc[]> {
  const existing = await shardsOf(db, shift._id);
  if (existing.length > 0) return existing;
  const docs = shardDocsFor(shift, now);
  await inFollowUpTransaction(db, async (t) => {
    for (const { _id, ...doc } of docs) if (!(await getOrNull(t, SHARDS, _id))) await t.collection(SHARDS).doc(_id).set({ data: doc });
  });
  return shardsOf(db, shift._id);
}

export const hasRoom = (s: Pick<CapacityShardDoc, 'places' | 'taken'>): boolean => s.taken < s.places;

/** Fisher–Yates, so concurrent sign-ups spread over the shards with room. */
export function shuffled<T>(items: readonly T[], random: () => number = Math.random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The first waitlisted sign-up of a shift (arrival order: queuedAt, then _id). */
export async function firstInLine(db: Database, shiftId: string): Promise<SignupDoc | null> {
  const found = await rows<SignupDoc>(
    db.collection(SIGNUPS).where({ shiftId, status: 'waitlisted' }).orderBy('queuedAt', 'asc').orderBy('_id', 'asc').limit(1),
  );
  return found[0] ?? null;
}

export function factsOf(s: SignupDoc, transition: number): SignupFacts {
  return {
    signupId: s._id,
    shiftId: s.shiftId,
    projectId: s.projectId,
    orgId: s.orgId,
    userId: s.userId,
    projectTitle: s.projectTitle,
    when: shiftTimeText(s),
    transition,
    startsAt: s.startsAt,
  };
}

/** The sign-up after a change of status: the old status and reason go to its history (nothing is deleted). */
export function changed(s: SignupDoc, status: SignupStatus, reason: string, now: Date, extra: Partial<SignupDoc> = {}, by?: string): SignupDoc {
  return {
    ...s,
    ...extra,
    status,
    reason,
    history: [...s.history, { status: s.status, reason: s.reason, at: s.updatedAt, ...(by ? { by } : {}) }],
    updatedAt: now,
  };
}

/** Write a whole sign-up inside a transaction (fields a change drops are dropped). */
export async function writeSignup(t: Tx, s: SignupDoc): Promise<void> {
  const { _id, ...data } = s;
  await t.collection(SIGNUPS).doc(_id).set({ data });
}

export async function scheduleOf(t: Tx, userId: string): Promise<SignupScheduleDoc> {
  return (await getOrNull<SignupScheduleDoc>(t, SCHEDULES, userId)) ?? { _id: userId, holds: [], updatedAt: new Date(0) };
}

/** The person's holds after adding or dropping one, past ones pruned (they cannot overlap anything new). */
export async function writeSchedule(t: Tx, schedule: SignupScheduleDoc, change: { add?: SignupDoc; drop?: string }, now: Date): Promise<void> {
  const holds = schedule.holds.filter((h) => h.signupId !== change.drop && h.signupId !== change.add?._id && h.endsAt.getTime() > now.getTime());
  if (change.add) holds.push({ signupId: change.add._id, projectTitle: change.add.projectTitle, startsAt: change.add.startsAt, endsAt: change.add.endsAt });
  const { _id, ...data } = { ...schedule, holds, updatedAt: now };
  await t.collection(SCHEDULES).doc(_id).set({ data });
}

/** The person's other holds (this sign-up excluded). */
export function otherHolds(schedule: SignupScheduleDoc, signupId: string): SignupScheduleDoc['holds'] {
  return schedule.holds.filter((h) => h.signupId !== signupId);
}

interface OfferContext {
  shift: Pick<ShiftDoc, 'startsAt' | 'endsAt' | 'cancelled'>;
  project: Pick<ProjectDoc, 'offerHours'>;
  now: Date;
}

/**
 * Inside a transaction: offer `shardId`'s place to `candidate` if it is still first in line and free at that time;
 * a candidate who now holds an overlapping place is passed over (told why). Answers whether the place was given.
 */
async function offerTo(t: Tx, candidate: SignupDoc, shardId: string, c: OfferContext): Promise<'offered' | 'passedOver' | 'gone'> {
  const current = await getOrNull<SignupDoc>(t, SIGNUPS, candidate._id);
  if (!current || current.status !== 'waitlisted') return 'gone';
  const schedule = await scheduleOf(t, current.userId);
  await leaveWaitlist(t, current, c.now);
  if (firstOverlap(otherHolds(schedule, current._id), current)) {
    const passed = withoutWaitShard(changed(current, 'expired', REASONS.passedOverOverlap, c.now, {}, 'system'));
    await writeSignup(t, passed);
    await enqueue(t, toVolunteer('signup.expired', factsOf(passed, passed.history.length), passed.reason), c.now);
    return 'passedOver';
  }
  const until = offerExpiresAt(c.now, c.shift.startsAt, c.project.offerHours);
  const offered = withoutWaitShard(changed(current, 'offered', REASONS.offered(shanghaiClock(until).format('M月D日 HH:mm')), c.now, { shardId, offerExpiresAt: until }, 'system'));
  await writeSignup(t, offered);
  await writeSchedule(t, schedule, { add: offered }, c.now);
  await enqueue(t, toVolunteer('signup.offered', factsOf(offered, offered.history.length), offered.reason), c.now);
  return 'offered';
}

/**
 * Inside the transaction that ends `from`'s hold on a place: the place goes to `next` (the first in line, found just
 * before the transaction and checked again inside it) as an offer, or back to its shard when nobody is in line, the
 * candidate moved on, or the shift has started. `from` must be written by the caller.
 */
export async function passPlaceOn(t: Tx, from: SignupDoc, next: SignupDoc | null, c: OfferContext): Promise<'offered' | 'freed'> {
  if (!from.shardId) return 'freed';
  if (next && next._id !== from._id && canOffer(c.shift, c.now) && (await offerTo(t, next, from.shardId, c)) === 'offered') return 'offered';
  const shard = await getOrNull<CapacityShardDoc>(t, SHARDS, from.shardId);
  if (shard) await t.collection(SHARDS).doc(shard._id).update({ data: { taken: Math.max(0, shard.taken - 1), updatedAt: c.now } });
  return 'freed';
}

/** Keep the shift's `capacity.full` (discovery's "has places left") in step; written only when it changes. */
async function noteFull(db: Database, shift: ShiftDoc, full: boolean): Promise<void> {
  if (shift.capacity?.full === full) return;
  await db.collection('shifts').doc(shift._id).update({ data: { capacity: { shards: shift.capacity?.shards ?? 0, full } } });
}

const MAX_OFFERS_PER_SETTLE = 200;

/**
 * Offer every place with room to the waitlist, first in line first, until no place or nobody is left; then note
 * whether the shift is full. Run after any change that may leave a place free while someone waits (a sign-up joined
 * the waitlist while a place was being freed, more places, an offer expired). Safe to run twice at once: each offer
 * is one transaction that re-reads the candidate and the shard.
 */
export async function settle(db: Database, shiftId: string, now: Date, known?: ShiftDoc): Promise<{ offered: number }> {
  let offered = 0;
  for (let round = 0; round < MAX_OFFERS_PER_SETTLE; round++) {
    // The shards first: on a full shift (the usual case after a waitlisted sign-up) that one query decides, and a
    // shift the caller read as full already needs nothing more.
    const withRoom = (await shardsOf(db, shiftId)).filter(hasRoom);
    if (withRoom.length === 0 && round === 0 && known?.capacity?.full === true) return { offered };
    const shift = await getOrNull<ShiftDoc>(db, 'shifts', shiftId);
    if (!shift) return { offered };
    if (withRoom.length === 0) {
      await noteFull(db, shift, true);
      return { offered };
    }
    const project = await getOrNull<ProjectDoc>(db, 'projects', shift.projectId);
    const next = withRoom.length > 0 && canOffer(shift, now) ? await firstInLine(db, shiftId) : null;
    if (!next || !project) {
      await noteFull(db, shift, withRoom.length === 0);
      return { offered };
    }
    const shard = shuffled(withRoom)[0]!;
    const outcome = await inFollowUpTransaction(db, async (t) => {
      const current = await getOrNull<CapacityShardDoc>(t, SHARDS, shard._id);
      if (!current || !hasRoom(current)) return 'gone' as const;
      const result = await offerTo(t, next, shard._id, { shift, project, now });
      if (result === 'offered') await t.collection(SHARDS).doc(shard._id).update({ data: { taken: current.taken + 1, updatedAt: now } });
      return result;
    });
    if (outcome === 'offered') offered++;
  }
  return { offered };
}

/**
 * The hook for a change of a shift's places (the `project` function's changePlaces, after it has written
 * `shifts.places`): the shards are resized to the new number — growth adds room, a cut removes free places only —
 * and the waitlist is offered every new place. Answers the places now held and the shift's places.
 */
export async function placesChanged(db: Database, shiftId: string, now: Date): Promise<{ held: number; places: number; offered: number }> {
  const shift = await getOrNull<ShiftDoc>(db, 'shifts', shiftId);
  if (!shift) return { held: 0, places: 0, offered: 0 };
  const shards = (await ensureShards(db, shift, now)).sort((a, b) => a.index - b.index);
  await inFollowUpTransaction(db, async (t) => {
    const current: CapacityShardDoc[] = [];
    for (const s of shards) {
      const read = await getOrNull<CapacityShardDoc>(t, SHARDS, s._id);
      if (read) current.push(read);
    }
    const slices = resizedSlices(current, shift.places);
    for (let i = 0; i < current.length; i++) {
      if (slices[i] !== current[i]!.places) await t.collection(SHARDS).doc(current[i]!._id).update({ data: { places: slices[i], updatedAt: now } });
    }
  });
  const { offered } = await settle(db, shiftId, now);
  const held = (await shardsOf(db, shiftId)).reduce((n, s) => n + s.taken, 0);
  return { held, places: shift.places, offered };
}

/**
 * Deleting an account (personal-data.ts): each sign-up still in play is withdrawn — a held place goes to the next in
 * line — and every sign-up of the person keeps only what the organization's records need, under `anonymousId`.
 */
export async function withdrawAndAnonymiseSignups(db: Database, userId: string, anonymousId: string, now: Date): Promise<void> {
  const mine = await rows<SignupDoc>(db.collection(SIGNUPS).where({ userId }).orderBy('_id', 'asc').limit(100));
  for (const s of mine) {
    const [shift, project, next] = await Promise.all([
      getOrNull<ShiftDoc>(db, 'shifts', s.shiftId),
      getOrNull<ProjectDoc>(db, 'projects', s.projectId),
      firstInLine(db, s.shiftId),
    ]);
    await inFollowUpTransaction(db, async (t) => {
      const current = await getOrNull<SignupDoc>(t, SIGNUPS, s._id);
      if (!current) return;
      const active = HOLDING_STATUSES.includes(current.status) || current.status === 'waitlisted';
      const after: SignupDoc = active ? withoutWaitShard(changed(current, 'withdrawn', ACCOUNT_DELETED_REASON, now, {}, 'system')) : { ...current };
      delete after.viaGroupId;
      if (active) await leaveWaitlist(t, current, now);
      if (HOLDING_STATUSES.includes(current.status)) {
        delete after.shardId;
        delete after.offerExpiresAt;
        if (shift) await passPlaceOn(t, current, next, { shift, project: project ?? {}, now });
      }
      await writeSignup(t, { ...after, userId: anonymousId });
    });
    if (HOLDING_STATUSES.includes(s.status)) await settle(db, s.shiftId, now);
  }
  if (mine.length === 100) await withdrawAndAnonymiseSignups(db, userId, anonymousId, now);
}

const HOLDING_STATUSES: readonly SignupStatus[] = ['pending', 'confirmed', 'offered'];
const ACCOUNT_DELETED_REASON = '志愿者已注销账号';
