import fc from 'fast-check';
import {
  backoffMs,
  channelsFor,
  classify,
  DEFAULT_RETRY,
  heldUntil,
  isExhausted,
  mayRetryOfficialAccount,
  noChannelReason,
  officialAccountRetryAt,
  quietUntil,
  seededRandom,
  type ChannelFacts,
} from './delivery-rules';
import { applyPreferences, DEFAULT_PREFERENCES, isTurnedOff, preferencesFrom } from './preferences';
import { ALL_KINDS, KIND_INFO } from './kinds';

const answered = (errcode: number) => ({ ok: false as const, kind: 'answered' as const, errcode, errmsg: `e${errcode}` });

describe('classify', () => {
  test('delivered carries the msgid', () => {
    expect(classify({ ok: true, value: { msgid: '2114818936478859266' } })).toEqual({ outcome: 'delivered', msgid: '2114818936478859266' });
  });
  test.each([43101, 43004, 40003, 40037, 41030, 40165, 40166, 45067])('%i closes the channel and falls back', (code) => {
    expect(classify(answered(code))).toMatchObject({ outcome: 'permanent', fallBack: true, zeroGrant: code === 43101 });
  });
  test('47003 is bad data: dropped, not tried elsewhere', () => {
    expect(classify(answered(47003))).toMatchObject({ outcome: 'permanent', fallBack: false, reason: 'badData' });
  });
  test.each([45009, 45047, 40001, 42001, 40014, -1, 99999])('%i is temporary', (code) => {
    expect(classify(answered(code))).toEqual({ outcome: 'temporary', errcode: code, errmsg: `e${code}` });
  });
  test('45065: the official account already sent this client_msg_id, so it is delivered', () => {
    expect(classify(answered(45065))).toEqual({ outcome: 'delivered', msgid: '' });
  });
  test('no answer is unanswered', () => {
    expect(classify({ ok: false, kind: 'unanswered', detail: 'ETIMEDOUT' })).toEqual({ outcome: 'unanswered', detail: 'ETIMEDOUT' });
  });
});

describe('backoff', () => {
  test('full jitter under a doubling ceiling, capped', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempts, r) => {
        const wait = backoffMs(attempts, DEFAULT_RETRY, r);
        expect(wait).toBeGreaterThanOrEqual(0);
        expect(wait).toBeLessThanOrEqual(Math.min(DEFAULT_RETRY.capMs, DEFAULT_RETRY.baseMs * 2 ** attempts));
      }),
    );
    expect(backoffMs(0, DEFAULT_RETRY, 0.999999)).toBe(29_999);
    expect(backoffMs(3, DEFAULT_RETRY, 0.5)).toBe(120_000);
    expect(backoffMs(40, DEFAULT_RETRY, 0.5)).toBe(1_800_000);
  });
  test('a seed gives the same jitter, another seed other jitter', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect([c(), c(), c()]).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
  test('dead after MAX_ATTEMPTS temporary failures', () => {
    expect(isExhausted(DEFAULT_RETRY.maxAttempts - 1, DEFAULT_RETRY)).toBe(false);
    expect(isExhausted(DEFAULT_RETRY.maxAttempts, DEFAULT_RETRY)).toBe(true);
  });
  test('an official-account retry after no answer stays inside the 10-minute client_msg_id window', () => {
    const first = new Date('2026-12-02T01:00:00Z');
    expect(mayRetryOfficialAccount(first, new Date('2026-12-02T01:08:59Z'))).toBe(true);
    expect(mayRetryOfficialAccount(first, new Date('2026-12-02T01:09:00Z'))).toBe(false);
    const now = new Date('2026-12-02T01:08:00Z');
    expect(officialAccountRetryAt(first, now, 10 * 60_000).getTime()).toBeLessThan(new Date('2026-12-02T01:09:00Z').getTime());
    expect(officialAccountRetryAt(first, now, 1000).getTime()).toBe(now.getTime() + 1000);
  });
});

describe('channels', () => {
  const all: ChannelFacts = { grantLeft: true, follows: true, configured: { subscribe: true, officialAccount: true }, refused: [] };
  test('subscribe first when a grant is left, then the official account', () => {
    expect(channelsFor(all)).toEqual(['subscribe', 'officialAccount']);
    expect(channelsFor({ ...all, grantLeft: false })).toEqual(['officialAccount']);
    expect(channelsFor({ ...all, follows: false })).toEqual(['subscribe']);
    expect(channelsFor({ ...all, refused: ['subscribe'] })).toEqual(['officialAccount']);
    expect(channelsFor({ ...all, configured: { subscribe: false, officialAccount: true } })).toEqual(['officialAccount']);
    expect(channelsFor({ ...all, grantLeft: false, follows: false })).toEqual([]);
  });
  test('why none: no channel at all, or one without a template', () => {
    expect(noChannelReason({ ...all, grantLeft: false, follows: false })).toBe('noChannel');
    expect(noChannelReason({ ...all, configured: { subscribe: false, officialAccount: false } })).toBe('noTemplate');
    expect(noChannelReason({ ...all, refused: ['subscribe', 'officialAccount'] })).toBe('noChannel');
  });
});

describe('quiet hours (Asia/Shanghai)', () => {
  const overnight = { start: '22:00', end: '08:00' };
  const at = (shanghai: string) => new Date(`${shanghai}+08:00`);
  test.each([
    ['2026-12-02T21:59:59', null],
    ['2026-12-02T22:00:00', '2026-12-03T08:00:00'],
    ['2026-12-02T23:30:00', '2026-12-03T08:00:00'],
    ['2026-12-03T00:00:00', '2026-12-03T08:00:00'],
    ['2026-12-03T07:59:00', '2026-12-03T08:00:00'],
    ['2026-12-03T08:00:00', null],
    ['2026-12-31T23:00:00', '2027-01-01T08:00:00'],
  ])('overnight 22:00–08:00 at %s', (now, until) => {
    expect(quietUntil(at(now), overnight)).toEqual(until ? at(until) : null);
  });
  test('a daytime range and none', () => {
    const nap = { start: '12:30', end: '14:00' };
    expect(quietUntil(at('2026-12-02T12:29:00'), nap)).toBeNull();
    expect(quietUntil(at('2026-12-02T13:00:00'), nap)).toEqual(at('2026-12-02T14:00:00'));
    expect(quietUntil(at('2026-12-02T23:00:00'), null)).toBeNull();
  });
  test('urgent kinds are never held', () => {
    expect(heldUntil(at('2026-12-02T23:00:00'), true, overnight)).toBeNull();
    expect(heldUntil(at('2026-12-02T23:00:00'), false, overnight)).toEqual(at('2026-12-03T08:00:00'));
    expect(KIND_INFO['reminder.shift2h'].urgent).toBe(true);
    expect(KIND_INFO['reminder.shift24h'].urgent).toBe(false);
  });
  test('property: a held message waits less than a day, until a moment outside the quiet hours', () => {
    const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), time, time, (now, start, end) => {
        fc.pre(start !== end);
        const until = quietUntil(now, { start, end });
        if (until === null) return;
        expect(until.getTime()).toBeGreaterThan(now.getTime());
        expect(until.getTime() - now.getTime()).toBeLessThanOrEqual(24 * 3_600_000);
        expect(quietUntil(until, { start, end })).toBeNull();
      }),
    );
  });
});

describe('preferences', () => {
  test('defaults and stored values; unknown kinds read as nothing', () => {
    expect(preferencesFrom(null)).toEqual(DEFAULT_PREFERENCES);
    expect(preferencesFrom({ off: ['hours.confirmed', 'nope' as never], quietHours: null })).toEqual({ off: ['hours.confirmed'], quietHours: null, recommendations: false });
  });
  test('turned off only where it may be', () => {
    const prefs = { ...DEFAULT_PREFERENCES, off: ['hours.confirmed' as const, 'claim.recordMovedAway' as const] };
    expect(isTurnedOff(prefs, 'hours.confirmed')).toBe(true);
    expect(isTurnedOff(prefs, 'claim.recordMovedAway')).toBe(false);
    expect(isTurnedOff(prefs, 'signup.confirmed')).toBe(false);
  });
  test('a change is validated: clock times, start ≠ end, kinds that exist and may be turned off', () => {
    expect(applyPreferences(DEFAULT_PREFERENCES, { quietHours: { start: '23:00', end: '07:00' } })).toEqual({ ok: true, value: { ...DEFAULT_PREFERENCES, quietHours: { start: '23:00', end: '07:00' } } });
    expect(applyPreferences(DEFAULT_PREFERENCES, { quietHours: null })).toMatchObject({ ok: true, value: { quietHours: null } });
    expect(applyPreferences(DEFAULT_PREFERENCES, { quietHours: { start: '24:00', end: '07:00' } })).toMatchObject({ ok: false, refusal: { code: 'BAD_QUIET_HOURS', field: 'quietHours.start' } });
    expect(applyPreferences(DEFAULT_PREFERENCES, { quietHours: { start: '7:00', end: '08:00' } })).toMatchObject({ ok: false, refusal: { field: 'quietHours.start' } });
    expect(applyPreferences(DEFAULT_PREFERENCES, { quietHours: { start: '08:00', end: '08:60' } })).toMatchObject({ ok: false, refusal: { field: 'quietHours.end' } });
    expect(applyPreferences(DEFAULT_PREFERENCES, { quietHours: { start: '08:00', end: '08:00' } })).toMatchObject({ ok: false, refusal: { field: 'quietHours' } });
    expect(applyPreferences(DEFAULT_PREFERENCES, { off: ['claim.decided'] })).toMatchObject({ ok: false, refusal: { code: 'BAD_REQUEST', kind: 'claim.decided' } });
    expect(applyPreferences(DEFAULT_PREFERENCES, { off: ['hours.confirmed', 'hours.confirmed'], recommendations: true })).toEqual({ ok: true, value: { ...DEFAULT_PREFERENCES, off: ['hours.confirmed'], recommendations: true } });
  });
  test('every kind has Chinese group and label', () => {
    for (const k of ALL_KINDS) {
      expect(KIND_INFO[k].label).toMatch(/\p{Script=Han}/u);
      expect(KIND_INFO[k].group).toMatch(/\p{Script=Han}/u);
    }
  });
});
