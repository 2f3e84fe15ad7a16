// The reads of the organization function that go beyond one document: members' name cards.
import type { Database } from '../_shared/db/db';
import { PAGE, rows } from '../_shared/db/paging';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
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
