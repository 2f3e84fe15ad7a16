import fc from 'fast-check';
import { generateInviteCode, INVITE_ALPHABET, inviteExpiry, invitePath, normaliseInviteCode } from './invite-code';

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
