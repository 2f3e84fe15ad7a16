// 我的报名 (signup.mine) and the organization's per-shift list (signup.shiftSignups) page by keyset, never by offset:
// sign-ups added between two pages — before the cursor, tied with it, after it — never repeat one or hide one that
// was there, and a made-up cursor is refused. The sign-ups are written straight into the database (one person's 45
// would pass sign-up's rate limit), in the shape the signup function stores them, with ties on the order's value.
import type { Emulator } from '../../emulator/src/server';
import { serverSdk, startTestEmulator } from '../../emulator/test/support';
import { signupId, type SignupDoc } from '../_shared/documents/project';
import { functionEnv, registerVolunteer, verifiedOrganization } from '../organization/test-support';
import { projectDoc, publish, shiftDoc } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

const HOUR = 3600_000;
const T0 = Date.now() + 48 * HOUR;

function stored(shiftId: string, userId: string, at: { endsAt: Date; queuedAt: Date }, status: SignupDoc['status'] = 'confirmed'): SignupDoc {
  return {
    _id: signupId(shiftId, userId),
    shiftId,
    projectId: 'prj_paging',
    orgId: 'org_paging',
    userId,
    status,
    reason: '报名成功',
    startsAt: new Date(at.endsAt.getTime() - HOUR),
    endsAt: at.endsAt,
    projectTitle: '分页测试',
    orgName: '分页志愿队',
    queuedAt: at.queuedAt,
    history: [],
    createdAt: at.queuedAt,
    updatedAt: at.queuedAt,
  };
}

async function write(docs: SignupDoc[]): Promise<void> {
  const db = serverSdk(emu).database();
  for (const { _id, ...data } of docs) await db.collection('signups').add({ data: { _id, ...data } });
}

async function allPages<T>(call: (cursor?: string) => Promise<{ items: T[]; nextCursor?: string }>, between: (page: number, items: T[]) => Promise<void> = async () => {}): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | undefined;
  do {
    const page = await call(cursor);
    pages.push(page.items);
    cursor = page.nextCursor;
    if (cursor) await between(pages.length, page.items);
  } while (cursor);
  return pages;
}

test('我的报名: upcoming soonest first and past latest first, each sign-up exactly once while others are added between pages', async () => {
  const me = await registerVolunteer(emu, 'openid-paging-mine');
  // 45 upcoming, three at each end time (ties broken by _id), and 25 past.
  const upcoming = Array.from({ length: 45 }, (_, i) => stored(`shift_up_${String(i).padStart(2, '0')}`, me.userId, { endsAt: new Date(T0 + Math.floor(i / 3) * HOUR), queuedAt: new Date() }));
  const past = Array.from({ length: 25 }, (_, i) => stored(`shift_past_${String(i).padStart(2, '0')}`, me.userId, { endsAt: new Date(Date.now() - (1 + Math.floor(i / 2)) * HOUR), queuedAt: new Date() }));
  await write([...upcoming, ...past]);

  const added: SignupDoc[] = [];
  const pages = await allPages(
    async (cursor) => {
      const res = await me.as.call('signup', 'mine', { when: 'upcoming', ...(cursor ? { cursor } : {}) });
      if (!res.ok) throw new Error(res.error.code);
      return res.data;
    },
    async (page, items) => {
      // Between pages: one before everything read (behind the cursor), one tied with the page's last end time, one
      // after everything.
      const batch = [
        stored(`shift_add_early_${page}`, me.userId, { endsAt: new Date(T0 - HOUR), queuedAt: new Date() }),
        stored(`shift_up_zz_${page}`, me.userId, { endsAt: new Date(items.at(-1)!.endsAt), queuedAt: new Date() }),
        stored(`shift_add_late_${page}`, me.userId, { endsAt: new Date(T0 + 100 * HOUR), queuedAt: new Date() }),
      ];
      added.push(...batch);
      await write(batch);
    },
  );
  const seen = pages.flat().map((s) => s.signupId);
  expect(pages[0]).toHaveLength(20);
  expect(new Set(seen).size).toBe(seen.length);
  for (const s of upcoming) expect(seen).toContain(s._id);
  // What was added ahead of the cursor is read; what was added behind it is for the next refresh.
  for (const s of added.filter((a) => a._id.startsWith('shift_add_late_') || a._id.startsWith('shift_up_zz_'))) expect(seen).toContain(s._id);
  for (const s of added.filter((a) => a._id.startsWith('shift_add_early_'))) expect(seen).not.toContain(s._id);
  // Soonest first, ties by id.
  const order = pages.flat().map((s) => [s.endsAt, s.signupId].join(' '));
  expect(order).toEqual([...order].sort());

  const pastPages = await allPages(async (cursor) => {
    const res = await me.as.call('signup', 'mine', { when: 'past', ...(cursor ? { cursor } : {}) });
    if (!res.ok) throw new Error(res.error.code);
    return res.data;
  });
  expect(pastPages.map((p) => p.length)).toEqual([20, 5]);
  const pastSeen = pastPages.flat();
  expect(pastSeen.map((s) => s.signupId).sort()).toEqual(past.map((s) => s._id).sort());
  const ends = pastSeen.map((s) => s.endsAt);
  expect(ends).toEqual([...ends].sort().reverse());

  expect(await me.as.call('signup', 'mine', { when: 'upcoming', cursor: 'eyJmb28iOjF9' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', field: 'cursor', message: '翻页位置不正确，请刷新后重试' } });
  expect(await me.as.call('signup', 'mine', { when: 'upcoming', cursor: '20' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', field: 'cursor' } });
});

test('the per-shift list in arrival order: every sign-up once, whatever joins between pages; the last page hands out no cursor', async () => {
  const admin = await registerVolunteer(emu, 'openid-paging-admin');
  const orgId = await verifiedOrganization(emu, admin);
  const project = projectDoc(orgId);
  const shift = shiftDoc(project, { places: 100 });
  await publish(emu, project, [shift]);
  const base = Date.now() - HOUR;
  // 40 sign-ups, arriving in pairs at the same instant (ties broken by _id).
  const roster = Array.from({ length: 40 }, (_, i) => stored(shift._id, `u_paging_${String(i).padStart(2, '0')}`, { endsAt: shift.endsAt, queuedAt: new Date(base + Math.floor(i / 2) * 1000) }, i % 4 === 3 ? 'waitlisted' : 'confirmed'));
  await write(roster);

  const joined: SignupDoc[] = [];
  const pages = await allPages(
    async (cursor) => {
      const res = await admin.as.call('signup', 'shiftSignups', { shiftId: shift._id, ...(cursor ? { cursor } : {}) });
      if (!res.ok) throw new Error(res.error.code);
      return res.data;
    },
    async (page) => {
      const batch = [stored(shift._id, `u_paging_new_${page}`, { endsAt: shift.endsAt, queuedAt: new Date() })];
      joined.push(...batch);
      await write(batch);
    },
  );
  const seen = pages.flat().map((r) => r.signupId);
  expect(new Set(seen).size).toBe(seen.length);
  expect(seen).toEqual([...roster, ...joined].map((s) => s._id));
  expect(pages.at(-1)!.length).toBeGreaterThan(0);

  const waitlisted = await allPages(async (cursor) => {
    const res = await admin.as.call('signup', 'shiftSignups', { shiftId: shift._id, status: 'waitlisted', ...(cursor ? { cursor } : {}) });
    if (!res.ok) throw new Error(res.error.code);
    return res.data;
  });
  expect(waitlisted.flat().map((r) => r.signupId)).toEqual(roster.filter((s) => s.status === 'waitlisted').map((s) => s._id));
  expect(await admin.as.call('signup', 'shiftSignups', { shiftId: shift._id, cursor: 'bm90LWEtY3Vyc29y' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', field: 'cursor' } });
});
