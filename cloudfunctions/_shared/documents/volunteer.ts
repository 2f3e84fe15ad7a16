// Collection `volunteers`: the stored shape of a volunteer. Credential and phone numbers are encrypted at rest
// (crypto.ts) and found by keyed hash (RULES §8; PIPL Art. 51). Nothing read from the ID number is kept beside its
// ciphertext (README, "What the database keeps of an ID number"): birth date and gender are encrypted, and the masked
// form and the area are derived from the decrypted number when shown. The phone keeps its masked form for rosters.
import type { AvailabilitySlot, ConsentRecord, CredentialType, Gender, GuardianRelation, AgeBand } from '../../../typings/volunteer';
import { credentialUniquenessKey, formerUniquenessKeys } from '../../../miniprogram/domain/credential';
import { keyedHash, type EncryptedField, type KeyRing } from '../security/crypto';
import type { VolunteerHours } from './service-record';

/** A credential at rest: its type and its encrypted number, nothing read from the number. */
export interface StoredCredential {
  type: CredentialType;
  cipher: EncryptedField;
}

/** What `birth` decrypts to (JSON): read from the number when it carries them, as entered otherwise. */
export interface BirthInfo {
  birthDate: string; // YYYY-MM-DD
  gender: Gender;
}

export interface VolunteerDoc {
  _id: string;
  /** users._id of the owner; `deleted:<_id>` once the account is deleted (keeps the unique index valid). */
  userId: string;
  status: 'active' | 'deleted';
  /** Real name, shown in full only to the volunteer and to admins of organizations they belong to. */
  name: string;
  credential: StoredCredential;
  /** credentialHashOf(type, number): one person, one registration. `deleted:<_id>` after deletion. */
  credentialHash: string;
  /** BirthInfo as encrypted JSON: ages are computed from it when an action needs one; no query filters by age. */
  birth: EncryptedField;
  phone: { cipher: EncryptedField; masked: string; verified: boolean };
  /** keyedHash('phone', number), for look-up; `deleted:<_id>` after deletion. */
  phoneHash: string;
  regionCode: string;
  regionNames: string[];
  skills: string[];
  skillTags: string[];
  intentions: string[];
  availability: AvailabilitySlot[];
  /** ExtraFields as encrypted JSON; present only while the extraFields consent is in force. */
  extra?: EncryptedField;
  consents: Array<Omit<ConsentRecord, 'grantedAt' | 'withdrawnAt'> & { grantedAt: Date; withdrawnAt?: Date }>;
  guardian?: {
    name: string;
    relation: GuardianRelation;
    credential: StoredCredential;
    consentedAt: Date;
  };
  volunteerNo: string;
  /** Confirmed minutes, kept by _shared/hours/ledger.ts in the transaction of each confirmation (absent: none yet). */
  hours?: VolunteerHours;
  registeredAt: Date;
  updatedAt: Date;
  deletedAt?: Date;
}

/** Associated data binding each ciphertext to its field, so ciphertexts cannot be swapped between fields. */
export const CIPHER_PURPOSE = {
  credential: 'volunteer.credential',
  phone: 'volunteer.phone',
  extra: 'volunteer.extra',
  birth: 'volunteer.birth',
  guardianCredential: 'volunteer.guardian.credential',
  organizationContactPhone: 'organization.contact.phone',
} as const;

/**
 * The one look-up key of a credential: one person, one registration (RULES §1). `number` is normalised. 居民身份证
 * and 港澳台居民居住证 share one key per number (credentialUniquenessKey), the one the 居民身份证 always had.
 */
export function credentialHashOf(type: CredentialType, number: string, ring: KeyRing): string {
  return keyedHash('credential', credentialUniquenessKey({ type, number }), ring);
}

/** Keys registrations stored by an earlier version may hold for the same credential (formerUniquenessKeys). */
export function formerCredentialHashesOf(type: CredentialType, number: string, ring: KeyRing): string[] {
  return formerUniquenessKeys({ type, number }).map((key) => keyedHash('credential', key, ring));
}

export function phoneHashOf(number: string, ring: KeyRing): string {
  return keyedHash('phone', number, ring);
}

/**
 * What is left of a volunteer after the account is deleted (PIPL Arts 44–47; rules `anonymised`): the unique keys
 * become `deleted:<id>` and only the platform number stays.
 */
export interface DeletedVolunteerDoc {
  _id: string;
  userId: string;
  status: 'deleted';
  name: string;
  credentialHash: string;
  phoneHash: string;
  volunteerNo: string;
  /** The totals of the service records kept without identity (RULES §8), so they still equal those records. */
  hours?: VolunteerHours;
  registeredAt: Date;
  updatedAt: Date;
  deletedAt: Date;
}

/**
 * Fields documents written before the de-identification may still hold (README, "What the database keeps of an ID
 * number"). They are read only to upgrade such a document (volunteer/rules.ts currentShape), which every write does,
 * so they disappear on the document's next write.
 */
export interface LegacyVolunteerFields {
  gender?: Gender;
  birthDate?: string;
  ageBandAtRegistration?: AgeBand;
  credential: StoredCredential & { masked?: string };
  guardian?: VolunteerDoc['guardian'] & { credential: StoredCredential & { masked?: string } };
  birth?: EncryptedField;
}
