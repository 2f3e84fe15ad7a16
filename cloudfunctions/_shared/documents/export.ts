// Collection `exports`: each "export my data" file (plaintext ID and phone numbers inside), recorded with the
// instant its download link expires. The volunteer function's timer trigger removes files past that instant;
// deleting the account removes them at once.
export interface ExportDoc {
  _id: string;
  userId: string;
  fileID: string;
  createdAt: Date;
  /** When the temporary link stops working: the file is removed from then on. */
  expiresAt: Date;
}
