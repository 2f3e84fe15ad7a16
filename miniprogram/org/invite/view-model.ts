// 管理员邀请 (?code=…): the landing page of an invitation share card. Pure.
import type { AcceptInviteError } from '../../../typings/organization';

import { shanghaiDateTime } from '../../domain/calendar';

const INVITE_ERRORS: Record<AcceptInviteError, string> = {
  NOT_REGISTERED: '请先完成志愿者实名注册，再接受邀请',
  INVITE_INVALID: '邀请无效，请向管理员确认邀请链接',
  INVITE_EXPIRED: '邀请已过期，请联系管理员重新邀请',
  INVITE_USED: '这份邀请已经被使用过了',
  ALREADY_ADMIN: '你已经是该组织的管理员',
};

export function inviteErrorMessage(code: string, message: string): string {
  return INVITE_ERRORS[code as AcceptInviteError] ?? message;
}

/** An invitation code from the share path's query (share paths are URL-encoded). */
export function codeFromQuery(query: Record<string, string | undefined> | undefined): string {
  const raw = query?.code ?? '';
  try {
    return decodeURIComponent(raw).trim();
  } catch {
    return raw.trim();
  }
}

/** "有效期至 2026-12-01 14:05" in Beijing time. */
export function validUntilText(iso: string): string {
  if (Number.isNaN(Date.parse(iso))) return '';
  return `有效期至 ${shanghaiDateTime(iso)}`;
}
