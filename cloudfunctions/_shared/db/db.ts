// Small helpers over the stock SDK's database, for what every function needs the same way.
import type * as cloud from 'wx-server-sdk';
import { markCommitted } from './request-scope';

export type Database = ReturnType<typeof cloud.database>;

/**
 * The SDK error thrown when a unique index (or a duplicate _id) rejects a write. Only the last guard asks this:
 * which index refused is never read from the text (CloudBase does not document it); document ids decide.
 */
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

/** Thrown when a transaction kept meeting conflicting writers; the frame answers `BUSY`. */
export class TransactionBusy extends Error {
  constructor(readonly attempts: number) {
    super(`transaction conflicted ${attempts} times`);
  }
}

/**
 * CloudBase fails a transaction's write at once when another transaction holds the document's lock. wx-server-sdk
 * 4.x surfaces that as errCode -501001 with DATABASE_TRANSACTION_CONFLICT only in the message, and its own
 * runTransaction retry (which looks for a `code` the SDK drops) never fires, so the retry is ours.
 */
export function isTransactionConflict(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  // @cloudbase/database keeps the server's code where wx-server-sdk drops it; either way it is the same conflict.
  if ((e as { code?: unknown }).code === 'DATABASE_TRANSACTION_CONFLICT') return true;
  const text = String((e as { errMsg?: unknown }).errMsg ?? (e as { message?: unknown }).message ?? '');
  return /DATABASE_TRANSACTION_CONFLICT/.test(text);
}

export interface RetryPolicy {
  attempts: number;
  /** First backoff in ms; each later one doubles up to `maxDelayMs`, with full jitter. */
  baseDelayMs: number;
  maxDelayMs?: number;
}

/**
 * Sized for 20 writers on one document at once (a region-year's volunteer counter) against fail-fast conflicts:
 * only one of the overlapping transactions wins each round, so the last may need many rounds; the capped backoff
 * spreads the contenders and keeps the worst case (~9 s of waiting) inside the function's timeout.
 */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 16, baseDelayMs: 15, maxDelayMs: 800 };

/** The wait before attempt `attempt + 1` (full jitter over the capped exponential), `random` in [0, 1). */
export function backoffMs(attempt: number, policy: RetryPolicy, random: number): number {
  const ceiling = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs ?? Number.POSITIVE_INFINITY);
  return random * ceiling;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Run `work` in one transaction: every write commits together or not at all. On a conflict the whole body runs
 * again (bounded attempts, jittered exponential backoff), so `work` must decide only from what it reads inside the
 * transaction. A `Rollback` thrown by `work` undoes everything and its result is returned; attempts running out
 * throw `TransactionBusy`.
 *
 * Inside a mutating action (the frame opened a request scope) the same transaction also marks the request committed
 * (request-scope.ts): the change and the record that it was made commit together or not at all.
 */
export async function inTransaction<T, R = never>(
  db: Database,
  work: (t: Tx) => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<T | R> {
  return retryingTransaction<T, R>(db, work, policy, true);
}

/**
 * A follow-up transaction of a mutating action, after its change committed (handing a freed place to the next in
 * line, making a shift's capacity shards): the same retries, but it does not mark the request committed — a crash
 * before it leaves the action's own change recorded, and a retry of the request replays that answer.
 */
export async function inFollowUpTransaction<T, R = never>(
  db: Database,
  work: (t: Tx) => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<T | R> {
  return retryingTransaction<T, R>(db, work, policy, false);
}

async function retryingTransaction<T, R>(db: Database, work: (t: Tx) => Promise<T>, policy: RetryPolicy, markRequest: boolean): Promise<T | R> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await db.runTransaction(async (t: Tx) => {
        const result = await work(t);
        if (markRequest) await markCommitted(t, result);
        return result;
      })) as T;
    } catch (e) {
      if (e instanceof Rollback) return e.result as R;
      if (!isTransactionConflict(e)) throw e;
      if (attempt >= policy.attempts) throw new TransactionBusy(attempt);
      await sleep(backoffMs(attempt, policy, Math.random()));
    }
  }
}
