// Shared words of service records and hours (issue 9). Rules: shared/docs/RULES.md §4 (records), §6 (stars).
// Action contracts live with their functions: typings/attendance.ts (on-site check-in and check-out) and
// typings/hours-actions.ts (every other way a record is made, confirmation, corrections, totals).

/**
 * How a record was made (RULES §4, 志愿云 practice). `correction`: made for a volunteer's report of an omission (a
 * confirmed shift with no record, hours.reportCorrection kind omission), pending until the organization accepts it.
 * Omission records written before this source existed say `declaration`; they are read as `correction` (their ids
 * begin `om_`, hours/rules.ts recordSourceOf).
 */
export type RecordSource = 'onsite' | 'bulk' | 'declaration' | 'hourCode' | 'makeup' | 'correction';

/** Training hours are a separate ledger, never service hours (条例 Art. 19). */
export type RecordKind = 'service' | 'training';

/**
 * The state of one revision of a record. pending: counts for nothing until the organizing organization confirms it;
 * confirmed: counts; rejected: refused with a reason; revoked: a confirmed record the organization withdrew with a
 * reason. A correction never edits a revision: it adds the next one, and only the latest revision of a record
 * (`current`) ever counts.
 */
export type RecordStatus = 'pending' | 'confirmed' | 'rejected' | 'revoked';

/** Star thresholds (RULES §6): the common national scheme, or Beijing's. */
export type StarProfile = 'national' | 'beijing';
