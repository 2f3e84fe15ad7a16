// Real-name registration of volunteers (RULES §1) and registration of organizations (RULES §2), composed from the
// field validators. The server runs these before anything is written; the form runs the field validators as the
// person types. Uniqueness (CREDENTIAL_TAKEN, USCC_TAKEN …) needs the database and is the handler's job.
import type { OrganizationKind, RegisterOrganizationError, RegisterOrganizationRequest } from '../../typings/organization';
import type {
  AgeBand,
  AvailabilitySlot,
  CredentialInput,
  ExtraFields,
  Gender,
  GuardianConsentInput,
  GuardianRelation,
  PhoneInput,
  RegisterError,
  RegisterRequest,
  TimeOfDay,
} from '../../typings/volunteer';
import { ADULT_AGE, ageOn, checkAgeForRegistration, type AgePolicy } from './age';
import { compareDates, parseDate, shanghaiDate, type CalendarDate } from './calendar';
import { PRIVACY_TERMS_VERSION, isServiceCategory, isSkill } from './codes';
import { carriesBirthInfo, validateCredential, validateName, type NormalisedCredential } from './credential';
import { validateContactPhone, validateMobile } from './phone';
import { checkRegionNames, validateRegionCode } from './region';
import { cleanPublicText, validateOrganizationName } from './org-name';
import { err, ok, type Result } from './result';
import { charLength } from './text';
import type { CivilAffairsType } from '../../typings/organization';
import { validateUscc } from './uscc';
import { ORGANIZATION_MESSAGES, REGISTRATION_MESSAGES } from './messages';

export const MAX_SKILL_TAGS = 10;
export const MAX_SKILL_TAG_LENGTH = 12;
const TIMES_OF_DAY: readonly TimeOfDay[] = ['morning', 'afternoon', 'evening'];
const GUARDIAN_RELATIONS: readonly GuardianRelation[] = ['father', 'mother', 'other_guardian'];

/** ISO weekday 1 (Monday) … 7 (Sunday). */
export function isWeekday(value: number): value is AvailabilitySlot['weekday'] {
  return Number.isInteger(value) && value >= 1 && value <= 7;
}

export function isTimeOfDay(value: string): value is TimeOfDay {
  return (TIMES_OF_DAY as readonly string[]).includes(value);
}

export function isGuardianRelation(value: string): value is GuardianRelation {
  return (GUARDIAN_RELATIONS as readonly string[]).includes(value);
}

// ── Identity: name, credential, birth information, age and guardian ──────────────────────────────────────────────

/** What registration and a change of identity (ChangeIdentityRequest) have in common. */
export interface IdentityInput {
  name: string;
  credential: CredentialInput;
  gender?: Gender;
  birthDate?: string;
  guardian?: GuardianConsentInput;
}

export interface ValidGuardian {
  name: string;
  relation: GuardianRelation;
  credential: NormalisedCredential;
}

export interface ValidIdentity {
  name: string;
  credential: NormalisedCredential;
  gender: Gender;
  birthDate: string; // YYYY-MM-DD
  age: number;
  ageBand: AgeBand;
  needsGuardian: boolean;
  /** Show the rules for the personal information of children under 14 (PIPL Arts 28, 31). */
  under14Rules: boolean;
  /** Present only when the age requires it: a guardian given by an adult is not kept (data minimisation). */
  guardian?: ValidGuardian;
}

export type IdentityErrorCode =
  | 'NAME_INVALID'
  | 'CREDENTIAL_INVALID'
  | 'BIRTH_INFO_REQUIRED'
  | 'TOO_YOUNG'
  | 'GUARDIAN_CONSENT_REQUIRED'
  | 'GUARDIAN_INVALID';

export function validateIdentity(
  req: IdentityInput,
  instant: Date,
  policy: AgePolicy,
): Result<ValidIdentity, IdentityErrorCode> {
  const today = shanghaiDate(instant);
  const name = validateName(req.name);
  if (!name.ok) return err('NAME_INVALID', name.message);
  const credential = validateCredential(req.credential, today);
  if (!credential.ok) return err('CREDENTIAL_INVALID', credential.message);

  const birth = birthInfo(req, credential.value, today);
  if (!birth.ok) return birth;
  const { birthDate, gender } = birth.value;

  const age = checkAgeForRegistration(birthDate, instant, policy, req.guardian?.agreed === true);
  if (!age.ok) return age;

  let guardian: ValidGuardian | undefined;
  if (age.value.needsGuardian) {
    const checked = validateGuardian(req.guardian!, credential.value, today);
    if (!checked.ok) return checked;
    guardian = checked.value;
  }
  return ok({
    name: name.value,
    credential: credential.value,
    gender,
    birthDate,
    age: age.value.age,
    ageBand: age.value.band,
    needsGuardian: age.value.needsGuardian,
    under14Rules: age.value.under14Rules,
    ...(guardian ? { guardian } : {}),
  });
}

/** Birth date and gender: read from the credential when it carries them (a contradicting entry is refused), asked otherwise. */
function birthInfo(
  req: IdentityInput,
  credential: NormalisedCredential,
  today: CalendarDate,
): Result<{ birthDate: string; gender: Gender }, 'CREDENTIAL_INVALID' | 'BIRTH_INFO_REQUIRED'> {
  if (carriesBirthInfo(credential.type, credential.number) && credential.birthDate && credential.gender) {
    const typedDate = req.birthDate?.trim();
    if (typedDate && typedDate !== credential.birthDate) {
      return err('CREDENTIAL_INVALID', REGISTRATION_MESSAGES.birthDateMismatch(typedDate, credential.birthDate));
    }
    if (req.gender && req.gender !== credential.gender) {
      return err('CREDENTIAL_INVALID', REGISTRATION_MESSAGES.genderMismatch);
    }
    return ok({ birthDate: credential.birthDate, gender: credential.gender });
  }
  const typedDate = req.birthDate?.trim() ?? '';
  if (typedDate === '') return err('BIRTH_INFO_REQUIRED', REGISTRATION_MESSAGES.birthDateNeeded);
  const date = parseDate(typedDate);
  if (!date) return err('BIRTH_INFO_REQUIRED', REGISTRATION_MESSAGES.birthDateUnreal(typedDate));
  if (compareDates(date, today) > 0) return err('BIRTH_INFO_REQUIRED', REGISTRATION_MESSAGES.birthDateInFuture);
  if (date.year < 1900) return err('BIRTH_INFO_REQUIRED', REGISTRATION_MESSAGES.birthDateBefore1900);
  if (req.gender !== 'male' && req.gender !== 'female') {
    return err('BIRTH_INFO_REQUIRED', REGISTRATION_MESSAGES.genderNeeded);
  }
  return ok({ birthDate: typedDate, gender: req.gender });
}

function validateGuardian(
  input: GuardianConsentInput,
  minor: NormalisedCredential,
  today: CalendarDate,
): Result<ValidGuardian, 'GUARDIAN_INVALID'> {
  const name = validateName(input.name);
  if (!name.ok) return err('GUARDIAN_INVALID', REGISTRATION_MESSAGES.guardianName(name.message), 'guardian.name');
  if (!isGuardianRelation(input.relation)) return err('GUARDIAN_INVALID', REGISTRATION_MESSAGES.guardianRelation, 'guardian.relation');
  const credential = validateCredential(input.credential, today);
  if (!credential.ok) return err('GUARDIAN_INVALID', REGISTRATION_MESSAGES.guardianCredential(credential.message), 'guardian.credential');
  if (credential.value.number === minor.number) {
    return err('GUARDIAN_INVALID', REGISTRATION_MESSAGES.guardianIsVolunteer, 'guardian.credential');
  }
  if (credential.value.birthDate && ageOn(credential.value.birthDate, today) < ADULT_AGE) {
    return err('GUARDIAN_INVALID', REGISTRATION_MESSAGES.guardianNotAdult(ADULT_AGE), 'guardian.credential');
  }
  return ok({ name: name.value, relation: input.relation, credential: credential.value });
}

// ── Contact and preferences ─────────────────────────────────────────────────────────────────────────────────────

export function validatePhoneInput(phone: PhoneInput): Result<PhoneInput, 'PHONE_INVALID'> {
  if (phone.source === 'wechat') {
    const proof = typeof phone.proof === 'string' ? phone.proof.trim() : '';
    if (proof === '') return err('PHONE_INVALID', REGISTRATION_MESSAGES.wechatPhoneMissing);
    return ok({ source: 'wechat', proof });
  }
  const number = validateMobile(phone.number);
  if (!number.ok) return err('PHONE_INVALID', number.message);
  return ok({ source: 'typed', number: number.value });
}

export function validateSkills(skills: string[], skillTags: string[]): Result<{ skills: string[]; skillTags: string[] }, 'SKILL_INVALID'> {
  const unknown = skills.find((s) => !isSkill(s));
  if (unknown !== undefined) return err('SKILL_INVALID', REGISTRATION_MESSAGES.unknownSkill(unknown));
  const tags = unique(skillTags.map((t) => t.replace(/\s+/g, ' ').trim()).filter((t) => t !== ''));
  const long = tags.find((t) => charLength(t) > MAX_SKILL_TAG_LENGTH);
  if (long !== undefined) return err('SKILL_INVALID', REGISTRATION_MESSAGES.skillTagLength(long, MAX_SKILL_TAG_LENGTH));
  if (tags.length > MAX_SKILL_TAGS) return err('SKILL_INVALID', REGISTRATION_MESSAGES.skillTagCount(MAX_SKILL_TAGS, tags.length));
  return ok({ skills: unique(skills), skillTags: tags });
}

export function validateIntentions(intentions: string[]): Result<string[], 'INTENTION_INVALID'> {
  if (intentions.length === 0) return err('INTENTION_INVALID', REGISTRATION_MESSAGES.intentionNeeded);
  const unknown = intentions.find((c) => !isServiceCategory(c));
  if (unknown !== undefined) return err('INTENTION_INVALID', REGISTRATION_MESSAGES.unknownIntention(unknown));
  return ok(unique(intentions));
}

/** Weekdays 1–7, each at most once, each with at least one part of the day. Returned sorted by weekday. */
export function validateAvailability(slots: AvailabilitySlot[]): Result<AvailabilitySlot[], 'AVAILABILITY_INVALID'> {
  const seen = new Set<number>();
  const out: AvailabilitySlot[] = [];
  for (const slot of slots) {
    if (!isWeekday(slot.weekday)) {
      return err('AVAILABILITY_INVALID', REGISTRATION_MESSAGES.weekday);
    }
    if (seen.has(slot.weekday)) return err('AVAILABILITY_INVALID', REGISTRATION_MESSAGES.weekdayTwice(WEEKDAY_LABELS[slot.weekday]));
    seen.add(slot.weekday);
    if (slot.times.length === 0) return err('AVAILABILITY_INVALID', REGISTRATION_MESSAGES.weekdayWithoutTime(WEEKDAY_LABELS[slot.weekday]));
    if (slot.times.some((t) => !isTimeOfDay(t))) return err('AVAILABILITY_INVALID', REGISTRATION_MESSAGES.timeOfDay);
    out.push({ weekday: slot.weekday, times: TIMES_OF_DAY.filter((t) => slot.times.includes(t)) });
  }
  return ok(out.sort((a, b) => a.weekday - b.weekday));
}

const WEEKDAY_LABELS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** Fields beyond 条例 Art. 7 are kept only with their own consent (办法2012 Art. 6). */
export function validateExtraFields(
  extra: ExtraFields | undefined,
  consented: boolean,
): Result<ExtraFields | undefined, 'CONSENT_REQUIRED' | 'NAME_INVALID' | 'PHONE_INVALID'> {
  const introduction = extra?.introduction?.trim() ?? '';
  const contact = extra?.emergencyContact;
  if (!contact && introduction === '') return ok(undefined);
  if (!consented) {
    return err('CONSENT_REQUIRED', REGISTRATION_MESSAGES.extraNeedsConsent, 'extra');
  }
  const out: ExtraFields = {};
  if (contact) {
    const name = validateName(contact.name);
    if (!name.ok) return err('NAME_INVALID', REGISTRATION_MESSAGES.emergencyName(name.message), 'extra.emergencyContact.name');
    const phone = validateMobile(contact.phone);
    if (!phone.ok) return err('PHONE_INVALID', REGISTRATION_MESSAGES.emergencyPhone(phone.message), 'extra.emergencyContact.phone');
    out.emergencyContact = { name: name.value, phone: phone.value };
  }
  if (introduction !== '') out.introduction = introduction;
  return ok(out);
}

// ── Volunteer registration ───────────────────────────────────────────────────────────────────────────────────────

export type RegistrationErrorCode = Exclude<RegisterError, 'CREDENTIAL_TAKEN' | 'ALREADY_REGISTERED'>;

export interface ValidRegistration extends ValidIdentity {
  phone: PhoneInput;
  regionCode: string;
  regionNames: string[];
  skills: string[];
  skillTags: string[];
  intentions: string[];
  availability: AvailabilitySlot[];
  consents: { privacyVersion: string; extraFields: boolean };
  extra?: ExtraFields;
}

export function validateRegistration(
  req: RegisterRequest,
  instant: Date,
  policy: AgePolicy,
): Result<ValidRegistration, RegistrationErrorCode> {
  if (req.consents?.privacyVersion !== PRIVACY_TERMS_VERSION) {
    return err('CONSENT_REQUIRED', REGISTRATION_MESSAGES.privacyTerms(PRIVACY_TERMS_VERSION));
  }
  const identity = validateIdentity(req, instant, policy);
  if (!identity.ok) return identity;
  const phone = validatePhoneInput(req.phone);
  if (!phone.ok) return phone;
  const region = validateRegionCode(req.regionCode);
  if (!region.ok) return err('REGION_INVALID', region.message);
  const skills = validateSkills(req.skills, req.skillTags);
  if (!skills.ok) return skills;
  const intentions = validateIntentions(req.intentions);
  if (!intentions.ok) return intentions;
  const availability = validateAvailability(req.availability);
  if (!availability.ok) return availability;
  const extraConsent = req.consents.extraFields === true;
  const extra = validateExtraFields(req.extra, extraConsent);
  if (!extra.ok) return extra;

  return ok({
    ...identity.value,
    phone: phone.value,
    regionCode: region.value.code,
    regionNames: cleanNames(req.regionNames),
    skills: skills.value.skills,
    skillTags: skills.value.skillTags,
    intentions: intentions.value,
    availability: availability.value,
    consents: { privacyVersion: req.consents.privacyVersion, extraFields: extraConsent },
    ...(extra.value ? { extra: extra.value } : {}),
  });
}

// ── Organization registration ───────────────────────────────────────────────────────────────────────────────────

export type OrganizationRegistrationErrorCode = Exclude<
  RegisterOrganizationError,
  'NOT_REGISTERED' | 'USCC_TAKEN' | 'PARENT_NOT_FOUND'
>;

export interface ValidOrganizationRegistration {
  name: string;
  kind: OrganizationKind;
  uscc?: string;
  civilAffairsType?: CivilAffairsType;
  authority?: string;
  regionCode: string;
  regionNames: string[];
  address: string;
  personInCharge: string;
  contact: { name: string; phone: string };
  parentId?: string;
  introduction?: string;
}

export function validateOrganizationRegistration(
  req: RegisterOrganizationRequest,
): Result<ValidOrganizationRegistration, OrganizationRegistrationErrorCode> {
  const checkedName = validateOrganizationName(req.name);
  if (!checkedName.ok) return checkedName;
  const name = checkedName.value;

  const usccInput = req.uscc?.trim() ?? '';
  let uscc: { code: string; civilAffairsType?: CivilAffairsType } | undefined;
  if (req.kind === 'grassroots') {
    if (usccInput !== '') {
      return err('USCC_INVALID', ORGANIZATION_MESSAGES.grassrootsWithUscc);
    }
  } else if (usccInput === '') {
    if (req.kind === 'registered') return err('USCC_REQUIRED', ORGANIZATION_MESSAGES.usccNeeded);
  } else {
    const checked = validateUscc(usccInput);
    if (!checked.ok) return err('USCC_INVALID', checked.message);
    uscc = checked.value;
  }

  const authorityText = cleanPublicText(req.authority ?? '', '登记管理机关');
  if (!authorityText.ok) return err('AUTHORITY_REQUIRED', authorityText.message);
  const authorityInput = authorityText.value;
  if (req.kind === 'registered' && charLength(authorityInput) < 2) {
    return err('AUTHORITY_REQUIRED', ORGANIZATION_MESSAGES.authorityNeeded);
  }
  // A grassroots team has no registering authority: whatever was sent is not kept.
  const authority = req.kind !== 'grassroots' && authorityInput !== '' ? authorityInput : undefined;

  const region = validateRegionCode(req.regionCode);
  if (!region.ok) return err('REGION_INVALID', region.message);
  const regionNames = checkRegionNames(region.value, req.regionNames);
  if (!regionNames.ok) return err('REGION_INVALID', regionNames.message);

  const addressText = cleanPublicText(req.address, '详细地址');
  if (!addressText.ok) return err('ADDRESS_INVALID', addressText.message);
  const address = addressText.value;
  const addressLength = charLength(address);
  if (addressLength < 5 || addressLength > 100) {
    return err('ADDRESS_INVALID', address === '' ? ORGANIZATION_MESSAGES.addressMissing : ORGANIZATION_MESSAGES.addressLength(addressLength));
  }

  const person = validateName(req.personInCharge);
  if (!person.ok) return err('PERSON_INVALID', ORGANIZATION_MESSAGES.personInCharge(person.message));
  const contactName = validateName(req.contact.name);
  if (!contactName.ok) return err('PERSON_INVALID', ORGANIZATION_MESSAGES.contactName(contactName.message));
  const contactPhone = validateContactPhone(req.contact.phone);
  if (!contactPhone.ok) return err('PHONE_INVALID', contactPhone.message);

  const introduction = req.introduction?.trim();
  const parentId = req.parentId?.trim();
  return ok({
    name,
    kind: req.kind,
    ...(uscc ? { uscc: uscc.code } : {}),
    ...(uscc?.civilAffairsType ? { civilAffairsType: uscc.civilAffairsType } : {}),
    ...(authority ? { authority } : {}),
    regionCode: region.value.code,
    regionNames: regionNames.value,
    address,
    personInCharge: person.value,
    contact: { name: contactName.value, phone: contactPhone.value },
    ...(parentId ? { parentId } : {}),
    ...(introduction ? { introduction } : {}),
  });
}

// ── helpers ──────────────────────────────────────────────────────────────────────────────────────────────────────

function unique<T>(items: T[]): T[] {
  return Array.from(new Set(items));
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function cleanNames(names: string[]): string[] {
  return names.map(collapse).filter((n) => n !== '');
}
