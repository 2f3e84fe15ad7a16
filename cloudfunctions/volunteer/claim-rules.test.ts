// The pure rules of 申诉找回 with time passed in: the per-credential window, one open claim per claimant, photos by
// their bytes, the queue's cursor, and what a record becomes when it moves.
import type { ClaimDoc, ClaimFiling } from '../_shared/documents/claim';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { afterCursor, closeFiling, decodeCursor, decodeEvidence, encodeCursor, filingAllowed, movedVolunteer, validateDecisionReason, validateStatement } from './claim-rules';

const DAY = 86_400_000;
const NOW = new Date('2026-12-01T04:00:00Z');
const filing = (claimantUserId: string, daysAgo: number, open = false): ClaimFiling => ({
  claimId: `cl_${claimantUserId.padEnd(24, '0').slice(0, 24)}`,
  claimantUserId,
  filedAt: new Date(NOW.getTime() - daysAgo * DAY),
  open,
});

describe('filingAllowed', () => {
  test('3 in 30 days per credential; the day to try again is when the oldest leaves the window (Asia/Shanghai)', () => {
    const three = [filing('a', 29), filing('b', 10), filing('c', 1)];
    const refused = filingAllowed(three, 'd', NOW);
    expect(refused).toEqual({ ok: false, code: 'CLAIM_LIMIT', message: '这个证件近 30 天已有 3 次申诉，请在 2026-12-02 之后再提交' });
    // A day later the oldest has left the window.
    expect(filingAllowed(three, 'd', new Date(NOW.getTime() + 1.5 * DAY))).toMatchObject({ ok: true });
  });

  test('an open claim counts however old; one open claim per claimant', () => {
    expect(filingAllowed([filing('a', 90, true)], 'a', NOW)).toMatchObject({ ok: false, code: 'CLAIM_ALREADY_OPEN' });
    expect(filingAllowed([filing('a', 90, true)], 'b', NOW)).toMatchObject({ ok: true, value: [filing('a', 90, true)] });
    expect(filingAllowed([filing('a', 90, false)], 'b', NOW)).toEqual({ ok: true, value: [] });
    const closed = closeFiling([filing('a', 2, true)], filing('a', 2, true).claimId);
    expect(filingAllowed(closed, 'a', NOW)).toMatchObject({ ok: true });
  });
});

describe('decodeEvidence', () => {
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]);
  test('JPEG and PNG by their first bytes, strict base64, at most 70 KB', () => {
    expect(decodeEvidence({ contentType: 'image/jpeg', base64: jpeg.toString('base64') })).toEqual({ ok: true, value: jpeg });
    expect(decodeEvidence({ contentType: 'image/jpeg', base64: `data:image/jpeg;base64,${jpeg.toString('base64')}` })).toMatchObject({ ok: true });
    expect(decodeEvidence({ contentType: 'image/png', base64: jpeg.toString('base64') })).toMatchObject({ ok: false, code: 'EVIDENCE_INVALID' });
    expect(decodeEvidence({ contentType: 'image/jpeg', base64: Buffer.from('GIF89a....').toString('base64') })).toMatchObject({ ok: false });
    expect(decodeEvidence({ contentType: 'image/jpeg', base64: '////' + '*' })).toMatchObject({ ok: false });
    expect(decodeEvidence({ contentType: 'image/jpeg', base64: Buffer.concat([jpeg, Buffer.alloc(70 * 1024)]).toString('base64') })).toMatchObject({
      ok: false,
      message: '照片压缩后仍超过 70 KB，请裁剪后重新选择',
    });
  });
});

describe('the queue cursor', () => {
  const rows = [
    { _id: 'cl_000000000000000000000002', filedAt: new Date(1000) },
    { _id: 'cl_000000000000000000000001', filedAt: new Date(1000) },
    { _id: 'cl_000000000000000000000003', filedAt: new Date(2000) },
  ];
  test('round-trips, orders by (filedAt, id) and cuts ties at the cursor', () => {
    const cursor = { filedAt: new Date(1000), claimId: 'cl_000000000000000000000001' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(afterCursor(rows, null).map((r) => r._id.slice(-1))).toEqual(['1', '2', '3']);
    expect(afterCursor(rows, cursor).map((r) => r._id.slice(-1))).toEqual(['2', '3']);
  });
  test('a forged cursor is invalid, none is the start', () => {
    expect(decodeCursor(undefined)).toBeNull();
    expect(decodeCursor('')).toBeNull();
    expect(decodeCursor('not-json')).toBe('invalid');
    expect(decodeCursor(Buffer.from(JSON.stringify(['2026-01-01', 'users'])).toString('base64url'))).toBe('invalid');
  });
});

describe('texts', () => {
  test('statement 10–500 characters without control characters; reason 2–200', () => {
    expect(validateStatement('  我的证件被他人注册了，请帮我找回。 ')).toEqual({ ok: true, value: '我的证件被他人注册了，请帮我找回。' });
    expect(validateStatement('太短了')).toMatchObject({ ok: false, code: 'STATEMENT_INVALID', field: 'statement' });
    expect(validateStatement('我的证件被他人注册了\u202e请帮我找回')).toMatchObject({ ok: false, code: 'STATEMENT_INVALID' });
    expect(validateDecisionReason('一')).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
    expect(validateDecisionReason(' 证据一致 ')).toEqual({ ok: true, value: '证据一致' });
  });
});

describe('movedVolunteer', () => {
  test('keeps the record and every field of it, takes the claimant as owner with their phone and consent, drops the extra fields', () => {
    const before = {
      _id: 'v_1',
      userId: 'u_squatter',
      volunteerNo: 'ZY3501022600000017',
      confirmedMinutes: 750,
      extra: { kid: 'k', iv: 'i', ct: 'c', tag: 't' },
      phone: { cipher: { kid: 'k', iv: 'i', ct: 'old', tag: 't' }, masked: '138****0000', verified: true },
      phoneHash: 'old-hash',
      consents: [
        { kind: 'privacy', version: '2025-01', grantedAt: new Date(0) },
        { kind: 'extraFields', version: '2025-01', grantedAt: new Date(0) },
      ],
    } as unknown as VolunteerDoc;
    const claim = {
      claimantUserId: 'u_owner',
      phone: { cipher: { kid: 'k', iv: 'i', ct: 'new', tag: 't' }, masked: '139****2222', verified: false },
      phoneHash: 'new-hash',
      privacyVersion: '2026-11-01',
    } as unknown as ClaimDoc;
    const after = movedVolunteer(before, claim, NOW) as VolunteerDoc & { confirmedMinutes: number };
    expect(after).toMatchObject({ _id: 'v_1', userId: 'u_owner', volunteerNo: 'ZY3501022600000017', confirmedMinutes: 750, phone: claim.phone, phoneHash: 'new-hash', updatedAt: NOW });
    expect(after).not.toHaveProperty('extra');
    expect(after.consents).toEqual([
      { kind: 'privacy', version: '2025-01', grantedAt: new Date(0) },
      { kind: 'extraFields', version: '2025-01', grantedAt: new Date(0), withdrawnAt: NOW },
      { kind: 'privacy', version: '2026-11-01', grantedAt: NOW },
    ]);
  });
});
