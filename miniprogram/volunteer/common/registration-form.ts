// Real-name registration as a multi-step form (RULES §1), platform-free: the page keeps a RegisterForm, passes every
// change through these functions and renders toRegisterView(). The domain's validators decide; this module decides
// only when to say so (after the person leaves a field, or once a number has its full length) and where a server
// error belongs. Today's date is passed in, never read here.
import type {
  AvailabilitySlot,
  CredentialType,
  Gender,
  GuardianRelation,
  RegisterRequest,
  TimeOfDay,
} from '../../../typings/volunteer';
import { checkAgeForRegistration, DEFAULT_AGE_POLICY, type AgePolicy } from '../../domain/age';
import { formatDate, parseDate, shanghaiDate } from '../../domain/calendar';
import { PRIVACY_TERMS_VERSION, SERVICE_CATEGORIES, SKILLS } from '../../domain/codes';
import { CREDENTIAL_TYPES, carriesBirthInfo, credentialTypeLabel, notACitizenIdNumber, validateCredential, validateName } from '../../domain/credential';
import { validateMobile } from '../../domain/phone';
import { validateRegionCode } from '../../domain/region';
import {
  MAX_SKILL_TAG_LENGTH,
  MAX_SKILL_TAGS,
  validateIdentity,
  validateIntentions,
  type IdentityInput,
  validateRegistration,
  validateSkills,
} from '../../domain/registration';
import { GENDER_LABELS, RELATION_LABELS, TIME_LABELS, WEEKDAY_LABELS, availabilityText } from '../../domain/labels';
import { charLength, compactCode } from '../../domain/text';

export { DEFAULT_AGE_POLICY };
export type { AgePolicy };

export type StepId = 'identity' | 'contact' | 'preferences' | 'guardian' | 'consent';

export const STEP_TITLES: Readonly<Record<StepId, string>> = {
  identity: '身份',
  contact: '联系与地区',
  preferences: '技能与意愿',
  guardian: '监护人同意',
  consent: '确认与同意',
};

export type FieldId =
  | 'name'
  | 'credentialNumber'
  | 'gender'
  | 'birthDate'
  | 'age'
  | 'phone'
  | 'region'
  | 'skills'
  | 'intentions'
  | 'availability'
  | 'guardianName'
  | 'guardianRelation'
  | 'guardianCredentialNumber'
  | 'guardianAgreed'
  | 'privacy'
  | 'extra'
  | 'emergencyName'
  | 'emergencyPhone'
  | 'introduction';

export type FieldErrors = Partial<Record<FieldId, string>>;

/** Text fields the page binds to inputs with data-field. */
export type TextField =
  | 'name'
  | 'credentialNumber'
  | 'birthDate'
  | 'typedPhone'
  | 'tagDraft'
  | 'emergencyName'
  | 'emergencyPhone'
  | 'introduction'
  | 'guardianName'
  | 'guardianCredentialNumber';

export const TEXT_FIELDS: readonly TextField[] = [
  'name',
  'credentialNumber',
  'birthDate',
  'typedPhone',
  'tagDraft',
  'emergencyName',
  'emergencyPhone',
  'introduction',
  'guardianName',
  'guardianCredentialNumber',
];

export const MAX_INTRODUCTION_LENGTH = 200;

export interface RegisterForm {
  step: StepId;
  name: string;
  credentialType: CredentialType;
  credentialNumber: string;
  /** Asked only for credentials that do not carry them. */
  gender: Gender | '';
  birthDate: string;
  /**
   * 'wechat': the phone-number button. Its one-time code is exchanged at once (volunteer.verifyPhone) for a proof of
   * the verified number, kept for the submit; 'typed': typed in, unverified.
   */
  phoneMode: 'wechat' | 'typed';
  /** The verified number's proof, '' until the exchange succeeded. */
  phoneProof: string;
  /** The verified number, masked, as the server answered it. */
  phoneMasked: string;
  /** The button's code is being exchanged right now. */
  phoneVerifying: boolean;
  typedPhone: string;
  regionCode: string;
  regionNames: string[];
  skills: string[];
  skillTags: string[];
  tagDraft: string;
  tagError: string;
  intentions: string[];
  availability: AvailabilitySlot[];
  privacyAgreed: boolean;
  /** The separate consent for fields beyond 条例 Art. 7 (办法2012 Art. 6). */
  extraConsent: boolean;
  emergencyName: string;
  emergencyPhone: string;
  introduction: string;
  guardianName: string;
  guardianRelation: GuardianRelation | '';
  guardianCredentialType: CredentialType;
  guardianCredentialNumber: string;
  guardianAgreed: boolean;
  /** Fields the person has left once (or tried to move past): their errors are shown from then on. */
  touched: FieldId[];
  /** Errors the server gave for the last submit, each shown until its field changes. */
  serverErrors: FieldErrors;
  /** A message for the whole step (network, a conflict, already registered). */
  banner: string;
}

export function emptyForm(): RegisterForm {
  return {
    step: 'identity',
    name: '',
    credentialType: 'CN_ID',
    credentialNumber: '',
    gender: '',
    birthDate: '',
    phoneMode: 'wechat',
    phoneProof: '',
    phoneMasked: '',
    phoneVerifying: false,
    typedPhone: '',
    regionCode: '',
    regionNames: [],
    skills: [],
    skillTags: [],
    tagDraft: '',
    tagError: '',
    intentions: [],
    availability: [],
    privacyAgreed: false,
    extraConsent: false,
    emergencyName: '',
    emergencyPhone: '',
    introduction: '',
    guardianName: '',
    guardianRelation: '',
    guardianCredentialType: 'CN_ID',
    guardianCredentialNumber: '',
    guardianAgreed: false,
    touched: [],
    serverErrors: {},
    banner: '',
  };
}

// ── Changes ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** The error-bearing field a text field feeds. */
const FIELD_OF_TEXT: Record<TextField, FieldId | undefined> = {
  name: 'name',
  credentialNumber: 'credentialNumber',
  birthDate: 'birthDate',
  typedPhone: 'phone',
  tagDraft: undefined,
  emergencyName: 'emergencyName',
  emergencyPhone: 'emergencyPhone',
  introduction: 'introduction',
  guardianName: 'guardianName',
  guardianCredentialNumber: 'guardianCredentialNumber',
};

function clearServerError(form: RegisterForm, ...fields: FieldId[]): RegisterForm {
  if (!fields.some((f) => f in form.serverErrors) && form.banner === '') return form;
  const serverErrors = { ...form.serverErrors };
  fields.forEach((f) => delete serverErrors[f]);
  return { ...form, serverErrors, banner: '' };
}

export function setText(form: RegisterForm, field: TextField, value: string): RegisterForm {
  const changed = { ...form, [field]: value } as RegisterForm;
  if (field === 'tagDraft') return { ...changed, tagError: '' };
  const target = FIELD_OF_TEXT[field]!;
  // A new birth date can change the age band, so the age message goes with it.
  return clearServerError(changed, target, ...(field === 'birthDate' || field === 'credentialNumber' ? (['age'] as FieldId[]) : []));
}

export function touch(form: RegisterForm, field: FieldId): RegisterForm {
  return form.touched.includes(field) ? form : { ...form, touched: [...form.touched, field] };
}

export function touchText(form: RegisterForm, field: TextField): RegisterForm {
  const target = FIELD_OF_TEXT[field];
  return target ? touch(form, target) : form;
}

export function setCredentialType(form: RegisterForm, type: CredentialType): RegisterForm {
  return clearServerError({ ...form, credentialType: type }, 'credentialNumber', 'age');
}

export function setGuardianCredentialType(form: RegisterForm, type: CredentialType): RegisterForm {
  return clearServerError({ ...form, guardianCredentialType: type }, 'guardianCredentialNumber');
}

export function setGender(form: RegisterForm, gender: Gender): RegisterForm {
  return clearServerError({ ...form, gender }, 'gender');
}

export function setBirthDate(form: RegisterForm, birthDate: string): RegisterForm {
  return touch(setText(form, 'birthDate', birthDate), 'birthDate');
}

/**
 * WeChat's region picker: `code` holds the codes of each level (the last is the 6-digit GB/T 2260 code of the
 * county), `value` their names.
 */
export function setRegion(form: RegisterForm, codes: string[], names: string[]): RegisterForm {
  const code = codes.length > 0 ? codes[codes.length - 1] : '';
  return touch(clearServerError({ ...form, regionCode: code, regionNames: [...names] }, 'region'), 'region');
}

/** The one-time code in the getPhoneNumber button's answer; '' when WeChat gave none. */
export function phoneCodeOf(detail: { code?: string; errMsg?: string }): string {
  return typeof detail.code === 'string' ? detail.code.trim() : '';
}

/**
 * The getPhoneNumber button's answer. A one-time code lasts 5 minutes and is charged when tapped, so the page
 * exchanges it at once (volunteer.verifyPhone) and the form waits for the proof. Without a code (refused, no quota,
 * no bound number) the person types the number and it is kept as unverified.
 */
export function phoneFromWechat(form: RegisterForm, detail: { code?: string; errMsg?: string }): RegisterForm {
  const next = { ...clearServerError(form, 'phone'), phoneProof: '', phoneMasked: '' };
  if (phoneCodeOf(detail) === '') return { ...next, phoneMode: 'typed', phoneVerifying: false };
  return { ...next, phoneMode: 'wechat', phoneVerifying: true };
}

/**
 * verifyPhone answered: the proof stands for the verified number until the submit (30 minutes). An answer that
 * arrives after the person chose to type the number instead changes nothing.
 */
export function phoneVerified(form: RegisterForm, verified: { proof: string; phoneMasked: string }): RegisterForm {
  if (!form.phoneVerifying) return form;
  return { ...clearServerError(form, 'phone'), phoneMode: 'wechat', phoneVerifying: false, phoneProof: verified.proof, phoneMasked: verified.phoneMasked };
}

/** verifyPhone refused (the code expired, was used, or the number cannot be used): say why; tap again or type. */
export function phoneVerifyFailed(form: RegisterForm, message: string): RegisterForm {
  if (!form.phoneVerifying) return form;
  return { ...form, phoneVerifying: false, phoneProof: '', phoneMasked: '', serverErrors: { ...form.serverErrors, phone: message } };
}

export function usePhoneMode(form: RegisterForm, mode: 'wechat' | 'typed'): RegisterForm {
  const kept = mode === 'wechat' ? {} : { phoneProof: '', phoneMasked: '', phoneVerifying: false };
  return clearServerError({ ...form, phoneMode: mode, ...kept }, 'phone');
}

function toggle<T>(items: T[], item: T): T[] {
  return items.includes(item) ? items.filter((i) => i !== item) : [...items, item];
}

export function toggleSkill(form: RegisterForm, code: string): RegisterForm {
  return clearServerError({ ...form, skills: toggle(form.skills, code) }, 'skills');
}

export function toggleIntention(form: RegisterForm, code: string): RegisterForm {
  return touch(clearServerError({ ...form, intentions: toggle(form.intentions, code) }, 'intentions'), 'intentions');
}

/** Adds the drafted free tag, or explains why it cannot (empty, too long, duplicate, too many). */
export function addSkillTag(form: RegisterForm): RegisterForm {
  const tag = form.tagDraft.replace(/\s+/g, ' ').trim();
  if (tag === '') return { ...form, tagError: '请先输入技能标签' };
  if (charLength(tag) > MAX_SKILL_TAG_LENGTH) return { ...form, tagError: `技能标签最多${MAX_SKILL_TAG_LENGTH}个字` };
  if (form.skillTags.includes(tag)) return { ...form, tagDraft: '', tagError: '' };
  if (form.skillTags.length >= MAX_SKILL_TAGS) return { ...form, tagError: `技能标签最多${MAX_SKILL_TAGS}个` };
  return clearServerError({ ...form, skillTags: [...form.skillTags, tag], tagDraft: '', tagError: '' }, 'skills');
}

export function removeSkillTag(form: RegisterForm, tag: string): RegisterForm {
  return clearServerError({ ...form, skillTags: form.skillTags.filter((t) => t !== tag), tagError: '' }, 'skills');
}

export const TIMES_OF_DAY: readonly TimeOfDay[] = ['morning', 'afternoon', 'evening'];

export function toggleAvailability(form: RegisterForm, weekday: AvailabilitySlot['weekday'], time: TimeOfDay): RegisterForm {
  return clearServerError({ ...form, availability: toggleSlot(form.availability, weekday, time) }, 'availability');
}

/** Slots sorted by weekday, times in day order, days without a time left out. */
export function toggleSlot(slots: AvailabilitySlot[], weekday: AvailabilitySlot['weekday'], time: TimeOfDay): AvailabilitySlot[] {
  const current = slots.find((s) => s.weekday === weekday)?.times ?? [];
  const times = TIMES_OF_DAY.filter((t) => (t === time ? !current.includes(t) : current.includes(t)));
  const others = slots.filter((s) => s.weekday !== weekday);
  const all = times.length > 0 ? [...others, { weekday, times }] : others;
  return all.sort((a, b) => a.weekday - b.weekday);
}

export function setPrivacyAgreed(form: RegisterForm, agreed: boolean): RegisterForm {
  return touch(clearServerError({ ...form, privacyAgreed: agreed }, 'privacy'), 'privacy');
}

export function setExtraConsent(form: RegisterForm, consent: boolean): RegisterForm {
  return clearServerError({ ...form, extraConsent: consent }, 'extra', 'emergencyName', 'emergencyPhone', 'introduction');
}

export function setGuardianRelation(form: RegisterForm, relation: GuardianRelation): RegisterForm {
  return touch(clearServerError({ ...form, guardianRelation: relation }, 'guardianRelation'), 'guardianRelation');
}

export function setGuardianAgreed(form: RegisterForm, agreed: boolean): RegisterForm {
  return touch(clearServerError({ ...form, guardianAgreed: agreed }, 'guardianAgreed'), 'guardianAgreed');
}

// ── What the identity says ──────────────────────────────────────────────────────────────────────────────────────

export const RELATIONS: readonly GuardianRelation[] = ['father', 'mother', 'other_guardian'];

/** Whether the form must ask for gender and birth date: only when the credential does not carry them. */
export function asksBirthInfo(form: Pick<RegisterForm, 'credentialType' | 'credentialNumber'>): boolean {
  return !carriesBirthInfo(form.credentialType, form.credentialNumber);
}

/** Birth date and gender: read from a valid number that carries them, else as entered (undefined until known). */
export function birthOf(form: RegisterForm, now: Date): { birthDate: string; gender?: Gender; derived: boolean } | undefined {
  if (!asksBirthInfo(form)) {
    const checked = validateCredential({ type: form.credentialType, number: form.credentialNumber }, shanghaiDate(now));
    if (!checked.ok || !checked.value.birthDate) return undefined;
    return { birthDate: checked.value.birthDate, gender: checked.value.gender, derived: true };
  }
  if (!parseDate(form.birthDate.trim())) return undefined;
  return { birthDate: form.birthDate.trim(), ...(form.gender ? { gender: form.gender } : {}), derived: false };
}

/** "根据证件号码：男，2008-05-01", once a valid number that carries them is typed; '' otherwise. */
export function derivedBirthText(form: RegisterForm, now: Date): string {
  const birth = birthOf(form, now);
  if (!birth?.derived || !birth.gender) return '';
  return `根据证件号码：${GENDER_LABELS[birth.gender]}，${birth.birthDate}`;
}

export type AgeStatus =
  | { kind: 'unknown' }
  | { kind: 'tooYoung'; title: string; detail: string }
  | { kind: 'allowed'; age: number; needsGuardian: boolean; under14Rules: boolean };

/** The age band on today's date in Asia/Shanghai, as the domain computes it. */
export function ageStatus(form: RegisterForm, now: Date, policy: AgePolicy): AgeStatus {
  const birth = birthOf(form, now);
  if (!birth) return { kind: 'unknown' };
  // Consent is asked on its own step: here only the band matters, so assume it will be given.
  const checked = checkAgeForRegistration(birth.birthDate, now, policy, true);
  if (!checked.ok) {
    return { kind: 'tooYoung', title: `未满${policy.minimumAge}周岁暂不能注册`, detail: checked.message };
  }
  return { kind: 'allowed', age: checked.value.age, needsGuardian: checked.value.needsGuardian, under14Rules: checked.value.under14Rules };
}

/** The steps this person goes through: a guardian step only when their age needs one. */
export function stepsOf(form: RegisterForm, now: Date, policy: AgePolicy): StepId[] {
  const status = ageStatus(form, now, policy);
  const guardian = status.kind === 'allowed' && status.needsGuardian;
  return ['identity', 'contact', 'preferences', ...(guardian ? (['guardian'] as StepId[]) : []), 'consent'];
}

// ── Validation ──────────────────────────────────────────────────────────────────────────────────────────────────

/** The length at which a number of this type is complete, so its error may show while the person is still typing. */
const COMPLETE_LENGTH: Partial<Record<CredentialType, number>> = {
  CN_ID: 18,
  HMT_RESIDENCE: 18,
  HK_MO_PERMIT: 9,
  TW_PERMIT: 8,
  FOREIGN_PERMANENT: 15,
};

function wrongTypeSoFar(type: CredentialType, number: string): boolean {
  return type === 'CN_ID' && notACitizenIdNumber(number) !== null;
}

export function credentialLengthReached(type: CredentialType, number: string): boolean {
  const complete = COMPLETE_LENGTH[type];
  return complete !== undefined && charLength(compactCode(number)) >= complete;
}

const STEP_FIELDS: Record<StepId, FieldId[]> = {
  identity: ['name', 'credentialNumber', 'gender', 'birthDate', 'age'],
  contact: ['phone', 'region'],
  preferences: ['skills', 'intentions', 'availability'],
  guardian: ['guardianName', 'guardianRelation', 'guardianCredentialNumber', 'guardianAgreed'],
  consent: ['privacy', 'extra', 'emergencyName', 'emergencyPhone', 'introduction'],
};

function identityErrors(form: RegisterForm, now: Date, policy: AgePolicy): FieldErrors {
  const errors: FieldErrors = {};
  const name = validateName(form.name);
  if (!name.ok) errors.name = name.message;
  const credential = validateCredential({ type: form.credentialType, number: form.credentialNumber }, shanghaiDate(now));
  if (!credential.ok) errors.credentialNumber = credential.message;
  if (asksBirthInfo(form)) {
    if (form.gender === '') errors.gender = '此类证件号码不含性别，请选择性别';
    const typed = form.birthDate.trim();
    if (typed === '') errors.birthDate = '此类证件号码不含出生日期，请选择出生日期';
    else if (!parseDate(typed)) errors.birthDate = `出生日期不存在：「${typed}」，请按 年-月-日 填写`;
  }
  const age = ageStatus(form, now, policy);
  if (age.kind === 'tooYoung') errors.age = age.title;
  return errors;
}

function contactErrors(form: RegisterForm): FieldErrors {
  const errors: FieldErrors = {};
  if (form.phoneMode === 'wechat') {
    if (form.phoneVerifying) errors.phone = '正在验证微信绑定的手机号，请稍候';
    else if (form.phoneProof === '') errors.phone = '请点击获取微信绑定的手机号，或选择手动填写';
  } else {
    const phone = validateMobile(form.typedPhone);
    if (!phone.ok) errors.phone = phone.message;
  }
  if (form.regionCode === '') errors.region = '请选择居住地区';
  else {
    const region = validateRegionCode(form.regionCode);
    if (!region.ok) errors.region = region.message;
  }
  return errors;
}

function preferenceErrors(form: RegisterForm): FieldErrors {
  const errors: FieldErrors = {};
  const skills = validateSkills(form.skills, form.skillTags);
  if (!skills.ok) errors.skills = skills.message;
  const intentions = validateIntentions(form.intentions);
  if (!intentions.ok) errors.intentions = intentions.message;
  return errors;
}

function guardianErrors(form: RegisterForm, now: Date, policy: AgePolicy): FieldErrors {
  const errors: FieldErrors = {};
  const name = validateName(form.guardianName);
  if (!name.ok) errors.guardianName = name.message;
  if (form.guardianRelation === '') errors.guardianRelation = '请选择与监护人的关系';
  const credential = validateCredential(
    { type: form.guardianCredentialType, number: form.guardianCredentialNumber },
    shanghaiDate(now),
  );
  if (!credential.ok) errors.guardianCredentialNumber = credential.message;
  if (!form.guardianAgreed) errors.guardianAgreed = '请监护人阅读以上说明并勾选同意';
  if (Object.keys(errors).length === 0) {
    // What only the whole identity shows: the guardian's own card, and an adult.
    const whole = validateIdentity(identityInput(form, now, policy), now, policy);
    if (!whole.ok && whole.code === 'GUARDIAN_INVALID') errors.guardianCredentialNumber = whole.message;
  }
  return errors;
}

function emergencyContactGiven(form: RegisterForm): boolean {
  return form.emergencyName.trim() !== '' || form.emergencyPhone.trim() !== '';
}

/** The emergency contact is optional, but once either part is given both must be valid (registration, 我的资料). */
export function emergencyContactErrors(form: RegisterForm): FieldErrors {
  const errors: FieldErrors = {};
  if (!emergencyContactGiven(form)) return errors;
  const name = validateName(form.emergencyName);
  if (!name.ok) errors.emergencyName = name.message;
  const phone = validateMobile(form.emergencyPhone);
  if (!phone.ok) errors.emergencyPhone = phone.message;
  return errors;
}

function consentErrors(form: RegisterForm): FieldErrors {
  const errors: FieldErrors = {};
  if (!form.privacyAgreed) errors.privacy = `请阅读并同意《隐私保护指引》（${PRIVACY_TERMS_VERSION} 版）`;
  if (form.extraConsent) {
    const contactGiven = emergencyContactGiven(form);
    Object.assign(errors, emergencyContactErrors(form));
    if (charLength(form.introduction.trim()) > MAX_INTRODUCTION_LENGTH) {
      errors.introduction = `个人介绍最多${MAX_INTRODUCTION_LENGTH}字`;
    }
    if (!contactGiven && form.introduction.trim() === '') {
      errors.extra = '已同意提供补充信息，请填写紧急联系人或个人介绍；不想提供可以关闭此项';
    }
  }
  return errors;
}

/** Every problem of a step, shown or not. */
export function stepErrors(form: RegisterForm, step: StepId, now: Date, policy: AgePolicy): FieldErrors {
  switch (step) {
    case 'identity':
      return identityErrors(form, now, policy);
    case 'contact':
      return contactErrors(form);
    case 'preferences':
      return preferenceErrors(form);
    case 'guardian':
      return guardianErrors(form, now, policy);
    case 'consent':
      return consentErrors(form);
  }
}

/** Whether the person should see this field's error yet (not on the first keystroke). */
function shows(form: RegisterForm, field: FieldId): boolean {
  if (form.touched.includes(field)) return true;
  switch (field) {
    // A number that cannot be of the chosen type is said at once (RULES §1: 81… is a 港澳台居民居住证), not at 18 digits.
    case 'credentialNumber':
      return credentialLengthReached(form.credentialType, form.credentialNumber) || wrongTypeSoFar(form.credentialType, form.credentialNumber);
    case 'guardianCredentialNumber':
      return (
        credentialLengthReached(form.guardianCredentialType, form.guardianCredentialNumber) ||
        wrongTypeSoFar(form.guardianCredentialType, form.guardianCredentialNumber)
      );
    case 'age':
      return true; // a refusal is not nagging: the person needs to know before filling in more
    default:
      return false;
  }
}

/** The errors to show on the current step: server errors first, then the domain's once the field was left. */
export function visibleErrors(form: RegisterForm, now: Date, policy: AgePolicy): FieldErrors {
  const all = stepErrors(form, form.step, now, policy);
  const out: FieldErrors = {};
  for (const field of STEP_FIELDS[form.step]) {
    const message = form.serverErrors[field] ?? (shows(form, field) ? all[field] : undefined);
    if (message) out[field] = message;
  }
  return out;
}

// ── Moving between steps ────────────────────────────────────────────────────────────────────────────────────────

/** Forward when the step is complete; otherwise stay and show every problem of the step. */
export function next(form: RegisterForm, now: Date, policy: AgePolicy): RegisterForm {
  const steps = stepsOf(form, now, policy);
  const errors = stepErrors(form, form.step, now, policy);
  if (Object.keys(errors).length > 0 || Object.keys(pick(form.serverErrors, STEP_FIELDS[form.step])).length > 0) {
    return { ...form, touched: union(form.touched, STEP_FIELDS[form.step]) };
  }
  const index = steps.indexOf(form.step);
  const step = steps[Math.min(index + 1, steps.length - 1)]!;
  return { ...form, step, banner: '' };
}

export function back(form: RegisterForm, now: Date, policy: AgePolicy): RegisterForm {
  const steps = stepsOf(form, now, policy);
  const index = steps.indexOf(form.step);
  return { ...form, step: steps[Math.max(index - 1, 0)]!, banner: '' };
}

/** 修改 on the summary: back to a step already passed. */
export function goToStep(form: RegisterForm, step: StepId, now: Date, policy: AgePolicy): RegisterForm {
  return stepsOf(form, now, policy).includes(step) ? { ...form, step, banner: '' } : form;
}

function union<T>(a: T[], b: T[]): T[] {
  return [...a, ...b.filter((x) => !a.includes(x))];
}

function pick(errors: FieldErrors, fields: FieldId[]): FieldErrors {
  const out: FieldErrors = {};
  fields.forEach((f) => {
    if (errors[f]) out[f] = errors[f];
  });
  return out;
}

// ── The request ─────────────────────────────────────────────────────────────────────────────────────────────────

/** Name, credential, birth information (only where the credential lacks it) and the guardian (only when needed). */
export function identityInput(form: RegisterForm, now: Date, policy: AgePolicy): IdentityInput {
  const status = ageStatus(form, now, policy);
  const needsGuardian = status.kind === 'allowed' && status.needsGuardian;
  return {
    name: form.name.trim(),
    credential: { type: form.credentialType, number: form.credentialNumber.trim() },
    ...(asksBirthInfo(form)
      ? { ...(form.gender ? { gender: form.gender } : {}), ...(form.birthDate.trim() ? { birthDate: form.birthDate.trim() } : {}) }
      : {}),
    ...(needsGuardian && form.guardianRelation !== ''
      ? {
          guardian: {
            name: form.guardianName.trim(),
            relation: form.guardianRelation,
            credential: { type: form.guardianCredentialType, number: form.guardianCredentialNumber.trim() },
            agreed: true as const,
          },
        }
      : {}),
  };
}

export function buildRequest(form: RegisterForm, now: Date, policy: AgePolicy): RegisterRequest {
  const identity = identityInput(form, now, policy);
  const request: RegisterRequest = {
    ...identity,
    guardian: identity.guardian && form.guardianAgreed ? identity.guardian : undefined,
    phone:
      form.phoneMode === 'wechat' && form.phoneProof !== ''
        ? { source: 'wechat', proof: form.phoneProof }
        : { source: 'typed', number: form.typedPhone.trim() },
    regionCode: form.regionCode,
    regionNames: form.regionNames,
    skills: form.skills,
    skillTags: form.skillTags,
    intentions: form.intentions,
    availability: form.availability,
    consents: { privacyVersion: form.privacyAgreed ? PRIVACY_TERMS_VERSION : '', extraFields: form.extraConsent },
  };
  if (!request.guardian) delete request.guardian;
  if (form.extraConsent) {
    const extra: NonNullable<RegisterRequest['extra']> = {};
    if (form.emergencyName.trim() !== '' || form.emergencyPhone.trim() !== '') {
      extra.emergencyContact = { name: form.emergencyName.trim(), phone: form.emergencyPhone.trim() };
    }
    if (form.introduction.trim() !== '') extra.introduction = form.introduction.trim();
    if (Object.keys(extra).length > 0) request.extra = extra;
  }
  return request;
}

export type SubmitCheck = { ok: true; request: RegisterRequest } | { ok: false; form: RegisterForm };

/**
 * Before calling volunteer.register: every step again (a change on an earlier step may have broken it), then the
 * domain's whole-request check as the server runs it. A problem sends the person to its step.
 */
export function prepareSubmit(form: RegisterForm, now: Date, policy: AgePolicy): SubmitCheck {
  for (const step of stepsOf(form, now, policy)) {
    if (Object.keys(stepErrors(form, step, now, policy)).length > 0) {
      return { ok: false, form: { ...form, step, touched: union(form.touched, STEP_FIELDS[step]) } };
    }
  }
  const request = buildRequest(form, now, policy);
  const whole = validateRegistration(request, now, policy);
  if (!whole.ok) return { ok: false, form: applyServerError(form, { code: whole.code, message: whole.message }, now, policy) };
  return { ok: true, request };
}

// ── Server errors ───────────────────────────────────────────────────────────────────────────────────────────────

export interface ErrorTarget {
  step: StepId;
  /** Absent: a message for the whole step. */
  field?: FieldId;
}

/** Request fields the server names (`ActionError.field`) and the form field that shows them. */
const FIELD_OF_PATH: Readonly<Record<string, ErrorTarget>> = {
  'guardian.name': { step: 'guardian', field: 'guardianName' },
  'guardian.relation': { step: 'guardian', field: 'guardianRelation' },
  'guardian.credential': { step: 'guardian', field: 'guardianCredentialNumber' },
  extra: { step: 'consent', field: 'extra' },
  'extra.emergencyContact.name': { step: 'consent', field: 'emergencyName' },
  'extra.emergencyContact.phone': { step: 'consent', field: 'emergencyPhone' },
};

/**
 * Where an error of volunteer.register belongs: the field the server names when the code is shared by several
 * fields (the guardian's, the emergency contact's), else the code's own field.
 */
export function errorTarget(code: string, field: string | undefined, steps: StepId[], current: StepId): ErrorTarget {
  const named = field === undefined ? undefined : FIELD_OF_PATH[field];
  if (named && (named.step !== 'guardian' || steps.includes('guardian'))) return named;
  switch (code) {
    case 'NAME_INVALID':
    case 'IDENTITY_MISMATCH':
      return { step: 'identity', field: 'name' };
    case 'IDENTITY_UNAVAILABLE':
      return { step: 'identity' };
    case 'CREDENTIAL_INVALID':
    case 'CREDENTIAL_TAKEN':
      return { step: 'identity', field: 'credentialNumber' };
    case 'ALREADY_REGISTERED':
      return { step: 'identity' };
    case 'BIRTH_INFO_REQUIRED':
      return { step: 'identity', field: 'birthDate' };
    case 'TOO_YOUNG':
      return { step: 'identity', field: 'age' };
    case 'PHONE_INVALID':
      return { step: 'contact', field: 'phone' };
    case 'REGION_INVALID':
      return { step: 'contact', field: 'region' };
    case 'SKILL_INVALID':
      return { step: 'preferences', field: 'skills' };
    case 'INTENTION_INVALID':
      return { step: 'preferences', field: 'intentions' };
    case 'AVAILABILITY_INVALID':
      return { step: 'preferences', field: 'availability' };
    case 'CONSENT_REQUIRED':
      return { step: 'consent', field: 'privacy' };
    case 'GUARDIAN_CONSENT_REQUIRED':
      return steps.includes('guardian') ? { step: 'guardian', field: 'guardianAgreed' } : { step: 'identity', field: 'age' };
    case 'GUARDIAN_INVALID':
      // No guardian step: the age decides whether one is needed.
      return { step: 'identity', field: 'age' };
    default:
      return { step: current };
  }
}

export function applyServerError(
  form: RegisterForm,
  error: { code: string; message: string; field?: string },
  now: Date,
  policy: AgePolicy,
): RegisterForm {
  const target = errorTarget(error.code, error.field, stepsOf(form, now, policy), form.step);
  // A refused phone proof (expired after 30 minutes) needs a new tap; any other refusal keeps it for the next submit.
  const phoneReset = target.field === 'phone' && form.phoneMode === 'wechat' ? { phoneProof: '', phoneMasked: '' } : {};
  if (!target.field) return { ...form, ...phoneReset, step: target.step, banner: error.message };
  return {
    ...form,
    ...phoneReset,
    step: target.step,
    banner: '',
    serverErrors: { ...form.serverErrors, [target.field]: error.message },
  };
}

// ── The view ────────────────────────────────────────────────────────────────────────────────────────────────────

export interface Choice {
  code: string;
  label: string;
  selected: boolean;
}

export interface RegisterView {
  step: StepId;
  stepTitle: string;
  stepNumber: number;
  stepCount: number;
  steps: Array<{ id: StepId; title: string; state: 'done' | 'current' | 'todo' }>;
  isFirst: boolean;
  isLast: boolean;
  /** 下一步 cannot help (the person is too young to register): shown disabled rather than tapped in vain. */
  nextRefused: boolean;
  errors: FieldErrors;
  banner: string;
  name: string;
  credentialTypeLabels: string[];
  credentialTypeIndex: number;
  credentialTypeLabel: string;
  credentialNumber: string;
  asksBirthInfo: boolean;
  derivedBirthText: string;
  genderLabels: string[];
  genderIndex: number;
  genderText: string;
  birthDate: string;
  today: string;
  tooYoung: { title: string; detail: string } | null;
  under14Rules: boolean;
  phoneMode: 'wechat' | 'typed';
  phoneObtained: boolean;
  phoneVerifying: boolean;
  phoneMasked: string;
  typedPhone: string;
  regionText: string;
  regionValue: string[];
  skills: Choice[];
  skillTags: string[];
  tagDraft: string;
  tagError: string;
  canAddTag: boolean;
  maxSkillTags: number;
  maxSkillTagLength: number;
  intentions: Choice[];
  availability: Array<{ weekday: number; label: string; times: Array<{ time: TimeOfDay; label: string; selected: boolean }> }>;
  guardianName: string;
  relationLabels: string[];
  relationIndex: number;
  relationText: string;
  guardianCredentialTypeIndex: number;
  guardianCredentialTypeLabel: string;
  guardianCredentialNumber: string;
  guardianAgreed: boolean;
  privacyAgreed: boolean;
  privacyVersion: string;
  extraConsent: boolean;
  emergencyName: string;
  emergencyPhone: string;
  introduction: string;
  maxIntroductionLength: number;
  summary: Array<{ label: string; value: string; step: StepId }>;
}

export const UNDER_14_RULES_TEXT =
  '根据《个人信息保护法》第二十八条、第三十一条，不满十四周岁未成年人的个人信息属于敏感个人信息：' +
  '平台只在监护人同意后处理，只用于志愿服务登记和记录，不向第三方提供；监护人可以随时查阅、更正、删除这些信息或撤回同意。';

const GENDERS: readonly Gender[] = ['male', 'female'];

function labelsOf(list: readonly { code: string; label: string }[], codes: string[]): string {
  return list
    .filter((i) => codes.includes(i.code))
    .map((i) => i.label)
    .join('、');
}

function summaryOf(form: RegisterForm, now: Date, steps: StepId[]): RegisterView['summary'] {
  const birth = birthOf(form, now);
  const rows: RegisterView['summary'] = [
    { label: '姓名', value: form.name.trim(), step: 'identity' },
    { label: credentialTypeLabel(form.credentialType), value: compactCode(form.credentialNumber), step: 'identity' },
    {
      label: '性别与出生日期',
      value: birth ? `${birth.gender ? GENDER_LABELS[birth.gender] : ''}，${birth.birthDate}` : '',
      step: 'identity',
    },
    {
      label: '手机号',
      value: form.phoneMode === 'wechat' && form.phoneProof ? `${form.phoneMasked}（微信绑定，已验证）` : `${form.typedPhone.trim()}（未验证）`,
      step: 'contact',
    },
    { label: '居住地区', value: form.regionNames.join(' '), step: 'contact' },
    { label: '技能', value: [labelsOf(SKILLS, form.skills), ...form.skillTags].filter((s) => s !== '').join('、') || '未填写', step: 'preferences' },
    { label: '服务意向', value: labelsOf(SERVICE_CATEGORIES, form.intentions), step: 'preferences' },
    { label: '可服务时间', value: availabilityText(form.availability) || '未填写', step: 'preferences' },
  ];
  if (steps.includes('guardian')) {
    rows.push({
      label: '监护人',
      value: form.guardianRelation ? `${form.guardianName.trim()}（${RELATION_LABELS[form.guardianRelation]}）` : '',
      step: 'guardian',
    });
  }
  return rows;
}

export function toRegisterView(form: RegisterForm, now: Date, policy: AgePolicy): RegisterView {
  const steps = stepsOf(form, now, policy);
  const index = Math.max(steps.indexOf(form.step), 0);
  const age = ageStatus(form, now, policy);
  const selectedTimes = (weekday: number) => form.availability.find((s) => s.weekday === weekday)?.times ?? [];
  return {
    step: form.step,
    stepTitle: STEP_TITLES[form.step],
    stepNumber: index + 1,
    stepCount: steps.length,
    steps: steps.map((id, i) => ({ id, title: STEP_TITLES[id], state: i < index ? 'done' : i === index ? 'current' : 'todo' })),
    isFirst: index === 0,
    isLast: index === steps.length - 1,
    nextRefused: form.step === 'identity' && age.kind === 'tooYoung',
    errors: visibleErrors(form, now, policy),
    banner: form.banner,
    name: form.name,
    credentialTypeLabels: CREDENTIAL_TYPES.map(credentialTypeLabel),
    credentialTypeIndex: CREDENTIAL_TYPES.indexOf(form.credentialType),
    credentialTypeLabel: credentialTypeLabel(form.credentialType),
    credentialNumber: form.credentialNumber,
    asksBirthInfo: asksBirthInfo(form),
    derivedBirthText: derivedBirthText(form, now),
    genderLabels: GENDERS.map((g) => GENDER_LABELS[g]),
    genderIndex: form.gender ? GENDERS.indexOf(form.gender) : -1,
    genderText: form.gender ? GENDER_LABELS[form.gender] : '',
    birthDate: form.birthDate,
    today: formatDate(shanghaiDate(now)),
    tooYoung: age.kind === 'tooYoung' ? { title: age.title, detail: age.detail } : null,
    under14Rules: age.kind === 'allowed' && age.under14Rules,
    phoneMode: form.phoneMode,
    phoneObtained: form.phoneMode === 'wechat' && form.phoneProof !== '',
    phoneVerifying: form.phoneMode === 'wechat' && form.phoneVerifying,
    phoneMasked: form.phoneMasked,
    typedPhone: form.typedPhone,
    regionText: form.regionNames.join(' '),
    regionValue: form.regionNames,
    skills: SKILLS.map((s) => ({ code: s.code, label: s.label, selected: form.skills.includes(s.code) })),
    skillTags: form.skillTags,
    tagDraft: form.tagDraft,
    tagError: form.tagError,
    canAddTag: form.skillTags.length < MAX_SKILL_TAGS,
    maxSkillTags: MAX_SKILL_TAGS,
    maxSkillTagLength: MAX_SKILL_TAG_LENGTH,
    intentions: SERVICE_CATEGORIES.map((c) => ({ code: c.code, label: c.label, selected: form.intentions.includes(c.code) })),
    availability: WEEKDAY_LABELS.map((label, i) => ({
      weekday: i + 1,
      label,
      times: TIMES_OF_DAY.map((time) => ({ time, label: TIME_LABELS[time], selected: selectedTimes(i + 1).includes(time) })),
    })),
    guardianName: form.guardianName,
    relationLabels: RELATIONS.map((r) => RELATION_LABELS[r]),
    relationIndex: form.guardianRelation ? RELATIONS.indexOf(form.guardianRelation) : -1,
    relationText: form.guardianRelation ? RELATION_LABELS[form.guardianRelation] : '',
    guardianCredentialTypeIndex: CREDENTIAL_TYPES.indexOf(form.guardianCredentialType),
    guardianCredentialTypeLabel: credentialTypeLabel(form.guardianCredentialType),
    guardianCredentialNumber: form.guardianCredentialNumber,
    guardianAgreed: form.guardianAgreed,
    privacyAgreed: form.privacyAgreed,
    privacyVersion: PRIVACY_TERMS_VERSION,
    extraConsent: form.extraConsent,
    emergencyName: form.emergencyName,
    emergencyPhone: form.emergencyPhone,
    introduction: form.introduction,
    maxIntroductionLength: MAX_INTRODUCTION_LENGTH,
    summary: summaryOf(form, now, steps),
  };
}

export { CREDENTIAL_TYPES, GENDERS, credentialTypeLabel };
export { GENDER_LABELS, RELATION_LABELS, TIME_LABELS, WEEKDAY_LABELS, availabilityText };
