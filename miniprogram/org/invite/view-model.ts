// 管理员邀请 (?code=…): the landing page of an invitation share card. Refusals show the server's message; the page
// branches on a code only to act (NOT_REGISTERED offers 去注册). Pure.
import { shanghaiDateTime } from '../../domain/calendar';

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
