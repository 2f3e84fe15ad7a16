// 证明: the organizations I can ask for a service-record certificate (hours each, who issues, my latest certificate of
// it) and my certificates. The page's state from certificate.issuable and certificate.mine, and what a request's
// answer says. Pure: the page renders this and calls the client.
import type { Envelope } from '../../../typings/envelope';
import type { CertificateStatus } from '../../../typings/certificate';
import type { CertificateScope, CertificateSummary, IssuableOrganization, IssuableResponse, MyCertificatesResponse, RequestCertificateResponse } from '../../../typings/certificate-vol';
import { formatHours } from '../../common/service-hours';

export const CERTIFICATE_STATUS_TEXT: Record<CertificateStatus, string> = {
  issued: '已开具',
  reviewing: '审核中',
  rejected: '已驳回',
  revoked: '已撤销',
};

/** How a certificate reads in a row: its state, and what the volunteer can do next. */
export interface CertificateRow {
  certificateId: string;
  status: CertificateStatus;
  statusText: string;
  title: string;
  /** 编号 … once issued; otherwise what happens next. */
  numberText: string;
  detailText: string;
  /** A rejection's or revocation's reason, shown under the row. */
  note: string;
  /** Issued: the row opens the certificate's page. */
  opens: boolean;
}

export interface OrgRow {
  orgId: string;
  orgName: string;
  hoursText: string;
  periodText: string;
  issuerText: string;
  /** Why nobody can issue (a clear sentence), or ''. */
  blockedText: string;
  canAsk: boolean;
  /** The button's label: 申请证明, or 重新申请 after a rejection or revocation. */
  askLabel: string;
  latest: CertificateRow | null;
  /** 'YYYY-MM-DD': the first and last confirmed record, the period pickers' bounds. */
  firstDate: string;
  lastDate: string;
}

export interface AskForm {
  orgId: string;
  orgName: string;
  /** 0 全部记录, 1 选择时段. */
  scopeIndex: number;
  from: string;
  to: string;
  /** The pickers' bounds: the first record's day and today. */
  start: string;
  end: string;
  sending: boolean;
  error: string;
}

export interface CertificatesView {
  status: 'loading' | 'ready' | 'error' | 'unregistered';
  message: string;
  orgs: OrgRow[];
  certificates: CertificateRow[];
  nextCursor: string;
}

export const SCOPE_LABELS = ['全部记录', '选择时段'];

export const loadingCertificatesView: CertificatesView = { status: 'loading', message: '', orgs: [], certificates: [], nextCursor: '' };

function periodOf(c: Pick<CertificateSummary, 'period' | 'scope'>): string {
  if (c.period) return `${c.period.from} 至 ${c.period.to}`;
  return c.scope.kind === 'all' ? '全部记录' : `${c.scope.from} 至 ${c.scope.to}`;
}

export function certificateRow(c: CertificateSummary): CertificateRow {
  const issuedBy = c.issuerOrgId === c.recordsOrgId ? c.issuerName : `${c.issuerName}（代${c.recordsOrgName}开具）`;
  const hours = c.totalMinutes !== undefined ? ` · ${formatHours(c.totalMinutes)} 小时` : '';
  const next: Record<CertificateStatus, string> = {
    issued: `编号 ${c.number ?? ''}`,
    reviewing: '等待组织审核，审核通过后开具',
    rejected: '组织未通过这次申请',
    revoked: `编号 ${c.number ?? ''}（已失效）`,
  };
  const note = c.status === 'rejected' && c.rejectedReason ? `原因：${c.rejectedReason}` : c.status === 'revoked' && c.revoked ? `撤销原因：${c.revoked.reason}（${c.revoked.at.slice(0, 10)}）` : '';
  return {
    certificateId: c.certificateId,
    status: c.status,
    statusText: CERTIFICATE_STATUS_TEXT[c.status],
    title: issuedBy,
    numberText: next[c.status],
    detailText: `${periodOf(c)}${hours}`,
    note,
    opens: c.status === 'issued',
  };
}

function relationText(o: IssuableOrganization): string {
  if (!o.issuer.canIssue) return '';
  if (o.issuer.relation === 'attached') return `由挂靠单位「${o.issuer.name}」开具`;
  if (o.issuer.relation === 'successor') return `由承接单位「${o.issuer.name}」开具`;
  return `由「${o.issuer.name}」开具`;
}

export function orgRow(o: IssuableOrganization): OrgRow {
  const latest = o.latest ? certificateRow(o.latest) : null;
  const blockedText = !o.issuer.canIssue ? o.issuer.message : !o.issuer.settingsReady ? '该组织还没有设置证明信息，申请后会提醒其管理员' : '';
  const ended = latest && (latest.status === 'rejected' || latest.status === 'revoked');
  return {
    orgId: o.orgId,
    orgName: o.orgName,
    hoursText: `${o.confirmedRecords} 条已确认记录 · ${formatHours(o.confirmedMinutes)} 小时`,
    periodText: o.firstDate === o.lastDate ? o.firstDate : `${o.firstDate} 至 ${o.lastDate}`,
    issuerText: relationText(o),
    blockedText,
    canAsk: o.issuer.canIssue,
    askLabel: ended ? '重新申请' : '申请证明',
    latest,
    firstDate: o.firstDate,
    lastDate: o.lastDate,
  };
}

export function toCertificatesView(issuable: Envelope<IssuableResponse>, mine: Envelope<MyCertificatesResponse>): CertificatesView {
  const failed = !issuable.ok ? issuable : !mine.ok ? mine : null;
  if (failed && !failed.ok) {
    return { ...loadingCertificatesView, status: failed.error.code === 'NOT_REGISTERED' ? 'unregistered' : 'error', message: failed.error.message };
  }
  if (!issuable.ok || !mine.ok) return loadingCertificatesView;
  return {
    status: 'ready',
    message: '',
    orgs: issuable.data.organizations.map(orgRow),
    certificates: mine.data.certificates.map(certificateRow),
    nextCursor: mine.data.next ?? '',
  };
}

/** The next page of 我的证明 appended. */
export function withMoreCertificates(view: CertificatesView, mine: MyCertificatesResponse): CertificatesView {
  return { ...view, certificates: [...view.certificates, ...mine.certificates.map(certificateRow)], nextCursor: mine.next ?? '' };
}

/** The form for an organization: all records by default, the period pickers set to its first and last record. */
export function askFormFor(row: OrgRow, today: string): AskForm {
  return { orgId: row.orgId, orgName: row.orgName, scopeIndex: 0, from: row.firstDate, to: row.lastDate > today ? today : row.lastDate, start: row.firstDate, end: today, sending: false, error: '' };
}

export function scopeOf(form: AskForm): CertificateScope {
  return form.scopeIndex === 0 ? { kind: 'all' } : { kind: 'period', from: form.from, to: form.to };
}

/** What the page says after a request: the certificate it made (or found), or the server's reason. */
export interface AskOutcome {
  kind: 'issued' | 'reviewing' | 'refused';
  text: string;
  certificateId: string;
}

export function askOutcome(answer: Envelope<RequestCertificateResponse>): AskOutcome {
  if (!answer.ok) return { kind: 'refused', text: answer.error.message, certificateId: '' };
  const c = answer.data.certificate;
  if (c.status === 'issued') return { kind: 'issued', text: `证明已开具，编号 ${c.number ?? ''}，${formatHours(c.totalMinutes ?? 0)} 小时。`, certificateId: c.certificateId };
  return { kind: 'reviewing', text: `申请已提交，「${c.issuerName}」审核通过后开具，结果会通知你。`, certificateId: c.certificateId };
}
