// Small helpers over the stock SDK's database, for what every function needs the same way.
import type * as cloud from 'wx-server-sdk';

export type Database = ReturnType<typeof cloud.database>;

/** The SDK error thrown when a unique index (or a duplicate _id) rejects a write. */
export function isDuplicateKeyError(e: unknown): boolean {
  const message = typeof e === 'object' && e !== null ? String((e as { errMsg?: unknown; message?: unknown }).errMsg ?? (e as { message?: unknown }).message ?? '') : String(e);
  return /E11000|duplicate key/i.test(message);
}

function isNotFound(e: unknown): boolean {
  return /does not exist|cannot find document/i.test(String((e as { errMsg?: string }).errMsg ?? e));
}

/** `doc(id).get()` throws when the document is missing; most callers want null instead. */
export async function getOrNull<T>(db: Database | Tx, collection: string, id: string): Promise<T | null> {
  try {
    const res = (await (db as Tx).collection(collection).doc(id).get()) as { data: unknown };
    return (Array.isArray(res.data) ? res.data[0] ?? null : res.data ?? null) as T | null;
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

/** The part of the SDK's transaction object we use: single-document operations (CloudBase's rule). */
export interface TxDocument {
  get(): Promise<{ data: unknown }>;
  set(options: { data: object }): Promise<unknown>;
  update(options: { data: object }): Promise<unknown>;
  remove(): Promise<unknown>;
}
export interface Tx {
  collection(name: string): { doc(id: string): TxDocument; add(options: { data: object }): Promise<{ _id: string }> };
}

/** Thrown inside `inTransaction` to roll back and answer `result` instead (a refusal decided mid-transaction). */
export class Rollback<R> {
  constructor(readonly result: R) {}
}

/**
 * Run `work` in one transaction: every write commits together or not at all. The SDK retries on conflicts; a
 * `Rollback` thrown by `work` undoes everything and its result is returned.
 */
export async function inTransaction<T, R = never>(db: Database, work: (t: Tx) => Promise<T>): Promise<T | R> {
  try {
    return (await db.runTransaction(async (t: Tx) => work(t))) as T;
  } catch (e) {
    if (e instanceof Rollback) return e.result as R;
    throw e;
  }
}
