import { LockManager } from './transactions';
import { testDb, ej } from './test-support';

describe('LockManager', () => {
  test('grants in FIFO order and is re-entrant', async () => {
    const locks = new LockManager(1000);
    const order: string[] = [];
    await locks.acquire('k', 'A');
    await locks.acquire('k', 'A');
    const b = locks.acquire('k', 'B').then(() => order.push('B'));
    const c = locks.acquire('k', 'C').then(() => order.push('C'));
    locks.release('k', 'A');
    await b;
    locks.release('k', 'B');
    await c;
    expect(order).toEqual(['B', 'C']);
    locks.release('k', 'C');
    expect(locks.size).toBe(0);
  });

  test('a waiter whose lock does not move fails with a transaction conflict (deadlocks end)', async () => {
    const locks = new LockManager(30);
    await locks.acquire('x', 'A');
    await locks.acquire('y', 'B');
    const results = await Promise.allSettled([locks.acquire('y', 'A'), locks.acquire('x', 'B')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason.code).toBe('DATABASE_TRANSACTION_CONFLICT');
  });
});

describe('transactions', () => {
  const collections = [{ name: 'c', indexes: [] }];

  test('isolation: outside readers see the committed version; commit publishes, abort discards', async () => {
    const db = await testDb(collections, { strict: false });
    await db.insert('c', { _id: 'a', n: 1 }, { _id: 'b', n: 1 });
    const tx = (await db.call('database.startTransaction', {})).transactionId;
    expect(typeof tx).toBe('string');
    await db.update('c', 'a', { $inc: { n: 1 } }, tx);
    await db.call('database.removeDocument', { collectionName: 'c', queryType: 'DOC', query: ej({ _id: 'b' }), multi: false, transactionId: tx });
    await db.call('database.insertDocument', { collectionName: 'c', data: [ej({ _id: 'new' })], transactionId: tx });
    expect(await db.get('c', 'a', tx)).toEqual({ _id: 'a', n: 2 });
    expect(await db.get('c', 'b', tx)).toBeUndefined();
    expect(await db.get('c', 'a')).toEqual({ _id: 'a', n: 1 });
    expect(await db.get('c', 'b')).toEqual({ _id: 'b', n: 1 });
    expect((await db.find('c', { n: 1 })).map((d) => d._id)).toEqual(['a', 'b']);
    expect((await db.call('database.calculateDocument', { collectionName: 'c', query: ej({}), transactionId: tx })).data.total).toBe(2);
    expect(await db.call('database.abortTransaction', { transactionId: tx })).toEqual({ data: {} });
    expect(await db.get('c', 'a')).toEqual({ _id: 'a', n: 1 });
    expect(await db.get('c', 'new')).toBeUndefined();
    // Operations on an ended transaction conflict (the SDK retries runTransaction on that code).
    expect((await db.get('c', 'a', tx).catch((e) => e)).message).toMatch(/DATABASE_TRANSACTION_CONFLICT/);
  });

  test('serialised read-modify-write: the second transaction waits and sees the first one’s commit', async () => {
    const db = await testDb(collections);
    await db.insert('c', { _id: 'x', n: 0 });
    const t1 = (await db.call('database.startTransaction', {})).transactionId;
    const t2 = (await db.call('database.startTransaction', {})).transactionId;
    const r1 = await db.get('c', 'x', t1);
    const r2p = db.get('c', 'x', t2);
    await db.update('c', 'x', { $set: { n: (r1!.n as number) + 1 } }, t1);
    await db.call('database.commitTransaction', { transactionId: t1 });
    const r2 = await r2p;
    expect(r2!.n).toBe(1);
    await db.update('c', 'x', { $set: { n: (r2!.n as number) + 1 } }, t2);
    await db.call('database.commitTransaction', { transactionId: t2 });
    expect((await db.get('c', 'x'))!.n).toBe(2);
  });

  test('a lock wait without progress aborts the waiting transaction and frees its locks', async () => {
    const db = await testDb(collections, { lockTimeoutMs: 50 });
    await db.insert('c', { _id: 'x', n: 0 }, { _id: 'y', n: 0 });
    const t1 = (await db.call('database.startTransaction', {})).transactionId;
    const t2 = (await db.call('database.startTransaction', {})).transactionId;
    await db.get('c', 'x', t1);
    await db.get('c', 'y', t2);
    const r = await db.call('database.getDocument', { collectionName: 'c', queryType: 'DOC', query: ej({ _id: 'x' }), transactionId: t2 });
    expect(r.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    // t2 was aborted, so y is free for t1.
    expect(await db.get('c', 'y', t1)).toEqual({ _id: 'y', n: 0 });
    expect((await db.call('database.commitTransaction', { transactionId: t2 })).code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect((await db.call('database.commitTransaction', { transactionId: t1 })).data).toEqual({});
  });

  test('a transaction left open too long is aborted and its writes dropped', async () => {
    const db = await testDb(collections, { transactionTimeoutMs: 30 });
    await db.insert('c', { _id: 'x', n: 0 });
    const tx = (await db.call('database.startTransaction', {})).transactionId;
    await db.update('c', 'x', { $set: { n: 5 } }, tx);
    await new Promise((r) => setTimeout(r, 80));
    expect((await db.call('database.commitTransaction', { transactionId: tx })).message).toMatch(/aborted: open longer than 30 ms/);
    expect((await db.get('c', 'x'))!.n).toBe(0);
    // Its lock is gone: a plain write goes through.
    expect((await db.update('c', 'x', { $set: { n: 1 } })).data).toEqual({ updated: 1 });
  });

  test('startTransaction answers transactionId at the top level, where the SDK reads it', async () => {
    const db = await testDb(collections);
    const r = await db.call('database.startTransaction', {});
    expect(r.transactionId).toMatch(/^[0-9a-f]{32}$/);
  });
});
