// What issuing a certificate needs to read first, outside the transaction (which cannot query): the volunteer's
// current confirmed records, who issues for the records organization (its parent or successors loaded for issuerOf),
// the volunteer's line of the snapshot (name, masked credential, number) and the deployment's signing keys.
import type { Database } from '../_shared/db/db';
import { getOrNull } from '../_shared/db/db';
import { PAGE, rows } from '../_shared/db/paging';
import type { OrganizationDoc } from '../_shared/documents/organization';
import type { ServiceRecordDoc } from '../_shared/documents/service-record';
import { CIPHER_PURPOSE, type VolunteerDoc } from '../_shared/documents/volunteer';
import { maskCredential } from '../_shared/rules/mask';
import { decryptField, keyRingFromEnv } from '../_shared/security/crypto';
import { issuerOf, type IssuerOf } from './issuer';
import type { SnapshotInput } from './snapshot';

/** Records read per volunteer before the read stops: far beyond any real volunteer, so a certificate is never cut short. */
export const MAX_RECORDS_READ = 20_000;

/**
 * Every current confirmed record of a volunteer, newest first, 100 a query in keyset order on the index
 * volunteerId_current_status_startsAt_id (the confirmed ones only are read). Throws past MAX_RECORDS_READ rather than
 * certify a part silently.
 */
export async function confirmedRecordsOf(db: Database, volunteerId: string): Promise<ServiceRecordDoc[]> {
  const _ = db.command;
  const where = { volunteerId, current: true, status: 'confirmed' };
  const out: ServiceRecordDoc[] = [];
  let after: ServiceRecordDoc | undefined;
  for (;;) {
    const page: ServiceRecordDoc[] = [];
    if (after) {
      // Ties on startsAt first (smaller _id, the index's direction), then the instants before it.
      page.push(...(await rows<ServiceRecordDoc>(db.collection('serviceRecords').where({ ...where, startsAt: after.startsAt, _id: _.lt(after._id) }).orderBy('_id', 'desc').limit(PAGE))));
    }
    if (page.length < PAGE) {
      const past = after ? { ...where, startsAt: _.lt(after.startsAt) } : where;
      page.push(...(await rows<ServiceRecordDoc>(db.collection('serviceRecords').where(past).orderBy('startsAt', 'desc').orderBy('_id', 'desc').limit(PAGE - page.length))));
    }
    out.push(...page);
    if (out.length > MAX_RECORDS_READ) throw new Error(`confirmedRecordsOf: more than ${MAX_RECORDS_READ} records`);
    if (page.length < PAGE) return out;
    after = page[page.length - 1];
  }
}

/** Hops issuerOf follows through successors (issuer.ts allows five). */
const SUCCESSION_READS = 5;

/** Who issues for `recordsOrg`: the organizations the rule may need (its parent, its successors) are read first. */
export async function resolveIssuer(db: Database, recordsOrg: OrganizationDoc): Promise<IssuerOf> {
  const known = new Map<string, OrganizationDoc>([[recordsOrg._id, recordsOrg]]);
  const load = async (id: string | undefined): Promise<OrganizationDoc | undefined> => {
    if (!id) return undefined;
    if (!known.has(id)) {
      const doc = await getOrNull<OrganizationDoc>(db, 'organizations', id);
      if (doc) known.set(id, doc);
    }
    return known.get(id);
  };
  if (recordsOrg.kind === 'grassroots') await load(recordsOrg.parentId);
  let next: OrganizationDoc | undefined = recordsOrg;
  for (let hop = 0; next?.status === 'dissolved' && hop < SUCCESSION_READS; hop++) next = await load(next.successorId);
  return issuerOf(recordsOrg, (id) => known.get(id));
}

/** The volunteer as the snapshot prints them: the credential number decrypted only to be masked (RULES §5, §8). */
export function volunteerLineOf(volunteer: VolunteerDoc, env: NodeJS.ProcessEnv): SnapshotInput['volunteer'] {
  const number = decryptField(volunteer.credential.cipher, keyRingFromEnv(env), CIPHER_PURPOSE.credential);
  return { name: volunteer.name, credentialType: volunteer.credential.type, credentialNoMasked: maskCredential(number), volunteerNo: volunteer.volunteerNo };
}

/** Organizations by id, one `_id in` query per 100. */
export async function organizationsByIds(db: Database, ids: readonly string[]): Promise<Map<string, OrganizationDoc>> {
  const _ = db.command;
  const unique = [...new Set(ids)];
  const out = new Map<string, OrganizationDoc>();
  for (let i = 0; i < unique.length; i += PAGE) {
    const found = await rows<OrganizationDoc>(db.collection('organizations').where({ _id: _.in(unique.slice(i, i + PAGE)) }).limit(PAGE));
    for (const o of found) out.set(o._id, o);
  }
  return out;
}
