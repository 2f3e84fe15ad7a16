// Per-caller rate limits: the limiter with time passed in (the limit, the reset when the window ends, callers and
// buckets apart, concurrent attempts counted once each), and the frame answering RATE_LIMITED through the built
// functions with a Chinese message that says when to try again.
import type { Emulator } from '../../../emulator/src/server';
import { caller, serverSdk, startTestEmulator } from '../../../emulator/test/support';
import { getOrNull, type Database } from '../db/db';
import { requestDocId } from '../frame/idempotency';
import { RATE_LIMITS, rateLimited, retryAfterText, takeAttempt, type RateLimit } from './rate-limit';

let emu: Emulator;
let db: Database;
beforeAll(async () => {
  emu = await startTestEmulator();
  db = serverSdk(emu).database() as unknown as Database;
});
afterAll(async () => emu.stop());

const THREE_PER_MINUTE: RateLimit = { bucket: 'test', limit: 3, windowSeconds: 60 };
// 10:00:00 UTC: a window boundary for every window length that divides an hour.
const T0 = new Date('2026-03-01T10:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

test('the limit, then the reset when the window ends', async () => {
  const results = [];
  for (const s of [0, 10, 20, 30, 59]) results.push(await takeAttempt(db, 'openid-r1', THREE_PER_MINUTE, at(s)));
  expect(results).toEqual([
    { allowed: true, remaining: 2 },
    { allowed: true, remaining: 1 },
    { allowed: true, remaining: 0 },
    { allowed: false, retryAfterSeconds: 30 },
    { allowed: false, retryAfterSeconds: 1 },
  ]);
  expect(await takeAttempt(db, 'openid-r1', THREE_PER_MINUTE, at(60))).toEqual({ allowed: true, remaining: 2 });
});

test('callers and buckets are counted apart', async () => {
  for (let i = 0; i < 3; i++) await takeAttempt(db, 'openid-r2', THREE_PER_MINUTE, at(i));
  expect((await takeAttempt(db, 'openid-r2', THREE_PER_MINUTE, at(5))).allowed).toBe(false);
  expect((await takeAttempt(db, 'openid-r3', THREE_PER_MINUTE, at(5))).allowed).toBe(true);
  expect((await takeAttempt(db, 'openid-r2', { ...THREE_PER_MINUTE, bucket: 'other' }, at(5))).allowed).toBe(true);
});

test('attempts at the same moment are each counted: never more than the limit get through', async () => {
  const results = await Promise.all(Array.from({ length: 6 }, () => takeAttempt(db, 'openid-r4', THREE_PER_MINUTE, at(1))));
  expect(results.filter((r) => r.allowed)).toHaveLength(3);
});

test('the message says when to try again, in Chinese', () => {
  expect(retryAfterText(1)).toBe('1 秒');
  expect(retryAfterText(59)).toBe('59 秒');
  expect(retryAfterText(60)).toBe('1 分钟');
  expect(retryAfterText(121)).toBe('3 分钟');
  expect(rateLimited(150)).toEqual({ ok: false, error: { code: 'RATE_LIMITED', message: '操作过于频繁，请 3 分钟后再试', retryAfterSeconds: 150 } });
});

test('registration attempts, organization search and invitation look-ups are limited', () => {
  expect(RATE_LIMITS.volunteer?.register).toBeDefined();
  expect(RATE_LIMITS.volunteer?.changeIdentity).toBe(RATE_LIMITS.volunteer?.register);
  expect(RATE_LIMITS.organization?.register).toBeDefined();
  expect(RATE_LIMITS.organization?.search).toBeDefined();
  expect(RATE_LIMITS.organization?.inviteInfo).toBe(RATE_LIMITS.organization?.acceptInvite);
});

/** Use the caller's window up (as the limiter counts it), at least `neededMs` before the window ends. */
async function exhaust(openid: string, limit: RateLimit, neededMs = 3000): Promise<void> {
  const windowMs = limit.windowSeconds * 1000;
  const left = windowMs - (Date.now() % windowMs);
  if (left < neededMs) await new Promise((resolve) => setTimeout(resolve, left + 10));
  for (let i = 0; i < limit.limit; i++) await takeAttempt(db, openid, limit, new Date());
}

test('through the function: past the limit the search answers RATE_LIMITED for that caller only', async () => {
  const limit = RATE_LIMITS.organization!.search!;
  const scraper = caller(emu, 'openid-scraper');
  expect(await scraper.call('organization', 'search', { keyword: '阳光' })).toMatchObject({ ok: true });
  await exhaust('openid-scraper', limit);
  const refused = await scraper.call('organization', 'search', { keyword: '阳光' });
  expect(refused).toEqual({
    ok: false,
    error: { code: 'RATE_LIMITED', message: expect.stringMatching(/^操作过于频繁，请 \d+ (秒|分钟)后再试$/), retryAfterSeconds: expect.any(Number) },
  });
  expect(await caller(emu, 'openid-someone-else').call('organization', 'search', { keyword: '阳光' })).toMatchObject({ ok: true });
});

test('through the function: a limited attempt of a mutating action stores nothing, so its retry may run later', async () => {
  const limit = RATE_LIMITS.volunteer!.register!;
  await exhaust('openid-prober', limit);
  const res = await caller(emu, 'openid-prober').raw('volunteer', { action: 'register', requestId: 'probe-request-1', name: '张三' });
  expect(res.body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  const limited = await caller(emu, 'openid-prober').raw('volunteer', { action: 'changeIdentity', requestId: 'probe-request-2', name: '张三', credential: { type: 'CN_ID', number: '11010519491231002X' } });
  expect(limited.body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  expect(await getOrNull(db, 'requests', requestDocId('openid-prober', 'volunteer', 'changeIdentity', 'probe-request-2'))).toBeNull();
  expect(await getOrNull(db, 'requests', requestDocId('openid-prober', 'volunteer', 'register', 'probe-request-1'))).toBeNull();
});
