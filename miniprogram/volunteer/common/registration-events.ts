// The form's WeChat events as form changes, for every page that edits the registration form (registration, and
// 我的资料's edit and re-verification forms). A change is undefined when the event carries nothing usable.
import type { CredentialType } from '../../../typings/volunteer';
import {
  CREDENTIAL_TYPES,
  GENDERS,
  RELATIONS,
  TEXT_FIELDS,
  removeSkillTag,
  setBirthDate,
  setCredentialType,
  setGender,
  setGuardianCredentialType,
  setGuardianRelation,
  setRegion,
  setText,
  toggleAvailability,
  toggleIntention,
  toggleSkill,
  touchText,
  type RegisterForm,
  type TextField,
} from './registration-form';

export type FormChange = (form: RegisterForm) => RegisterForm;

type Dataset = Record<string, string | undefined>;
export interface TapEvent {
  currentTarget: { dataset: Dataset };
}
export interface FieldEvent extends TapEvent {
  detail: { value: string };
}
export interface PickerEvent {
  detail: { value: string | number };
}
export interface RegionEvent {
  detail: { value: string[]; code: string[] };
}

function textField(e: TapEvent): TextField | undefined {
  const field = e.currentTarget.dataset.field as TextField | undefined;
  return field && TEXT_FIELDS.includes(field) ? field : undefined;
}

function picked<T>(list: readonly T[], e: PickerEvent): T | undefined {
  return list[Number(e.detail.value)];
}

export function typed(e: FieldEvent): FormChange | undefined {
  const field = textField(e);
  return field && ((f) => setText(f, field, e.detail.value));
}

export function left(e: FieldEvent): FormChange | undefined {
  const field = textField(e);
  return field && ((f) => touchText(f, field));
}

export function credentialTypePicked(e: PickerEvent): FormChange | undefined {
  const type: CredentialType | undefined = picked(CREDENTIAL_TYPES, e);
  return type && ((f) => setCredentialType(f, type));
}

export function guardianCredentialTypePicked(e: PickerEvent): FormChange | undefined {
  const type: CredentialType | undefined = picked(CREDENTIAL_TYPES, e);
  return type && ((f) => setGuardianCredentialType(f, type));
}

export function genderPicked(e: PickerEvent): FormChange | undefined {
  const gender = picked(GENDERS, e);
  return gender && ((f) => setGender(f, gender));
}

export function birthDatePicked(e: PickerEvent): FormChange {
  return (f) => setBirthDate(f, String(e.detail.value));
}

export function relationPicked(e: PickerEvent): FormChange | undefined {
  const relation = picked(RELATIONS, e);
  return relation && ((f) => setGuardianRelation(f, relation));
}

export function regionPicked(e: RegionEvent): FormChange {
  return (f) => setRegion(f, e.detail.code ?? [], e.detail.value ?? []);
}

export function skillToggled(e: TapEvent): FormChange | undefined {
  const code = e.currentTarget.dataset.code;
  return code ? (f) => toggleSkill(f, code) : undefined;
}

export function intentionToggled(e: TapEvent): FormChange | undefined {
  const code = e.currentTarget.dataset.code;
  return code ? (f) => toggleIntention(f, code) : undefined;
}

export function tagRemoved(e: TapEvent): FormChange | undefined {
  const tag = e.currentTarget.dataset.tag;
  return tag ? (f) => removeSkillTag(f, tag) : undefined;
}

export function slotToggled(e: TapEvent): FormChange | undefined {
  const weekday = Number(e.currentTarget.dataset.weekday);
  const time = e.currentTarget.dataset.time;
  if (!(weekday >= 1 && weekday <= 7) || (time !== 'morning' && time !== 'afternoon' && time !== 'evening')) return undefined;
  return (f) => toggleAvailability(f, weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7, time);
}
