// Collection `credentials`: one document per registered credential, `_id` = the credential's keyed look-up hash
// (credentialHashOf). It is read and written in the transaction that creates or re-verifies a volunteer, so "this
// credential is taken" is decided by a document id, not by the text of a duplicate-key error. The unique index on
// volunteers.credentialHash stays as the last guard.
export interface CredentialDoc {
  /** credentialHashOf(type, number): reveals nothing without the hash key. */
  _id: string;
  volunteerId: string;
  userId: string;
  createdAt: Date;
}
