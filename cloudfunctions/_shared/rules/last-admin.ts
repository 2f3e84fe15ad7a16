// An organization must not be orphaned (issue 7): the only active admin of a live organization — pending or verified,
// so still acting or waiting to act in the platform's name — hands the role over or dissolves it before leaving or
// deleting their account. Pure: the caller reads the memberships and organizations and asks here.
import type { OrganizationStatus } from '../../../typings/organization';

export interface AdministeredOrganization {
  orgId: string;
  name: string;
  status: OrganizationStatus;
  /** Active admins, the person included. */
  activeAdmins: number;
}

/** The organizations the person is the last admin of, which keep them from leaving or deleting their account. */
export function organizationsOrphanedBy(administered: readonly AdministeredOrganization[]): AdministeredOrganization[] {
  return administered.filter((o) => (o.status === 'pending' || o.status === 'verified') && o.activeAdmins <= 1);
}
