// The organizations a person administers, with how many active admins each has, for the last-admin rule
// (rules/last-admin.ts). Indexed reads: memberships by userId_status, then orgId_status_role per organization.
import type { MembershipDoc } from '../documents/membership';
import type { OrganizationDoc } from '../documents/organization';
import type { AdministeredOrganization } from '../rules/last-admin';
import { getOrNull, type Database } from './db';
import { PAGE, rows } from './paging';

export async function administeredOrganizations(db: Database, userId: string): Promise<AdministeredOrganization[]> {
  const mine = (await rows<MembershipDoc>(db.collection('memberships').where({ userId, status: 'active' }).limit(PAGE))).filter((m) => m.role === 'admin');
  return Promise.all(
    mine.map(async (m) => {
      const org = await getOrNull<OrganizationDoc>(db, 'organizations', m.orgId);
      const admins = await rows<Pick<MembershipDoc, 'userId'>>(
        db.collection('memberships').where({ orgId: m.orgId, status: 'active', role: 'admin' }).field({ userId: true }).limit(PAGE),
      );
      return { orgId: m.orgId, name: org?.name ?? '', status: org?.status ?? 'dissolved', activeAdmins: admins.length };
    }),
  );
}

/** The user ids of an organization's active admins (index orgId_status_role), the people told of its projects. */
export async function activeAdminIds(db: Database, orgId: string): Promise<string[]> {
  const admins = await rows<Pick<MembershipDoc, 'userId'>>(db.collection('memberships').where({ orgId, status: 'active', role: 'admin' }).field({ userId: true }).limit(PAGE));
  return admins.map((m) => m.userId);
}

/**
 * The verified organizations a person administers (memberships by userId_status, then the organizations by id, at
 * most 100 of each): who verifies the help requests of a county (help.verify) and whom 我的 shows that to.
 */
export async function administeredVerified(db: Database, userId: string): Promise<OrganizationDoc[]> {
  const mine = (await rows<MembershipDoc>(db.collection('memberships').where({ userId, status: 'active' }).limit(PAGE))).filter((m) => m.role === 'admin');
  if (mine.length === 0) return [];
  const _ = db.command;
  const orgs = await rows<OrganizationDoc>(db.collection('organizations').where({ _id: _.in(mine.map((m) => m.orgId)), status: 'verified' }).limit(PAGE));
  return orgs.sort((a, b) => a.name.localeCompare(b.name, 'zh') || (a._id < b._id ? -1 : 1));
}
