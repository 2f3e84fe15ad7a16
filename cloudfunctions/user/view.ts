// What user.session answers.
import type { Role, SessionResponse } from '../../typings/user';
import type { VolunteerDoc } from '../_shared/documents/volunteer';

export function sessionView(userId: string, roles: Role[], volunteer: VolunteerDoc | null, firstSeen: boolean): SessionResponse {
  return {
    userId,
    roles,
    registered: volunteer !== null,
    ...(volunteer ? { volunteer: { name: volunteer.name, volunteerNo: volunteer.volunteerNo } } : {}),
    firstSeen,
  };
}
