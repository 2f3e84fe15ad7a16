// The pure rules of the volunteer function. The stored volunteer document (_shared/documents/volunteer.ts) is built
// and changed here: every handler computes the whole next document and writes it with one `set` inside a
// transaction, so what is stored is decided in one tested place. Personal numbers are sealed (encrypted + masked) on
// the way in; nothing here logs. Also: the age policy read from the environment, and WeChat's phone answer read.
import type { CredentialType, ExtraFields, PhoneInput } from '../../typings/volunteer';
import { ADULT_AGE, DEFAULT_AGE_POLICY, PIPL_CHILD_AGE, type AgePolicy } from '../../miniprogram/domain/age';
import { PRIVACY_TERMS_VERSION } from '../../miniprogram/domain/codes';
import { validateMobile } from '../../miniprogram/domain/phone';
import type { ValidIdentity, ValidRegistration } from '../../miniprogram/domain/registration';
import { err, ok, type Result } from '../../miniprogram/domain/result';
import {
  CIPHER_PURPOSE,
  credentialHashOf,
  phoneHashOf,
  type BirthInfo,
  type LegacyVolunteerFields,
  type StoredCredential,
  type VolunteerDoc,
} from '../_shared/documents/volunteer';
import { maskPhone } from '../_shared/rules/mask';
import { decryptField, encryptField, type EncryptedField, type KeyRing } from '../_shared/security/crypto';
import { verifyPhoneProof } from '../_shared/security/phone-proof';
import { WECHAT_PHONE_MESSAGES } from '../_shared/messages/answers';

export type StoredConsent = VolunteerDoc['consents'][number];
export type ConsentKind = StoredConsent['kind'];

/** A phone number as the server established it: exchanged with WeChat (verified) or typed (unverified). */
export interface EstablishedPhone {
  number: string;
  verified: boolean;
}

/** A credential at rest: type and ciphertext only (nothing read from the number is stored beside it). */
export function sealCredential(credential: { type: CredentialType; number: string }, ring: KeyRing, purpose: string): StoredCredential {
  return { type: credential.type, cipher: encryptField(credential.number, ring, purpose) };
}

export function openCredential(credential: StoredCredential, ring: KeyRing, purpose: string): string {
  return decryptField(credential.cipher, ring, purpose);
}

export function sealBirth(birth: BirthInfo, ring: KeyRing): EncryptedField {
  return encryptField(JSON.stringify({ birthDate: birth.birthDate, gender: birth.gender }), ring, CIPHER_PURPOSE.birth);
}

/** Birth date and gender of a volunteer, from `birth`, or from the plaintext an older document still holds. */
export function openBirth(doc: VolunteerDoc, ring: KeyRing): BirthInfo {
  const legacy = doc as VolunteerDoc & LegacyVolunteerFields;
  if (legacy.birth) return JSON.parse(decryptField(legacy.birth, ring, CIPHER_PURPOSE.birth)) as BirthInfo;
  if (legacy.birthDate && legacy.gender) return { birthDate: legacy.birthDate, gender: legacy.gender };
  throw new Error(`volunteer ${doc._id}: no birth information stored`);
}

/**
 * A stored volunteer in today's shape: a document written before the de-identification loses its plaintext birth
 * date, gender, age band and masked credentials (birth date and gender are sealed instead). Every write starts from
 * this, so an old document is upgraded on its next write; a current one comes back unchanged.
 */
export function currentShape(doc: VolunteerDoc, ring: KeyRing): VolunteerDoc {
  const legacy = doc as VolunteerDoc & LegacyVolunteerFields;
  if (!('gender' in legacy || 'birthDate' in legacy || 'ageBandAtRegistration' in legacy || 'masked' in legacy.credential || (legacy.guardian && 'masked' in legacy.guardian.credential))) {
    return doc;
  }
  const { gender: _g, birthDate: _b, ageBandAtRegistration: _a, credential, guardian, ...rest } = legacy;
  const birth = legacy.birth ?? sealBirth(openBirth(doc, ring), ring);
  return {
    ...rest,
    birth,
    credential: { type: credential.type, cipher: credential.cipher },
    ...(guardian ? { guardian: { ...guardian, credential: { type: guardian.credential.type, cipher: guardian.credential.cipher } } } : {}),
  };
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
    birth: sealBirth(r, ring),
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
 * ones; the volunteer number and everything else stay. A guardian no longer needed is not kept (data minimisation); past consent records stay as history.
 */
export function withIdentity(doc: VolunteerDoc, identity: ValidIdentity, ring: KeyRing, now: Date): VolunteerDoc {
  const { guardian: _old, ...rest } = currentShape(doc, ring);
  const guardian = guardianOf(identity, ring, now);
  return {
    ...rest,
    name: identity.name,
    credential: sealCredential(identity.credential, ring, CIPHER_PURPOSE.credential),
    credentialHash: credentialHashOf(identity.credential.type, identity.credential.number, ring),
    birth: sealBirth(identity, ring),
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
  const { extra: oldExtra, ...rest } = currentShape(doc, ring);
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

/** 办法2012 Art. 6: the extraFields consent given later is recorded like at registration (version, time); given twice, nothing changes. */
export function withExtraFieldsConsented(doc: VolunteerDoc, ring: KeyRing, now: Date): VolunteerDoc {
  if (consentInForce(doc.consents, 'extraFields')) return doc;
  const shaped = currentShape(doc, ring);
  return { ...shaped, consents: [...doc.consents, grant('extraFields', now)], updatedAt: now };
}

/** 办法2012 Art. 6: withdrawing the extraFields consent removes the extra fields in the same write. */
export function withExtraFieldsWithdrawn(doc: VolunteerDoc, ring: KeyRing, now: Date): VolunteerDoc {
  const { extra: _removed, ...rest } = currentShape(doc, ring);
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

// ── Configuration: the age policy (config.json `envVariables`) ──────────────────────────────────────────────────

/** The youngest minimum age a region may configure; below it nobody can give meaningful service. */
export const LOWEST_MINIMUM_AGE = 8;

function ageFromEnv(env: NodeJS.ProcessEnv, name: string, lowest: number, fallback: number): number {
  const raw = env[name]?.trim() ?? '';
  if (raw === '') return fallback;
  const age = Number(raw);
  if (!/^\d{1,2}$/.test(raw) || age < lowest || age > ADULT_AGE) {
    throw new Error(`${name} must be a whole number from ${lowest} to ${ADULT_AGE} (default ${fallback})`);
  }
  return age;
}

/**
 * RULES §1: registration from 14 by default; a region may lower the minimum (ZY_MIN_AGE, e.g. 10), and anyone under
 * 14 then needs a guardian's consent (the domain applies PIPL Art. 31 whatever the policy). The guardian-consent band
 * (ZY_GUARDIAN_CONSENT_UNDER, default 18) is configuration too, never below 14. Empty or absent: the default. A
 * malformed value is a deployment error and fails loudly rather than silently admitting other ages.
 */
export function agePolicyFromEnv(env: NodeJS.ProcessEnv): AgePolicy {
  return {
    minimumAge: ageFromEnv(env, 'ZY_MIN_AGE', LOWEST_MINIMUM_AGE, DEFAULT_AGE_POLICY.minimumAge),
    guardianConsentUnder: ageFromEnv(env, 'ZY_GUARDIAN_CONSENT_UNDER', PIPL_CHILD_AGE, DEFAULT_AGE_POLICY.guardianConsentUnder),
  };
}

// ── The phone number WeChat's button stands for ──────────────────────────────────────────────────────────────────

export const PHONE_EXCHANGE_FAILED = '手机号获取失败，请重新授权或手动填写';

/**
 * The number in phonenumber.getPhoneNumber's answer (`phone_info`; the SDK may give it camel-cased). WeChat documents
 * `countryCode` as a string, but it reaches us through JSON decoding that may make it a number: '86' and 86 are the
 * same country, anything else is not a mainland mobile number.
 */
export function phoneFromWeChat(reply: Record<string, unknown>): Result<string, 'PHONE_INVALID'> {
  const info = (reply.phoneInfo ?? reply.phone_info) as { purePhoneNumber?: unknown; phoneNumber?: unknown; countryCode?: unknown } | undefined;
  const raw = info?.purePhoneNumber ?? info?.phoneNumber;
  if (typeof raw !== 'string') return err('PHONE_INVALID', PHONE_EXCHANGE_FAILED);
  const country = info?.countryCode;
  if (country !== undefined && country !== null && String(country).trim() !== '86') {
    return err('PHONE_INVALID', WECHAT_PHONE_MESSAGES.notMainland);
  }
  const number = validateMobile(raw);
  if (!number.ok) return err('PHONE_INVALID', WECHAT_PHONE_MESSAGES.unusable(number.message));
  return ok(number.value);
}

/**
 * The number a validated PhoneInput stands for: a proof from verifyPhone (issued to this caller, unexpired) is a
 * verified number; a typed one is not.
 */
export function establishPhone(phone: PhoneInput, openid: string, now: Date, ring: KeyRing): Result<EstablishedPhone, 'PHONE_INVALID'> {
  if (phone.source === 'typed') return ok({ number: phone.number, verified: false });
  const number = verifyPhoneProof(phone.proof, openid, now, ring);
  return number.ok ? ok({ number: number.value, verified: true }) : number;
}

// ── The export file ─────────────────────────────────────────────────────────────────────────────────────────────

/** How long the download link of an export works; the file is removed once it has expired. */
export const EXPORT_LINK_SECONDS = 3600;

export function exportPathOf(userId: string, now: Date): string {
  // 2026-11-28T03:39:05.123Z → 20261128T033905123Z: sortable, no characters a path dislikes.
  return `exports/${userId}/${now.toISOString().replace(/[-:.]/g, '')}.json`;
}
