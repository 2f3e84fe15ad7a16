// The reads of the organization's certificate actions: the review queue and the register paged by keyset on their
// declared indexes (database/collections.json), a volunteer's certifiable records, the volunteer line a snapshot
// prints. Writes happen in the actions' transactions.
import type { CertificateDoc } from '../_shared/documents/certificate';
import type { ServiceRecordDoc } from '../_shared/documents/service-record';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { getOrNull, type Database, type Tx } from '../_shared/db/db';
import { everyRow, keysetPage, PAGE, rows, type Position } from '../_shared/db/paging';
import { volunteerLineOf } from './issuing';
import { certifiedRecords, type SnapshotInput } from './snapshot';

export const CERTIFICATES = 'certificates';
export const CERTIFICATE_KEYS = 'certificateKeys';

/** The most confirmed records one certificate is read from (a volunteer of many years has a few thousand). */
const RECORDS_CAP = 10_000;

/** Requests under review, oldest first (issuerOrgId_status_requestedAt_id). */
export function reviewPage(db: Database, issuerOrgId: string, after: Position | null, size: number) {
  return keysetPage<CertificateDoc>(db, CERTIFICATES, { issuerOrgId, status: 'reviewing' }, { field: 'requestedAt', direction: 'asc' }, after, size);
}

/** The register, newest issuance first, all entries or one status (issuerOrgId_status_issuedAt_id). */
export function registerPage(db: Database, issuerOrgId: string, status: 'issued' | 'revoked' | undefined, after: Position | null, size: number) {
  const statuses = status ? status : db.command.in(['issued', 'revoked']);
  return keysetPage<CertificateDoc>(db, CERTIFICATES, { issuerOrgId, status: statuses }, { field: 'issuedAt', direction: 'desc', idDirection: 'desc' }, after, size);
}

/** What a certificate of `scope` from `recordsOrgId` would list now (volunteerId_current_status_startsAt_id). */
export async function certifiableRecords(db: Database, volunteerId: string, recordsOrgId: string, scope: CertificateDoc['scope']): Promise<ServiceRecordDoc[]> {
  const confirmed = await everyRow<ServiceRecordDoc>(
    db,
    'serviceRecords',
    { volunteerId, current: true, status: 'confirmed' },
    { field: 'startsAt', direction: 'desc', idDirection: 'desc' },
    RECORDS_CAP,
  );
  return certifiedRecords(confirmed, recordsOrgId, scope);
}

/** Volunteers by id, one `_id in` query per 100. */
export async function volunteersById(db: Database, ids: readonly string[]): Promise<Map<string, VolunteerDoc>> {
  const _ = db.command;
  const unique = [...new Set(ids)];
  const found = new Map<string, VolunteerDoc>();
  for (let i = 0; i < unique.length; i += PAGE) {
    for (const v of await rows<VolunteerDoc>(db.collection('volunteers').where({ _id: _.in(unique.slice(i, i + PAGE)) }).limit(PAGE))) found.set(v._id, v);
  }
  return found;
}

/** The volunteer as a certificate prints them (RULES §5: the credential number masked), or null when gone. */
export async function volunteerLine(t: Tx | Database, volunteerId: string, env: NodeJS.ProcessEnv): Promise<{ line: SnapshotInput['volunteer']; userId: string } | null> {
  const v = await getOrNull<VolunteerDoc>(t, 'volunteers', volunteerId);
  if (!v || v.status !== 'active') return null;
  return { line: volunteerLineOf(v, env), userId: v.userId };
}
