// CloudBase transactions through the stock wx-server-sdk 4.x (WeChat cloud docs, database → 事务): snapshot reads,
// a write takes the document's lock, another transaction's write to it fails at once, a plain update waits, only
// document operations and add inside a transaction. Conflicts surface as production surfaces them: errCode
// -501001 with DATABASE_TRANSACTION_CONFLICT only in the message, and the SDK's runTransaction does not retry.
import { inTransaction, isTransactionConflict, TransactionBusy, type Database, type Tx } from '../../cloudfunctions/_shared/db/db';
import type { CollectionConfig } from '../src/database';
import type { Emulator } from '../src/server';
import { serverSdk, startTestEmulator } from './support';

const collections: CollectionConfig[] = [{ name: 'accounts', indexes: [] }];

let emu: Emulator;
let db: Database;

beforeAll(async () => {
  emu = await startTestEmulator({ collections, functionsDir: null });
  db = serverSdk(emu).database();
});

afterAll(async () => {
  await emu.stop();
});

async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}

let seq = 0;
async function account(n = 0): Promise<string> {
  const id = `acct-${++seq}`;
  await db.collection('accounts').add({ data: { _id: id, n } });
  return id;
}

const balance = async (id: string): Promise<number> => ((await db.collection('accounts').doc(id).get()) as unknown as { data: { n: number } }).data.n;

/** Resolves once `count` callers have arrived: makes "all read before anyone writes" happen on purpose. */
function barrier(count: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    if (++arrived === count) open();
    return opened;
  };
}

describe('conflicts as CloudBase raises them', () => {
  test('two transactions racing on one document: the second writer fails at once with the production error', async () => {
    const id = await account(10);
    const t1 = await db.startTransaction();
    const t2 = await db.startTransaction();
    await t1.collection('accounts').doc(id).update({ data: { n: 11 } });
    const err = await rejection(t2.collection('accounts').doc(id).update({ data: { n: 12 } }));
    expect(err.errCode).toBe(-501001);
    expect(err.errMsg).toMatch(/DATABASE_TRANSACTION_CONFLICT/);
    expect(err.code).toBeUndefined(); // the SDK drops the server's code: only the message carries it
    expect(isTransactionConflict(err)).toBe(true);
    await t2.rollback();
    await t1.commit();
    expect(await balance(id)).toBe(11);
  });

  test('the SDK’s runTransaction does not retry a conflict: the body runs once and the call rejects', async () => {
    const id = await account(0);
    const holder = await db.startTransaction();
    await holder.collection('accounts').doc(id).update({ data: { n: 1 } });
    let runs = 0;
    const err = await rejection(
      db.runTransaction(async (t: Tx) => {
        runs++;
        await t.collection(`accounts`).doc(id).update({ data: { n: 2 } });
      }),
    );
    expect(runs).toBe(1);
    expect(isTransactionConflict(err)).toBe(true);
    await holder.commit();
    expect(await balance(id)).toBe(1);
  });

  test('a transaction reads its snapshot; after another commits the document, its write conflicts', async () => {
    const id = await account(5);
    const t = await db.startTransaction();
    expect(((await t.collection('accounts').doc(id).get()) as { data: { n: number } }).data.n).toBe(5);
    await db.runTransaction(async (other: Tx) => {
      await other.collection('accounts').doc(id).update({ data: { n: 6 } });
    });
    // Still the snapshot, not the newer commit.
    expect(((await t.collection('accounts').doc(id).get()) as { data: { n: number } }).data.n).toBe(5);
    const err = await rejection(t.collection('accounts').doc(id).update({ data: { n: 7 } }));
    expect(isTransactionConflict(err)).toBe(true);
    expect(await balance(id)).toBe(6);
  });

  test('reads take no lock: a document another transaction only read can be written by a third', async () => {
    const id = await account(1);
    const reader = await db.startTransaction();
    await reader.collection('accounts').doc(id).get();
    await db.runTransaction(async (t: Tx) => {
      await t.collection('accounts').doc(id).update({ data: { n: 2 } });
    });
    await reader.commit(); // it wrote nothing, so nothing conflicts
    expect(await balance(id)).toBe(2);
  });

  test('a plain update outside a transaction waits for the lock, then applies', async () => {
    const id = await account(1);
    const t = await db.startTransaction();
    await t.collection('accounts').doc(id).update({ data: { n: db.command.inc(1) } });
    let applied = false;
    const plain = (db.collection('accounts').doc(id).update({ data: { n: db.command.inc(10) } }) as Promise<unknown>).then(() => (applied = true));
    // The plain update reached the server and queued: a read answered after it still sees the old value.
    expect(await balance(id)).toBe(1);
    expect(applied).toBe(false);
    await t.commit();
    await plain;
    expect(await balance(id)).toBe(12);
  });

  test('where().get() inside a transaction is refused; doc operations and add work', async () => {
    const id = await account(3);
    const t = await db.startTransaction();
    const coll = t.collection('accounts') as any;
    const err = await rejection(coll.where({ _id: id }).get());
    expect(String(err.errMsg)).toMatch(/where\(\) and aggregate\(\) are not supported inside a transaction/);
    const added = (await coll.add({ data: { n: 1 } })) as { _id: string };
    await coll.doc(id).set({ data: { n: 30 } });
    expect(await balance(id)).toBe(3);
    await t.commit();
    expect(await balance(id)).toBe(30);
    expect(await balance(added._id)).toBe(1);
  });

  test('where().update() on a transaction’s collection is sent without the transaction, so it applies at once (as in production)', async () => {
    const id = await account(3);
    const t = await db.startTransaction();
    await (t.collection('accounts') as any).where({ _id: id }).update({ data: { n: 4 } });
    expect(await balance(id)).toBe(4); // visible before any commit: it never was part of the transaction
    await t.rollback();
    expect(await balance(id)).toBe(4);
  });
});

describe('read-modify-write under contention', () => {
  const increment = (id: string, arrive?: () => Promise<void>) => async (t: Tx) => {
    const cur = (await t.collection('accounts').doc(id).get()) as { data: { n: number } };
    if (arrive) await arrive();
    await t.collection('accounts').doc(id).update({ data: { n: cur.data.n + 1 } });
  };

  test('20 concurrent increments through inTransaction end at exactly 20', async () => {
    const id = await account(0);
    const first = barrier(20);
    let attempts = 0;
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => {
        let mine = 0;
        return inTransaction(db, (t) => {
          attempts++;
          // Every first attempt reads before any writes, so at most one of them can commit.
          return increment(id, ++mine === 1 ? first : undefined)(t);
        });
      }),
    );
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toEqual([]);
    expect(await balance(id)).toBe(20);
    expect(attempts).toBeGreaterThan(20); // conflicts happened and were retried
  });

  test('the same through plain db.runTransaction (no retry of ours) loses all but one', async () => {
    const id = await account(0);
    const arrive = barrier(20);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => db.runTransaction(increment(id, arrive))));
    const failed = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(failed).toHaveLength(19);
    for (const f of failed) expect(isTransactionConflict(f.reason)).toBe(true);
    expect(await balance(id)).toBe(1);
  });

  test('inTransaction gives up with TransactionBusy when the conflicts outlast its attempts', async () => {
    const id = await account(0);
    const holder = await db.startTransaction();
    await holder.collection('accounts').doc(id).update({ data: { n: 1 } });
    let runs = 0;
    const err = await rejection(
      inTransaction(
        db,
        async (t) => {
          runs++;
          await t.collection('accounts').doc(id).update({ data: { n: 2 } });
        },
        { attempts: 3, baseDelayMs: 1 },
      ),
    );
    expect(err).toBeInstanceOf(TransactionBusy);
    expect(runs).toBe(3);
    await holder.commit();
    expect(await balance(id)).toBe(1);
  });
});
