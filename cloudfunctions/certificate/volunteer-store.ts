// The reads of the volunteer's certificate actions: my certificates newest request first, paged by keyset on the
// index volunteerId_requestedAt_id.
import type { Database } from '../_shared/db/db';
import { everyRow, keysetPage, type KeysetOrder, type Position } from '../_shared/db/paging';
import type { CertificateDoc } from '../_shared/documents/certificate';

const NEWEST_REQUEST_FIRST: KeysetOrder = { field: 'requestedAt', direction: 'desc', idDirection: 'desc' };

export function myCertificatesPage(db: Database, volunteerId: string, after: Position | null, size: number) {
  return keysetPage<CertificateDoc>(db, 'certificates', { volunteerId }, NEWEST_REQUEST_FIRST, after, size);
}

/** Every certificate of mine, newest request first (one per organization and period asked: a handful). */
export function myCertificates(db: Database, volunteerId: string): Promise<CertificateDoc[]> {
  return everyRow<CertificateDoc>(db, 'certificates', { volunteerId }, NEWEST_REQUEST_FIRST, 1000);
}

