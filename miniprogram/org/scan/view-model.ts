// 扫码核验 (?orgId=…): what the admin sees after scanning a volunteer's card. Pure, so every outcome is tested alone.
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
  switch (outcome.error.code) {
    case 'CARD_EXPIRED':
      return { kind: 'refused', title: '二维码已过期', detail: '请志愿者刷新志愿服务证后重新出示（截图无效）。' };
    case 'CARD_INVALID':
      return { kind: 'refused', title: '不是有效的志愿服务证', detail: outcome.error.message };
    case 'FORBIDDEN':
      return { kind: 'refused', title: '无法核验', detail: '只有已认证组织的管理员可以核验志愿服务证。' };
    default:
      return { kind: 'refused', title: '核验失败', detail: outcome.error.message };
  }
}
