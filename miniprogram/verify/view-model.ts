// 证明核验: what the page shows for each verify answer, and the number a scanned code carries. Pure, so every
// outcome is tested alone. Texts: VERIFY_MESSAGES (the same words as the plain-URL page outsiders open).
import type { VerifiedCertificateView, VerifyResponse } from '../../typings/certificate-vc';
import { formatHours } from '../common/service-hours';
import { credentialTypeLabel } from '../domain/credential';
import { VERIFY_MESSAGES as T } from '../domain/messages';

export interface Row {
  label: string;
  value: string;
}

export interface RecordRow {
  key: string;
  date: string;
  project: string;
  content: string;
  hours: string;
}

export type VerifyView =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | {
      kind: 'answer';
      status: VerifyResponse['status'];
      badge: string;
      headline: string;
      /** Why (not valid), the hint (unknown), the reason and date (revoked). */
      details: Row[];
      note: string;
      rows: Row[];
      records: RecordRow[];
    }
  | { kind: 'refused'; message: string };

type VerifyOutcome = { ok: true; data: VerifyResponse } | { ok: false; error: { code: string; message: string } };

function certificateRows(c: VerifiedCertificateView): Row[] {
  const f = T.fields;
  const rows: Row[] = [
    { label: f.number, value: c.number },
    { label: f.name, value: c.volunteer.nameMasked },
    { label: f.credential, value: `${credentialTypeLabel(c.volunteer.credentialType)} ${c.volunteer.credentialNoMasked}` },
    { label: f.volunteerNo, value: c.volunteer.volunteerNo },
    { label: f.period, value: `${c.period.from} ${T.periodJoin} ${c.period.to}` },
    { label: f.totalHours, value: `${formatHours(c.totalMinutes)} ${T.hoursUnit}` },
    { label: f.issuer, value: c.issuer.name },
  ];
  if (c.issuer.onBehalfOf) {
    rows.push({ label: f.onBehalfOf, value: `${c.issuer.onBehalfOf.name}（${c.issuer.onBehalfOf.relation === 'attached' ? T.attachedRelation : T.successorRelation}）` });
  }
  rows.push({ label: f.personInCharge, value: c.issuer.personInCharge }, { label: f.handler, value: c.issuer.handler }, { label: f.contact, value: c.issuer.contact }, { label: f.issueDate, value: c.issueDate });
  return rows;
}

export function toVerifyView(outcome: VerifyOutcome): VerifyView {
  if (!outcome.ok) return { kind: 'refused', message: outcome.error.message };
  const a = outcome.data;
  const base = { kind: 'answer' as const, status: a.status, badge: T.status[a.status], headline: T.headline[a.status], details: [] as Row[], note: '', rows: [] as Row[], records: [] as RecordRow[] };
  switch (a.status) {
    case 'not_valid':
      return { ...base, note: T.reason[a.reason] };
    case 'unknown':
      return { ...base, details: [{ label: T.fields.number, value: a.number }], note: T.unknownHint };
    case 'revoked':
    case 'valid': {
      const details = a.status === 'revoked' ? [{ label: T.revokedReason, value: a.revoked.reason }, { label: T.revokedAt, value: a.revoked.at.slice(0, 10) }] : [];
      const records = a.certificate.records.map((r) => ({ key: r.recordId, date: r.date, project: r.project, content: r.content, hours: `${formatHours(r.minutes)} ${T.hoursUnit}` }));
      return { ...base, details, rows: certificateRows(a.certificate), records };
    }
  }
}

const NUMBER_IN_TEXT = /ZM\d{17}[0-9X]/i;

/**
 * The certificate number a scan carries: the plain-URL QR (`…/verify?no=ZM…`), a mini-program code of the verify page
 * (wx.scanCode answers its `path`: this page with `?scene=ZM…`), or the bare number. Null for anything else.
 */
export function numberFromScan(scan: { result?: string; path?: string }): string | null {
  for (const text of [scan.path, scan.result]) {
    if (!text) continue;
    let decoded = text;
    try {
      decoded = decodeURIComponent(text);
    } catch {
      // keep the text as scanned
    }
    const match = NUMBER_IN_TEXT.exec(decoded);
    if (match) return match[0].toUpperCase();
  }
  return null;
}

/** The number a page opening carries: `?scene=` (a mini-program code, URL-encoded by WeChat) or `?no=`. */
export function numberFromQuery(query: Record<string, string | undefined> | undefined): string {
  const raw = query?.scene ?? query?.no ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
