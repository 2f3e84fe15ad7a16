// Collections of the records function (issue 9: every way a record is made besides on-site sessions):
// `recordBatches` (an organization's bulk entry, processed in bounded transactions with its progress),
// `hourCodeBatches` and `hourCodes` (时长码: single-use codes stored only as keyed hashes).
import type { RecordKind } from '../../../typings/hours';
import type { BulkRefusal } from '../../../typings/records';
import type { ServiceRecordDoc } from './service-record';

/** One person of a bulk entry: a member picked by the admin, or a confirmed sign-up of the chosen shift. */
export interface BatchPerson {
  userId: string;
  /** A confirmed sign-up of the batch's shift: recorded without being a member of the organization. */
  viaShift: boolean;
}

export interface RecordBatchDoc {
  _id: string;
  orgId: string;
  orgName: string;
  projectId?: string;
  shiftId?: string;
  kind: RecordKind;
  startsAt: Date;
  endsAt: Date;
  minutes: number;
  activity: ServiceRecordDoc['activity'];
  /** In the order they are processed; `done` of them are handled. */
  people: BatchPerson[];
  total: number;
  done: number;
  recorded: number;
  refused: BulkRefusal[];
  finished: boolean;
  /** users._id of the admin who made the batch (every record's recordedBy). */
  recordedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface HourCodeBatchDoc {
  _id: string;
  orgId: string;
  orgName: string;
  projectId: string;
  projectTitle: string;
  kind: RecordKind;
  count: number;
  startsAt: Date;
  minutes: number;
  activity: ServiceRecordDoc['activity'];
  expiresAt: Date;
  createdBy: string;
  createdAt: Date;
}

/** `_id` is the keyed hash of the code (security/crypto.ts keyedHash): the code itself is never stored. */
export interface HourCodeDoc {
  _id: string;
  codeBatchId: string;
  serial: number;
  expiresAt: Date;
  redeemed: boolean;
  redeemedByVolunteerId?: string;
  /** As recorded, masked (张*), for the admin's list. */
  redeemedByName?: string;
  redeemedAt?: Date;
  recordId?: string;
}
