// 证明详情's view: what the register entry says of one certificate, as the page shows it. Pure.
import { formatHours } from '../../common/service-hours';
import { CERTIFICATE_PAGE_TEXT as T } from '../../domain/messages';
import type { CertificateDetailResponse } from '../../../typings/certificate-pdf';

export interface CertificateView {
  status: 'loading' | 'error' | 'ready';
  message: string;
  number: string;
  issuerName: string;
  onBehalfOf: string;
  periodText: string;
  recordsText: string;
  hoursText: string;
  issueDate: string;
  state: 'issued' | 'revoked';
  stateText: string;
  revokedText: string;
}

export const loadingCertificate: CertificateView = {
  status: 'loading',
  message: '',
  number: '',
  issuerName: '',
  onBehalfOf: '',
  periodText: '',
  recordsText: '',
  hoursText: '',
  issueDate: '',
  state: 'issued',
  stateText: '',
  revokedText: '',
};

export function errorView(message: string): CertificateView {
  return { ...loadingCertificate, status: 'error', message };
}

/** 'YYYY-MM-DD' of an instant in Asia/Shanghai (UTC+8, no daylight saving). */
function shanghaiDay(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function toCertificateView(d: CertificateDetailResponse): CertificateView {
  return {
    status: 'ready',
    message: '',
    number: d.number,
    issuerName: d.issuerName,
    onBehalfOf: d.onBehalfOfName ? T.onBehalfOf(d.onBehalfOfName) : '',
    periodText: T.period(d.period.from, d.period.to),
    recordsText: T.records(d.recordCount),
    hoursText: `${formatHours(d.totalMinutes)} 小时`,
    issueDate: d.issueDate,
    state: d.status,
    stateText: T.statusText[d.status],
    revokedText: d.revoked ? T.revoked(shanghaiDay(d.revoked.at), d.revoked.reason) : '',
  };
}
