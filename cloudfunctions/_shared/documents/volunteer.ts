// Collection `volunteers`: the stored shape of a volunteer. Credential and phone numbers are encrypted at rest
// (crypto.ts), found by keyed hash, and kept masked beside the ciphertext for display (RULES §8; PIPL Art. 51).
import type {
  AgeBand,
  AvailabilitySlot,
  ConsentRecord,
  CredentialType,
  Gender,
  GuardianRelation,
} from '../../../typings/volunteer';
import { keyedHash, type EncryptedField, type KeyRing } from '../security/crypto';

export interface VolunteerDoc {
  _id: string;
  /** users._id of the owner; `deleted:<_id>` once the account is deleted (keeps the unique index valid). */
  userId: string;
  status: 'active' | 'deleted';
  /** Real name, shown in full only to the volunteer and to admins of organizations they belong to. */
  name: string;
  credential: { type: CredentialType; cipher: EncryptedField; masked: string };
  /** keyedHash('credential', `${type}:${number}`): one person, one registration. `deleted:<_id>` after deletion. */
  credentialHash: string;
  gender: Gender;
  birthDate: string; // YYYY-MM-DD
  ageBandAtRegistration: AgeBand;
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
    credential: { type: CredentialType; cipher: EncryptedField; masked: string };
    consentedAt: Date;
  };
  volunteerNo: string;
  registeredAt: Date;
  updatedAt: Date;
  deletedAt?: Date;
}

/** Associated data binding each ciphertext to its field, so ciphertexts cannot be swapped between fields. */
export const CIPHER_PURPOSE = {
  credential: 'volunteer.credential',
  phone: 'volunteer.phone',
  extra: 'volunteer.extra',
  guardianCredential: 'volunteer.guardian.credential',
  organizationContactPhone: 'organization.contact.phone',
} as const;

/** The one look-up key of a credential: one person, one registration (RULES §1). `number` is normalised. */
export function credentialHashOf(type: CredentialType, number: string, ring: KeyRing): string {
  return keyedHash('credential', `${type}:${number}`, ring);
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
  registeredAt: Date;
  updatedAt: Date;
  deletedAt: Date;
}
