// The pure rules of the user function: which roles a caller has.
import type { Role } from '../../typings/user';

/** Stored roles, plus platformAdmin from configuration and volunteer once a volunteer profile is active. */
export function rolesOf(stored: string[], isPlatformAdmin: boolean, isVolunteer: boolean): Role[] {
  const roles = new Set<Role>(stored.filter((r): r is Role => r === 'volunteer' || r === 'platformAdmin'));
  if (isPlatformAdmin) roles.add('platformAdmin');
  if (isVolunteer) roles.add('volunteer');
  return [...roles].sort();
}
