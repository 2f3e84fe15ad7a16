// Deleting an account (PIPL Arts 44–47), pure.
import type { DeletedVolunteerDoc, VolunteerDoc } from '../documents/volunteer';

export const DELETED_NAME = '已注销';

/**
 * What is left of a volunteer after the account is deleted (PIPL Arts 44–47): no name, credential, phone, birth
 * data, guardian, extra fields, preferences or region — only what service records (later issues; they reference
 * the volunteer id) need to stay consistent without identity.
 *  - the unique keys (userId, credentialHash, phoneHash) become `deleted:<id>`: the indexes stay valid and the same
 *    credential can register again;
 *  - volunteerNo stays: it is a platform number, not personal data, and keeping it lets a certificate issued
 *    earlier still be looked up and answered "account deleted" instead of "no such number" (a forged-looking
 *    certificate). Without the rest of the document it no longer leads to a person.
 */
export function anonymised(doc: VolunteerDoc, now: Date): DeletedVolunteerDoc {
  const placeholder = `deleted:${doc._id}`;
  return {
    _id: doc._id,
    userId: placeholder,
    status: 'deleted',
    name: DELETED_NAME,
    credentialHash: placeholder,
    phoneHash: placeholder,
    volunteerNo: doc.volunteerNo,
    // Kept service records still count here, so the ledger's totals stay the sum of its records.
    ...(doc.hours ? { hours: doc.hours } : {}),
    registeredAt: doc.registeredAt,
    updatedAt: now,
    deletedAt: now,
  };
}

