import { createHash } from 'node:crypto';

/**
 * The user document's id, derived from the OPENID so that two first calls at the same moment compete for the same
 * id and exactly one insert wins. Hashed, so the id can be shown to others without revealing the OPENID.
 */
export function userIdOf(openid: string): string {
  return `u_${createHash('sha256').update(`user:${openid}`).digest('hex').slice(0, 24)}`;
}
