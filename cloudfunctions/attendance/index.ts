// Cloud function `attendance`: on-site check-in and check-out nobody can fake, even without signal (issue 9).
// Stations sign short-lived tokens offline; volunteers scan them (or an admin scans their card, or checks them by
// hand with a reason); a check-out writes a confirmed on-site record; the timer closes forgotten check-outs as
// pending records. Contracts: typings/attendance.ts. Tokens, races and the threat model: README.md.
import { defineFunction } from '../_shared/frame/action';
import { cardCheck, manualCheck } from './admin-check';
import { closeForgottenCheckouts } from './close-forgotten';
import { dashboard, markAbsent } from './dashboard';
import { mySessions } from './my-sessions';
import { openStation } from './open-station';
import { checkIn, checkOut } from './scan';
import { settings } from './settings';

export const { main, actions } = defineFunction<'attendance'>(
  { settings, openStation, checkIn, checkOut, cardCheck, manualCheck, mySessions, dashboard, markAbsent },
  { closeForgottenCheckouts },
);
