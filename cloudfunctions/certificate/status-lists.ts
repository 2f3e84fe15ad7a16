// The served status lists (/status/<listId>): made on every read from the revoked register entries of the list, so a
// revocation shows the moment it is committed; the signed list is kept per instance while the revocations it shows
// are the same (making one gzips a 1.2 MB bitstring and signs it), keyed by exactly those revocations.
import { statusListCredentialOf, type BitstringStatusListCredential, type RevokedEntry } from '../_shared/credentials/status-list';
import type { Database } from '../_shared/db/db';
import { PAGE, rows } from '../_shared/db/paging';
import type { CertificateDoc } from '../_shared/documents/certificate';

type RevokedRow = Pick<CertificateDoc, '_id' | 'statusList' | 'revoked' | 'updatedAt'>;

/** Every revoked entry of a list, 100 a read in `_id` order (index statusList.listId_status). */
export async function revokedEntriesOf(db: Database, listId: string): Promise<RevokedEntry[]> {
  const _ = db.command;
  const out: RevokedEntry[] = [];
  let after: string | null = null;
  for (;;) {
    const where: Record<string, unknown> = { 'statusList.listId': listId, status: 'revoked', ...(after ? { _id: _.gt(after) } : {}) };
    const page = await rows<RevokedRow>(db.collection('certificates').where(where).orderBy('_id', 'asc').limit(PAGE).field({ _id: true, statusList: true, revoked: true, updatedAt: true }));
    for (const row of page) if (row.statusList) out.push({ index: row.statusList.index, revokedAt: new Date(row.revoked?.at ?? row.updatedAt) });
    if (page.length < PAGE) return out;
    after = page[page.length - 1]!._id;
  }
}

const cache = new Map<string, { key: string; list: BitstringStatusListCredential }>();

function cacheKeyOf(revoked: readonly RevokedEntry[], env: NodeJS.ProcessEnv): string {
  const entries = revoked.map((r) => `${r.index}@${r.revokedAt.getTime()}`).sort();
  return `${env.ZY_VERIFY_BASE_URL}\n${env.ZY_SIGNING_KEY_ID}\n${entries.join(',')}`;
}

export async function servedStatusList(db: Database, listId: string, env: NodeJS.ProcessEnv): Promise<BitstringStatusListCredential> {
  const revoked = await revokedEntriesOf(db, listId);
  const key = cacheKeyOf(revoked, env);
  const kept = cache.get(listId);
  if (kept && kept.key === key) return kept.list;
  const list = statusListCredentialOf(listId, revoked, env);
  cache.set(listId, { key, list });
  return list;
}
