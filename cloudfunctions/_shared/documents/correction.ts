// Collection `corrections` (issue 9, RULES §4): a volunteer's report that one of their records is wrong, or that a
// shift they served has no record, and the organization's decision. `_id` is the record's id and the revision it
// was reported on (hours/rules.ts correctionIdOf): one report per revision, so a report sent twice is one report.
import type { CorrectionKind, CorrectionStatus } from '../../../typings/hours-actions';

export interface CorrectionDoc {
  _id: string;
  recordId: string;
  /** The revision that was current when it was reported. */
  revision: number;
  kind: CorrectionKind;
  status: CorrectionStatus;
  volunteerId: string;
  userId: string;
  volunteerName: string;
  orgId: string;
  activityName: string;
  description: string;
  proposed: { minutes?: number; startsAt?: Date; endsAt?: Date };
  resolution?: { reason: string; by: string; at: Date; revision?: number };
  createdAt: Date;
  updatedAt: Date;
}
