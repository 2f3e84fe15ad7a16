// 我的资料: what is held about me (masked), what I may change, a change of identity (a re-verification), export,
// withdrawing a consent and deleting the account (RULES §8; PIPL Arts 44–47). Pure; the page adapts it to WeChat.
import type { ChangeIdentityRequest, MyProfile, UpdateProfileRequest } from '../../../typings/volunteer';
import { shanghaiDateTime } from '../../domain/calendar';
import { SERVICE_CATEGORIES, SKILLS, labelOf } from '../../domain/codes';
import { credentialTypeLabel } from '../../domain/credential';
import { CONSENT_LABELS } from '../../domain/labels';
import { validateMobile } from '../../domain/phone';
import { validateRegionCode } from '../../domain/region';
import { validateIntentions, validateSkills } from '../../domain/registration';
import type { DocumentType } from '../../services/wechat';
import {
  GENDER_LABELS,
  RELATION_LABELS,
  availabilityText,
  emergencyContactErrors,
  emptyForm,
  errorTarget,
  identityInput,
  stepErrors,
  stepsOf,
  type AgePolicy,
  type FieldErrors,
  type RegisterForm,
  type StepId,
} from '../common/registration-form';

// ── Viewing ─────────────────────────────────────────────────────────────────────────────────────────────────────

export interface ProfileRow {
  label: string;
  value: string;
}


export function labelsOf(list: readonly { code: string; label: string }[], codes: string[]): string {
  return codes.map((c) => labelOf(list, c) ?? c).join('、');
}

export function extraConsentInForce(profile: MyProfile): boolean {
  return profile.consents.some((c) => c.kind === 'extraFields' && !c.withdrawnAt);
}

export function profileRows(profile: MyProfile): ProfileRow[] {
  const rows: ProfileRow[] = [
    { label: '姓名', value: profile.name },
    { label: '志愿者编号', value: profile.volunteerNo },
    { label: credentialTypeLabel(profile.credential.type), value: profile.credential.masked },
    { label: '性别', value: GENDER_LABELS[profile.gender] },
    { label: '出生日期', value: profile.birthDate },
    { label: '手机号', value: `${profile.phone.masked}（${profile.phone.verified ? '已验证' : '未验证'}）` },
    { label: '居住地区', value: profile.regionNames.join(' ') || profile.regionCode },
    { label: '技能', value: [labelsOf(SKILLS, profile.skills), ...profile.skillTags].filter((s) => s !== '').join('、') || '未填写' },
    { label: '服务意向', value: labelsOf(SERVICE_CATEGORIES, profile.intentions) || '未填写' },
    { label: '可服务时间', value: availabilityText(profile.availability) || '未填写' },
  ];
  const contact = profile.extra?.emergencyContact;
  if (contact) rows.push({ label: '紧急联系人', value: `${contact.name} ${contact.phone}` });
  if (profile.extra?.introduction) rows.push({ label: '个人介绍', value: profile.extra.introduction });
  if (profile.guardian) {
    rows.push({
      label: '监护人',
      value: `${profile.guardian.name}（${RELATION_LABELS[profile.guardian.relation]}） ${profile.guardian.credentialMasked}`,
    });
  }
  rows.push({ label: '所属组织', value: profile.organizations.map((o) => o.name).join('、') || '暂未加入组织' });
  rows.push({ label: '注册时间', value: shanghaiDateTime(profile.registeredAt) });
  return rows;
}

export function consentRows(profile: MyProfile): ProfileRow[] {
  return profile.consents.map((c) => ({
    label: CONSENT_LABELS[c.kind],
    value: c.withdrawnAt
      ? `已于 ${shanghaiDateTime(c.withdrawnAt)} 撤回`
      : `${shanghaiDateTime(c.grantedAt)} 同意${c.kind === 'privacy' ? `（${c.version} 版）` : ''}`,
  }));
}

/** Asked before a step that deletes what cannot be brought back (wx.showModal's fields). */
export const WITHDRAW_EXTRA_CONFIRMATION = {
  title: '撤回同意',
  content: '撤回后，紧急联系人和个人介绍将立即删除，无法恢复。以后可以重新同意并填写。',
  confirmText: '撤回',
  destructive: true,
} as const;

export const DELETE_ACCOUNT_CONFIRMATION = {
  title: '确认注销账号',
  content: '注销后无法恢复：姓名、证件、手机号等个人信息将被删除或匿名化，志愿者编号作废。',
  confirmText: '注销',
  destructive: true,
} as const;

// ── Editing what may change ─────────────────────────────────────────────────────────────────────────────────────

/**
 * The edit form reuses the registration form's state and changes (chips, tags, region, availability, phone), so
 * the same rules apply; `changePhone` is off until the person chooses to replace the number on file.
 */
export interface EditState {
  form: RegisterForm;
  changePhone: boolean;
  /** Extra fields are editable only while their consent is in force. */
  extraAllowed: boolean;
  /** Errors are shown once the person tried to save. */
  attempted: boolean;
}

export function editStateOf(profile: MyProfile): EditState {
  const extra = profile.extra ?? {};
  const form: RegisterForm = {
    ...emptyForm(),
    phoneMode: 'wechat',
    regionCode: profile.regionCode,
    regionNames: [...profile.regionNames],
    skills: [...profile.skills],
    skillTags: [...profile.skillTags],
    intentions: [...profile.intentions],
    availability: profile.availability.map((s) => ({ weekday: s.weekday, times: [...s.times] })),
    extraConsent: extraConsentInForce(profile),
    emergencyName: extra.emergencyContact?.name ?? '',
    emergencyPhone: extra.emergencyContact?.phone ?? '',
    introduction: extra.introduction ?? '',
  };
  return { form, changePhone: false, extraAllowed: extraConsentInForce(profile), attempted: false };
}

export function editErrors(state: EditState): FieldErrors {
  const { form } = state;
  const errors: FieldErrors = {};
  if (state.changePhone) {
    if (form.phoneMode === 'wechat') {
      if (form.phoneVerifying) errors.phone = '正在验证微信绑定的手机号，请稍候';
      else if (form.phoneProof === '') errors.phone = '请点击获取微信绑定的手机号，或选择手动填写';
    } else {
      const phone = validateMobile(form.typedPhone);
      if (!phone.ok) errors.phone = phone.message;
    }
  }
  const region = validateRegionCode(form.regionCode);
  if (!region.ok) errors.region = form.regionCode === '' ? '请选择居住地区' : region.message;
  const skills = validateSkills(form.skills, form.skillTags);
  if (!skills.ok) errors.skills = skills.message;
  const intentions = validateIntentions(form.intentions);
  if (!intentions.ok) errors.intentions = intentions.message;
  if (state.extraAllowed) Object.assign(errors, emergencyContactErrors(form));
  return errors;
}

function sameList<T>(a: T[], b: T[]): boolean {
  return a.length === b.length && a.every((x, i) => JSON.stringify(x) === JSON.stringify(b[i]));
}

/** Only what changed; empty when nothing did. */
export function buildUpdate(state: EditState, profile: MyProfile): UpdateProfileRequest {
  const { form } = state;
  const update: UpdateProfileRequest = {};
  if (state.changePhone) {
    update.phone =
      form.phoneMode === 'wechat' && form.phoneProof !== ''
        ? { source: 'wechat', proof: form.phoneProof }
        : { source: 'typed', number: form.typedPhone.trim() };
  }
  if (form.regionCode !== profile.regionCode) {
    update.regionCode = form.regionCode;
    update.regionNames = form.regionNames;
  }
  if (!sameList(form.skills, profile.skills)) update.skills = form.skills;
  if (!sameList(form.skillTags, profile.skillTags)) update.skillTags = form.skillTags;
  if (!sameList(form.intentions, profile.intentions)) update.intentions = form.intentions;
  if (!sameList(form.availability, profile.availability)) update.availability = form.availability;
  if (state.extraAllowed) {
    const extra: NonNullable<UpdateProfileRequest['extra']> = {};
    if (form.emergencyName.trim() !== '' || form.emergencyPhone.trim() !== '') {
      extra.emergencyContact = { name: form.emergencyName.trim(), phone: form.emergencyPhone.trim() };
    }
    if (form.introduction.trim() !== '') extra.introduction = form.introduction.trim();
    if (JSON.stringify(extra) !== JSON.stringify(profile.extra ?? {})) update.extra = extra;
  }
  return update;
}

const EDIT_FORM_FIELDS: ReadonlySet<keyof FieldErrors> = new Set<keyof FieldErrors>([
  'phone', 'region', 'skills', 'intentions', 'availability', 'extra', 'emergencyName', 'emergencyPhone',
]);
const IDENTITY_FORM_STEPS: StepId[] = ['identity', 'guardian'];

/** Where an error of updateProfile belongs in the edit form (the registration form's mapping, its fields only). */
export function editErrorField(code: string, field: string | undefined): keyof FieldErrors | undefined {
  const target = errorTarget(code, field, ['contact', 'preferences', 'consent'], 'contact').field;
  return target && EDIT_FORM_FIELDS.has(target) ? target : undefined;
}

// ── Changing identity (a re-verification) ───────────────────────────────────────────────────────────────────────

/** The identity step of registration (and the guardian step when the new identity is a minor's). */
export function identityErrors(form: RegisterForm, now: Date, policy: AgePolicy): FieldErrors {
  const errors = stepErrors(form, 'identity', now, policy);
  if (stepsOf(form, now, policy).includes('guardian')) Object.assign(errors, stepErrors(form, 'guardian', now, policy));
  return errors;
}

export function buildChangeIdentity(form: RegisterForm, now: Date, policy: AgePolicy): ChangeIdentityRequest {
  const identity = identityInput(form, now, policy);
  if (identity.guardian && !form.guardianAgreed) delete identity.guardian;
  return identity;
}

/** Where an error of changeIdentity belongs: the identity and guardian steps of the registration form. */
export function identityErrorField(code: string, field: string | undefined): keyof FieldErrors | undefined {
  return errorTarget(code, field, IDENTITY_FORM_STEPS, 'identity').field;
}

// ── Export and deletion ─────────────────────────────────────────────────────────────────────────────────────────

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const DOCUMENT_TYPES: readonly DocumentType[] = ['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pdf'];

/** The type openDocument needs, read from the URL's path; undefined for files it cannot show (e.g. JSON). */
export function documentTypeOf(url: string): DocumentType | undefined {
  const path = url.split(/[?#]/)[0] ?? '';
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return DOCUMENT_TYPES.find((t) => t === ext);
}

export const DELETE_CONFIRM_WORD = '注销';

export function canDelete(typed: string): boolean {
  return typed.trim() === DELETE_CONFIRM_WORD;
}
