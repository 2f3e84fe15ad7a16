// What user.session answers: who the caller is, and everything 我的 shows on its first render.
import type { Role, SessionResponse } from '../../typings/user';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { maskName } from '../_shared/rules/mask';

export function sessionView(userId: string, roles: Role[], volunteer: VolunteerDoc | null, firstSeen: boolean, unread: number): SessionResponse {
  return {
    userId,
    roles,
    registered: volunteer !== null,
    ...(volunteer
      ? {
          volunteer: {
            nameMasked: maskName(volunteer.name),
            volunteerNo: volunteer.volunteerNo,
            // As on the card: until service records exist (check-out and confirmation), nobody has confirmed hours.
            confirmedHours: 0,
            starLevel: null,
          },
        }
      : {}),
    unread,
    firstSeen,
  };
}
