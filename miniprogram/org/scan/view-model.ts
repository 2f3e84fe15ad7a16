// 扫码核验 (?orgId=…): what the admin sees after scanning a volunteer's card. Pure, so every outcome is tested alone.
// The code picks the heading; the detail is always the server's message (one code, one text).
import type { ScanCardResponse } from '../../../typings/volunteer';

export type ScanView =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'verified'; nameMasked: string; volunteerNoText: string }
  | { kind: 'refused'; title: string; detail: string };

type ScanOutcome = { ok: true; data: ScanCardResponse } | { ok: false; error: { code: string; message: string } };

export function toScanView(outcome: ScanOutcome): ScanView {
  if (outcome.ok) {
    return { kind: 'verified', nameMasked: outcome.data.nameMasked, volunteerNoText: `志愿者编号 ${outcome.data.volunteerNo}` };
  }
  return { kind: 'refused', title: REFUSAL_TITLES[outcome.error.code] ?? '核验失败', detail: outcome.error.message };
}

const REFUSAL_TITLES: Record<string, string> = {
  CARD_EXPIRED: '二维码已过期',
  CARD_INVALID: '不是有效的志愿服务证',
  FORBIDDEN: '无法核验',
};
