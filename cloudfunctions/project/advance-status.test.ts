// The timer advanceProjectStatus through the runtime, fired as CloudBase fires it: recruiting → in progress at the
// first start, → finished at the last end; cancelled and draft projects stay; a client sending the event gets nothing.
import type { Emulator } from '../../emulator/src/server';
import { serverSdk, startTestEmulator } from '../../emulator/test/support';
import type { ProjectDoc } from '../_shared/documents/project';
import { docs, functionEnv } from '../organization/test-support';
import { draft, publisher, published } from './fixtures';
import { formStartingIn } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

const timerEvent = { Type: 'Timer', TriggerName: 'advanceProjectStatus', Time: new Date().toISOString(), Message: '' };
const fire = () => emu.runtime!.invoke('project', timerEvent, { source: 'wx_trigger' });
const statusOf = async (id: string) => (await docs<ProjectDoc>(emu, 'projects', { _id: id }))[0]!;

/** Time passes for one project: its span moved to `startHoursAgo`…`endHoursFromNow` around now. */
async function moveSpan(projectId: string, startHoursAgo: number, endHoursFromNow: number): Promise<void> {
  const now = Date.now();
  await serverSdk(emu)
    .database()
    .collection('projects')
    .doc(projectId)
    .update({ data: { startsAt: new Date(now - startHoursAgo * 3_600_000), endsAt: new Date(now + endHoursFromNow * 3_600_000) } });
}

test('projects move by their shift times; cancelled, draft and future ones stay', async () => {
  const p = await publisher(emu);
  const started = await published(p, formStartingIn(new Date(), 2));
  const ended = await published(p, formStartingIn(new Date(), 2));
  const future = await published(p, formStartingIn(new Date(), 2));
  const cancelled = await published(p, formStartingIn(new Date(), 2));
  const drafted = await draft(p, formStartingIn(new Date(), 2));
  await moveSpan(started, 1, 2);
  await moveSpan(ended, 5, -1);
  await moveSpan(cancelled, 5, -1);
  expect(await p.admin.as.call('project', 'cancel', { projectId: cancelled, reason: '场地变更' })).toMatchObject({ ok: true });
  await moveSpan(cancelled, 5, -1);
  await moveSpan(drafted, 5, -1);

  await fire();
  expect(await statusOf(started)).toMatchObject({ status: 'in_progress', discoverable: false });
  expect(await statusOf(ended)).toMatchObject({ status: 'finished', discoverable: false });
  expect(await statusOf(future)).toMatchObject({ status: 'recruiting', discoverable: true });
  expect(await statusOf(cancelled)).toMatchObject({ status: 'cancelled' });
  expect(await statusOf(drafted)).toMatchObject({ status: 'draft' });

  await moveSpan(started, 3, -1);
  await fire();
  expect(await statusOf(started)).toMatchObject({ status: 'finished' });
});

test('the same event sent by a client is an unknown action', async () => {
  const p = await publisher(emu);
  const projectId = await published(p, formStartingIn(new Date(), 2));
  await moveSpan(projectId, 1, 1);
  const res = await p.admin.as.raw('project', timerEvent);
  expect(res.body).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
  expect(await statusOf(projectId)).toMatchObject({ status: 'recruiting' });
});
