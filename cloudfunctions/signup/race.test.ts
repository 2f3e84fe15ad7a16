// The hot shift, through the emulator's production transaction semantics (snapshot reads, fail-fast write
// conflicts): 200 sign-ups at once for 50 places give exactly 50 places held and 150 waitlisted in arrival order,
// with no error at all; withdrawals then promote the waitlist in that order.
import type { Emulator } from '../../emulator/src/server';
import { serverSdk, startTestEmulator } from '../../emulator/test/support';
import type { CapacityShardDoc, SignupDoc } from '../_shared/documents/project';
import { docs, functionEnv, registerVolunteer, verifiedOrganization, type Volunteer } from '../organization/test-support';
import { waitlistOrder } from './rules';
import { projectDoc, publish, shiftDoc } from './test-support';

let emu: Emulator;
// 10 instances of the function at most, all started before the burst: SCF runs a function at most at its
// concurrency quota (函数并发配额) and queues the rest, and a production function under such load is warm (runtime
// README, "Provisioned concurrency"). On the shared two-core machine (load average 10–17 while measured) a sign-up
// costs about 0.3 s of its time, so 50 or 100 instances at once each took 15–65 s of wall time and some passed the
// 20 s function timeout; 10 at once stay well inside it and still overlap their transactions on the same shards.
const INSTANCES = 10;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv, maxInstancesPerFunction: INSTANCES });
});
afterAll(async () => emu.stop());

jest.setTimeout(240_000);

/** Every sign-up of the shift, 100 a page (a get() answers at most 100). */
async function signupsOf(shiftId: string): Promise<SignupDoc[]> {
  const out: SignupDoc[] = [];
  for (;;) {
    const page = (await serverSdk(emu).database().collection('signups').where({ shiftId }).orderBy('_id', 'asc').skip(out.length).limit(100).get()) as unknown as { data: SignupDoc[] };
    out.push(...page.data);
    if (page.data.length < 100) return out;
  }
}

test('200 at once for 50 places: 50 confirmed, 150 waitlisted in arrival order, 0 errors; withdrawals promote in order', async () => {
  const admin = await registerVolunteer(emu, 'openid-race-admin');
  const orgId = await verifiedOrganization(emu, admin);
  const project = projectDoc(orgId);
  const shift = shiftDoc(project, { places: 50 });
  await publish(emu, project, [shift]);
  const people: Volunteer[] = [];
  for (let i = 0; i < 200; i++) people.push(await registerVolunteer(emu, `openid-race-${i}`));
  await emu.runtime!.provision('signup', INSTANCES);

  const before = emu.database.transactionCounts();
  const startedAt = Date.now();
  const answers = await Promise.all(people.map((p) => p.as.call('signup', 'signup', { shiftId: shift._id })));
  const after = emu.database.transactionCounts();
  const burstMs = Date.now() - startedAt;

  expect(answers.filter((a) => !a.ok)).toEqual([]);
  const statuses = answers.map((a) => (a.ok ? a.data.status : 'error'));
  expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(50);
  expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(150);

  const stored = await signupsOf(shift._id);
  expect(stored).toHaveLength(200);
  const shards = await docs<CapacityShardDoc>(emu, 'capacityShards', { shiftId: shift._id });
  expect(shards.reduce((n, s) => n + s.taken, 0)).toBe(50);
  expect(shards.every((s) => s.taken <= s.places)).toBe(true);
  // Each confirmed sign-up names a shard, and each shard holds exactly the sign-ups naming it; likewise each shard
  // counts exactly the waitlisted sign-ups naming it, so the shards add up to the waitlist.
  for (const s of shards) expect(stored.filter((x) => x.shardId === s._id)).toHaveLength(s.taken);
  for (const s of shards) expect(stored.filter((x) => x.status === 'waitlisted' && x.waitShardId === s._id)).toHaveLength(s.waitlisted ?? 0);
  expect(shards.reduce((n, s) => n + (s.waitlisted ?? 0), 0)).toBe(150);

  // Arrival order: the organization's roster lists the waitlist by arrival (queuedAt, then id) with positions 1…150.
  // An answer's position is the one at the moment it was given: one who arrived earlier but committed later moves
  // it back, never forward.
  const waitlist = stored.filter((s) => s.status === 'waitlisted').sort(waitlistOrder);
  const roster: Array<{ signupId: string; waitlistPosition?: number }> = [];
  let cursor: string | undefined;
  do {
    const page = await admin.as.call('signup', 'shiftSignups', { shiftId: shift._id, status: 'waitlisted', ...(cursor ? { cursor } : {}) });
    if (!page.ok) throw new Error(page.error.code);
    roster.push(...page.data.items);
    cursor = page.data.nextCursor;
  } while (cursor);
  expect(roster.map((r) => r.signupId)).toEqual(waitlist.map((s) => s._id));
  expect(roster.map((r) => r.waitlistPosition)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
  const answered = new Map(answers.map((a) => (a.ok ? [a.data.signupId, a.data.waitlistPosition ?? 0] : ['', 0])));
  expect(roster.filter((r) => answered.get(r.signupId)! > r.waitlistPosition!)).toEqual([]);
  // Everyone placed arrived no later than the last of the waitlist (a place is taken in commit order).
  const lastQueued = Math.max(...waitlist.map((s) => s.queuedAt.getTime()));
  expect(stored.filter((s) => s.status === 'confirmed').every((s) => s.queuedAt.getTime() <= lastQueued)).toBe(true);

  // The outbox: each person told exactly once of the decision, however often their transaction was retried.
  for (const batch of [people.slice(0, 100), people.slice(100)]) {
    const told = (await serverSdk(emu).database().collection('notifications').where({ recipientUserId: serverSdk(emu).database().command.in(batch.map((p) => p.userId)) }).limit(100).get()) as unknown as { data: Array<{ kind: string; recipientUserId: string }> };
    expect(told.data.filter((n) => n.kind === 'signup.confirmed' || n.kind === 'signup.waitlisted')).toHaveLength(100);
    expect(new Set(told.data.map((n) => n.recipientUserId)).size).toBe(100);
  }

  const conflicts = after.conflicts - before.conflicts;
  console.log(`200 sign-ups for 50 places: ${after.begun - before.begun} transactions, ${conflicts} conflicts (${(conflicts / 200).toFixed(2)} per sign-up), the burst in ${burstMs} ms`);

  // Five confirmed withdraw one after another: the first five of the waitlist are offered, in order.
  const confirmed = stored.filter((s) => s.status === 'confirmed').slice(0, 5);
  for (const s of confirmed) {
    const who = people.find((p) => p.userId === s.userId)!;
    expect(await who.as.call('signup', 'withdraw', { signupId: s._id })).toMatchObject({ ok: true, data: { status: 'withdrawn' } });
  }
  const now = await signupsOf(shift._id);
  const offered = now.filter((s) => s.status === 'offered').map((s) => s._id).sort();
  expect(offered).toEqual(waitlist.slice(0, 5).map((s) => s._id).sort());
  expect(now.filter((s) => s.status === 'waitlisted').sort(waitlistOrder).map((s) => s._id)).toEqual(waitlist.slice(5).map((s) => s._id));
  expect((await docs<CapacityShardDoc>(emu, 'capacityShards', { shiftId: shift._id })).reduce((n, s) => n + s.taken, 0)).toBe(50);
  expect((await docs<CapacityShardDoc>(emu, 'capacityShards', { shiftId: shift._id })).reduce((n, s) => n + (s.waitlisted ?? 0), 0)).toBe(145);

  // More places (the project function's changePlaces hook): the next three in line are offered.
  await serverSdk(emu).database().collection('shifts').doc(shift._id).update({ data: { places: 53 } });
  const { placesChanged } = await import('../_shared/signup/places');
  const hook = await placesChanged(serverSdk(emu).database() as never, shift._id, new Date());
  expect(hook).toEqual({ held: 53, places: 53, offered: 3 });
  const final = await signupsOf(shift._id);
  expect(final.filter((s) => s.status === 'offered').map((s) => s._id).sort()).toEqual(waitlist.slice(0, 8).map((s) => s._id).sort());
  expect((await docs<CapacityShardDoc>(emu, 'capacityShards', { shiftId: shift._id })).reduce((n, s) => n + (s.waitlisted ?? 0), 0)).toBe(142);
});
