// Service time and star level as every screen shows them (我的, the volunteer card, 我的时长, the queue): one wording.
// Service time is stored as integer minutes and shown as hours with one decimal (09:00–11:30 → 2.5 小时). Pure.
import type { RecordDisplayStatus } from '../../typings/hours-actions';

/** Floors to the tenth, so a screen never shows more time than was served. */
export function formatHours(minutes: number): string {
  const tenths = Math.floor((Math.max(0, minutes) * 10) / 60);
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

/** '' until the volunteer has a star (stars count confirmed hours only, RULES §6). */
export function starText(level: number | null): string {
  if (level === null || level <= 0) return '';
  return `${'★'.repeat(level)} ${level}星志愿者`;
}

/** Hours as the server answers them (user.session, volunteer.card) in the same one-decimal form: 12 → '12.0'. */
export function hoursText(hours: number): string {
  return formatHours(Math.round(hours * 60));
}

export const RECORD_STATUS_TEXT: Record<RecordDisplayStatus, string> = {
  pending: '待确认',
  confirmed: '已确认',
  rejected: '未通过',
  revoked: '已撤销',
  corrected: '已更正',
};
