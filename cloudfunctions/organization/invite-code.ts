// Admin invitation codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I), so a code read aloud
// or typed from a screenshot is not mistyped. 32 symbols: each random byte maps without bias (256 = 8 × 32).
import { randomBytes } from 'node:crypto';
import { routes, withQuery } from '../../miniprogram/domain/routes';

export const INVITE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const INVITE_CODE_LENGTH = 8;
export const INVITE_VALID_HOURS = 72;

export function generateInviteCode(random: (n: number) => Uint8Array = randomBytes): string {
  const bytes = random(INVITE_CODE_LENGTH);
  let code = '';
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) code += INVITE_ALPHABET[bytes[i] % INVITE_ALPHABET.length];
  return code;
}

/** What people type: spaces, dashes and lower case are forgiven. Null when it cannot be a code at all. */
export function normaliseInviteCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '').toUpperCase();
  if (code.length !== INVITE_CODE_LENGTH) return null;
  for (const c of code) if (!INVITE_ALPHABET.includes(c)) return null;
  return code;
}

export function inviteExpiry(now: Date): Date {
  return new Date(now.getTime() + INVITE_VALID_HOURS * 3600_000);
}

export function invitePath(code: string): string {
  return withQuery(routes.orgInvite, { code });
}
