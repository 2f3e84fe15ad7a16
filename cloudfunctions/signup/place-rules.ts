// Pure rules of the 确认参加 page (place-check.ts): who may confirm a place, what the page offers, where a shift is.
import { err, ok, type Result } from '../../miniprogram/domain/result';
import type { ProjectDoc, SignupDoc } from '../_shared/documents/project';
import { ACTIVE } from './rules';

/** Only a confirmed place before its shift starts can be confirmed; a second confirmation keeps the first. */
export function placeConfirmation(
  s: Pick<SignupDoc, 'status' | 'startsAt' | 'placeConfirmedAt'>,
  now: Date,
  messages: { notConfirmable: string; shiftStarted: string },
): Result<{ alreadyConfirmed: boolean }, 'NOT_CONFIRMABLE' | 'SHIFT_STARTED'> {
  if (s.status !== 'confirmed') return err('NOT_CONFIRMABLE', messages.notConfirmable);
  if (s.placeConfirmedAt) return ok({ alreadyConfirmed: true });
  if (now.getTime() >= s.startsAt.getTime()) return err('SHIFT_STARTED', messages.shiftStarted);
  return ok({ alreadyConfirmed: false });
}

/** What the page offers for this sign-up now. */
export function placeCheckState(
  s: Pick<SignupDoc, 'status' | 'startsAt' | 'endsAt' | 'lateAfter' | 'placeConfirmedAt'>,
  now: Date,
): { canConfirm: boolean; canRelease: boolean; lateIfReleased: boolean } {
  const t = now.getTime();
  const canRelease = ACTIVE.includes(s.status) && t < s.endsAt.getTime();
  return {
    canConfirm: s.status === 'confirmed' && !s.placeConfirmedAt && t < s.startsAt.getTime(),
    canRelease,
    lateIfReleased: canRelease && s.status !== 'waitlisted' && (t >= s.startsAt.getTime() || (s.lateAfter !== undefined && t > s.lateAfter.getTime())),
  };
}

/** Where a shift takes place, as its volunteer reads it: the place's name and the address. */
export function placeOf(project: Pick<ProjectDoc, 'place'>): string {
  const { name, address } = project.place;
  return name && name.trim() && !address.includes(name) ? `${name}（${address}）` : address;
}
