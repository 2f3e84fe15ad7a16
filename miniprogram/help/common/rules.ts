// What the help pages check before they send (issue 12, 求助): the same limits and the same words as the help
// function (cloudfunctions/help/rules.ts and cloudfunctions/_shared/messages/help.ts, held equal by rules.test.ts), so
// a person reads one message whether the phone or the server found the mistake. The server checks everything again.
import { charLength } from '../../domain/text';

export const HELP_LIMITS = {
  whatChars: [6, 300],
  noteChars: [2, 200],
  commentMaxChars: 100,
  completeNoteMaxChars: 200,
  maxAheadDays: 90,
  maxSpanHours: 12,
  volunteersWanted: [1, 50],
  willingRadiusKm: [1, 20],
  descriptionMaxChars: 50,
  contactNameMaxChars: 30,
} as const;

/** The server's words (HELP_MESSAGES) for what both sides check. */
export const HELP_TEXT = {
  category: '请选择服务类别',
  forWhom: '请选择服务对象',
  region: '请在地图上选择服务地点所在的区县',
  startInPast: '服务开始时间须晚于现在',
  tooFarAhead: '只能提交 90 天以内的求助',
  endBeforeStart: '结束时间须晚于开始时间',
  tooLong: '一次求助的服务时间不超过 12 小时，更长的请分开提交',
  reasonRequired: '婉拒时请写明原因（2–200 字），以便转派给下一家组织',
  noteRequired: '请写明核实情况（2–200 字）：联系了谁、看到了什么或证据说明',
  willingNeedsPlace: '请选择常在的位置和愿意响应的范围（1–20 公里）',
} as const;

/** The status labels the server answers with (domain/help-labels.ts), for a status an answer gives without its view. */
export { HELP_STATUS_LABELS as HELP_STATUS_TEXT } from '../../domain/help-labels';

/** What only the phone says (the server names the field with its own words). */
export const FORM_TEXT = {
  what: '请用 6–300 字写明需要什么帮助',
  description: '请用几个字说明服务对象，如 独居老人王阿姨（不超过 50 字）',
  location: '请在地图上选择服务地点',
  address: '请填写详细地址，方便志愿者找到',
  date: '请选择服务日期',
  volunteers: '需要的志愿者人数为 1–50 人',
  contactName: '请填写联系人姓名',
  stars: '请点选 1–5 颗星',
  comment: '评价不超过 100 字',
  completeNote: '服务说明不超过 200 字',
  categories: '请至少选择一个接单的服务类别',
  base: '请在地图上选择组织的位置',
} as const;

export const trimmedLength = (text: string): number => charLength(text.trim());

/** A required note of 2–200 characters (verification, a decline's reason). */
export function noteOk(text: string): boolean {
  const n = trimmedLength(text);
  return n >= HELP_LIMITS.noteChars[0] && n <= HELP_LIMITS.noteChars[1];
}
