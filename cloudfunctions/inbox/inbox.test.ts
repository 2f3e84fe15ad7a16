// inbox.list / markRead / unread through the emulator: my notifications only, newest first, paged, read state.
import type { Emulator } from '../../emulator/src/server';
import { caller, serverSdk, startTestEmulator, type TestCaller } from '../../emulator/test/support';
import type { NotificationView } from '../../typings/inbox';
import { userIdOf } from '../_shared/documents/ids';
import type { NotificationDoc } from '../_shared/documents/notification';
import { functionEnv, PLATFORM_ADMIN, registerOrganization, registerVolunteer } from '../organization/test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

const T0 = Date.parse('2026-03-01T08:00:00.000Z');

/** Write `n` notifications for `openid`, one minute apart (the newest last), straight into the outbox collection. */
async function seed(openid: string, n: number, opts: { start?: number; stepMs?: number; tag?: string } = {}): Promise<string[]> {
  const recipientUserId = userIdOf(openid);
  const db = serverSdk(emu).database();
  const ids: string[] = [];
  const batch: NotificationDoc[] = [];
  for (let i = 0; i < n; i++) {
    const createdAt = new Date((opts.start ?? T0) + i * (opts.stepMs ?? 60_000));
    const id = `test.${opts.tag ?? 'n'}.${i}.${recipientUserId}`;
    const doc: Omit<NotificationDoc, '_id'> = {
      kind: 'org.joinRequested',
      recipientUserId,
      title: '新的入队申请',
      body: `第${i}条`,
      link: '/pages/org/home/index?orgId=org_x',
      createdAt,
      readAt: null,
      delivery: { state: 'pending', attempts: 0, nextAttemptAt: createdAt },
    };
    batch.push({ _id: id, ...doc });
    ids.push(id);
  }
  // One insert of many documents (the server SDK takes an array).
  await db.collection('notifications').add({ data: batch });
  return ids;
}

async function listAll(who: TestCaller, limit: number): Promise<{ pages: NotificationView[][]; unread: number[] }> {
  const pages: NotificationView[][] = [];
  const unread: number[] = [];
  let before: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const res = await who.call('inbox', 'list', { limit, ...(before ? { before } : {}) });
    if (!res.ok) throw new Error(res.error.code);
    pages.push(res.data.items);
    unread.push(res.data.unread);
    if (!res.data.nextBefore) break;
    before = res.data.nextBefore;
  }
  return { pages, unread };
}

test('list: newest first, paged by `before`, with the unread count; default page of 20', async () => {
  const alice = caller(emu, 'openid-inbox-alice');
  const ids = await seed(alice.openid, 45);
  const first = await alice.call('inbox', 'list', {});
  expect(first.ok && first.data.items).toHaveLength(20);
  expect(first).toMatchObject({ ok: true, data: { unread: 45, nextBefore: expect.any(String) } });
  expect(first.ok && first.data.items[0]).toEqual({
    id: ids[44],
    kind: 'org.joinRequested',
    title: '新的入队申请',
    body: '第44条',
    link: '/pages/org/home/index?orgId=org_x',
    createdAt: new Date(T0 + 44 * 60_000).toISOString(),
    read: false,
  });
  const { pages } = await listAll(alice, 20);
  expect(pages.map((p) => p.length)).toEqual([20, 20, 5]);
  expect(pages.flat().map((i) => i.id)).toEqual([...ids].reverse());
});

test('paging never skips or repeats notifications created in the same instant', async () => {
  const bob = caller(emu, 'openid-inbox-bob');
  // 12 notifications in 4 instants of 3 each.
  const ids = [
    ...(await seed(bob.openid, 3, { start: T0, stepMs: 0, tag: 'a' })),
    ...(await seed(bob.openid, 3, { start: T0 + 1000, stepMs: 0, tag: 'b' })),
    ...(await seed(bob.openid, 3, { start: T0 + 2000, stepMs: 0, tag: 'c' })),
    ...(await seed(bob.openid, 3, { start: T0 + 3000, stepMs: 0, tag: 'd' })),
  ];
  const { pages } = await listAll(bob, 5);
  expect(pages.flat().map((i) => i.id).sort()).toEqual([...ids].sort());
  expect(new Set(pages.flat().map((i) => i.id)).size).toBe(12);
});

test('list and unread never show anyone else\'s notifications', async () => {
  const carol = caller(emu, 'openid-inbox-carol');
  const dave = caller(emu, 'openid-inbox-dave');
  const carols = await seed(carol.openid, 3);
  await seed(dave.openid, 2);
  const res = await carol.call('inbox', 'list', {});
  expect(res.ok && res.data.items.map((i) => i.id).sort()).toEqual([...carols].sort());
  expect(await carol.call('inbox', 'unread', {})).toEqual({ ok: true, data: { unread: 3 } });
  expect(await caller(emu, 'openid-inbox-nobody').call('inbox', 'list', {})).toEqual({ ok: true, data: { items: [], unread: 0 } });
});

test('markRead with ids marks only my own; someone else\'s ids are ignored, never marked', async () => {
  const erin = caller(emu, 'openid-inbox-erin');
  const fred = caller(emu, 'openid-inbox-fred');
  const erins = await seed(erin.openid, 3);
  const freds = await seed(fred.openid, 2);
  const res = await fred.call('inbox', 'markRead', { ids: [erins[0], erins[1], freds[0]] });
  expect(res).toEqual({ ok: true, data: { unread: 1 } });
  expect(await erin.call('inbox', 'unread', {})).toEqual({ ok: true, data: { unread: 3 } });
  const erinList = await erin.call('inbox', 'list', {});
  expect(erinList.ok && erinList.data.items.every((i) => !i.read)).toBe(true);
  const fredList = await fred.call('inbox', 'list', {});
  expect(fredList.ok && fredList.data.items.find((i) => i.id === freds[0])?.read).toBe(true);
  // Marking again changes nothing; an empty list marks nothing.
  expect(await fred.call('inbox', 'markRead', { ids: [freds[0]] })).toEqual({ ok: true, data: { unread: 1 } });
  expect(await fred.call('inbox', 'markRead', { ids: [] })).toEqual({ ok: true, data: { unread: 1 } });
});

test('markRead without ids marks all of mine, more than 100 of them, and none of anyone else\'s', async () => {
  const gina = caller(emu, 'openid-inbox-gina');
  const hugo = caller(emu, 'openid-inbox-hugo');
  await seed(gina.openid, 130);
  await seed(hugo.openid, 4);
  expect(await gina.call('inbox', 'unread', {})).toEqual({ ok: true, data: { unread: 130 } });
  expect(await gina.call('inbox', 'markRead', {})).toEqual({ ok: true, data: { unread: 0 } });
  const list = await gina.call('inbox', 'list', { limit: 50 });
  expect(list.ok && list.data.items.every((i) => i.read)).toBe(true);
  expect(await hugo.call('inbox', 'unread', {})).toEqual({ ok: true, data: { unread: 4 } });
});

test('bad paging parameters are refused', async () => {
  const ivan = caller(emu, 'openid-inbox-ivan');
  expect(await ivan.call('inbox', 'list', { limit: 51 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  expect(await ivan.call('inbox', 'list', { before: 'yesterday' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  expect(await ivan.call('inbox', 'markRead', { ids: Array.from({ length: 101 }, (_, i) => `x${i}`) })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
});

test('end to end: a review result arrives in the applicant\'s inbox with a badge, and is read', async () => {
  const jane = await registerVolunteer(emu, 'openid-inbox-jane');
  const orgId = await registerOrganization(jane, { name: '鼓楼区助老服务队' });
  await caller(emu, PLATFORM_ADMIN).call('organization', 'review', { orgId, decision: 'approve' });
  const res = await jane.as.call('inbox', 'list', {});
  expect(res).toEqual({
    ok: true,
    data: {
      items: [
        {
          id: expect.any(String),
          kind: 'org.reviewed',
          title: '组织认证已通过',
          body: expect.stringContaining('鼓楼区助老服务队'),
          link: `/org/home/index?orgId=${orgId}`,
          createdAt: expect.any(String),
          read: false,
        },
      ],
      unread: 1,
    },
  });
  expect(await jane.as.call('inbox', 'markRead', { ids: [res.ok ? res.data.items[0].id : ''] })).toEqual({ ok: true, data: { unread: 0 } });
});
