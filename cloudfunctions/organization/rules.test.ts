import fc from 'fast-check';
import type { MembershipDoc } from '../_shared/documents/membership';
import type { InvitationDoc } from '../_shared/documents/organization';
import {
  checkEvidence,
  checkInvitation,
  checkLeave,
  codeHoldState,
  holdUntil,
  checkJoinRequest,
  checkReviewReason,
  generateInviteCode,
  INVITE_ALPHABET,
  inviteExpiry,
  joinOutcome,
  keywordPattern,
  normaliseInviteCode,
  regionPrefixOf,
  reviewOutcome,
} from './rules';
import { invitePath } from './view';

const now = new Date('2026-03-01T08:00:00Z');

describe('review', () => {
  test('a reason is required to reject, at most 200 characters, whitespace collapsed', () => {
    expect(checkReviewReason('approve', undefined)).toEqual({ ok: true, value: undefined });
    expect(checkReviewReason('approve', '好')).toEqual({ ok: true, value: undefined });
    expect(checkReviewReason('reject', undefined)).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
    expect(checkReviewReason('reject', ' \n ')).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
    expect(checkReviewReason('reject', ' 材料\n不全 ')).toEqual({ ok: true, value: '材料 不全' });
    expect(checkReviewReason('reject', '长'.repeat(200))).toMatchObject({ ok: true });
    expect(checkReviewReason('reject', '长'.repeat(201))).toMatchObject({ ok: false, code: 'REASON_REQUIRED', message: expect.stringContaining('201') });
    expect(checkReviewReason('reject', '𠮷'.repeat(200))).toMatchObject({ ok: true }); // characters, not UTF-16 units
  });

  test('pending is decided once; the same decision again is answered without a write; another is refused', () => {
    expect(reviewOutcome({ status: 'pending' }, 'approve', undefined)).toEqual({ ok: true, value: { apply: true, status: 'verified' } });
    expect(reviewOutcome({ status: 'pending' }, 'reject', 'x')).toEqual({ ok: true, value: { apply: true, status: 'rejected', reason: 'x' } });
    const verified = { status: 'verified' as const, review: { decision: 'approve' as const, reviewedBy: 'u', reviewedAt: now } };
    expect(reviewOutcome(verified, 'approve', undefined)).toEqual({ ok: true, value: { apply: false, status: 'verified' } });
    expect(reviewOutcome(verified, 'reject', 'x')).toMatchObject({ ok: false, code: 'ALREADY_REVIEWED' });
    const rejected = { status: 'rejected' as const, review: { decision: 'reject' as const, reason: '材料不全', reviewedBy: 'u', reviewedAt: now } };
    expect(reviewOutcome(rejected, 'reject', '材料不全')).toEqual({ ok: true, value: { apply: false, status: 'rejected' } });
    expect(reviewOutcome(rejected, 'reject', '别的理由')).toMatchObject({ ok: false, code: 'ALREADY_REVIEWED' });
    expect(reviewOutcome(rejected, 'approve', undefined)).toMatchObject({ ok: false, code: 'ALREADY_REVIEWED' });
  });
});

describe('invitations', () => {
  const invite = (over: Partial<InvitationDoc> = {}): InvitationDoc => ({
    _id: 'ABCD2345',
    orgId: 'org_1',
    role: 'admin',
    createdBy: 'u_admin',
    createdAt: new Date(now.getTime() - 3600_000),
    expiresAt: new Date(now.getTime() + 3600_000),
    usedAt: null,
    usedBy: null,
    ...over,
  });
  test('usable, used, expired (the expiry instant itself is expired), unknown, or already mine', () => {
    expect(checkInvitation(invite(), 'u_me', now)).toEqual({ ok: true, value: 'usable' });
    expect(checkInvitation(null, 'u_me', now)).toMatchObject({ ok: false, code: 'INVITE_INVALID' });
    expect(checkInvitation(invite({ usedAt: now, usedBy: 'u_other' }), 'u_me', now)).toMatchObject({ ok: false, code: 'INVITE_USED' });
    expect(checkInvitation(invite({ usedAt: now, usedBy: 'u_me' }), 'u_me', now)).toEqual({ ok: true, value: 'alreadyMine' });
    expect(checkInvitation(invite({ expiresAt: now }), 'u_me', now)).toMatchObject({ ok: false, code: 'INVITE_EXPIRED' });
    expect(checkInvitation(invite({ expiresAt: new Date(now.getTime() + 1) }), 'u_me', now)).toMatchObject({ ok: true });
    // Used beats expired: the more useful thing to say.
    expect(checkInvitation(invite({ expiresAt: now, usedAt: now, usedBy: 'u_x' }), 'u_me', now)).toMatchObject({ code: 'INVITE_USED' });
  });
});

describe('joining', () => {
  const m = (over: Partial<MembershipDoc>): MembershipDoc => ({
    _id: 'org_1_u_r',
    orgId: 'org_1',
    userId: 'u_r',
    role: 'member',
    status: 'pending',
    requestCount: 1,
    requestedAt: now,
    ...over,
  });
  test('who may ask: nobody yet, or a declined person (the request number grows)', () => {
    expect(checkJoinRequest(null)).toEqual({ ok: true, value: { requestCount: 1 } });
    expect(checkJoinRequest(m({ status: 'declined', requestCount: 2 }))).toEqual({ ok: true, value: { requestCount: 3 } });
    expect(checkJoinRequest(m({ status: 'pending' }))).toMatchObject({ ok: false, code: 'ALREADY_REQUESTED' });
    expect(checkJoinRequest(m({ status: 'active' }))).toMatchObject({ ok: false, code: 'ALREADY_MEMBER', message: expect.stringContaining('成员') });
    expect(checkJoinRequest(m({ status: 'active', role: 'admin' }))).toMatchObject({ ok: false, code: 'ALREADY_MEMBER', message: expect.stringContaining('管理员') });
  });

  test('a pending request is decided once; the same decision repeats without a write', () => {
    expect(joinOutcome(null, 'approve')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(joinOutcome(m({}), 'approve')).toEqual({ ok: true, value: { apply: true, status: 'active' } });
    expect(joinOutcome(m({}), 'decline')).toEqual({ ok: true, value: { apply: true, status: 'declined' } });
    expect(joinOutcome(m({ status: 'active', decidedAt: now }), 'approve')).toEqual({ ok: true, value: { apply: false, status: 'active' } });
    expect(joinOutcome(m({ status: 'declined', decidedAt: now }), 'decline')).toEqual({ ok: true, value: { apply: false, status: 'declined' } });
    expect(joinOutcome(m({ status: 'active', decidedAt: now }), 'decline')).toMatchObject({ ok: false, code: 'NOT_PENDING' });
    expect(joinOutcome(m({ status: 'declined', decidedAt: now }), 'approve')).toMatchObject({ ok: false, code: 'NOT_PENDING' });
    // An admin (first admin or invited) was never a join request.
    expect(joinOutcome(m({ status: 'active', role: 'admin' }), 'approve')).toMatchObject({ ok: false, code: 'NOT_PENDING' });
    expect(joinOutcome(m({ status: 'active', role: 'admin', decidedAt: now }), 'approve')).toMatchObject({ ok: false, code: 'NOT_PENDING' });
  });
});


test('the alphabet has 32 symbols and none that look alike', () => {
  expect(INVITE_ALPHABET).toHaveLength(32);
  expect(new Set(INVITE_ALPHABET).size).toBe(32);
  for (const c of '01IO') expect(INVITE_ALPHABET).not.toContain(c);
});

test('codes are 8 characters of the alphabet, whatever the random bytes', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (bytes) => {
      const code = generateInviteCode(() => bytes);
      expect(code).toMatch(new RegExp(`^[${INVITE_ALPHABET}]{8}$`));
      expect(normaliseInviteCode(code)).toBe(code);
    }),
  );
  expect(generateInviteCode(() => new Uint8Array([0, 1, 31, 32, 255, 8, 9, 10]))).toBe('23Z2ZABC');
  const drawn = new Set(Array.from({ length: 200 }, () => generateInviteCode()));
  expect(drawn.size).toBe(200);
});

test('typing is forgiven: case, spaces and dashes; anything else is not a code', () => {
  expect(normaliseInviteCode(' abcd-2345 ')).toBe('ABCD2345');
  expect(normaliseInviteCode('ABCD234')).toBeNull();
  expect(normaliseInviteCode('ABCD23450')).toBeNull();
  expect(normaliseInviteCode('ABCD2340')).toBeNull(); // 0 is not in the alphabet
  expect(normaliseInviteCode('ABCDI234')).toBeNull();
});

test('valid for 72 hours; the share path carries the code', () => {
  expect(inviteExpiry(new Date('2026-03-01T00:00:00Z')).toISOString()).toBe('2026-03-04T00:00:00.000Z');
  expect(invitePath('ABCD2345')).toBe('/org/invite/index?code=ABCD2345');
});


test('region prefixes: as given, or a 6-digit province/city code shortened', () => {
  expect(regionPrefixOf('35')).toBe('35');
  expect(regionPrefixOf('3501')).toBe('3501');
  expect(regionPrefixOf('350102')).toBe('350102');
  expect(regionPrefixOf('350100')).toBe('3501');
  expect(regionPrefixOf('350000')).toBe('35');
});

test('keywords are trimmed; empty means none', () => {
  expect(keywordPattern(undefined)).toBeNull();
  expect(keywordPattern('  ')).toBeNull();
  expect(keywordPattern(' 阳光  志愿 ')).toBe('阳光 志愿');
});

test('a keyword matches itself literally, as a substring, whatever characters it holds', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1 }).filter((s) => s.trim() !== '' && !/\s/.test(s)), fc.string(), fc.string(), (kw, before, after) => {
      const pattern = keywordPattern(kw)!;
      expect(new RegExp(pattern, 'i').test(`${before}${kw}${after}`)).toBe(true);
    }),
  );
  expect(new RegExp(keywordPattern('.*')!, 'i').test('anything')).toBe(false);
  expect(new RegExp(keywordPattern('(A+)')!, 'i').test('xx (a+) yy')).toBe(true);
});

describe('who holds a USCC, and what the rules allow', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  const pending = { status: 'pending' as const, createdAt: new Date('2026-05-01T00:00:00Z'), submittedAt: new Date('2026-05-20T00:00:00Z') };
  test('codeHoldState: free without a live holder, mine for its admin, expired past the hold, taken otherwise', () => {
    expect(codeHoldState(null, null, false, now)).toBe('free');
    expect(codeHoldState({}, { ...pending, status: 'rejected' }, false, now)).toBe('free');
    expect(codeHoldState({}, { ...pending, status: 'dissolved' }, false, now)).toBe('free');
    expect(codeHoldState({ heldUntil: holdUntil(pending.submittedAt) }, pending, true, now)).toBe('mine');
    expect(codeHoldState({ heldUntil: holdUntil(pending.submittedAt) }, pending, false, now)).toBe('taken');
    expect(codeHoldState({ heldUntil: new Date('2026-05-31T23:59:59Z') }, pending, false, now)).toBe('expired');
    // A hold written before heldUntil existed counts from the application's dates.
    expect(codeHoldState({}, { ...pending, submittedAt: undefined, createdAt: new Date('2026-04-01T00:00:00Z') }, false, now)).toBe('expired');
    expect(codeHoldState({}, { ...pending, status: 'verified', createdAt: new Date('2020-01-01T00:00:00Z') }, false, now)).toBe('taken');
    expect(holdUntil(pending.submittedAt).toISOString()).toBe(`2026-06-${19}T00:00:00.000Z`);
  });

  test('checkLeave: a member leaves; an admin only while another remains; not the last of a live organization', () => {
    const m = (role: 'admin' | 'member') => ({ _id: 'x', orgId: 'o', userId: 'u', role, status: 'active' as const, requestCount: 0, requestedAt: now });
    expect(checkLeave({ name: '甲', status: 'verified' }, m('member'), 1)).toEqual({ ok: true, value: { wasAdmin: false } });
    expect(checkLeave({ name: '甲', status: 'verified' }, m('admin'), 2)).toEqual({ ok: true, value: { wasAdmin: true } });
    expect(checkLeave({ name: '甲', status: 'verified' }, m('admin'), 1)).toMatchObject({ ok: false, code: 'LAST_ADMIN' });
    expect(checkLeave({ name: '甲', status: 'rejected' }, m('admin'), 1)).toMatchObject({ ok: true });
    expect(checkLeave({ name: '甲', status: 'verified' }, null, 1)).toMatchObject({ ok: false, code: 'NOT_MEMBER' });
  });

  test('checkEvidence: JPEG or PNG by their bytes, one or two, within 70 KB together', () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]).toString('base64');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]).toString('base64');
    expect(checkEvidence([jpeg, `data:image/png;base64,${png}`])).toMatchObject({ ok: true, value: [{ extension: 'jpg' }, { extension: 'png' }] });
    expect(checkEvidence([])).toMatchObject({ ok: false, code: 'EVIDENCE_INVALID' });
    expect(checkEvidence([jpeg, jpeg, jpeg])).toMatchObject({ ok: false });
    expect(checkEvidence([Buffer.from('<svg/>').toString('base64')])).toMatchObject({ ok: false });
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(71 * 1024)]).toString('base64');
    expect(checkEvidence([big])).toMatchObject({ ok: false, message: expect.stringContaining('70 KB') });
  });
});
