import { createHash } from 'node:crypto';

/**
 * The user document's id, derived from the OPENID so that two first calls at the same moment compete for the same
 * id and exactly one insert wins. Hashed, so the id can be shown to others without revealing the OPENID.
 */
export function userIdOf(openid: string): string {
  return `u_${createHash('sha256').update(`user:${openid}`).digest('hex').slice(0, 24)}`;
}

/** A follower document's id: the official account's openid, hashed as the user id is (followers collection). */
export function followerIdOf(officialAccountOpenid: string): string {
  return `f_${createHash('sha256').update(`follower:${officialAccountOpenid}`).digest('hex').slice(0, 24)}`;
}
