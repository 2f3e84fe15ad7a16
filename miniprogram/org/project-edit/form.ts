// 发布项目 (org/project-edit): the publish form's state, platform-free. What the person typed (strings, as inputs give
// them) ↔ the ProjectInput the project function takes, the repeat rule's preview with the server's own planner, and
// where a refusal belongs: the server names the field (`project.title`, `shifts.2.places`, `repeat.weeks`), and the
// form shows the message under it. The server decides what can be published; nothing here second-guesses it.
import type { ApprovalMode, RecruitmentScope } from '../../../typings/project';
import type { ProjectDetail, ProjectInput, RepeatRuleInput, ShiftInput } from '../../../typings/project-actions';
import { shanghaiClock } from '../../domain/calendar';
import { SERVICE_CATEGORIES, SERVICE_OBJECTS, SKILLS } from '../../domain/codes';
import { expandRepeat } from '../../domain/shift-plan';
import { shiftTimeText } from '../../common/project-labels';

export interface ShiftRowInput {
  /** 'YYYY-MM-DD', 'HH:mm', 'HH:mm' in Asia/Shanghai, as the pickers give them. */
  date: string;
  start: string;
  end: string;
  places: string;
}

export interface EditForm {
  title: string;
  category: string;
  serviceObjects: string[];
  content: string;
  minAge: string;
  maxAge: string;
  skills: string[];
  scope: RecruitmentScope;
  /** scope 'team': the organization whose members may sign up (this organization). */
  teamOrgId: string;
  password: string;
  /** A password is stored already (only its hash): left empty, it is kept. */
  passwordSet: boolean;
  minorsAllowed: boolean;
  guardianConsentNote: string;
  address: string;
  placeName: string;
  longitude: number | null;
  latitude: number | null;
  regionCode: string;
  regionNames: string[];
  /** Check-in and check-out must be made near the place (the default); off, scans send no location. */
  geofenceOn: boolean;
  checkinRadiusM: string;
  riskDisclosure: string;
  risky: boolean;
  coverFileId: string;
  coverUrl: string;
  contactName: string;
  contactPhone: string;
  approvalMode: ApprovalMode;
  cancelCutoffHours: string;
  shifts: ShiftRowInput[];
  repeatOn: boolean;
  repeat: { weekdays: number[]; startTime: string; endTime: string; firstDate: string; until: 'weeks' | 'date'; weeks: string; untilDate: string; places: string };
  /** Refusals by the form key they belong to (see fieldKeyOf); a banner for one about the whole form. */
  errors: Record<string, string>;
  banner: string;
}

export const SCOPES: ReadonlyArray<{ code: RecruitmentScope; label: string }> = [
  { code: 'open', label: '所有人' },
  { code: 'real_name', label: '仅实名志愿者' },
  { code: 'team', label: '仅本组织成员' },
  { code: 'password', label: '凭口令' },
];

export const APPROVAL_MODES: ReadonlyArray<{ code: ApprovalMode; label: string }> = [
  { code: 'automatic', label: '自动通过' },
  { code: 'rules', label: '服务过本组织的自动通过' },
  { code: 'manual', label: '逐一审核' },
];

export const WEEKDAYS: ReadonlyArray<{ day: number; label: string }> = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, label: `周${'一二三四五六日'[day - 1]}` }));

export const DEFAULT_CHECKIN_RADIUS_M = '300';
export const DEFAULT_CANCEL_CUTOFF_HOURS = '24';

export function emptyShiftRow(): ShiftRowInput {
  return { date: '', start: '09:00', end: '11:00', places: '10' };
}

export function emptyEditForm(orgId: string): EditForm {
  return {
    title: '',
    category: '',
    serviceObjects: [],
    content: '',
    minAge: '',
    maxAge: '',
    skills: [],
    scope: 'open',
    teamOrgId: orgId,
    password: '',
    passwordSet: false,
    minorsAllowed: false,
    guardianConsentNote: '',
    address: '',
    placeName: '',
    longitude: null,
    latitude: null,
    regionCode: '',
    regionNames: [],
    geofenceOn: true,
    checkinRadiusM: DEFAULT_CHECKIN_RADIUS_M,
    riskDisclosure: '',
    risky: false,
    coverFileId: '',
    coverUrl: '',
    contactName: '',
    contactPhone: '',
    approvalMode: 'automatic',
    cancelCutoffHours: DEFAULT_CANCEL_CUTOFF_HOURS,
    shifts: [emptyShiftRow()],
    repeatOn: false,
    repeat: { weekdays: [6], startTime: '09:00', endTime: '11:30', firstDate: '', until: 'weeks', weeks: '8', untilDate: '', places: '10' },
    errors: {},
    banner: '',
  };
}

const numberText = (n: number | undefined) => (n === undefined ? '' : String(n));

/** Shanghai date and time of day of an ISO instant. */
function wallClockOf(iso: string): { date: string; time: string } {
  const clock = shanghaiClock(Date.parse(iso));
  return clock.isValid() ? { date: clock.format('YYYY-MM-DD'), time: clock.format('HH:mm') } : { date: '', time: '' };
}

/** A saved form back in the page (project.get's admin.form), for editing a draft or a rejected project. */
export function editFormFrom(orgId: string, input: ProjectInput, extra: { passwordSet: boolean; coverUrl?: string; regionNames?: string[] }): EditForm {
  const c = input.conditions;
  const located = !(input.place.longitude === 0 && input.place.latitude === 0);
  return {
    ...emptyEditForm(orgId),
    title: input.title,
    category: input.category,
    serviceObjects: [...input.serviceObjects],
    content: input.content,
    minAge: numberText(c.minAge),
    maxAge: numberText(c.maxAge),
    skills: [...c.skills],
    scope: c.scope,
    teamOrgId: c.teamOrgId ?? orgId,
    passwordSet: extra.passwordSet,
    minorsAllowed: c.minorsAllowed,
    guardianConsentNote: c.guardianConsentNote ?? '',
    address: input.place.address,
    placeName: input.place.name ?? '',
    longitude: located ? input.place.longitude : null,
    latitude: located ? input.place.latitude : null,
    regionCode: input.place.regionCode,
    regionNames: extra.regionNames ?? [],
    geofenceOn: input.place.checkinRadiusM > 0,
    // Off (0): the field keeps the default, so switching back on offers a sane radius.
    checkinRadiusM: input.place.checkinRadiusM > 0 ? String(input.place.checkinRadiusM) : DEFAULT_CHECKIN_RADIUS_M,
    riskDisclosure: input.risk.disclosure,
    risky: input.risk.risky,
    coverFileId: input.coverFileId ?? '',
    coverUrl: extra.coverUrl ?? '',
    contactName: input.contact.name,
    contactPhone: input.contact.phone,
    approvalMode: input.approvalMode,
    cancelCutoffHours: numberText(input.cancelCutoffHours) || DEFAULT_CANCEL_CUTOFF_HOURS,
    shifts: input.shifts.map((s) => {
      const start = wallClockOf(s.startsAt);
      return { date: start.date, start: start.time, end: wallClockOf(s.endsAt).time, places: String(s.places) };
    }),
    repeatOn: input.repeat !== undefined,
    repeat: input.repeat
      ? {
          weekdays: [...input.repeat.weekdays],
          startTime: input.repeat.startTime,
          endTime: input.repeat.endTime,
          firstDate: input.repeat.firstDate,
          until: input.repeat.untilDate !== undefined ? 'date' : 'weeks',
          weeks: numberText(input.repeat.weeks) || '8',
          untilDate: input.repeat.untilDate ?? '',
          places: String(input.repeat.places),
        }
      : emptyEditForm(orgId).repeat,
  };
}

/** A whole number as typed, or undefined when empty; anything else is sent as NaN so the server names the field. */
function optionalInteger(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return /^-?\d+$/.test(t) ? Number(t) : Number.NaN;
}

const integerOr = (text: string, fallback: number): number => optionalInteger(text) ?? fallback;

/** A shift row as instants: the date and times are Shanghai wall-clock (UTC+8, no daylight saving). */
export function shiftInputOf(row: ShiftRowInput): ShiftInput {
  const at = (time: string) => (row.date && time ? `${row.date}T${time}:00+08:00` : '');
  // A shift that ends at or before its start on the same day is what was typed: the server says it is wrong.
  return { startsAt: at(row.start), endsAt: at(row.end), places: integerOr(row.places, 0) };
}

export function repeatInputOf(form: EditForm): RepeatRuleInput | undefined {
  if (!form.repeatOn) return undefined;
  const r = form.repeat;
  return {
    weekdays: [...r.weekdays].sort((a, b) => a - b),
    startTime: r.startTime,
    endTime: r.endTime,
    firstDate: r.firstDate,
    ...(r.until === 'weeks' ? { weeks: integerOr(r.weeks, 0) } : { untilDate: r.untilDate }),
    places: integerOr(r.places, 0),
  };
}

/** What saveDraft is sent. Empty numbers stay out, so a draft can be saved half-filled. */
export function projectInputOf(form: EditForm): ProjectInput {
  const minAge = optionalInteger(form.minAge);
  const maxAge = optionalInteger(form.maxAge);
  const cutoff = optionalInteger(form.cancelCutoffHours);
  const repeat = repeatInputOf(form);
  const shifts = form.shifts.filter((s) => s.date !== '').map(shiftInputOf);
  return {
    title: form.title.trim(),
    category: form.category,
    serviceObjects: [...form.serviceObjects],
    content: form.content.trim(),
    conditions: {
      ...(minAge !== undefined ? { minAge } : {}),
      ...(maxAge !== undefined ? { maxAge } : {}),
      skills: [...form.skills],
      scope: form.scope,
      ...(form.scope === 'team' ? { teamOrgId: form.teamOrgId } : {}),
      // Omitted, the stored password is kept (ProjectInput.conditions.password).
      ...(form.scope === 'password' && form.password.trim() !== '' ? { password: form.password.trim() } : {}),
      minorsAllowed: form.minorsAllowed,
      ...(form.minorsAllowed && form.guardianConsentNote.trim() !== '' ? { guardianConsentNote: form.guardianConsentNote.trim() } : {}),
    },
    place: {
      address: form.address.trim(),
      ...(form.placeName.trim() !== '' ? { name: form.placeName.trim() } : {}),
      // 0, 0 is "not picked yet" (rules.ts isLocation refuses it on submit).
      longitude: form.longitude ?? 0,
      latitude: form.latitude ?? 0,
      regionCode: form.regionCode,
      // 0: no check-in radius (ProjectInput.place.checkinRadiusM).
      checkinRadiusM: form.geofenceOn ? integerOr(form.checkinRadiusM, -1) : 0,
    },
    risk: { disclosure: form.riskDisclosure.trim(), risky: form.risky },
    ...(form.coverFileId ? { coverFileId: form.coverFileId } : {}),
    contact: { name: form.contactName.trim(), phone: form.contactPhone.replace(/[\s-]/g, '') },
    approvalMode: form.approvalMode,
    ...(cutoff !== undefined ? { cancelCutoffHours: cutoff } : {}),
    shifts,
    ...(repeat ? { repeat } : {}),
  };
}

/**
 * The form key a server field path belongs to: `project.` (saveDraft's request) dropped; a shift's own fields go to
 * its row (`shifts.2`), a repeat rule's to the rule, the point on the map to the place picker. Dots become `_` so
 * WXML reads them as plain keys (errors.place_address).
 */
export function fieldKeyOf(field: string): string {
  const path = field.replace(/^project\./, '');
  const shift = /^shifts\.(\d+)/.exec(path);
  if (shift) return `shifts_${shift[1]}`;
  if (path.startsWith('repeat')) return 'repeat';
  if (path.startsWith('place.longitude') || path.startsWith('place.latitude') || path === 'place.location') return 'place_location';
  if (path.startsWith('conditions.maxAge')) return 'conditions_minAge';
  return path.replace(/\./g, '_');
}

/** Keys the form shows a message under; a refusal naming none of them becomes the banner. */
export const FIELD_KEYS: readonly string[] = [
  'title',
  'category',
  'serviceObjects',
  'content',
  'conditions_minAge',
  'conditions_skills',
  'conditions_scope',
  'conditions_teamOrgId',
  'conditions_password',
  'conditions_minorsAllowed',
  'conditions_guardianConsentNote',
  'place_address',
  'place_name',
  'place_location',
  'place_regionCode',
  'place_checkinRadiusM',
  'risk_disclosure',
  'coverFileId',
  'contact_name',
  'contact_phone',
  'approvalMode',
  'cancelCutoffHours',
  'shifts',
  'repeat',
];

const isFieldKey = (key: string) => FIELD_KEYS.includes(key) || /^shifts_\d+$/.test(key);

/** The form with a refusal placed under its field (or as the banner). */
export function applyRefusal(form: EditForm, error: { code: string; message: string; field?: string }): EditForm {
  const key = error.field ? fieldKeyOf(error.field) : '';
  if (key && isFieldKey(key)) return { ...form, errors: { ...form.errors, [key]: error.message }, banner: '' };
  return { ...form, banner: error.message };
}

export function withoutError(form: EditForm, key: string): EditForm {
  if (!(key in form.errors) && form.banner === '') return form;
  const errors = { ...form.errors };
  delete errors[key];
  return { ...form, errors, banner: '' };
}

/** The shifts a repeat rule makes, as the server will write them, or why it makes none. */
export type RepeatPreview = { ok: true; count: number; lines: string[]; more: number } | { ok: false; message: string };

export const PREVIEW_LINES = 6;

export function repeatPreviewOf(form: EditForm, now: Date): RepeatPreview | null {
  const rule = repeatInputOf(form);
  if (!rule || rule.firstDate === '') return null;
  const planned = expandRepeat(rule, now);
  if (!planned.ok) return { ok: false, message: planned.message };
  const lines = planned.value.slice(0, PREVIEW_LINES).map((s) => shiftTimeText(s.startsAt.toISOString(), s.endsAt.toISOString()));
  return { ok: true, count: planned.value.length, lines, more: Math.max(0, planned.value.length - PREVIEW_LINES) };
}

// ── What the page shows ─────────────────────────────────────────────────────────────────────────────────────────

export interface Choice {
  code: string;
  label: string;
  checked: boolean;
}

export interface EditView {
  form: EditForm;
  categoryLabels: string[];
  categoryIndex: number;
  categoryText: string;
  objectChoices: Choice[];
  skillChoices: Choice[];
  scopeChoices: Choice[];
  approvalChoices: Choice[];
  weekdayChoices: Choice[];
  placeText: string;
  regionValue: string[];
  regionText: string;
  preview: RepeatPreview | null;
  /** A cover is sent at most this many KB (uploadCover's limit). */
  coverHint: string;
}

const choices = (list: ReadonlyArray<{ code: string; label: string }>, chosen: readonly string[]): Choice[] =>
  list.map((item) => ({ code: item.code, label: item.label, checked: chosen.includes(item.code) }));

export function toEditView(form: EditForm, now: Date): EditView {
  const categoryIndex = SERVICE_CATEGORIES.findIndex((c) => c.code === form.category);
  return {
    form,
    categoryLabels: SERVICE_CATEGORIES.map((c) => c.label),
    categoryIndex: Math.max(0, categoryIndex),
    categoryText: categoryIndex >= 0 ? SERVICE_CATEGORIES[categoryIndex]!.label : '',
    objectChoices: choices(SERVICE_OBJECTS, form.serviceObjects),
    skillChoices: choices(SKILLS, form.skills),
    scopeChoices: choices(SCOPES, [form.scope]),
    approvalChoices: choices(APPROVAL_MODES, [form.approvalMode]),
    weekdayChoices: WEEKDAYS.map((w) => ({ code: String(w.day), label: w.label, checked: form.repeat.weekdays.includes(w.day) })),
    placeText: form.longitude === null ? '' : form.placeName || form.address,
    regionValue: form.regionNames,
    regionText: form.regionNames.join(' '),
    preview: repeatPreviewOf(form, now),
    coverHint: 'JPG 或 PNG，压缩后不超过 70 KB',
  };
}

// ── The cover ───────────────────────────────────────────────────────────────────────────────────────────────────

/** uploadCover's limit on the decoded bytes (cloudfunctions/project/cover.ts COVER_MAX_BYTES). */
export const COVER_MAX_BYTES = 70 * 1024;

/** JPEG or PNG by the first bytes of the base64 text, as the server checks them; undefined for anything else. */
export function imageTypeOf(base64: string): 'image/jpeg' | 'image/png' | undefined {
  if (base64.startsWith('/9j/')) return 'image/jpeg';
  if (base64.startsWith('iVBORw0KGgo')) return 'image/png';
  return undefined;
}

export function base64Bytes(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

// ── A published project: its shifts and place, changed one at a time ────────────────────────────────────────────

export interface PublishedShiftRow {
  shiftId: string;
  seriesId: string;
  timeText: string;
  date: string;
  start: string;
  end: string;
  places: string;
  placesText: string;
  cancelled: boolean;
}

export function publishedShiftRows(detail: Pick<ProjectDetail, 'shifts'>): PublishedShiftRow[] {
  return detail.shifts.map((s) => {
    const start = wallClockOf(s.startsAt);
    return {
      shiftId: s.shiftId,
      seriesId: s.seriesId ?? '',
      timeText: shiftTimeText(s.startsAt, s.endsAt),
      date: start.date,
      start: start.time,
      end: wallClockOf(s.endsAt).time,
      places: String(s.places),
      placesText: s.cancelled ? '已取消' : `${s.places - s.placesLeft}/${s.places} 人已报名`,
      cancelled: s.cancelled,
    };
  });
}

/** What every change of a published project asks before it is made: the volunteers signed up will be told. */
export function changeConfirm(what: string, reach: 'shift' | 'project'): { title: string; content: string; confirmText: string; destructive: boolean } {
  const who = reach === 'shift' ? '这个班次' : '这个项目';
  return { title: `确认${what}？`, content: `已报名${who}的志愿者都会收到通知。`, confirmText: '确认', destructive: what.startsWith('取消') };
}
