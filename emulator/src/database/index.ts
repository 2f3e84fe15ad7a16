// The emulator's CloudBase document database: `openDatabase()` returns a service that answers the `database.*`
// admin-API actions of the stock SDKs. See README.md beside this file for how it works.
import { handle } from './actions';
import { Engine, type TransactionCounts } from './engine';
import { Journal } from './journal';
import type { StatsReport } from './stats';
export type { TransactionCounts } from './engine';

export type { StatsReport, QueryRecord, CollectionStats } from './stats';

export interface IndexKey {
  field: string;
  direction: 1 | -1 | '2dsphere';
}
export interface IndexConfig {
  name: string;
  keys: IndexKey[];
  unique?: boolean;
}
export interface CollectionConfig {
  name: string;
  indexes: IndexConfig[];
  rules?: unknown;
  description?: string;
}
export interface DatabaseServiceOptions {
  /** null = in memory; else persist under this folder. */
  dataDir: string | null;
  /** Declared collections (created at start, indexes enforced). */
  collections: CollectionConfig[];
  /** Refuse unindexed queries on declared collections. */
  strict: boolean;
  /** Clock for serverDate (default () => new Date()). */
  now?: () => Date;
  /** How long a plain write waits for a document a transaction holds before DATABASE_TRANSACTION_CONFLICT (default 5000). */
  lockTimeoutMs?: number;
  /** A transaction open longer than this is aborted (default 30000). */
  transactionTimeoutMs?: number;
  /** Write a snapshot (and empty the journal) once this many bytes were journalled since the last (default 8 MiB). */
  compactJournalBytes?: number;
}
export interface DatabaseService {
  /**
   * Handle one `database.*` admin-API action. Returns the response body without requestId: `{ data: {...} }`
   * (startTransaction also carries `transactionId` at the top level, where the SDK reads it), or
   * `{ code, message }` on a CloudBase-style error. Never throws for user errors.
   */
  handle(action: string, params: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Whether a query on a collection is supported by an index, and which. */
  explain(collection: string, query: Record<string, unknown>, sort?: Record<string, 1 | -1>): { indexed: boolean; index?: string; reason?: string };
  /** Documents read by queries on a collection since it was opened: tests assert index use with it, not timing. */
  examined(collection: string): number;
  /** Documents examined and returned by recent queries and per collection (all collections, or one). */
  stats(collection?: string): StatsReport;
  resetStats(): void;
  /** Transactions begun, committed, aborted by a write conflict and rolled back, since the database opened. */
  transactionCounts(): TransactionCounts;
  close(): Promise<void>;
}

export async function openDatabase(options: DatabaseServiceOptions): Promise<DatabaseService> {
  const engine = new Engine(options, options.dataDir === null ? null : new Journal(options.dataDir));
  engine.load();
  return {
    handle: (action, params) => handle(engine, action, params),
    explain: (collection, query, sort) => engine.explain(collection, query, sort),
    examined: (collection) => engine.examined(collection),
    stats: (collection) => engine.queryStats(collection),
    resetStats: () => engine.resetQueryStats(),
    transactionCounts: () => engine.transactionCounts(),
    close: async () => engine.close(),
  };
}
