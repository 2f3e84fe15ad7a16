// The reads of the organization function that go beyond one document: members' name cards, admins, alike names.
import type { Database } from '../_shared/db/db';
import { PAGE, rows } from '../_shared/db/paging';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import type { MembershipDoc } from '../_shared/documents/membership';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { nameSignatures } from '../../miniprogram/domain/org-name';
import type { PersonCard } from './view';

/** Name, volunteer number and masked phone of each given user that has a volunteer profile. */
export async function peopleByUserId(db: Database, userIds: string[]): Promise<Map<string, PersonCard>> {
  const out = new Map<string, PersonCard>();
  const ids = [...new Set(userIds)];
  const _ = db.command;
  for (let i = 0; i < ids.length; i += PAGE) {
    const found = await rows<Pick<VolunteerDoc, 'userId' | 'name' | 'volunteerNo'> & { phone?: { masked?: string } }>(
      db
        .collection('volunteers')
        .where({ userId: _.in(ids.slice(i, i + PAGE)) })
        .field({ userId: true, name: true, volunteerNo: true, 'phone.masked': true })
        .limit(PAGE),
    );
    for (const v of found) {
      out.set(v.userId, { userId: v.userId, name: v.name, volunteerNo: v.volunteerNo, phoneMasked: v.phone?.masked ?? '' });
    }
  }
  return out;
}

/**
 * The active admins of an organization (index orgId_status_role). Read inside a transaction's body after it read
 * the organization, and every change of the admin set writes the organization (`adminsChangedAt`): two changes at
 * once conflict, and the one that runs again counts what the other committed.
 */
export async function activeAdminIds(db: Database, orgId: string): Promise<string[]> {
  const admins = await rows<Pick<MembershipDoc, 'userId'>>(
    db.collection('memberships').where({ orgId, status: 'active', role: 'admin' }).field({ userId: true }).limit(PAGE),
  );
  return admins.map((m) => m.userId);
}

/** Live organizations sharing a similarity key with `name` (index nameSignatures_status), at most 20. */
export async function similarNameCandidates(db: Database, name: string): Promise<OrganizationDoc[]> {
  const _ = db.command;
  return rows<OrganizationDoc>(
    db
      .collection('organizations')
      .where({ nameSignatures: _.in(nameSignatures(name)), status: _.in(['pending', 'verified']) })
      .field({ _id: true, name: true, regionCode: true, regionNames: true, status: true })
      .limit(20),
  );
}


