// The plain-URL verification page (GET /verify?no=…, POST /verify with a typed number or a credential JSON pasted or
// uploaded) for people outside WeChat: one self-contained HTML document — no script, no external asset, styles
// inline — readable on a phone. Everything shown comes from the verify answer; every value is escaped. Pure.
import { formatHours } from '../../miniprogram/common/service-hours';
import { credentialTypeLabel } from '../../miniprogram/domain/credential';
import { VERIFY_MESSAGES as T } from '../../miniprogram/domain/messages';
import type { VerifiedCertificateView, VerifyResponse } from '../../typings/certificate-vc';

export interface VerifyPageState {
  /** What was typed, shown again in the form. */
  typedNumber?: string;
  answer?: VerifyResponse;
  /** A refusal to show instead of an answer (a malformed number, too many attempts). */
  refusal?: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const STYLE = `
body{margin:0;font:16px/1.6 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f5f6f8;color:#1f2329}
main{max-width:640px;margin:0 auto;padding:16px}
h1{font-size:20px;margin:8px 0 16px}
h2{font-size:17px;margin:0 0 8px}
section{background:#fff;border-radius:12px;padding:16px;margin-bottom:16px}
.status{border-left:6px solid #8f959e}
.status.valid{border-color:#07c160}.status.revoked,.status.not_valid{border-color:#e34d59}.status.unknown{border-color:#ed7b2f}
.badge{display:inline-block;padding:2px 10px;border-radius:10px;color:#fff;background:#8f959e;font-size:14px;margin-right:8px}
.valid .badge{background:#07c160}.revoked .badge,.not_valid .badge{background:#e34d59}.unknown .badge{background:#ed7b2f}
dl{display:grid;grid-template-columns:7em 1fr;gap:4px 8px;margin:0}dt{color:#646a73}dd{margin:0;word-break:break-all}
table{width:100%;border-collapse:collapse;font-size:14px}th,td{text-align:left;padding:6px 4px;border-bottom:1px solid #eee;vertical-align:top}
td.h{text-align:right;white-space:nowrap}
label{display:block;margin:8px 0 4px;color:#646a73}
input[type=text],textarea{box-sizing:border-box;width:100%;padding:10px;font-size:16px;border:1px solid #c9cdd4;border-radius:8px}
textarea{min-height:96px;font-family:monospace;font-size:13px}
button{margin-top:10px;width:100%;padding:12px;font-size:16px;border:0;border-radius:8px;background:#07c160;color:#fff}
.note{color:#646a73;font-size:14px}
`;

function certificateSection(c: VerifiedCertificateView): string {
  const row = (label: string, value: string) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`;
  const onBehalf = c.issuer.onBehalfOf
    ? row(T.fields.onBehalfOf, `${c.issuer.onBehalfOf.name}（${c.issuer.onBehalfOf.relation === 'attached' ? T.attachedRelation : T.successorRelation}）`)
    : '';
  const records = c.records
    .map((r) => `<tr><td>${escapeHtml(r.date)}</td><td>${escapeHtml(r.project)}<br><span class="note">${escapeHtml(r.content)}</span></td><td class="h">${formatHours(r.minutes)}</td></tr>`)
    .join('');
  return `<section><dl>
${row(T.fields.number, c.number)}
${row(T.fields.name, c.volunteer.nameMasked)}
${row(T.fields.credential, `${credentialTypeLabel(c.volunteer.credentialType)} ${c.volunteer.credentialNoMasked}`)}
${row(T.fields.volunteerNo, c.volunteer.volunteerNo)}
${row(T.fields.period, `${c.period.from} ${T.periodJoin} ${c.period.to}`)}
${row(T.fields.totalHours, `${formatHours(c.totalMinutes)} ${T.hoursUnit}`)}
${row(T.fields.issuer, c.issuer.name)}
${onBehalf}
${row(T.fields.personInCharge, c.issuer.personInCharge)}
${row(T.fields.handler, c.issuer.handler)}
${row(T.fields.contact, c.issuer.contact)}
${row(T.fields.issueDate, c.issueDate)}
</dl></section>
<section><h2>${escapeHtml(T.fields.records)}</h2><table><tbody>${records}</tbody></table></section>`;
}

function answerSection(a: VerifyResponse): string {
  const head = `<span class="badge">${escapeHtml(T.status[a.status])}</span>${escapeHtml(T.headline[a.status])}`;
  let detail = '';
  if (a.status === 'not_valid') detail = `<p>${escapeHtml(T.reason[a.reason])}</p>`;
  if (a.status === 'unknown') detail = `<p>${escapeHtml(T.fields.number)}：${escapeHtml(a.number)}</p><p class="note">${escapeHtml(T.unknownHint)}</p>`;
  if (a.status === 'revoked') detail = `<dl><dt>${escapeHtml(T.revokedReason)}</dt><dd>${escapeHtml(a.revoked.reason)}</dd><dt>${escapeHtml(T.revokedAt)}</dt><dd>${escapeHtml(a.revoked.at.slice(0, 10))}</dd></dl>`;
  const status = `<section class="status ${a.status}" role="status"><h2>${head}</h2>${detail}</section>`;
  return a.status === 'valid' || a.status === 'revoked' ? status + certificateSection(a.certificate) : status;
}

export function renderVerifyPage(state: VerifyPageState): string {
  const result = state.refusal ? `<section class="status not_valid" role="alert"><p>${escapeHtml(state.refusal)}</p></section>` : state.answer ? answerSection(state.answer) : '';
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(T.title)}</title><style>${STYLE}</style></head>
<body><main>
<h1>${escapeHtml(T.title)}</h1>
${result}
<section><form method="get" action="/verify">
<label for="no">${escapeHtml(T.numberLabel)}</label>
<input type="text" id="no" name="no" maxlength="40" autocomplete="off" placeholder="${escapeHtml(T.numberPlaceholder)}" value="${escapeHtml(state.typedNumber ?? '')}">
<button type="submit">${escapeHtml(T.verifyButton)}</button>
</form></section>
<section><form method="post" action="/verify" enctype="multipart/form-data">
<label for="credential">${escapeHtml(T.credentialLabel)}</label>
<textarea id="credential" name="credential" spellcheck="false"></textarea>
<label for="file">${escapeHtml(T.credentialFileLabel)}</label>
<input type="file" id="file" name="file" accept=".json,application/json,application/vc">
<button type="submit">${escapeHtml(T.credentialButton)}</button>
</form></section>
<p class="note">${escapeHtml(T.free)}</p>
</main></body></html>`;
}
