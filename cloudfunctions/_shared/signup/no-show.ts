// Marking a confirmed volunteer who did not come (signup.markNoShow and attendance.markAbsent, issue 9): one rule,
// inside the caller's transaction. The marks count towards the organization's no-show policy
// (organizations.noShowPolicy; off by default).
import { err, ok, type Result } from '../../../miniprogram/domain/result';
import { getOrNull, type Tx } from '../db/db';
import type { SignupDoc } from '../documents/project';
import { SIGNUP_MESSAGES } from '../messages/answers';
import { SIGNUPS, writeSignup } from './places';

export type NoShowRefusal = 'SIGNUP_NOT_FOUND' | 'NOT_CONFIRMED' | 'SHIFT_NOT_STARTED';

/** The sign-up marked (or as it was, when marked before), or why not: it must be confirmed and its shift started. */
export async function markNoShowIn(t: Tx, signupId: string, adminUserId: string, now: Date): Promise<Result<SignupDoc, NoShowRefusal>> {
  const current = await getOrNull<SignupDoc>(t, SIGNUPS, signupId);
  if (!current) return err('SIGNUP_NOT_FOUND', SIGNUP_MESSAGES.signupNotFound);
  if (current.noShow) return ok(current);
  if (current.status !== 'confirmed') return err('NOT_CONFIRMED', SIGNUP_MESSAGES.notConfirmed);
  if (now.getTime() < new Date(current.startsAt).getTime()) return err('SHIFT_NOT_STARTED', SIGNUP_MESSAGES.shiftNotStarted);
  const next: SignupDoc = { ...current, noShow: { markedAt: now, markedBy: adminUserId }, updatedAt: now };
  await writeSignup(t, next);
  return ok(next);
}
