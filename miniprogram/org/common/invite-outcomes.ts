// What match.invite answered for one (shift, person) pair, in the admin's words, shared by 推荐志愿者 and 排班助手;
// and the chunking of pairs into calls (match.invite takes 1–50). Pure.
import type { InviteOutcome } from '../../../typings/match';

/** match.invite takes at most this many pairs per call (typings/match.ts InviteRequest). */
export const INVITE_CHUNK = 50;

export const OUTCOME_TEXT: Readonly<Record<InviteOutcome, string>> = {
  invited: '已发送邀请',
  alreadyInvited: '之前已邀请过，未重复发送',
  weeklyCap: '本周收到的邀请已满，未发送',
  notEligible: '已不符合报名条件或已报名，未发送',
  shiftClosed: '班次已满员、已开始或已取消，未发送',
};

/** good: sent; off: nothing new (an earlier invitation stands); bad: not sent. */
export type OutcomeTone = '' | 'good' | 'off' | 'bad';

export const OUTCOME_TONE: Readonly<Record<InviteOutcome, OutcomeTone>> = {
  invited: 'good',
  alreadyInvited: 'off',
  weeklyCap: 'bad',
  notEligible: 'bad',
  shiftClosed: 'bad',
};

/** At most `size` items per call, in order. */
export function chunked<T>(items: readonly T[], size = INVITE_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function sentSummary(invited: number, total: number): string {
  return invited === total ? `已发送 ${invited} 份邀请` : `已发送 ${invited} 份邀请，${total - invited} 位未发送（见各行说明）`;
}
