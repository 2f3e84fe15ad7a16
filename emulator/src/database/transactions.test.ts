import { LockManager, Versions } from './transactions';
import { testDb, ej } from './test-support';

describe('LockManager', () => {
  test('plain writers queue in FIFO order; the lock is re-entrant; a transaction only tries', async () => {
    const locks = new LockManager(1000);
    const order: string[] = [];
    await locks.acquire('k', 'A');
    await locks.acquire('k', 'A');
    expect(locks.tryAcquire('k', 'T')).toBe(false);
    const b = locks.acquire('k', 'B').then(() => order.push('B'));
    const c = locks.acquire('k', 'C').then(() => order.push('C'));
    locks.release('k', 'A');
    await b;
    expect(locks.holder('k')).toBe('B');
    locks.release('k', 'B');
    await c;
    expect(order).toEqual(['B', 'C']);
    locks.release('k', 'C');
    expect(locks.size).toBe(0);
    expect(locks.tryAcquire('k', 'T')).toBe(true);
  });

  test('a plain writer that waits past the timeout fails with a transaction conflict and leaves the queue', async () => {
    const locks = new LockManager(30);
    expect(locks.tryAcquire('x', 'T')).toBe(true);
    const err = await locks.acquire('x', 'op').catch((e) => e);
    expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    locks.release('x', 'T');
    expect(locks.size).toBe(0);
  });
});

describe('Versions', () => {
  test('serves each snapshot the version it saw and forgets what no open snapshot needs', () => {
    const v = new Versions();
    v.record('k', 5, { _id: 'k', n: 1 });
    v.record('k', 7, { _id: 'k', n: 2 });
    expect(v.at('k', 4, { _id: 'k', n: 3 })).toEqual({ _id: 'k', n: 1 });
    expect(v.at('k', 6, { _id: 'k', n: 3 })).toEqual({ _id: 'k', n: 2 });
    expect(v.at('k', 7, { _id: 'k', n: 3 })).toEqual({ _id: 'k', n: 3 });
    expect(v.changedSince('k', 6)).toBe(true);
    expect(v.changedSince('k', 7)).toBe(false);
    v.prune(5);
    expect(v.at('k', 5, { _id: 'k', n: 3 })).toEqual({ _id: 'k', n: 2 });
    v.prune(7);
    expect(v.size).toBe(0);
    v.record('gone', 9, null);
    expect(v.at('gone', 8, undefined)).toBeUndefined();
    v.prune(undefined);
    expect(v.size).toBe(0);
  });
});

describe('transactions', () => {
  const collections = [{ name: 'c', indexes: [] }];
  const begin = async (db: Awaited<ReturnType<typeof testDb>>): Promise<string> => (await db.call('database.startTransaction', {})).transactionId;

  test('isolation: outside readers see the committed version; commit publishes, abort discards', async () => {
    const db = await testDb(collections, { strict: false });
    await db.insert('c', { _id: 'a', n: 1 }, { _id: 'b', n: 1 });
    const tx = await begin(db);
    expect(typeof tx).toBe('string');
    await db.update('c', 'a', { $inc: { n: 1 } }, tx);
    await db.call('database.removeDocument', { collectionName: 'c', queryType: 'DOC', query: ej({ _id: 'b' }), multi: false, transactionId: tx });
    await db.call('database.insertDocument', { collectionName: 'c', data: [ej({ _id: 'new' })], transactionId: tx });
    expect(await db.get('c', 'a', tx)).toEqual({ _id: 'a', n: 2 });
    expect(await db.get('c', 'b', tx)).toBeUndefined();
    expect(await db.get('c', 'a')).toEqual({ _id: 'a', n: 1 });
    expect(await db.get('c', 'b')).toEqual({ _id: 'b', n: 1 });
    expect((await db.find('c', { n: 1 })).map((d) => d._id)).toEqual(['a', 'b']);
    expect(await db.call('database.abortTransaction', { transactionId: tx })).toEqual({ data: {} });
    expect(await db.get('c', 'a')).toEqual({ _id: 'a', n: 1 });
    expect(await db.get('c', 'new')).toBeUndefined();
    // Operations on an ended transaction conflict.
    expect((await db.get('c', 'a', tx).catch((e) => e)).message).toMatch(/DATABASE_TRANSACTION_CONFLICT/);
  });

  test('snapshot reads: a transaction keeps seeing what was committed when it began, also for deleted documents', async () => {
    const db = await testDb(collections);
    await db.insert('c', { _id: 'x', n: 0 }, { _id: 'y', n: 0 });
    const t = await begin(db);
    await db.update('c', 'x', { $set: { n: 1 } });
    await db.call('database.removeDocument', { collectionName: 'c', queryType: 'DOC', query: ej({ _id: 'y' }), multi: false });
    await db.insert('c', { _id: 'z', n: 0 });
    expect(await db.get('c', 'x', t)).toEqual({ _id: 'x', n: 0 });
    expect(await db.get('c', 'y', t)).toEqual({ _id: 'y', n: 0 });
    expect(await db.get('c', 'z', t)).toBeUndefined();
    // A transaction begun now sees the new state.
    const later = await begin(db);
    expect(await db.get('c', 'x', later)).toEqual({ _id: 'x', n: 1 });
    expect(await db.get('c', 'y', later)).toBeUndefined();
  });

  test('a write to a document committed after the snapshot fails at once and aborts the transaction', async () => {
    const db = await testDb(collections);
    await db.insert('c', { _id: 'x', n: 0 });
    const t = await begin(db);
    expect(await db.get('c', 'x', t)).toEqual({ _id: 'x', n: 0 });
    await db.update('c', 'x', { $set: { n: 1 } });
    const r = await db.update('c', 'x', { $set: { n: 5 } }, t);
    expect(r.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(r.message).toMatch(/changed by a commit after this transaction started/);
    expect((await db.call('database.commitTransaction', { transactionId: t })).code).toBe('DATABASE_TRANSACTION_CONFLICT');
    // The SDK rolls back after a failure: that succeeds.
    expect(await db.call('database.abortTransaction', { transactionId: t })).toEqual({ data: {} });
    expect((await db.get('c', 'x'))!.n).toBe(1);
    // Creating a document that appeared after the snapshot conflicts too.
    const t2 = await begin(db);
    await db.insert('c', { _id: 'fresh', n: 0 });
    expect((await db.call('database.insertDocument', { collectionName: 'c', data: [ej({ _id: 'fresh' })], transactionId: t2 })).code).toBe('DATABASE_TRANSACTION_CONFLICT');
  });

  test('two transactions writing one document: the second fails at once, the first commits', async () => {
    const db = await testDb(collections);
    await db.insert('c', { _id: 'x', n: 0 });
    const t1 = await begin(db);
    const t2 = await begin(db);
    expect((await db.update('c', 'x', { $inc: { n: 1 } }, t1)).data).toEqual({ updated: 1 });
    const r = await db.set('c', 'x', { n: 9 }, t2);
    expect(r.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(r.message).toMatch(/locked by another transaction/);
    // Reads take no lock: t2 was aborted by its write, a third transaction still reads x.
    const t3 = await begin(db);
    expect(await db.get('c', 'x', t3)).toEqual({ _id: 'x', n: 0 });
    expect((await db.call('database.commitTransaction', { transactionId: t1 })).data).toEqual({});
    expect((await db.get('c', 'x'))!.n).toBe(1);
    // Two transactions inserting one _id: the second conflicts.
    const a = await begin(db);
    const b = await begin(db);
    await db.call('database.insertDocument', { collectionName: 'c', data: [ej({ _id: 'dup' })], transactionId: a });
    expect((await db.call('database.insertDocument', { collectionName: 'c', data: [ej({ _id: 'dup' })], transactionId: b })).code).toBe('DATABASE_TRANSACTION_CONFLICT');
  });

  test('a plain write waits for the transaction holding the document, then applies on the committed version', async () => {
    const db = await testDb(collections);
    await db.insert('c', { _id: 'x', n: 0 });
    const t = await begin(db);
    await db.update('c', 'x', { $inc: { n: 1 } }, t);
    let done = false;
    const plain = db.update('c', 'x', { $inc: { n: 10 } }).then((r) => {
      done = true;
      return r;
    });
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(false);
    expect((await db.get('c', 'x'))!.n).toBe(0);
    await db.call('database.commitTransaction', { transactionId: t });
    expect((await plain).data).toEqual({ updated: 1 });
    expect((await db.get('c', 'x'))!.n).toBe(11);
  });

  test('a plain write gives up after the lock timeout with a conflict', async () => {
    const db = await testDb(collections, { lockTimeoutMs: 20 });
    await db.insert('c', { _id: 'x', n: 0 });
    const t = await begin(db);
    await db.update('c', 'x', { $inc: { n: 1 } }, t);
    expect((await db.update('c', 'x', { $inc: { n: 10 } })).code).toBe('DATABASE_TRANSACTION_CONFLICT');
    await db.call('database.commitTransaction', { transactionId: t });
    expect((await db.get('c', 'x'))!.n).toBe(1);
  });

  test('where(), count() and aggregate() inside a transaction are refused', async () => {
    const db = await testDb(collections);
    await db.insert('c', { _id: 'x', n: 0 });
    const t = await begin(db);
    const base = { collectionName: 'c', transactionId: t };
    const refused = [
      await db.call('database.getDocument', { ...base, queryType: 'WHERE', query: ej({ _id: 'x' }) }),
      await db.call('database.calculateDocument', { ...base, query: ej({}) }),
      await db.call('database.modifyDocument', { ...base, queryType: 'WHERE', query: ej({ n: 0 }), data: ej({ $set: { n: 1 } }), multi: true }),
      await db.call('database.modifyAndReturnDoc', { ...base, queryType: 'WHERE', query: ej({ _id: 'x' }), data: ej({ $set: { n: 1 } }) }),
      await db.call('database.removeDocument', { ...base, queryType: 'WHERE', query: ej({ n: 0 }), multi: true }),
      await db.call('database.aggregateDocuments', { ...base, stages: [{ stageKey: '$match', stageValue: ej({}) }] }),
    ];
    for (const r of refused) {
      expect(r.code).toBe('INVALID_PARAM');
      expect(r.message).toMatch(/where\(\) and aggregate\(\) are not supported inside a transaction/);
    }
    expect((await db.call('database.commitTransaction', { transactionId: t })).data).toEqual({});
    expect((await db.get('c', 'x'))!.n).toBe(0);
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
