// Contracts of the `records` cloud function: every way a service record is made besides on-site check-in and
// check-out — an organization's bulk entry, a volunteer's declaration, hour codes (时长码) and make-up (补录).
// Every record made here is pending: it counts for nothing until the organizing organization confirms it (RULES §4,
// "谁组织谁记录"); the queue that confirms it is the `hours` function's. Shared words: typings/hours.ts.
import type { RecordKind, RecordSource, RecordStatus } from './hours';
import type { ServiceObjectCode } from './project';

/**
 * The content of a record (办法2012 Art. 7) as the maker gives it. With a project, what is left out is taken from the
 * project (its title, address, service objects, content and contact); a field nobody knows stays empty, and the
 * organization fills it in before it can confirm the record.
 */
export interface ActivityInput {
  name?: string;
  place?: string;
  serviceObjects?: ServiceObjectCode[];
  content?: string;
  /** 项目负责人. */
  leader?: string;
}

/** An evidence photo as sent (one per call: a request is at most 100 KB as text). */
export interface EvidencePhoto {
  contentType: 'image/jpeg' | 'image/png';
  base64: string;
}

/** What the maker of a record sees of it. */
export interface MadeRecordView {
  recordId: string;
  source: RecordSource;
  kind: RecordKind;
  status: RecordStatus;
  orgName: string;
  activityName: string;
  /** 'YYYY-MM-DD' in Asia/Shanghai. */
  date: string;
  startsAt: string;
  endsAt: string;
  minutes: number;
  hasEvidence: boolean;
}

/** Why one volunteer of a bulk entry got no record. */
export type BulkRefusalCode = 'NOT_MEMBER' | 'NOT_REGISTERED' | 'RECORD_OVERLAP';

// ── Bulk entry by an organization's admin ──────────────────────────────────────────────────────────────────────

export interface BulkEntryRequest {
  orgId: string;
  projectId?: string;
  /** The confirmed sign-ups of this shift, instead of (or besides) `userIds`; the shift names the project. */
  confirmedOfShift?: string;
  /** Members of the organization (users._id), as the member list gives them. */
  userIds?: string[];
  kind: RecordKind;
  startsAt: string;
  endsAt: string;
  activity: ActivityInput;
}

export interface BulkRefusal {
  userId: string;
  /** Masked (张*): the batch lists only what the admin needs to find the person again. */
  name: string;
  code: BulkRefusalCode;
  reason: string;
}

export interface BulkBatchView {
  batchId: string;
  total: number;
  /** Volunteers handled so far: recorded or refused. */
  done: number;
  recorded: number;
  refused: BulkRefusal[];
  finished: boolean;
}

export type BulkEntryError =
  | 'NOT_FOUND'
  | 'PROJECT_NOT_FOUND'
  | 'SHIFT_NOT_FOUND'
  | 'RECORD_TIME_INVALID'
  | 'NO_VOLUNTEERS';

export interface BatchRef {
  batchId: string;
}
export type BatchError = 'BATCH_NOT_FOUND';

// ── A volunteer's declaration ──────────────────────────────────────────────────────────────────────────────────

export interface DeclareRequest {
  orgId: string;
  projectId?: string;
  kind: RecordKind;
  startsAt: string;
  endsAt: string;
  activity: ActivityInput;
  photo?: EvidencePhoto;
}
export type DeclareError = 'NOT_REGISTERED' | 'NOT_FOUND' | 'PROJECT_NOT_FOUND' | 'RECORD_TIME_INVALID' | 'RECORD_OVERLAP' | 'EVIDENCE_INVALID';

// ── Make-up (补录) for past service, with evidence ─────────────────────────────────────────────────────────────

export interface MakeupRequest {
  orgId: string;
  /** Given by an admin of `orgId`: the member the make-up is for. Left out: the caller asks for their own. */
  userId?: string;
  projectId?: string;
  kind: RecordKind;
  startsAt: string;
  endsAt: string;
  activity: ActivityInput;
  /** Why the service was not recorded at the time. */
  reason: string;
  photo: EvidencePhoto;
}
export type MakeupError =
  | 'NOT_REGISTERED'
  | 'NOT_FOUND'
  | 'PROJECT_NOT_FOUND'
  | 'NOT_MEMBER'
  | 'RECORD_TIME_INVALID'
  | 'RECORD_OVERLAP'
  | 'EVIDENCE_INVALID';

// ── Hour codes (时长码) ─────────────────────────────────────────────────────────────────────────────────────────

export interface CreateHourCodesRequest {
  projectId: string;
  count: number;
  /** The service every code records: it starts then and lasts `minutes`. */
  startsAt: string;
  minutes: number;
  kind: RecordKind;
  /** Codes are refused after this instant. */
  expiresAt: string;
  activity?: ActivityInput;
}
export interface IssuedHourCode {
  serial: number;
  /** Shown once: only a keyed hash is stored. 'XXXX-XXXX' of unambiguous characters. */
  code: string;
}
export interface HourCodeBatchView {
  codeBatchId: string;
  projectId: string;
  projectTitle: string;
  count: number;
  redeemed: number;
  minutes: number;
  kind: RecordKind;
  startsAt: string;
  expiresAt: string;
  createdAt: string;
}
export interface CreateHourCodesResponse {
  batch: HourCodeBatchView;
  codes: IssuedHourCode[];
}
export type CreateHourCodesError = 'PROJECT_NOT_FOUND' | 'RECORD_TIME_INVALID' | 'HOUR_CODE_EXPIRY_INVALID';

export interface HourCodeBatchesRequest {
  projectId: string;
}
export interface HourCodeBatchesResponse {
  batches: HourCodeBatchView[];
}
export type HourCodeBatchesError = 'PROJECT_NOT_FOUND';

export interface HourCodesRequest {
  codeBatchId: string;
  /** The last serial of the page before. */
  afterSerial?: number;
}
export interface HourCodeView {
  serial: number;
  redeemed: boolean;
  /** Masked (张*). */
  redeemedBy?: string;
  redeemedAt?: string;
}
export interface HourCodesResponse {
  batch: HourCodeBatchView;
  codes: HourCodeView[];
  /** Pass as `afterSerial` for the next page; absent on the last. */
  nextAfterSerial?: number;
}
export type HourCodesError = 'HOUR_CODE_BATCH_NOT_FOUND';

export interface RedeemHourCodeRequest {
  code: string;
}
export type RedeemHourCodeError =
  | 'NOT_REGISTERED'
  | 'HOUR_CODE_INVALID'
  | 'HOUR_CODE_EXPIRED'
  | 'HOUR_CODE_USED'
  | 'HOUR_CODE_ALREADY_REDEEMED'
  | 'RECORD_TIME_INVALID'
  | 'RECORD_OVERLAP';

export interface RecordsActions {
  bulkEntry: { request: BulkEntryRequest; response: BulkBatchView; error: BulkEntryError; mutates: true };
  /** Carries on a batch a call left unfinished (its time ran out); a finished batch answers as it is. */
  continueBulkEntry: { request: BatchRef; response: BulkBatchView; error: BatchError; mutates: true };
  bulkProgress: { request: BatchRef; response: BulkBatchView; error: BatchError; mutates: false };
  declare: { request: DeclareRequest; response: MadeRecordView; error: DeclareError; mutates: true };
  makeup: { request: MakeupRequest; response: MadeRecordView; error: MakeupError; mutates: true };
  createHourCodes: { request: CreateHourCodesRequest; response: CreateHourCodesResponse; error: CreateHourCodesError; mutates: true };
  hourCodeBatches: { request: HourCodeBatchesRequest; response: HourCodeBatchesResponse; error: HourCodeBatchesError; mutates: false };
  hourCodes: { request: HourCodesRequest; response: HourCodesResponse; error: HourCodesError; mutates: false };
  redeemHourCode: { request: RedeemHourCodeRequest; response: MadeRecordView; error: RedeemHourCodeError; mutates: true };
}
