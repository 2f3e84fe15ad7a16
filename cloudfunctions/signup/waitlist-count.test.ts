// Every shift's waitlist length, counted on its capacity shards by the transactions that move sign-ups into and out
// of the waitlist (joining, withdrawing, being offered a place, passed over, removed): project.get and signup.options
// show it for every shift, full or not, from one read of the shards — no count query per shift.
import type { Emulator } from '../../emulator/src/server';
import { caller, startTestEmulator } from '../../emulator/test/support';
import type { CapacityShardDoc, ShiftDoc } from '../_shared/documents/project';
import { docs, functionEnv, registerVolunteer, verifiedOrganization } from '../organization/test-support';
import { projectDoc, publish, shiftDoc } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

const HOUR = 3600_000;
let people = 0;
const volunteer = () => registerVolunteer(emu, `openid-waitcount-${++people}`);
const counted = async (shiftId: string) => (await docs<CapacityShardDoc>(emu, 'capacityShards', { shiftId })).reduce((n, s) => n + (s.waitlisted ?? 0), 0);
const stored = async (shiftId: string) => (await docs(emu, 'signups', { shiftId, status: 'waitlisted' })).length;

test('joins, withdrawals, offers and removals keep the shards\' count equal to the waitlist; get and options show it on every shift', async () => {
  const admin = await volunteer();
  const orgId = await verifiedOrganization(emu, admin);
  const project = projectDoc(orgId);
  const later = new Date(Date.now() + 72 * HOUR);
  const small = shiftDoc(project, { places: 1 });
  const roomy = shiftDoc(project, { places: 3, startsAt: later, endsAt: new Date(later.getTime() + 2 * HOUR) });
  const spare: ShiftDoc[] = Array.from({ length: 4 }, (_, i) => shiftDoc(project, { places: 2, startsAt: new Date(later.getTime() + (i + 3) * HOUR * 24), endsAt: new Date(later.getTime() + (i + 3) * HOUR * 24 + HOUR) }));
  await publish(emu, project, [small, roomy, ...spare]);

  const [a, b, c, d] = [await volunteer(), await volunteer(), await volunteer(), await volunteer()];
  expect(await a.as.call('signup', 'signup', { shiftId: small._id })).toMatchObject({ ok: true, data: { status: 'confirmed' } });
  for (const v of [b, c, d]) expect(await v.as.call('signup', 'signup', { shiftId: small._id })).toMatchObject({ ok: true, data: { status: 'waitlisted' } });
  expect(await a.as.call('signup', 'signup', { shiftId: roomy._id })).toMatchObject({ ok: true, data: { status: 'confirmed' } });
  expect(await counted(small._id)).toBe(3);
  expect(await counted(roomy._id)).toBe(0);

  emu.database.resetStats();
  const detail = await caller(emu, 'openid-waitcount-visitor').call('project', 'get', { projectId: project._id });
  if (!detail.ok) throw new Error(detail.error.code);
  expect(detail.data.shifts.map((s) => [s.shiftId, s.placesLeft, s.waitlisted])).toEqual([
    [small._id, 0, 3],
    [roomy._id, 2, 0],
    ...spare.map((s) => [s._id, 2, 0]),
  ]);
  // One count on signups (who is going), whatever the number of shifts: the waitlists came with the shards.
  expect(emu.database.stats('signups').recent.filter((r) => r.operation === 'count')).toHaveLength(1);
  const options = await b.as.call('signup', 'options', { projectId: project._id });
  if (!options.ok) throw new Error(options.error.code);
  expect(options.data.shifts.map((s) => s.waitlisted)).toEqual([3, 0, 0, 0, 0, 0]);

  // Off the waitlist by withdrawing; then a freed place offered to the first in line; then removed by the admin.
  const signupOf = (v: { userId: string }) => `${small._id}_${v.userId}`;
  expect(await c.as.call('signup', 'withdraw', { signupId: signupOf(c) })).toMatchObject({ ok: true, data: { status: 'withdrawn' } });
  expect(await counted(small._id)).toBe(2);
  expect(await a.as.call('signup', 'withdraw', { signupId: signupOf(a) })).toMatchObject({ ok: true });
  expect((await docs<{ status: string; waitShardId?: string }>(emu, 'signups', { _id: signupOf(b) }))[0]).toMatchObject({ status: 'offered' });
  expect((await docs<{ waitShardId?: string }>(emu, 'signups', { _id: signupOf(b) }))[0]!.waitShardId).toBeUndefined();
  expect(await counted(small._id)).toBe(1);
  expect(await admin.as.call('signup', 'remove', { signupId: signupOf(d), reason: '时间冲突' })).toMatchObject({ ok: true });
  expect(await counted(small._id)).toBe(0);
  expect(await stored(small._id)).toBe(0);
  // Signing up again after withdrawing joins the waitlist again, counted once.
  expect(await c.as.call('signup', 'signup', { shiftId: small._id })).toMatchObject({ ok: true, data: { status: 'waitlisted' } });
  expect(await counted(small._id)).toBe(await stored(small._id));
  expect(await counted(small._id)).toBe(1);
});
