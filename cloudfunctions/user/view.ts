// What user.session answers: who the caller is, and everything 我的 shows on its first render.
import type { Role, SessionResponse } from '../../typings/user';
import type { OrganizationDoc } from '../_shared/documents/organization';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { hoursSummary } from '../_shared/hours/summary';
import { maskName } from '../_shared/rules/mask';

export function sessionView(
  userId: string,
  roles: Role[],
  volunteer: VolunteerDoc | null,
  firstSeen: boolean,
  unread: number,
  verifiedOrgs: readonly Pick<OrganizationDoc, '_id' | 'name'>[],
  env: NodeJS.ProcessEnv,
): SessionResponse {
  return {
    userId,
    roles,
    registered: volunteer !== null,
    ...(volunteer
      ? {
          volunteer: {
            nameMasked: maskName(volunteer.name),
            volunteerNo: volunteer.volunteerNo,
            // The same total as the card and 我的时长: the volunteer document's confirmed service minutes.
            ...hoursSummary(volunteer, env),
          },
        }
      : {}),
    unread,
    firstSeen,
    ...(verifiedOrgs.length > 0 ? { verifiedOrganizations: verifiedOrgs.map((o) => ({ orgId: o._id, name: o.name })) } : {}),
  };
}
