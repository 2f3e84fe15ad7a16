// The nightly reconciliation through the emulator: the timer fires the built function, which walks the fake official
// account's follower list (user/get in small pages, user/info/batchget) through the wechat adapter and corrects the
// followers collection. ZY_FOLLOWER_SYNC_BUDGET_MS=0 makes every run do exactly one step (one WeChat call or the
// sweep), so a walk across several runs is deterministic without any timing.
import type { Emulator } from '../../emulator/src/server';
import { serverSdk, startTestEmulator } from '../../emulator/test/support';
import { getOrNull } from '../_shared/db/db';
import type { FollowerSyncDoc } from '../_shared/documents/follower-sync';
import type { WeChatTokenDoc } from '../_shared/documents/notification';
import { eventXml, followerDoc, pushAsWeChat } from './test-support';
import type { ReconcileReport } from './reconcile';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv: { ZY_FOLLOWER_SYNC_BUDGET_MS: '0' } });
  emu.wechat.officialAccount.pageSize = 3;
});
afterAll(async () => emu.stop());

const oa = () => emu.wechat.officialAccount;
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

async function run(): Promise<ReconcileReport> {
  const fired = await emu.triggers!.fire('follower', 'reconcileFollowers');
  if (!fired.outcome.ok) throw new Error(`reconcileFollowers failed: ${fired.outcome.message}`);
  return JSON.parse(fired.outcome.json) as ReconcileReport;
}

async function cursor(): Promise<FollowerSyncDoc> {
  return (await getOrNull<FollowerSyncDoc>(serverSdk(emu).database(), 'followerSync', oa().appid))!;
}

/** Runs until the walk under way finishes; answers how many runs it took. */
async function runUntilFinished(limit = 60): Promise<number> {
  for (let runs = 1; runs <= limit; runs++) if ((await run()).state === 'finished') return runs;
  throw new Error(`the walk did not finish in ${limit} runs`);
}

/** Pushes WeChat makes while the server URL is not set go nowhere: the follow happens, the function never hears of it. */
async function withPushesLost(act: () => Promise<unknown>): Promise<void> {
  const url = oa().serverUrl;
  oa().serverUrl = undefined;
  try {
    await act();
  } finally {
    oa().serverUrl = url;
  }
}

/** A new walk begins at the next run (the last one began less than 12 hours ago). */
async function allowNextWalk(): Promise<void> {
  await serverSdk(emu).database().collection('followerSync').doc(oa().appid).update({ data: { startedAt: new Date(Date.now() - 13 * 3600_000) } });
}

test('a walk across several runs adds missed follows, fills unionids and ends follows whose unfollow was lost', async () => {
  // Heard of by their pushes: a, b (b's unfollow will be lost), c.
  await oa().follow('oa-r-a', { unionid: 'un-a', at: minutesAgo(60) });
  await oa().follow('oa-r-b', { unionid: 'un-b', at: minutesAgo(59) });
  await oa().follow('oa-r-c', { at: minutesAgo(58) });
  await withPushesLost(async () => {
    await oa().unfollow('oa-r-b', { at: minutesAgo(30) });
    for (const id of ['d', 'e', 'f', 'g']) await oa().follow(`oa-r-${id}`, { unionid: `un-${id}`, at: minutesAgo(20) });
  });
  expect(await followerDoc(emu, 'oa-r-d')).toBeNull();
  expect(await followerDoc(emu, 'oa-r-b')).toMatchObject({ subscribed: true });

  // Following now: a c d e f g — two pages of 3, then the empty page: 3 × user/get, 2 × batchget, the sweep.
  const runs = await runUntilFinished();
  expect(runs).toBe(6);
  const done = await cursor();
  expect(done).toMatchObject({ state: 'finished', pages: 2, seen: 6, added: 4, markedUnsubscribed: 1, queue: [] });
  for (const id of ['d', 'e', 'f', 'g']) {
    expect(await followerDoc(emu, `oa-r-${id}`)).toMatchObject({ subscribed: true, unionid: `un-${id}`, seenInSync: done.runId });
  }
  expect(await followerDoc(emu, 'oa-r-a')).toMatchObject({ subscribed: true, unionid: 'un-a', seenInSync: done.runId });
  expect(await followerDoc(emu, 'oa-r-b')).toMatchObject({ subscribed: false });

  // Tonight's walk is done: later runs rest until the next one is due.
  expect(await run()).toMatchObject({ step: 'rest', steps: 0 });

  // The access token the walk used is the one the adapter shares in wechatTokens, written through node-sdk as the
  // adapter meant it (fields at the top, the lease ended), and obtained once for the whole walk.
  const token = await getOrNull<WeChatTokenDoc>(serverSdk(emu).database(), 'wechatTokens', oa().appid);
  expect(token).toEqual({ _id: oa().appid, token: expect.any(String), expiresAt: expect.any(Date), updatedAt: expect.any(Date) });
  expect(emu.wechat.calls.filter((c) => c.api === 'cgi-bin/stable_token')).toHaveLength(1);
});

test('what a walk decided is not undone by a push older than the walk, arriving after it', async () => {
  await oa().follow('oa-r-p', { unionid: 'un-p', at: minutesAgo(50) });
  await withPushesLost(() => oa().unfollow('oa-r-p', { at: minutesAgo(40) }));
  await allowNextWalk();
  await runUntilFinished();
  const walk = await cursor();
  expect(await followerDoc(emu, 'oa-r-p')).toMatchObject({ subscribed: false, lastEventTime: walk.walkStartSeconds });
  // WeChat delivers, late, a follow from before the walk (p followed again and left again before it began).
  await pushAsWeChat(emu, eventXml('oa-r-p', walk.walkStartSeconds - 600, 'subscribe'));
  expect(await followerDoc(emu, 'oa-r-p')).toMatchObject({ subscribed: false });
});

test('the sweep spares a follow pushed after the list was read', async () => {
  await allowNextWalk();
  let report: ReconcileReport;
  // Read the whole list, stopping before the sweep.
  do report = await run();
  while (!(await cursor()).listDone || (await cursor()).queue.length > 0);
  expect(report.state).toBe('walking');
  await oa().follow('oa-r-j', { unionid: 'un-j' });
  await runUntilFinished();
  expect(await followerDoc(emu, 'oa-r-j')).toMatchObject({ subscribed: true });
  expect((await cursor()).markedUnsubscribed).toBe(0);
});

test('a follower who leaves while the walk holds their openid as the cursor: the walk steps back and still finishes', async () => {
  await allowNextWalk();
  // Read page 1 and its details (3 follows), so the cursor is page 1's last openid.
  await run();
  await run();
  const walking = await cursor();
  expect(walking.queue).toEqual([]);
  const anchor = walking.nextOpenid;
  await oa().unfollow(anchor);
  await runUntilFinished();
  // WeChat refused the cursor once (its follower left), and the walk went on from the openid before it.
  const listCalls = emu.wechat.calls.filter((c) => c.api === 'cgi-bin/user/get');
  const refused = listCalls.findIndex((c) => c.data.next_openid === anchor && c.errcode === 40003);
  expect(refused).toBeGreaterThanOrEqual(0);
  expect(listCalls[refused + 1]).toMatchObject({ data: { next_openid: walking.page.at(-2) }, errcode: 0 });
  const done = await cursor();
  expect(done.state).toBe('finished');
  expect(await followerDoc(emu, anchor)).toMatchObject({ subscribed: false });
  // Everyone still following was seen by this walk.
  const stillFollowing = oa().followers.filter((f) => f.subscribed).map((f) => f.openid);
  for (const openid of stillFollowing) expect(await followerDoc(emu, openid)).toMatchObject({ subscribed: true, seenInSync: done.runId });
});

test('a WeChat failure stops the run and leaves the cursor; the next run goes on from it', async () => {
  await allowNextWalk();
  await run(); // the first page
  const before = await cursor();
  expect(before.queue.length).toBeGreaterThan(0);
  emu.wechat.failNext('cgi-bin/user/info/batchget', { errcode: -1 });
  expect(await run()).toMatchObject({ stoppedBy: 'failure' });
  const after = await cursor();
  expect(after).toMatchObject({ queue: before.queue, seen: before.seen, lastFailure: { api: 'cgi-bin/user/info/batchget', errcode: -1 } });
  await run();
  expect((await cursor()).queue).toEqual([]);
  expect((await cursor()).lastFailure).toBeUndefined();
  await runUntilFinished();
});

test('a token WeChat rejects mid-walk is refreshed by the adapter and the walk goes on in the same run', async () => {
  await allowNextWalk();
  await run();
  const calls = emu.wechat.calls.length;
  emu.wechat.failNext('cgi-bin/user/info/batchget', { errcode: 40001 });
  expect(await run()).toMatchObject({ stoppedBy: 'budget', steps: 1 });
  const after = await cursor();
  expect(after.queue).toEqual([]);
  expect(after.lastFailure).toBeUndefined();
  const details = emu.wechat.calls.slice(calls).filter((c) => c.api === 'cgi-bin/user/info/batchget');
  expect(details.map((c) => c.errcode)).toEqual([40001, 0]);
  await runUntilFinished();
});

test('one run at a time: a run finding the lease held does nothing; a lease left by a run that died passes', async () => {
  await allowNextWalk();
  await run();
  const sync = serverSdk(emu).database().collection('followerSync').doc(oa().appid);
  const before = await cursor();
  // Another instance is in the middle of a run (its lease reaches past now).
  await sync.update({ data: { leaseBy: 'another-run', leaseUntil: new Date(Date.now() + 60_000) } });
  expect(await run()).toEqual({ step: 'busy', steps: 0 });
  expect(await cursor()).toMatchObject({ queue: before.queue, nextOpenid: before.nextOpenid, leaseBy: 'another-run' });
  // That run died: once its lease has passed, the next run takes the cursor where it was.
  await sync.update({ data: { leaseUntil: new Date(Date.now() - 1000) } });
  expect(await run()).toMatchObject({ step: 'resume', steps: 1 });
  await runUntilFinished();
});
