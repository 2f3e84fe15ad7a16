// Collections `serviceRecords` and `hourTotals` (issue 9; rules: RULES.md §4, §6).
// A record is a chain of revisions, one document each (`_id` revisionId(recordId, n)); nothing is edited in place
// or deleted (办法67): a correction or a revocation adds the next revision and marks the one before not current.
// Who writes what: every write of a revision goes through _shared/hours/ledger.ts writeRevision, in a transaction,
// so the totals change in the same transaction as the records they sum.
import type { RecordKind, RecordSource, RecordStatus } from '../../../typings/hours';
import type { ServiceObjectCode } from '../../../typings/project';
import type { ProjectDoc } from './project';

export interface ServiceRecordDoc {
  /** revisionId(recordId, revision). */
  _id: string;
  /** The chain this revision belongs to: the same for every revision of one record. */
  recordId: string;
  /** 1 for the original; each correction or revocation adds one. */
  revision: number;
  /** True on the latest revision of the chain only: the one that counts and the one lists show. */
  current: boolean;
  /** volunteers._id: stays with the record when a claim moves it to another account. */
  volunteerId: string;
  /** The volunteer's number and name as recorded (办法2012 Art. 7; certificates print them). */
  volunteerNo: string;
  volunteerName: string;
  /** The organizing organization: the one that confirms ("谁组织谁记录"). */
  orgId: string;
  orgName: string;
  projectId?: string;
  shiftId?: string;
  kind: RecordKind;
  source: RecordSource;
  status: RecordStatus;
  /** The mandatory content of a record (办法2012 Art. 7); a revision missing one cannot be confirmed. */
  activity: {
    name: string;
    /** 'YYYY-MM-DD', the service day in Asia/Shanghai. */
    date: string;
    place: string;
    serviceObjects: ServiceObjectCode[];
    content: string;
    /** 项目负责人. */
    leader: string;
    /** 评价, optional. */
    evaluation?: string;
  };
  /** The service interval as served (on site: check-in to check-out), for overlap checks and the record's text. */
  startsAt: Date;
  endsAt: Date;
  /** Minutes that count once confirmed: served time clamped to the shift window, rounded, or adjusted. */
  minutes: number;
  /** How `minutes` came from the served interval. */
  computation: {
    servedMinutes: number;
    clampedToWindow: boolean;
    /** The organization's rounding step (minutes) when one applied. */
    roundingStep?: number;
    /** An organization's adjustment replaces the computed minutes, with its reason. */
    adjustment?: { minutes: number; reason: string; by: string; at: Date };
  };
  /** A forgotten check-out the timer closed at the shift's end (未签退): pending until the organization decides. */
  missingCheckout?: boolean;
  /** 补录 (source 'makeup'): why the service was not recorded at the time, as the maker gave it. */
  makeupReason?: string;
  /** On-site sessions: metres from the project's place at check-in and check-out, when a location was sent. */
  distancesM?: { checkIn?: number; checkOut?: number };
  /** On-site sessions of a project that checks no location (check-in radius 0): a station scan was not located. */
  locationUnchecked?: boolean;
  /**
   * On-site sessions: a station scan was both offline (its time the phone's) and not located, so nothing vouched
   * for it — the record is pending for the organization instead of confirmed (attendance README, threat model).
   */
  offlineUnlocated?: boolean;
  /** Private cloud-storage file ids of evidence photos (declarations, make-ups). */
  evidenceFileIds: string[];
  /** Who made the record (users._id, or 'system' for the timer) and when. */
  recordedBy: string;
  recordedAt: Date;
  /** Where it came from, for idempotency and audit: the on-site session, the hour code, the bulk batch. */
  origin?: { sessionId?: string; hourCodeId?: string; batchId?: string; codeBatchId?: string };
  confirmation?: { orgId: string; by: string; at: Date };
  rejection?: { reason: string; by: string; at: Date };
  /** Why this revision replaced the one before (revision > 1): the accepted correction or the revocation. */
  changeReason?: string;
  changedBy?: string;
  /** The accepted correction (collection `corrections`) this revision came from: shown as 已更正. */
  correctionId?: string;
  createdAt: Date;
  updatedAt: Date;
}

export function revisionId(recordId: string, revision: number): string {
  return `${recordId}.r${revision}`;
}

/** Revision 1 of a new record: the first and current of its chain, stamped with when it was made. */
export function firstRevision(
  record: Omit<ServiceRecordDoc, '_id' | 'revision' | 'current' | 'recordedAt' | 'createdAt' | 'updatedAt'>,
  now: Date,
): ServiceRecordDoc {
  return { _id: revisionId(record.recordId, 1), ...record, revision: 1, current: true, recordedAt: now, createdAt: now, updatedAt: now };
}

/** The mandatory activity fields (办法2012 Art. 7) a project gives a record of its service on `date` (YYYY-MM-DD). */
export function activityOfProject(
  project: Pick<ProjectDoc, 'title' | 'place' | 'serviceObjects' | 'content' | 'contact'>,
  date: string,
): ServiceRecordDoc['activity'] {
  return { name: project.title, date, place: project.place.address, serviceObjects: project.serviceObjects, content: project.content, leader: project.contact.name };
}

/** Who a record of a shift's service is of and by: the volunteer as recorded, the project's organization, the shift. */
export function shiftRecordParties(
  volunteer: { _id: string; volunteerNo: string; name: string },
  project: Pick<ProjectDoc, '_id' | 'orgId' | 'orgName'>,
  shift: { _id: string },
): Pick<ServiceRecordDoc, 'volunteerId' | 'volunteerNo' | 'volunteerName' | 'orgId' | 'orgName' | 'projectId' | 'shiftId'> {
  return { volunteerId: volunteer._id, volunteerNo: volunteer.volunteerNo, volunteerName: volunteer.name, orgId: project.orgId, orgName: project.orgName, projectId: project._id, shiftId: shift._id };
}

/** Per-volunteer totals live on the volunteer document (one read for 我的, the card and 我的时长; a claim moves them). */
export interface VolunteerHours {
  serviceMinutes: number;
  trainingMinutes: number;
  /** Current confirmed records (both kinds). */
  confirmedRecords: number;
}

export function noHours(): VolunteerHours {
  return { serviceMinutes: 0, trainingMinutes: 0, confirmedRecords: 0 };
}

/**
 * Totals of an organization or a project (collection `hourTotals`), split into HOUR_TOTAL_SHARDS documents by
 * volunteer so a busy check-out or a bulk confirmation is not one hot document: the total is the sum of the shards
 * (`_id` hourTotalsId(scope, id, shard)).
 */
export interface HourTotalsDoc extends VolunteerHours {
  _id: string;
  scope: 'org' | 'project';
  ownerId: string;
  shard: number;
  updatedAt: Date;
}

export const HOUR_TOTAL_SHARDS = 8;

export function hourTotalsId(scope: 'org' | 'project', ownerId: string, shard: number): string {
  return `${scope}:${ownerId}:${shard}`;
}

/** Every shard id of an organization's or project's totals, to read them in one `_id in [...]` query. */
export function hourTotalsIds(scope: 'org' | 'project', ownerId: string): string[] {
  return Array.from({ length: HOUR_TOTAL_SHARDS }, (_, shard) => hourTotalsId(scope, ownerId, shard));
}
