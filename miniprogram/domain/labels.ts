// Words for a person's own data, the same on the registration form, in 我的资料 and in the export file (the server
// builds that file from these). Pure.
import type { AvailabilitySlot, ConsentRecord, Gender, GuardianRelation, TimeOfDay } from '../../typings/volunteer';

export const GENDER_LABELS: Readonly<Record<Gender, string>> = { male: '男', female: '女' };

export const RELATION_LABELS: Readonly<Record<GuardianRelation, string>> = {
  father: '父亲',
  mother: '母亲',
  other_guardian: '其他监护人',
};

export const TIME_LABELS: Readonly<Record<TimeOfDay, string>> = { morning: '上午', afternoon: '下午', evening: '晚上' };
/** Index 0 is Monday (weekday 1). */
export const WEEKDAY_LABELS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

/** '周一上午/晚上，周六下午'. */
export function availabilityText(slots: AvailabilitySlot[]): string {
  return slots.map((s) => `${WEEKDAY_LABELS[s.weekday - 1]}${s.times.map((t) => TIME_LABELS[t]).join('/')}`).join('，');
}

export const CONSENT_LABELS: Readonly<Record<ConsentRecord['kind'], string>> = {
  privacy: '隐私保护指引',
  extraFields: '补充信息（紧急联系人、个人介绍）',
  guardian: '监护人同意',
};
