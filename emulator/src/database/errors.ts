// CloudBase-style errors. The stock SDK turns `{ code, message }` replies into thrown errors and maps the code to
// an errCode (DATABASE_COLLECTION_NOT_EXIST → -502005, DATABASE_REQUEST_FAILED → -502001, INVALID_PARAM → -501007).

export type ErrorCode =
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_PERMISSION_DENIED'
  | 'INVALID_PARAM';

export class DbError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const collectionMissing = (name: string): DbError =>
  new DbError(
    'DATABASE_COLLECTION_NOT_EXIST',
    `[ResourceNotFound] Db or Table not exist: ${name}. Please check your request, but if the problem persists, contact us.`,
  );

export const invalidParam = (message: string): DbError => new DbError('INVALID_PARAM', message);

export const requestFailed = (message: string): DbError => new DbError('DATABASE_REQUEST_FAILED', message);

/**
 * wx-server-sdk 4.x drops the reply's `code` (errCode becomes -501001) and keeps only the message, where production
 * carries the server's code: so does the emulator, which is what `isTransactionConflict` in the product matches.
 */
export const conflict = (message: string): DbError => new DbError('DATABASE_TRANSACTION_CONFLICT', `DATABASE_TRANSACTION_CONFLICT: ${message}`);

/** CloudBase transactions take only document operations (doc().get/set/update/remove) and add (事务 → 单记录操作). */
export const notDocumentOperation = (): DbError =>
  invalidParam('[emulator] a transaction allows only doc().get/set/update/remove and add: where() and aggregate() are not supported inside a transaction');
