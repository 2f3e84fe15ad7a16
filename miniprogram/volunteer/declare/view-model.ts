// 登记时长: a volunteer's declaration, 补录 request and hour-code redemption (records function). Pure: the form's
// checks before anything is sent, the interval from the pickers (Asia/Shanghai wall clock), what the answer says.
import { formatHours, intervalOf, SOURCE_LABELS } from '../../common/record-making';
import type { MadeRecordView } from '../../../typings/records';

export { intervalOf, KIND_LABELS, SOURCE_LABELS } from '../../common/record-making';

export type DeclareMode = 'declare' | 'makeup' | 'code';

export const MODES: ReadonlyArray<{ mode: DeclareMode; label: string }> = [
  { mode: 'declare', label: '自主申报' },
  { mode: 'makeup', label: '补录' },
  { mode: 'code', label: '时长码' },
];

export interface DeclareForm {
  orgIndex: number;
  activityName: string;
  place: string;
  content: string;
  date: string;
  startTime: string;
  endTime: string;
  kindIndex: number;
  reason: string;
  /** base64 JPEG, compressed to fit one call. */
  photo: string;
}

export function emptyForm(today: string): DeclareForm {
  return { orgIndex: -1, activityName: '', place: '', content: '', date: today, startTime: '09:00', endTime: '11:00', kindIndex: 0, reason: '', photo: '' };
}

export type FormErrors = Partial<Record<'org' | 'activityName' | 'time' | 'reason' | 'photo' | 'code', string>>;

export function formErrors(form: DeclareForm, mode: Exclude<DeclareMode, 'code'>, now: Date): FormErrors {
  const errors: FormErrors = {};
  if (form.orgIndex < 0) errors.org = '请选择组织';
  if (!form.activityName.trim()) errors.activityName = '请填写活动名称';
  const interval = intervalOf(form.date, form.startTime, form.endTime);
  if (!interval || interval.endsAt <= interval.startsAt) errors.time = '结束时间要晚于开始时间';
  else if (new Date(interval.endsAt).getTime() > now.getTime()) errors.time = '服务还没有结束，结束后再登记';
  if (mode === 'makeup' && form.reason.trim().length < 2) errors.reason = '请说明当时为什么没有记录';
  if (mode === 'makeup' && !form.photo) errors.photo = '补录需要上传证据照片（如活动照片、签到表）';
  return errors;
}

export function hasErrors(errors: FormErrors): boolean {
  return Object.values(errors).some(Boolean);
}

/** The answer in words: what was recorded and that it waits for the organization. */
export function recordedNotice(r: MadeRecordView): string {
  const kind = r.kind === 'training' ? '培训' : '服务';
  return `已提交${SOURCE_LABELS[r.source]}：「${r.activityName}」${r.date} ${kind} ${formatHours(r.minutes)} 小时，待「${r.orgName}」确认后计入时长`;
}
