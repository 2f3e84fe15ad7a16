import type { MembershipDoc } from '../_shared/people';
import { checkInvitation, checkJoinRequest, checkReviewReason, joinOutcome, reviewOutcome } from './decisions';
import type { InvitationDoc } from './org-doc';

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
