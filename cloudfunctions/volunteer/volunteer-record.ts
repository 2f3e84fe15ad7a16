// The stored volunteer document (`_shared/volunteer-doc.ts`) built and changed by pure functions: every handler
// computes the whole next document here and writes it with one `set` inside a transaction, so what is stored is
// decided in one tested place. Personal numbers are sealed (encrypted + masked) on the way in; nothing here logs.
import type { CredentialType, ExtraFields } from '../../typings/volunteer';
import { PRIVACY_TERMS_VERSION } from '../../miniprogram/domain/codes';
import type { ValidIdentity, ValidRegistration } from '../../miniprogram/domain/registration';
import { maskCredential, maskPhone } from '../../miniprogram/domain/mask';
import { decryptField, encryptField, type EncryptedField, type KeyRing } from '../_shared/crypto';
import { CIPHER_PURPOSE, credentialHashOf, phoneHashOf, type VolunteerDoc } from '../_shared/volunteer-doc';

export type StoredConsent = VolunteerDoc['consents'][number];
export type ConsentKind = StoredConsent['kind'];

/** A phone number as the server established it: exchanged with WeChat (verified) or typed (unverified). */
export interface EstablishedPhone {
  number: string;
  verified: boolean;
}

export function sealCredential(
  credential: { type: CredentialType; number: string },
  ring: KeyRing,
  purpose: string,
): { type: CredentialType; cipher: EncryptedField; masked: string } {
  return { type: credential.type, cipher: encryptField(credential.number, ring, purpose), masked: maskCredential(credential.number) };
}

export function sealPhone(phone: EstablishedPhone, ring: KeyRing): VolunteerDoc['phone'] {
  return { cipher: encryptField(phone.number, ring, CIPHER_PURPOSE.phone), masked: maskPhone(phone.number), verified: phone.verified };
}

export function sealExtra(extra: ExtraFields, ring: KeyRing): EncryptedField {
  return encryptField(JSON.stringify(extra), ring, CIPHER_PURPOSE.extra);
}

export function openExtra(field: EncryptedField, ring: KeyRing): ExtraFields {
  return JSON.parse(decryptField(field, ring, CIPHER_PURPOSE.extra)) as ExtraFields;
}

/** A consent is in force when its latest record has not been withdrawn. */
export function consentInForce(consents: StoredConsent[], kind: ConsentKind): boolean {
  const latest = [...consents].reverse().find((c) => c.kind === kind);
  return latest !== undefined && !latest.withdrawnAt;
}

function grant(kind: ConsentKind, now: Date): StoredConsent {
  return { kind, version: PRIVACY_TERMS_VERSION, grantedAt: now };
}

function guardianOf(identity: ValidIdentity, ring: KeyRing, now: Date): VolunteerDoc['guardian'] {
  if (!identity.guardian) return undefined;
  return {
    name: identity.guardian.name,
    relation: identity.guardian.relation,
    credential: sealCredential(identity.guardian.credential, ring, CIPHER_PURPOSE.guardianCredential),
    consentedAt: now,
  };
}

export interface NewVolunteer {
  id: string;
  userId: string;
  registration: ValidRegistration;
  phone: EstablishedPhone;
  volunteerNo: string;
  now: Date;
}

export function newVolunteerDoc(input: NewVolunteer, ring: KeyRing): VolunteerDoc {
  const { registration: r, now } = input;
  const consents: StoredConsent[] = [{ kind: 'privacy', version: r.consents.privacyVersion, grantedAt: now }];
  if (r.consents.extraFields) consents.push(grant('extraFields', now));
  // 注册办法, PIPL Art. 31: the guardian's consent is recorded before registration completes (same write).
  const guardian = guardianOf(r, ring, now);
  if (guardian) consents.push(grant('guardian', now));
  return {
    _id: input.id,
    userId: input.userId,
    status: 'active',
    name: r.name,
    credential: sealCredential(r.credential, ring, CIPHER_PURPOSE.credential),
    credentialHash: credentialHashOf(r.credential.type, r.credential.number, ring),
    gender: r.gender,
    birthDate: r.birthDate,
    ageBandAtRegistration: r.ageBand,
    phone: sealPhone(input.phone, ring),
    phoneHash: phoneHashOf(input.phone.number, ring),
    regionCode: r.regionCode,
    regionNames: r.regionNames,
    skills: r.skills,
    skillTags: r.skillTags,
    intentions: r.intentions,
    availability: r.availability,
    // Extra fields only with their own consent (办法2012 Art. 6); the domain already refused them without it.
    ...(r.extra && r.consents.extraFields ? { extra: sealExtra(r.extra, ring) } : {}),
    consents,
    ...(guardian ? { guardian } : {}),
    volunteerNo: input.volunteerNo,
    registeredAt: now,
    updatedAt: now,
  };
}

/**
 * A re-verified identity (changeIdentity): name, credential, birth information and the guardian replace the old
 * ones; the volunteer number and everything else stay. `ageBandAtRegistration` becomes the band at this
 * verification. A guardian no longer needed is not kept (data minimisation); past consent records stay as history.
 */
export function withIdentity(doc: VolunteerDoc, identity: ValidIdentity, ring: KeyRing, now: Date): VolunteerDoc {
  const { guardian: _old, ...rest } = doc;
  const guardian = guardianOf(identity, ring, now);
  return {
    ...rest,
    name: identity.name,
    credential: sealCredential(identity.credential, ring, CIPHER_PURPOSE.credential),
    credentialHash: credentialHashOf(identity.credential.type, identity.credential.number, ring),
    gender: identity.gender,
    birthDate: identity.birthDate,
    ageBandAtRegistration: identity.ageBand,
    consents: guardian ? [...doc.consents, grant('guardian', now)] : doc.consents,
    ...(guardian ? { guardian } : {}),
    updatedAt: now,
  };
}

export interface ProfileChanges {
  phone?: EstablishedPhone;
  regionCode?: string;
  regionNames?: string[];
  skills?: string[];
  skillTags?: string[];
  intentions?: string[];
  availability?: VolunteerDoc['availability'];
  /** New extra fields; null removes them. */
  extra?: ExtraFields | null;
}

export function withProfileChanges(doc: VolunteerDoc, changes: ProfileChanges, ring: KeyRing, now: Date): VolunteerDoc {
  const { extra: oldExtra, ...rest } = doc;
  let extra = oldExtra;
  if (changes.extra === null) extra = undefined;
  else if (changes.extra !== undefined) extra = sealExtra(changes.extra, ring);
  return {
    ...rest,
    ...(changes.phone ? { phone: sealPhone(changes.phone, ring), phoneHash: phoneHashOf(changes.phone.number, ring) } : {}),
    ...(changes.regionCode !== undefined ? { regionCode: changes.regionCode } : {}),
    ...(changes.regionNames !== undefined ? { regionNames: changes.regionNames } : {}),
    ...(changes.skills !== undefined ? { skills: changes.skills } : {}),
    ...(changes.skillTags !== undefined ? { skillTags: changes.skillTags } : {}),
    ...(changes.intentions !== undefined ? { intentions: changes.intentions } : {}),
    ...(changes.availability !== undefined ? { availability: changes.availability } : {}),
    ...(extra ? { extra } : {}),
    updatedAt: now,
  };
}

/** 办法2012 Art. 6: withdrawing the extraFields consent removes the extra fields in the same write. */
export function withExtraFieldsWithdrawn(doc: VolunteerDoc, now: Date): VolunteerDoc {
  const { extra: _removed, ...rest } = doc;
  let marked = false;
  const consents = [...doc.consents]
    .reverse()
    .map((c) => {
      if (marked || c.kind !== 'extraFields' || c.withdrawnAt) return c;
      marked = true;
      return { ...c, withdrawnAt: now };
    })
    .reverse();
  return { ...rest, consents, updatedAt: now };
}

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

export const DELETED_NAME = '已注销';

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
    registeredAt: doc.registeredAt,
    updatedAt: now,
    deletedAt: now,
  };
}
