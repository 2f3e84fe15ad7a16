// Pessimistic concurrency. Every document a transaction reads or writes is locked exclusively until it commits or
// aborts; others wait in FIFO order, so N concurrent read-modify-write transactions on one document run one after
// another and none is lost. A wait longer than the lock timeout fails with DATABASE_TRANSACTION_CONFLICT (the
// SDK's runTransaction retries on it), which also breaks deadlocks. Writes are buffered in the transaction's
// overlay and applied atomically at commit, so nothing uncommitted is ever visible or persisted.
import { randomBytes } from 'node:crypto';
import type { Doc } from './codec';
import { conflict } from './errors';
import type { Overlay } from './collection';

interface Waiter {
  owner: string;
  grant: () => void;
  /** Restart the wait clock: the queue moved, so this is not a deadlock. */
  restart: () => void;
}

interface Lock {
  owner: string;
  queue: Waiter[];
}

/**
 * Exclusive document locks with FIFO queues. A waiter fails with DATABASE_TRANSACTION_CONFLICT when its lock has
 * not changed hands for `timeoutMs`: a long queue that keeps moving never times out, a deadlock always does.
 */
export class LockManager {
  private readonly locks = new Map<string, Lock>();

  constructor(private readonly timeoutMs: number) {}

  holder(key: string): string | undefined {
    return this.locks.get(key)?.owner;
  }

  /** Take `key` for `owner` (re-entrant), waiting behind earlier waiters. */
  acquire(key: string, owner: string): Promise<void> {
    const lock = this.locks.get(key);
    if (!lock) {
      this.locks.set(key, { owner, queue: [] });
      return Promise.resolve();
    }
    if (lock.owner === owner) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout;
      const expire = (): void => {
        const i = lock.queue.indexOf(waiter);
        if (i >= 0) lock.queue.splice(i, 1);
        reject(conflict(`[emulator] no progress for ${this.timeoutMs} ms waiting for a document another transaction holds`));
      };
      const waiter: Waiter = {
        owner,
        grant: () => {
          clearTimeout(timer);
          resolve();
        },
        restart: () => {
          clearTimeout(timer);
          timer = setTimeout(expire, this.timeoutMs);
        },
      };
      timer = setTimeout(expire, this.timeoutMs);
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
    for (const w of lock.queue) w.restart();
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
  /** Lock keys held. */
  readonly locks = new Set<string>();
  /** Buffered writes per collection (idKey → new document, or null when deleted). */
  readonly overlays = new Map<string, Overlay>();
  /** Aborts the transaction when it stays open too long. */
  timer: NodeJS.Timeout | null = null;

  overlay(coll: string): Overlay {
    let o = this.overlays.get(coll);
    if (!o) {
      o = new Map<string, Doc | null>();
      this.overlays.set(coll, o);
    }
    return o;
  }
}

export const lockKey = (coll: string, id: string): string => `${coll}\u0000${id}`;
