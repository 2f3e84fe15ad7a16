// 提交求助 (help/submit): what the person typed and picked (strings, as inputs give them) ↔ the SubmitHelpRequest the
// help function takes; the checks the phone makes first, by the rules and in the words the server uses
// (domain/help-rules.ts, HELP_RULE_MESSAGES); where a refusal belongs: the server names the field (`place.regionCode`,
// `contact.phone`) and the form shows the message under it.
import type { SubmitHelpRequest } from '../../../typings/help';
import type { ServiceCategoryCode, ServiceObjectCode } from '../../../typings/project';
import { SERVICE_CATEGORIES, SERVICE_OBJECTS, isServiceCategory, isServiceObject } from '../../domain/codes';
import { validateMobile } from '../../domain/phone';
import { validateRegionCode } from '../../domain/region';
import { HELP_LIMITS, helpWindowProblem, trimmedLength } from '../../domain/help-rules';
import { HELP_RULE_MESSAGES } from '../../domain/messages';
import { FORM_TEXT } from '../common/form-text';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface SubmitForm {
  what: string;
  category: string;
  forWhomObject: string;
  forWhomDescription: string;
  address: string;
  placeName: string;
  longitude: number | null;
  latitude: number | null;
  regionCode: string;
  regionNames: string[];
  /** 'YYYY-MM-DD', 'HH:mm', 'HH:mm' in Asia/Shanghai, as the pickers give them. */
  date: string;
  start: string;
  end: string;
  volunteersWanted: string;
  urgent: boolean;
  contactName: string;
  contactPhone: string;
  /** Messages by the form key they belong to (fieldKeyOf); the banner for one about the whole need. */
  errors: Record<string, string>;
  banner: string;
}

export function emptySubmitForm(): SubmitForm {
  return {
    what: '',
    category: '',
    forWhomObject: '',
    forWhomDescription: '',
    address: '',
    placeName: '',
    longitude: null,
    latitude: null,
    regionCode: '',
    regionNames: [],
    date: '',
    start: '09:00',
    end: '11:00',
    volunteersWanted: '1',
    urgent: false,
    contactName: '',
    contactPhone: '',
    errors: {},
    banner: '',
  };
}

/** An instant from the Shanghai wall clock (UTC+8, no daylight saving); '' while the date is not picked. */
export const instantOf = (date: string, time: string): string => (date && time ? `${date}T${time}:00+08:00` : '');

function mobileOrTyped(text: string): string {
  const mobile = validateMobile(text);
  return mobile.ok ? mobile.value : text.trim();
}

const wholeNumber = (text: string): number => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

/** What submit is sent; a number typed wrong goes as NaN, so the server names the field too. */
export function submitRequestOf(form: SubmitForm): SubmitHelpRequest {
  return {
    what: form.what.trim(),
    category: form.category as ServiceCategoryCode,
    forWhom: { object: form.forWhomObject as ServiceObjectCode, description: form.forWhomDescription.trim() },
    place: {
      address: form.address.trim(),
      ...(form.placeName.trim() ? { name: form.placeName.trim() } : {}),
      longitude: form.longitude ?? 0,
      latitude: form.latitude ?? 0,
      regionCode: form.regionCode,
      regionNames: [...form.regionNames],
    },
    startsAt: instantOf(form.date, form.start),
    endsAt: instantOf(form.date, form.end),
    volunteersWanted: wholeNumber(form.volunteersWanted),
    urgent: form.urgent,
    // A mobile the way the server stores it (+86, spaces and dashes dropped); anything else as typed, for its refusal.
    contact: { name: form.contactName.trim(), phone: mobileOrTyped(form.contactPhone) },
  };
}

/** Every mistake the phone can see, by form key; {} when the need may be sent. */
export function checkSubmitForm(form: SubmitForm, now: Date): Record<string, string> {
  const errors: Record<string, string> = {};
  const whatLength = trimmedLength(form.what);
  if (whatLength < HELP_LIMITS.whatChars[0] || whatLength > HELP_LIMITS.whatChars[1]) errors['what'] = FORM_TEXT.what;
  if (!isServiceCategory(form.category)) errors['category'] = HELP_RULE_MESSAGES.category;
  if (!isServiceObject(form.forWhomObject)) errors['forWhom_object'] = HELP_RULE_MESSAGES.forWhom;
  const description = trimmedLength(form.forWhomDescription);
  if (description < 1 || description > HELP_LIMITS.descriptionMaxChars) errors['forWhom_description'] = FORM_TEXT.description;
  if (form.longitude === null || form.latitude === null) errors['place_location'] = FORM_TEXT.location;
  const region = validateRegionCode(form.regionCode);
  if (!region.ok || region.value.level !== 'county') errors['place_regionCode'] = HELP_RULE_MESSAGES.region;
  if (form.address.trim() === '') errors['place_address'] = FORM_TEXT.address;
  const time = checkTime(form, now);
  if (time) errors[time.key] = time.message;
  const wanted = wholeNumber(form.volunteersWanted);
  if (!(wanted >= HELP_LIMITS.volunteersWanted[0] && wanted <= HELP_LIMITS.volunteersWanted[1])) errors['volunteersWanted'] = FORM_TEXT.volunteers;
  const name = trimmedLength(form.contactName);
  if (name < 1 || name > HELP_LIMITS.contactNameMaxChars) errors['contact_name'] = FORM_TEXT.contactName;
  const phone = validateMobile(form.contactPhone);
  if (!phone.ok) errors['contact_phone'] = phone.message;
  return errors;
}

/** The time window, by the rule the server's checkSubmission applies too. */
function checkTime(form: SubmitForm, now: Date): { key: string; message: string } | undefined {
  if (!form.date) return { key: 'startsAt', message: FORM_TEXT.date };
  const problem = helpWindowProblem(new Date(instantOf(form.date, form.start)), new Date(instantOf(form.date, form.end)), now);
  return problem ? { key: problem.field, message: HELP_RULE_MESSAGES[problem.problem] } : undefined;
}

/** The form keys messages show under. */
export const FIELD_KEYS: readonly string[] = [
  'what',
  'category',
  'forWhom_object',
  'forWhom_description',
  'place_location',
  'place_regionCode',
  'place_address',
  'startsAt',
  'endsAt',
  'volunteersWanted',
  'contact_name',
  'contact_phone',
];

/** The form key of a server field path: the point on the map to the map picker, the names to the region. */
export function fieldKeyOf(field: string): string {
  if (field === 'place' || field.startsWith('place.longitude') || field.startsWith('place.latitude')) return 'place_location';
  if (field.startsWith('place.regionNames')) return 'place_regionCode';
  if (field === 'place.name') return 'place_address';
  if (field === 'forWhom') return 'forWhom_object';
  if (field === 'contact') return 'contact_name';
  return field.replace(/\./g, '_');
}

/** The form with a refusal of submit placed: under its field, or as the banner (the submission limit, anything else). */
export function applyRefusal(form: SubmitForm, error: { code: string; message: string; field?: string }): SubmitForm {
  const key = error.field ? fieldKeyOf(error.field) : '';
  if (error.code === 'HELP_INVALID' && FIELD_KEYS.includes(key)) return { ...form, errors: { ...form.errors, [key]: error.message }, banner: '' };
  return { ...form, banner: error.message };
}

export function withoutError(form: SubmitForm, ...keys: string[]): SubmitForm {
  if (!keys.some((k) => k in form.errors) && form.banner === '') return form;
  const errors = { ...form.errors };
  for (const k of keys) delete errors[k];
  return { ...form, errors, banner: '' };
}

// ── What the page shows ─────────────────────────────────────────────────────────────────────────────────────────

export interface SubmitView {
  form: SubmitForm;
  categoryLabels: string[];
  categoryIndex: number;
  categoryText: string;
  objectLabels: string[];
  objectIndex: number;
  objectText: string;
  placeText: string;
  regionValue: string[];
  regionText: string;
  /** The date picker's bounds: today to 90 days ahead. */
  minDate: string;
  maxDate: string;
}

function shanghaiDay(now: Date, days: number): string {
  return new Date(now.getTime() + 8 * HOUR_MS + days * DAY_MS).toISOString().slice(0, 10);
}

export function toSubmitView(form: SubmitForm, now: Date): SubmitView {
  const categoryIndex = SERVICE_CATEGORIES.findIndex((c) => c.code === form.category);
  const objectIndex = SERVICE_OBJECTS.findIndex((c) => c.code === form.forWhomObject);
  return {
    form,
    categoryLabels: SERVICE_CATEGORIES.map((c) => c.label),
    categoryIndex: Math.max(0, categoryIndex),
    categoryText: categoryIndex >= 0 ? SERVICE_CATEGORIES[categoryIndex]!.label : '',
    objectLabels: SERVICE_OBJECTS.map((c) => c.label),
    objectIndex: Math.max(0, objectIndex),
    objectText: objectIndex >= 0 ? SERVICE_OBJECTS[objectIndex]!.label : '',
    placeText: form.longitude === null ? '' : form.placeName || form.address,
    regionValue: form.regionNames,
    regionText: form.regionNames.join(' '),
    minDate: shanghaiDay(now, 0),
    maxDate: shanghaiDay(now, HELP_LIMITS.maxAheadDays),
  };
}
