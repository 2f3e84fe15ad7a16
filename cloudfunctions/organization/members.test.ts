// The organization page's lists a page at a time: organization.get answers the first 20 members (admins first,
// then by joining date) and join requests (oldest first) with cursors; organization.members / joinRequests go on
// from them. Every member once, in order, however many share a joining instant; each page reads what it answers.
import type { Emulator } from '../../emulator/src/server';
import { startTestEmulator } from '../../emulator/test/support';
import { encodeCursor } from '../_shared/db/cursor';
import type { MemberView } from '../../typings/organization';
import { functionEnv, registerVolunteer, verifiedOrganization, type Volunteer } from './test-support';
import { serverSdk } from '../../emulator/test/support';

let emu: Emulator;
let admin: Volunteer;
let orgId: string;
const MEMBERS = 47;
const REQUESTS = 23;

beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
  admin = await registerVolunteer(emu, 'openid-pages-admin', '管理员');
  orgId = await verifiedOrganization(emu, admin, { name: '分页测试志愿服务队' });
  const db = serverSdk(emu).database();
  const base = Date.parse('2026-03-01T00:00:00Z');
  // Joining instants repeat (seven members per instant), so a page edge falls inside a run of equal values.
  for (let i = 0; i < MEMBERS; i++) {
    const userId = `u_member_${String((i * 37) % 100).padStart(3, '0')}`;
    const since = new Date(base + Math.floor(i / 7) * 60_000);
    await db.collection('memberships').add({ data: { _id: `${orgId}_${userId}`, orgId, userId, role: 'member', status: 'active', requestCount: 1, requestedAt: since, since } });
  }
  for (let i = 0; i < REQUESTS; i++) {
    const userId = `u_request_${String(i).padStart(3, '0')}`;
    const requestedAt = new Date(base + Math.floor(i / 5) * 60_000);
    await db.collection('memberships').add({ data: { _id: `${orgId}_${userId}`, orgId, userId, role: 'member', status: 'pending', requestCount: 1, requestedAt } });
  }
});
afterAll(async () => emu.stop());

const maxRatio = (): number => Math.max(...Object.values(emu.database.stats('memberships').shapes).map((s) => s.worstRatio));

test('the page answers the first 20 of each list; following the cursors gives every member once, in order', async () => {
  emu.database.resetStats();
  const first = await admin.as.call('organization', 'get', { orgId });
  if (!first.ok || !first.data.admin) throw new Error('no admin part');
  expect(first.data.admin.members).toHaveLength(20);
  expect(first.data.admin.members[0]).toMatchObject({ userId: admin.userId, role: 'admin' });
  expect(first.data.admin.joinRequests).toHaveLength(20);
  expect(maxRatio()).toBeLessThanOrEqual(2);

  const members: MemberView[] = [...first.data.admin.members];
  let next = first.data.admin.membersNext;
  let calls = 0;
  while (next) {
    const page = await admin.as.call('organization', 'members', { orgId, after: next });
    if (!page.ok) throw new Error(page.error.code);
    members.push(...page.data.members);
    next = page.data.next;
    calls++;
  }
  expect(calls).toBe(2);
  expect(members).toHaveLength(MEMBERS + 1);
  expect(new Set(members.map((m) => m.userId)).size).toBe(MEMBERS + 1);
  const rest = members.slice(1);
  const sorted = [...rest].sort((a, b) => a.since.localeCompare(b.since) || (`${orgId}_${a.userId}` < `${orgId}_${b.userId}` ? -1 : 1));
  expect(rest).toEqual(sorted);
  expect(maxRatio()).toBeLessThanOrEqual(2);

  const more = await admin.as.call('organization', 'joinRequests', { orgId, after: first.data.admin.joinRequestsNext! });
  if (!more.ok) throw new Error(more.error.code);
  expect(more.data.joinRequests).toHaveLength(REQUESTS - 20);
  expect(more.data.next).toBeUndefined();
  const requests = [...first.data.admin.joinRequests, ...more.data.joinRequests];
  expect(new Set(requests.map((r) => r.userId)).size).toBe(REQUESTS);
  expect(requests.map((r) => r.requestedAt)).toEqual([...requests.map((r) => r.requestedAt)].sort());
});

test('a page only for an active admin; a cursor not handed out is refused in Chinese', async () => {
  const first = await admin.as.call('organization', 'get', { orgId });
  const after = first.ok ? first.data.admin!.membersNext! : '';
  const outsider = await registerVolunteer(emu, 'openid-pages-outsider');
  expect(await outsider.as.call('organization', 'members', { orgId, after })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  for (const forged of ['not-a-cursor!', encodeCursor(['owner', '2026-03-01T00:00:00.000Z', 'x']), encodeCursor(['member', 'yesterday', 'x']), encodeCursor(['member'])]) {
    expect(await admin.as.call('organization', 'members', { orgId, after: forged })).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: '列表位置填写不正确', field: 'after' },
    });
  }
  expect(await admin.as.call('organization', 'joinRequests', { orgId, after: encodeCursor(['2026-13-01', 'x']) })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
});

test('a member who joins between two pages is not met twice, and nobody is skipped', async () => {
  const first = await admin.as.call('organization', 'get', { orgId });
  if (!first.ok) throw new Error(first.error.code);
  const db = serverSdk(emu).database();
  // Joined "earlier" than the cursor (a clock step back): it lands on a page already read, never shifting the rest.
  await db.collection('memberships').add({
    data: { _id: `${orgId}_u_member_late`, orgId, userId: 'u_member_late', role: 'member', status: 'active', requestCount: 1, requestedAt: new Date('2026-02-01T00:00:00Z'), since: new Date('2026-02-01T00:00:00Z') },
  });
  const seen = new Set(first.data.admin!.members.map((m) => m.userId));
  let next = first.data.admin!.membersNext;
  while (next) {
    const page = await admin.as.call('organization', 'members', { orgId, after: next });
    if (!page.ok) throw new Error(page.error.code);
    for (const m of page.data.members) {
      expect(seen.has(m.userId)).toBe(false);
      seen.add(m.userId);
    }
    next = page.data.next;
  }
  expect(seen.size).toBe(MEMBERS + 1);
});
