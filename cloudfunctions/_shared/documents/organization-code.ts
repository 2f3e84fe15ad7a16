// Collection `organizationCodes`: one document per registered unified social credit code, `_id` = the USCC. Read and
// written in the transaction that registers the organization, so USCC_TAKEN is decided by a document id, not by the
// text of a duplicate-key error; the unique index on organizations.usccKey stays as the last guard.
export interface OrganizationCodeDoc {
  /** The normalised USCC (public registration data). */
  _id: string;
  orgId: string;
  createdAt: Date;
  /**
   * Set while the holder is a pending application: past it the hold has expired (organization/rules.ts
   * codeHoldState) and the next registration of the code, or the hourly timer, releases it. Absent once verified.
   */
  heldUntil?: Date;
}
