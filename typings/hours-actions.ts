// Contracts of the `hours` cloud function (issue 9): the organization's confirmation queue, corrections and history,
// totals and stars (我的时长), the organization's hour settings and the consistency check. Rules: RULES.md §4, §6.
// Shared words: typings/hours.ts. Records themselves are made by the attendance and records functions.
import type { EmptyRequest } from './envelope';
import type { RecordKind, RecordSource, RecordStatus, StarProfile } from './hours';

/** How a record shows to a person: its status, or `corrected` for a confirmed revision an accepted correction made. */
export type RecordDisplayStatus = RecordStatus | 'corrected';

/** One record as lists show it: its current revision. */
export interface RecordView {
  recordId: string;
  revision: number;
  orgId: string;
  orgName: string;
  projectId?: string;
  shiftId?: string;
  kind: RecordKind;
  source: RecordSource;
  status: RecordStatus;
  displayStatus: RecordDisplayStatus;
  activityName: string;
  /** 'YYYY-MM-DD' in Asia/Shanghai. */
  activityDate: string;
  place: string;
  startsAt: string;
  endsAt: string;
  minutes: number;
  missingCheckout?: boolean;
  /** On site at a project that checks no location: the scans were not located (未核验位置). */
  locationUnchecked?: boolean;
  /** On site, a scan offline and not located: nothing vouched for it, so it waits for the organization. */
  offlineUnlocated?: boolean;
  /** Why this revision replaced the one before, or why the record was rejected. */
  reason?: string;
  /** A correction of this record waits for the organization. */
  correctionOpen?: boolean;
}

/** One revision of a record's history, oldest first. */
export interface RevisionView {
  revision: number;
  current: boolean;
  status: RecordStatus;
  minutes: number;
  startsAt: string;
  endsAt: string;
  /** What happened in this revision, in words (确认、退回、调整、更正、撤销、…). */
  event: string;
  reason?: string;
  /** When this revision was written or decided. */
  at: string;
  /** Who decided it: the organization's name when an organization did. */
  byOrgName?: string;
}

export interface StarView {
  profile: StarProfile;
  level: number | null;
  nextThresholdHours: number | null;
  minutesToNext: number;
  /** 0–1, the share of the way to the next star. */
  progress: number;
}

// ── The volunteer's side ──────────────────────────────────────────────────────────────────────────────────────

export interface MyHoursRequest {
  /** The `next` of the page before. */
  cursor?: string;
}
export interface MyHoursResponse {
  /** Confirmed service minutes (training apart), from the volunteer document: one read however many records. */
  serviceMinutes: number;
  trainingMinutes: number;
  star: StarView;
  /** Records newest activity first, one page (the page groups them by organization). */
  records: RecordView[];
  next?: string;
  /** On the first page: my pending records (they count once their organization confirms them), newest first. */
  pending: RecordView[];
  /** On the first page: my corrections still waiting for the organization. */
  openCorrections: CorrectionView[];
}

export interface HistoryRequest {
  recordId: string;
}
export interface HistoryResponse {
  record: RecordView;
  revisions: RevisionView[];
  corrections: CorrectionView[];
}
export type HistoryError = 'RECORD_NOT_FOUND';

export type CorrectionKind = 'error' | 'omission';
export type CorrectionStatus = 'open' | 'accepted' | 'rejected';

export interface ReportCorrectionRequest {
  kind: CorrectionKind;
  /** error: the record that is wrong. */
  recordId?: string;
  /** omission: the shift I was confirmed for that has no record (a pending record is made for it). */
  shiftId?: string;
  /** What is wrong, in my words. */
  description: string;
  proposedMinutes?: number;
  /** ISO instants of the service as I remember it. */
  proposedStartsAt?: string;
  proposedEndsAt?: string;
}
export interface CorrectionView {
  correctionId: string;
  recordId: string;
  kind: CorrectionKind;
  status: CorrectionStatus;
  description: string;
  proposedMinutes?: number;
  proposedStartsAt?: string;
  proposedEndsAt?: string;
  /** The organization's reason when it decided. */
  resolution?: string;
  activityName: string;
  volunteerNameMasked: string;
  createdAt: string;
}
export interface ReportCorrectionResponse {
  correction: CorrectionView;
}
export type ReportCorrectionError =
  | 'NOT_REGISTERED'
  | 'RECORD_NOT_FOUND'
  | 'SHIFT_NOT_FOUND'
  | 'NOT_ON_ROSTER'
  | 'SHIFT_NOT_OVER'
  | 'RECORD_EXISTS'
  | 'CORRECTION_OPEN'
  | 'CORRECTION_ALREADY_DECIDED'
  | 'CORRECTION_TIMES_INVALID';

// ── The organization's side ───────────────────────────────────────────────────────────────────────────────────

/** organizations.hoursPolicy: how an organization's records are counted and when they are overdue. */
export interface HoursPolicyView {
  /** Rounding step in minutes applied (down) when a record is confirmed; null: off (the default). */
  roundingStepMinutes: number | null;
  /** Records still unconfirmed this many days after the activity are overdue (default 7). */
  overdueDays: number;
}
export interface SetHoursPolicyRequest extends HoursPolicyView {
  orgId: string;
}
export interface SetHoursPolicyResponse {
  policy: HoursPolicyView;
}

export interface QueueRequest {
  orgId: string;
  cursor?: string;
}
export interface QueueItem extends RecordView {
  volunteerNameMasked: string;
  volunteerNo: string;
  /** Unconfirmed overdueDays or more after the activity. */
  overdue: boolean;
  /** The mandatory field (办法2012 Art. 7) the record lacks, which blocks its confirmation. */
  missingField?: string;
}
export interface QueueResponse {
  items: QueueItem[];
  next?: string;
  policy: HoursPolicyView;
}

export interface OrgCorrectionsRequest {
  orgId: string;
  cursor?: string;
}
export interface OrgCorrectionsResponse {
  items: CorrectionView[];
  next?: string;
}

/** Confirm or reject one record or many; each record is decided on its own and answered on its own. */
export interface ConfirmRequest {
  recordIds: string[];
}
export interface RejectRequest {
  recordIds: string[];
  reason: string;
}
export type RecordDecisionCode = 'RECORD_NOT_FOUND' | 'FORBIDDEN' | 'RECORD_NOT_PENDING' | 'RECORD_INCOMPLETE' | 'BUSY';
export interface RecordOutcome {
  recordId: string;
  /** confirmed / rejected: this call decided it; unchanged: it already was (a retry). */
  outcome: 'confirmed' | 'rejected' | 'unchanged' | 'refused';
  code?: RecordDecisionCode;
  message?: string;
  /** RECORD_INCOMPLETE: the missing field. */
  field?: string;
  record?: RecordView;
}
export interface DecisionResponse {
  outcomes: RecordOutcome[];
}

export interface AdjustRequest {
  recordId: string;
  minutes: number;
  reason: string;
}
export interface RevokeRequest {
  recordId: string;
  reason: string;
}
export interface RecordChangeResponse {
  record: RecordView;
}
export type AdjustError = 'RECORD_NOT_FOUND' | 'RECORD_NOT_ADJUSTABLE';
export type RevokeError = 'RECORD_NOT_FOUND' | 'RECORD_NOT_CONFIRMED';

export interface ResolveCorrectionRequest {
  correctionId: string;
  decision: 'accept' | 'reject';
  reason: string;
  /** accept: the minutes the corrected record counts (default: the proposed minutes, else the record's). */
  minutes?: number;
}
export interface ResolveCorrectionResponse {
  correction: CorrectionView;
  record: RecordView;
}
export type ResolveCorrectionError = 'CORRECTION_NOT_FOUND' | 'CORRECTION_ALREADY_DECIDED' | 'RECORD_INCOMPLETE' | 'RECORD_NOT_FOUND';

export interface OrgTotalsRequest {
  orgId: string;
  projectId?: string;
}
export interface OrgTotalsResponse {
  serviceMinutes: number;
  trainingMinutes: number;
  confirmedRecords: number;
}
export type OrgTotalsError = 'PROJECT_NOT_FOUND';

// ── The platform's check ──────────────────────────────────────────────────────────────────────────────────────

export interface CheckTotalsRequest {
  volunteerId?: string;
  orgId?: string;
}
export interface TotalsDifference {
  scope: 'volunteer' | 'org' | 'project';
  id: string;
  counted: { serviceMinutes: number; trainingMinutes: number; confirmedRecords: number };
  summed: { serviceMinutes: number; trainingMinutes: number; confirmedRecords: number };
}
export interface CheckTotalsResponse {
  /** How many current records were summed. */
  recordsRead: number;
  differences: TotalsDifference[];
}

/** The daily timer's sweep of every counter (hours README, "The daily consistency sweep"). */
export interface TotalsSweepView {
  sweepNo: number;
  /** Volunteers first, then organizations (each with its projects). */
  phase: 'volunteer' | 'org';
  startedAt: string;
  /** Timer runs this sweep has taken so far. */
  runs: number;
  checked: { volunteers: number; organizations: number };
  /** Differences found so far (at most 100 listed). */
  differences: TotalsDifference[];
  differenceCount: number;
}
export interface TotalsReportView extends Omit<TotalsSweepView, 'phase'> {
  finishedAt: string;
}
export interface TotalsReportResponse {
  /** The sweep under way (resumed by each run). */
  current: TotalsSweepView | null;
  /** The last finished sweep. */
  last: TotalsReportView | null;
}

export interface HoursActions {
  mine: { request: MyHoursRequest; response: MyHoursResponse; error: 'NOT_REGISTERED'; mutates: false };
  history: { request: HistoryRequest; response: HistoryResponse; error: HistoryError; mutates: false };
  reportCorrection: { request: ReportCorrectionRequest; response: ReportCorrectionResponse; error: ReportCorrectionError; mutates: true };
  setHoursPolicy: { request: SetHoursPolicyRequest; response: SetHoursPolicyResponse; error: 'NOT_FOUND'; mutates: true };
  queue: { request: QueueRequest; response: QueueResponse; error: 'NOT_FOUND'; mutates: false };
  corrections: { request: OrgCorrectionsRequest; response: OrgCorrectionsResponse; error: 'NOT_FOUND'; mutates: false };
  confirm: { request: ConfirmRequest; response: DecisionResponse; error: never; mutates: true };
  reject: { request: RejectRequest; response: DecisionResponse; error: never; mutates: true };
  adjust: { request: AdjustRequest; response: RecordChangeResponse; error: AdjustError; mutates: true };
  revoke: { request: RevokeRequest; response: RecordChangeResponse; error: RevokeError; mutates: true };
  resolveCorrection: { request: ResolveCorrectionRequest; response: ResolveCorrectionResponse; error: ResolveCorrectionError; mutates: true };
  orgTotals: { request: OrgTotalsRequest; response: OrgTotalsResponse; error: OrgTotalsError | 'NOT_FOUND'; mutates: false };
  checkTotals: { request: CheckTotalsRequest; response: CheckTotalsResponse; error: never; mutates: false };
  totalsReport: { request: EmptyRequest; response: TotalsReportResponse; error: never; mutates: false };
}
