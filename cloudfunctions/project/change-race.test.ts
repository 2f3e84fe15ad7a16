// A change of a shift racing its sign-ups, through the emulator's production transaction semantics: sign-ups commit
// before the change reads the shift's sign-ups, between that read and the change's commit, and after it (having read
// the shift before or after the change). Whatever the interleaving, every sign-up that exists afterwards was told of
// the change exactly once, or signed up after the change and saw the new times (then it is told at most once).
// Most of the sign-ups are waitlisted: they move no capacity, which the change's re-read of the shift cannot see.
import type { Emulator } from '../../emulator/src/server';
import { serverSdk, startTestEmulator } from '../../emulator/test/support';
import type { NotificationDoc } from '../_shared/documents/notification';
import type { SignupDoc } from '../_shared/documents/project';
import { functionEnv, registerVolunteer, type Volunteer } from '../organization/test-support';
import { publisher, published } from './fixtures';
import { formStartingIn, shiftOf } from './test-support';

let emu: Emulator;
const INSTANCES = 6;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv, maxInstancesPerFunction: INSTANCES });
});
afterAll(async () => emu.stop());
jest.setTimeout(200_000);

const db = () => serverSdk(emu).database();
async function all<T>(collection: string, where: Record<string, unknown>): Promise<T[]> {
  const out: T[] = [];
  for (;;) {
    const page = (await db().collection(collection).where(where).orderBy('_id', 'asc').skip(out.length).limit(100).get()) as unknown as { data: T[] };
    out.push(...page.data);
    if (page.data.length < 100) return out;
  }
}

test.each([1, 2])('sign-ups racing a change of time (round %i): each one there afterwards told exactly once, or saw the new times', async (round) => {
  const p = await publisher(emu);
  const form = formStartingIn(new Date(), 3 + round, {});
  const projectId = await published(p, { ...form, shifts: [{ ...form.shifts[0]!, places: 4 }] });
  const shiftId = shiftOf(projectId, 0);
  const oldStart = new Date(form.shifts[0]!.startsAt);
  const newStart = new Date(oldStart.getTime() + 86_400_000);
  const newEnd = new Date(new Date(form.shifts[0]!.endsAt).getTime() + 86_400_000);
  const people: Volunteer[] = [];
  for (let i = 0; i < 24; i++) people.push(await registerVolunteer(emu, `openid-change-race-${round}-${i}`));
  await Promise.all([emu.runtime!.provision('signup', INSTANCES), emu.runtime!.provision('project', 2)]);

  // The change starts once the burst is under way, so sign-ups land before, during and after it.
  const signups = people.map((v) => v.as.call('signup', 'signup', { shiftId }));
  await signups[3];
  const change = await p.admin.as.call('project', 'updateShift', { projectId, shiftId, startsAt: newStart.toISOString(), endsAt: newEnd.toISOString() });
  const answers = await Promise.all(signups);
  expect(change).toEqual({ ok: true, data: expect.anything() });
  expect(answers.filter((a) => !a.ok)).toEqual([]);

  const stored = await all<SignupDoc>('signups', { shiftId });
  expect(stored).toHaveLength(24);
  expect(stored.filter((s) => s.status === 'waitlisted').length).toBeGreaterThan(0);
  const told = (await all<NotificationDoc>('notifications', { recipientUserId: db().command.in(people.map((v) => v.userId)) })).filter(
    (n) => n.kind === 'project.shiftChanged' && (n.link ?? '').includes(projectId),
  );
  const toldTimes = (userId: string) => told.filter((n) => n.recipientUserId === userId).length;
  const sawOld = stored.filter((s) => new Date(s.startsAt).getTime() === oldStart.getTime());
  const sawNew = stored.filter((s) => new Date(s.startsAt).getTime() === newStart.getTime());
  expect(sawOld.length + sawNew.length).toBe(24);
  expect(sawOld.map((s) => [s.userId, toldTimes(s.userId)])).toEqual(sawOld.map((s) => [s.userId, 1]));
  expect(sawNew.filter((s) => toldTimes(s.userId) > 1)).toEqual([]);
  console.log(`round ${round}: ${sawOld.length} signed up on the old times (each told once), ${sawNew.length} on the new; the change itself told ${change.ok ? change.data.notified : 0}`);
});
