// 拨打电话 on 求助核实 and 求助派单: ask help.contact for the contact's phone in full (the server records who asked,
// and the requester sees it in 我的求助), then open WeChat's dialer with it. The number lives only in this call: it
// is never put in page data, so the card keeps showing it masked (138****5678) to anyone who looks later.
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';

export type CallOutcome = { ok: true } | { ok: false; message: string };

export async function callRequester(helpRequestId: string, asOrgId: string): Promise<CallOutcome> {
  const outcome = await call('help', 'contact', { helpRequestId, ...(asOrgId ? { asOrgId } : {}) });
  if (!outcome.ok) return { ok: false, message: outcome.error.message };
  try {
    await wechat.makePhoneCall(outcome.data.phone);
  } catch {
    // Closed without calling: nothing to say; the reveal is recorded all the same (the number was shown in the dialer).
  }
  return { ok: true };
}
