// 证明管理 (org/certificates): an organization's certificate settings (负责人, 经办人, contact, the seal, how requests
// are issued), the requests waiting for review and the numbered register. Pure: the page renders this state.
import type { CertificateRegisterEntry, CertificateReviewItem, CertificateSettingsResponse } from '../../../typings/certificate-org';
import type { IssuePolicy } from '../../../typings/certificate';
import { shanghaiDateTime } from '../../domain/calendar';
import { formatHours } from '../../common/service-hours';
import { CERTIFICATE_ORG_PAGE_MESSAGES as T } from '../../domain/messages';

export type CertificateTab = 'settings' | 'review' | 'register';
export type RegisterFilter = '' | 'issued' | 'revoked';

export interface SettingsForm {
  personInCharge: string;
  handler: string;
  contact: string;
  sealKind: 'text' | 'image';
  /** The organization's full name: the text seal's only text. */
  sealText: string;
  sealFileId: string;
  sealUrl: string;
  issuePolicy: IssuePolicy;
  /** Refusals by field: personInCharge, handler, contact, seal, issuePolicy. */
  errors: Record<string, string>;
}

export interface ReviewRow {
  certificateId: string;
  name: string;
  volunteerNo: string;
  hoursText: string;
  periodText: string;
  requestedText: string;
  onBehalfText: string;
  empty: boolean;
}

export interface RegisterRow {
  certificateId: string;
  number: string;
  name: string;
  dateText: string;
  hoursText: string;
  handler: string;
  statusText: string;
  revoked: boolean;
  revokedText: string;
  onBehalfText: string;
}

export interface OrgCertificatesState {
  orgId: string;
  orgName: string;
  status: 'loading' | 'ready' | 'error';
  message: string;
  tab: CertificateTab;
  /** False for a 草根 team or a dissolved organization: another organization issues, and says so. */
  issuesItself: boolean;
  issuedByText: string;
  form: SettingsForm;
  review: ReviewRow[];
  reviewNext: string;
  register: RegisterRow[];
  registerNext: string;
  filter: RegisterFilter;
  /** The reason a rejection or revocation gives the volunteer. */
  reason: string;
  busy: boolean;
}

const emptyForm: SettingsForm = { personInCharge: '', handler: '', contact: '', sealKind: 'text', sealText: '', sealFileId: '', sealUrl: '', issuePolicy: 'immediate', errors: {} };

export const initialState: OrgCertificatesState = {
  orgId: '',
  orgName: '',
  status: 'loading',
  message: '',
  tab: 'settings',
  issuesItself: true,
  issuedByText: '',
  form: emptyForm,
  review: [],
  reviewNext: '',
  register: [],
  registerNext: '',
  filter: '',
  reason: '',
  busy: false,
};

export function tabOf(value: string | undefined): CertificateTab {
  return value === 'review' || value === 'register' ? value : 'settings';
}

export function withSettings(state: OrgCertificatesState, res: CertificateSettingsResponse): OrgCertificatesState {
  const s = res.settings;
  const form: SettingsForm = s
    ? {
        personInCharge: s.personInCharge,
        handler: s.handler,
        contact: s.contact,
        sealKind: s.seal.kind,
        sealText: res.orgName,
        sealFileId: s.seal.kind === 'image' ? s.seal.fileId : '',
        sealUrl: s.seal.kind === 'image' ? s.seal.url : '',
        issuePolicy: s.issuePolicy,
        errors: {},
      }
    : { ...emptyForm, personInCharge: res.suggested.personInCharge, sealText: res.suggested.seal.text, issuePolicy: res.suggested.issuePolicy };
  return {
    ...state,
    status: 'ready',
    orgName: res.orgName,
    issuesItself: res.issuesItself,
    issuedByText: res.issuedBy ? T.issuedBy(res.issuedBy.name) : '',
    form,
  };
}

/** What saveSettings is sent from the form. */
export function settingsRequest(orgId: string, f: SettingsForm) {
  return {
    orgId,
    personInCharge: f.personInCharge,
    handler: f.handler,
    contact: f.contact,
    seal: f.sealKind === 'image' && f.sealFileId ? { kind: 'image' as const, fileId: f.sealFileId } : { kind: 'text' as const, text: f.sealText },
    issuePolicy: f.issuePolicy,
  };
}

/** A refusal shown under its field (`seal.text`, `seal.fileId` and `base64` all belong to the seal). */
export function withFieldError(f: SettingsForm, field: string | undefined, message: string): SettingsForm {
  const key = !field ? 'form' : field.startsWith('seal') || field === 'base64' ? 'seal' : field;
  return { ...f, errors: { ...f.errors, [key]: message } };
}

export function withoutFieldError(f: SettingsForm, field: string): SettingsForm {
  const { [field]: _gone, ...errors } = f.errors;
  return { ...f, errors };
}

export function reviewRow(item: CertificateReviewItem): ReviewRow {
  return {
    certificateId: item.certificateId,
    name: item.volunteerName,
    volunteerNo: item.volunteerNo,
    hoursText: formatHours(item.totalMinutes),
    periodText: item.period ? T.period(item.period.from, item.period.to) : '',
    requestedText: shanghaiDateTime(item.requestedAt),
    onBehalfText: item.onBehalfOf ? T.onBehalfOf(item.onBehalfOf.name) : '',
    empty: item.recordCount === 0,
  };
}

export function registerRow(e: CertificateRegisterEntry): RegisterRow {
  return {
    certificateId: e.certificateId,
    number: e.number,
    name: e.volunteerName,
    dateText: e.issueDate,
    hoursText: formatHours(e.totalMinutes),
    handler: e.handler,
    statusText: e.status === 'revoked' ? T.statusRevoked : T.statusIssued,
    revoked: e.status === 'revoked',
    revokedText: e.revoked ? T.revokedAt(shanghaiDateTime(e.revoked.at).slice(0, 10), e.revoked.reason) : '',
    onBehalfText: e.onBehalfOf ? T.onBehalfOf(e.onBehalfOf.name) : '',
  };
}

export const policyOptions: Array<{ value: IssuePolicy; text: string }> = [
  { value: 'immediate', text: T.policyImmediate },
  { value: 'review', text: T.policyReview },
];
