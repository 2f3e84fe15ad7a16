// Registering an organization (RULES §2), platform-free: field checks as the person types (the USCC once it has 18
// characters), the request, and where a server error belongs. The domain's validators decide.
import type { OrganizationKind, RegisterOrganizationRequest, SimilarName } from '../../../typings/organization';
import { SIMILARITY_LABELS, validateOrganizationName } from '../../domain/org-name';
import { validateName } from '../../domain/credential';
import { validateContactPhone } from '../../domain/phone';
import { validateRegionCode } from '../../domain/region';
import { validateOrganizationRegistration } from '../../domain/registration';
import { charLength, compactCode } from '../../domain/text';
import { validateUscc } from '../../domain/uscc';
import { KIND_LABELS, ORGANIZATION_KINDS } from '../../common/org-labels';

export type OrgField =
  | 'name'
  | 'uscc'
  | 'authority'
  | 'region'
  | 'address'
  | 'personInCharge'
  | 'contactName'
  | 'contactPhone'
  | 'introduction'
  | 'parent';
export type OrgErrors = Partial<Record<OrgField, string>>;
export type OrgTextField = Exclude<OrgField, 'region' | 'parent'> | 'parentKeyword';
export const ORG_TEXT_FIELDS: readonly OrgTextField[] = [
  'name',
  'uscc',
  'authority',
  'address',
  'personInCharge',
  'contactName',
  'contactPhone',
  'introduction',
  'parentKeyword',
];

export interface OrgForm {
  name: string;
  kind: OrganizationKind;
  uscc: string;
  authority: string;
  regionCode: string;
  regionNames: string[];
  address: string;
  personInCharge: string;
  contactName: string;
  contactPhone: string;
  introduction: string;
  parent: { orgId: string; name: string } | null;
  parentKeyword: string;
  touched: OrgField[];
  serverErrors: OrgErrors;
  banner: string;
  /** The code behind the banner: NOT_REGISTERED offers the way to register as a volunteer. */
  bannerCode: string;
  /** After USCC_TAKEN the real holder may claim the code; after USCC_MINE their own application opens. */
  usccAction: '' | 'claim' | 'open';
  /** USCC_MINE: the caller's own organization holding the code. */
  mineOrgId: string;
}

export function emptyOrgForm(): OrgForm {
  return {
    name: '',
    kind: 'registered',
    uscc: '',
    authority: '',
    regionCode: '',
    regionNames: [],
    address: '',
    personInCharge: '',
    contactName: '',
    contactPhone: '',
    introduction: '',
    parent: null,
    parentKeyword: '',
    touched: [],
    serverErrors: {},
    banner: '',
    bannerCode: '',
    usccAction: '',
    mineOrgId: '',
  };
}

/** A rejected application's fields back in the form, for correcting and resubmitting (the phone is typed again). */
export function orgFormFrom(application: RegisterOrganizationRequest): OrgForm {
  return {
    ...emptyOrgForm(),
    name: application.name,
    kind: application.kind,
    uscc: application.uscc ?? '',
    authority: application.authority ?? '',
    regionCode: application.regionCode,
    regionNames: [...application.regionNames],
    address: application.address,
    personInCharge: application.personInCharge,
    contactName: application.contact.name,
    contactPhone: application.contact.phone,
    introduction: application.introduction ?? '',
  };
}

const FIELDS: OrgField[] = ['name', 'uscc', 'authority', 'region', 'address', 'personInCharge', 'contactName', 'contactPhone', 'introduction', 'parent'];
export const MAX_INTRODUCTION_LENGTH = 500;

function withoutServerError(form: OrgForm, field: OrgField): OrgForm {
  const serverErrors = { ...form.serverErrors };
  delete serverErrors[field];
  const usccGone = field === 'uscc' ? { usccAction: '' as const, mineOrgId: '' } : {};
  return { ...form, serverErrors, banner: '', bannerCode: '', ...usccGone };
}

export function setOrgText(form: OrgForm, field: OrgTextField, value: string): OrgForm {
  const next = { ...form, [field]: value } as OrgForm;
  return field === 'parentKeyword' ? next : withoutServerError(next, field);
}

export function touchOrg(form: OrgForm, field: OrgField): OrgForm {
  return form.touched.includes(field) ? form : { ...form, touched: [...form.touched, field] };
}

export function setKind(form: OrgForm, kind: OrganizationKind): OrgForm {
  return withoutServerError(withoutServerError({ ...form, kind }, 'uscc'), 'authority');
}

export function setOrgRegion(form: OrgForm, codes: string[], names: string[]): OrgForm {
  const code = codes.length > 0 ? codes[codes.length - 1]! : '';
  return touchOrg(withoutServerError({ ...form, regionCode: code, regionNames: [...names] }, 'region'), 'region');
}

export function setParent(form: OrgForm, parent: { orgId: string; name: string } | null): OrgForm {
  return withoutServerError({ ...form, parent, parentKeyword: '' }, 'parent');
}

/** Which fields this kind of organization has (grassroots teams have no USCC and no registering authority). */
export function fieldsOf(kind: OrganizationKind): { uscc: 'required' | 'optional' | 'none'; authority: 'required' | 'optional' | 'none' } {
  if (kind === 'registered') return { uscc: 'required', authority: 'required' };
  if (kind === 'other') return { uscc: 'optional', authority: 'optional' };
  return { uscc: 'none', authority: 'none' };
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export function orgErrors(form: OrgForm): OrgErrors {
  const errors: OrgErrors = {};
  const name = validateOrganizationName(form.name);
  if (!name.ok) errors.name = name.message;
  const shape = fieldsOf(form.kind);
  if (shape.uscc !== 'none') {
    if (form.uscc.trim() === '') {
      if (shape.uscc === 'required') errors.uscc = '依法登记的组织请填写统一社会信用代码';
    } else {
      const uscc = validateUscc(form.uscc);
      if (!uscc.ok) errors.uscc = uscc.message;
    }
  }
  if (shape.authority === 'required' && charLength(collapse(form.authority)) < 2) {
    errors.authority = '请填写登记管理机关（如 福州市鼓楼区民政局）';
  }
  if (form.regionCode === '') errors.region = '请选择所在地区';
  else {
    const region = validateRegionCode(form.regionCode);
    if (!region.ok) errors.region = region.message;
  }
  const address = collapse(form.address);
  if (address === '') errors.address = '请填写详细地址';
  else if (charLength(address) < 5 || charLength(address) > 100) errors.address = `详细地址应为5–100个字，当前为${charLength(address)}个`;
  const person = validateName(form.personInCharge);
  if (!person.ok) errors.personInCharge = person.message;
  const contactName = validateName(form.contactName);
  if (!contactName.ok) errors.contactName = contactName.message;
  const phone = validateContactPhone(form.contactPhone);
  if (!phone.ok) errors.contactPhone = phone.message;
  if (charLength(form.introduction.trim()) > MAX_INTRODUCTION_LENGTH) errors.introduction = `简介最多${MAX_INTRODUCTION_LENGTH}字`;
  return errors;
}

function shows(form: OrgForm, field: OrgField): boolean {
  if (form.touched.includes(field)) return true;
  return field === 'uscc' && charLength(compactCode(form.uscc)) >= 18;
}

export function visibleOrgErrors(form: OrgForm): OrgErrors {
  const all = orgErrors(form);
  const out: OrgErrors = {};
  for (const field of FIELDS) {
    const message = form.serverErrors[field] ?? (shows(form, field) ? all[field] : undefined);
    if (message) out[field] = message;
  }
  return out;
}

export function buildOrgRequest(form: OrgForm): RegisterOrganizationRequest {
  const shape = fieldsOf(form.kind);
  const request: RegisterOrganizationRequest = {
    name: collapse(form.name),
    kind: form.kind,
    regionCode: form.regionCode,
    regionNames: form.regionNames,
    address: collapse(form.address),
    personInCharge: form.personInCharge.trim(),
    contact: { name: form.contactName.trim(), phone: form.contactPhone.trim() },
  };
  if (shape.uscc !== 'none' && form.uscc.trim() !== '') request.uscc = compactCode(form.uscc);
  if (shape.authority !== 'none' && collapse(form.authority) !== '') request.authority = collapse(form.authority);
  if (form.parent) request.parentId = form.parent.orgId;
  if (form.introduction.trim() !== '') request.introduction = form.introduction.trim();
  return request;
}

export type OrgSubmitCheck = { ok: true; request: RegisterOrganizationRequest } | { ok: false; form: OrgForm };

export function prepareOrgSubmit(form: OrgForm): OrgSubmitCheck {
  if (Object.keys(orgErrors(form)).length > 0) return { ok: false, form: { ...form, touched: [...FIELDS] } };
  const request = buildOrgRequest(form);
  const whole = validateOrganizationRegistration(request);
  if (!whole.ok) return { ok: false, form: applyOrgError(form, { code: whole.code, message: whole.message }) };
  return { ok: true, request };
}

/** Where an error of organization.register belongs; undefined for a message about the whole form. */
export function orgErrorField(code: string, message: string): OrgField | undefined {
  switch (code) {
    case 'NAME_INVALID':
    case 'NAME_TAKEN':
      return 'name';
    case 'USCC_REQUIRED':
    case 'USCC_INVALID':
    case 'USCC_TAKEN':
    case 'USCC_MINE':
      return 'uscc';
    case 'AUTHORITY_REQUIRED':
      return 'authority';
    case 'REGION_INVALID':
      return 'region';
    case 'ADDRESS_INVALID':
      return 'address';
    case 'PERSON_INVALID':
      return message.startsWith('联系人') ? 'contactName' : 'personInCharge';
    case 'PHONE_INVALID':
      return 'contactPhone';
    case 'PARENT_NOT_FOUND':
      return 'parent';
    default:
      return undefined;
  }
}

export function applyOrgError(form: OrgForm, error: { code: string; message: string; orgId?: string }): OrgForm {
  const field = orgErrorField(error.code, error.message);
  if (!field) return { ...form, banner: error.message, bannerCode: error.code };
  const usccAction = error.code === 'USCC_TAKEN' ? 'claim' : error.code === 'USCC_MINE' && error.orgId ? 'open' : '';
  return {
    ...form,
    serverErrors: { ...form.serverErrors, [field]: error.message },
    ...(field === 'uscc' ? { usccAction, mineOrgId: error.code === 'USCC_MINE' ? (error.orgId ?? '') : '' } : {}),
  };
}

/** What the applicant is told about alike names after submitting (a warning, the submission stands). */
export function similarNamesNotice(similar: readonly SimilarName[]): { title: string; content: string } | null {
  if (similar.length === 0) return null;
  const lines = similar.map((s) => `「${s.name}」（${s.regionNames.join(' ')}，${SIMILARITY_LABELS[s.similarity]}）`);
  return {
    title: '已提交，有名称相似的组织',
    content: `平台上已有：${lines.join('；')}。如是同一组织请勿重复注册；审核人员也会看到这条提示。`,
  };
}

export interface OrgFormView {
  name: string;
  kindLabels: string[];
  kindIndex: number;
  kindText: string;
  usccMode: 'required' | 'optional' | 'none';
  authorityMode: 'required' | 'optional' | 'none';
  uscc: string;
  authority: string;
  regionText: string;
  regionValue: string[];
  address: string;
  personInCharge: string;
  contactName: string;
  contactPhone: string;
  introduction: string;
  parentName: string;
  parentKeyword: string;
  errors: OrgErrors;
  banner: string;
  /** Only a registered volunteer may register an organization: the banner then leads to 志愿者实名注册. */
  registerVolunteerFirst: boolean;
  usccAction: '' | 'claim' | 'open';
}

export function toOrgFormView(form: OrgForm): OrgFormView {
  const shape = fieldsOf(form.kind);
  return {
    name: form.name,
    kindLabels: ORGANIZATION_KINDS.map((k) => KIND_LABELS[k]),
    kindIndex: ORGANIZATION_KINDS.indexOf(form.kind),
    kindText: KIND_LABELS[form.kind],
    usccMode: shape.uscc,
    authorityMode: shape.authority,
    uscc: form.uscc,
    authority: form.authority,
    regionText: form.regionNames.join(' '),
    regionValue: form.regionNames,
    address: form.address,
    personInCharge: form.personInCharge,
    contactName: form.contactName,
    contactPhone: form.contactPhone,
    introduction: form.introduction,
    parentName: form.parent?.name ?? '',
    parentKeyword: form.parentKeyword,
    errors: visibleOrgErrors(form),
    banner: form.banner,
    registerVolunteerFirst: form.bannerCode === 'NOT_REGISTERED',
    usccAction: form.usccAction,
  };
}
