// CloudBase's transactions (WeChat cloud docs, database → 事务 → 快照隔离): a transaction reads the database as of
// its snapshot plus its own writes and takes no read locks; a write takes the document's lock; another
// transaction's write to a locked document fails at once, and so does a write to a document committed after the
// writer's snapshot (first committer wins); a plain write outside a transaction waits for the lock. Writes are
// buffered in the transaction's overlay and applied atomically at commit, so nothing uncommitted is ever visible
// or persisted.
import { randomBytes } from 'node:crypto';
import type { Doc } from './codec';
import { conflict } from './errors';
import type { Overlay } from './collection';

interface Waiter {
  owner: string;
  grant: () => void;
}

interface Lock {
  owner: string;
  queue: Waiter[];
}

/**
 * Exclusive document locks. Transactions only try (`tryAcquire`: a held lock is a conflict at once); plain writes
 * queue in FIFO order behind the holder and give up after `timeoutMs`.
 */
export class LockManager {
  private readonly locks = new Map<string, Lock>();

  constructor(private readonly timeoutMs: number) {}

  holder(key: string): string | undefined {
    return this.locks.get(key)?.owner;
  }

  /** Take `key` for `owner` if it is free (or already `owner`'s); false when someone else holds it. */
  tryAcquire(key: string, owner: string): boolean {
    const lock = this.locks.get(key);
    if (!lock) {
      this.locks.set(key, { owner, queue: [] });
      return true;
    }
    return lock.owner === owner;
  }

  /** Take `key` for `owner` (re-entrant), waiting behind earlier waiters for at most the timeout. */
  acquire(key: string, owner: string): Promise<void> {
    if (this.tryAcquire(key, owner)) return Promise.resolve();
    const lock = this.locks.get(key)!;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = lock.queue.indexOf(waiter);
        if (i >= 0) lock.queue.splice(i, 1);
        reject(conflict(`[emulator] waited ${this.timeoutMs} ms for a document a transaction holds`));
      }, this.timeoutMs);
      const waiter: Waiter = {
        owner,
        grant: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      lock.queue.push(waiter);
    });
  }

  release(key: string, owner: string): void {
    const lock = this.locks.get(key);
    if (!lock || lock.owner !== owner) return;
    const next = lock.queue.shift();
    if (!next) {
      this.locks.delete(key);
      return;
    }
    lock.owner = next.owner;
    next.grant();
  }

  get size(): number {
    return this.locks.size;
  }
}

export type TxState = 'active' | 'committed' | 'aborted';

export class Transaction {
  readonly id = randomBytes(16).toString('hex');
  state: TxState = 'active';
  abortReason = '';
  /** Lock keys held (documents this transaction wrote). */
  readonly locks = new Set<string>();
  /** Buffered writes per collection (idKey → new document, or null when deleted). */
  readonly overlays = new Map<string, Overlay>();
  /** Aborts the transaction when it stays open too long. */
  timer: NodeJS.Timeout | null = null;

  /** @param snapshot the commit sequence number this transaction reads at. */
  constructor(readonly snapshot: number) {}

  overlay(coll: string): Overlay {
    let o = this.overlays.get(coll);
    if (!o) {
      o = new Map<string, Doc | null>();
      this.overlays.set(coll, o);
    }
    return o;
  }
}

interface Version {
  /** The commit that replaced `before`. */
  seq: number;
  before: Doc | null;
}

/**
 * What open transactions need to read their snapshots and detect writes committed after them: for each document
 * written while a transaction was open, the commit sequence of its last write and the versions it replaced. Kept
 * only while a transaction is open; pruned to what the oldest open snapshot still needs.
 */
export class Versions {
  private readonly lastWrite = new Map<string, number>();
  private readonly history = new Map<string, Version[]>();

  /** Record that commit `seq` replaced `before` (null: the document did not exist). */
  record(key: string, seq: number, before: Doc | null): void {
    if (this.lastWrite.get(key) === seq) return; // one commit, one version
    this.lastWrite.set(key, seq);
    const list = this.history.get(key);
    if (list) list.push({ seq, before });
    else this.history.set(key, [{ seq, before }]);
  }

  /** Whether a commit after `snapshot` wrote the document. */
  changedSince(key: string, snapshot: number): boolean {
    return (this.lastWrite.get(key) ?? -1) > snapshot;
  }

  /** The document as of `snapshot`: `current` unless a later commit replaced it. */
  at(key: string, snapshot: number, current: Doc | undefined): Doc | undefined {
    const list = this.history.get(key);
    if (!list) return current;
    const first = list.find((v) => v.seq > snapshot);
    if (!first) return current;
    return first.before ?? undefined;
  }

  /** Forget what no open snapshot needs (`oldest` undefined: no transaction is open). */
  prune(oldest: number | undefined): void {
    if (oldest === undefined) {
      this.lastWrite.clear();
      this.history.clear();
      return;
    }
    for (const [key, list] of this.history) {
      const kept = list.filter((v) => v.seq > oldest);
      if (kept.length) this.history.set(key, kept);
      else {
        this.history.delete(key);
        this.lastWrite.delete(key);
      }
    }
  }

  get size(): number {
    return this.history.size;
  }
}

export const lockKey = (coll: string, id: string): string => `${coll}\u0000${id}`;
