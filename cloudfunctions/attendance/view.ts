// What answers look like: a session as the volunteer and the organization see it.
import type { SessionView } from '../../typings/attendance';
import type { SessionDoc } from './store';

const iso = (d: Date | string) => new Date(d).toISOString();

export function sessionView(s: SessionDoc): SessionView {
  return {
    sessionId: s._id,
    shiftId: s.shiftId,
    projectTitle: s.projectTitle,
    state: s.state === 'open' ? 'checkedIn' : s.state === 'closed' ? 'checkedOut' : 'missingCheckout',
    checkedInAt: iso(s.checkIn.at),
    ...(s.checkOut ? { checkedOutAt: iso(s.checkOut.at) } : {}),
    ...(s.minutes !== undefined ? { minutes: s.minutes } : {}),
    ...(s.checkIn.distanceM !== undefined ? { checkInDistanceM: s.checkIn.distanceM } : {}),
    ...(s.checkOut?.distanceM !== undefined ? { checkOutDistanceM: s.checkOut.distanceM } : {}),
  };
}
