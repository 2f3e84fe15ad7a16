// Contracts of the sign-up actions the 24-hour shift reminder leads to (the reminder function, typings/reminder.ts):
// the volunteer confirms they will come, or releases the place, which is the withdrawal of typings/signup.ts and
// offers the place to the first in line. Served by the `signup` function, which owns sign-ups.
import type { SignupRef, SignupView, WithdrawError } from './signup';

/** One of my sign-ups as the 确认参加 page shows it. */
export interface PlaceCheckView {
  signup: SignupView;
  /** Where the shift takes place (the project's place name and address). */
  place: string;
  /** When I confirmed I will come, once I did. */
  placeConfirmedAt?: string;
  /** Confirmed and not started: 确认参加 is offered. */
  canConfirm: boolean;
  /** Still holding or waiting for a place and not ended: 释放名额 is offered. */
  canRelease: boolean;
  /** Releasing now is recorded as late (after the project's cut-off). */
  lateIfReleased: boolean;
}

export type PlaceCheckError = 'SIGNUP_NOT_FOUND';
export type ConfirmPlaceError = 'SIGNUP_NOT_FOUND' | 'NOT_CONFIRMABLE' | 'SHIFT_STARTED';

export interface SignupReminderActions {
  placeCheck: { request: SignupRef; response: PlaceCheckView; error: PlaceCheckError; mutates: false };
  /** Records on the sign-up that the volunteer will come (the organization sees it on its sign-up list). */
  confirmPlace: { request: SignupRef; response: PlaceCheckView; error: ConfirmPlaceError; mutates: true };
  /** The volunteer cannot come: the withdrawal (signup.withdraw's path), the place offered to the waitlist. */
  releasePlace: { request: SignupRef; response: PlaceCheckView; error: WithdrawError; mutates: true };
}
