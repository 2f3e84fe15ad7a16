import type { CollectionConfig } from './index';
import { testDb, ej } from './test-support';

const users: CollectionConfig = {
  name: 'users',
  indexes: [
    { name: 'openid_unique', unique: true, keys: [{ field: 'openid', direction: 1 }] },
    { name: 'org_no', unique: true, keys: [{ field: 'org', direction: 1 }, { field: 'no', direction: 1 }] },
  ],
};

describe('unique indexes', () => {
  test('insert: duplicate refused with the MongoDB message, nothing of the batch is written', async () => {
    const db = await testDb([users]);
    await db.insert('users', { _id: 'a', openid: 'o1', org: 1, no: 1 });
    const r = await db.insert('users', { _id: 'b', openid: 'o2', org: 1, no: 2 }, { _id: 'c', openid: 'o1', org: 1, no: 3 });
    expect(r).toEqual({ code: 'DATABASE_REQUEST_FAILED', message: 'E11000 duplicate key error collection: users index: openid_unique dup key: { openid: "o1" }' });
    expect(await db.get('users', 'b')).toBeUndefined();
  });

  test('compound keys collide only on the whole tuple; a missing field counts as null', async () => {
    const db = await testDb([users]);
    expect((await db.insert('users', { _id: 'a', openid: 'o1', org: 1, no: 1 })).data).toBeDefined();
    expect((await db.insert('users', { _id: 'b', openid: 'o2', org: 1, no: 2 })).data).toBeDefined();
    expect((await db.insert('users', { _id: 'c', openid: 'o3', org: 1, no: 2 })).message).toContain('index: org_no dup key: { org: 1, no: 2 }');
    expect((await db.insert('users', { _id: 'd' })).data).toBeDefined();
    expect((await db.insert('users', { _id: 'e' })).message).toContain('dup key: { openid: null }');
  });

  test('arrays are multikey: a shared element is a duplicate', async () => {
    const db = await testDb([users]);
    await db.insert('users', { _id: 'a', openid: ['x', 'y'], org: 1, no: 1 });
    expect((await db.insert('users', { _id: 'b', openid: ['y', 'z'], org: 1, no: 2 })).message).toMatch(/E11000.*openid: "y"/);
  });

  test('update, multi-update, set and upsert are checked, and a failed multi-update changes nothing', async () => {
    const db = await testDb([users]);
    await db.insert('users', { _id: 'a', openid: 'o1', org: 1, no: 1 }, { _id: 'b', openid: 'o2', org: 1, no: 2 }, { _id: 'c', openid: 'o3', org: 2, no: 1 });
    expect((await db.update('users', 'b', { $set: { openid: 'o1' } })).message).toMatch(/E11000/);
    expect((await db.set('users', 'new', { openid: 'o3' })).message).toMatch(/E11000/);
    expect(await db.get('users', 'new')).toBeUndefined();
    const multi = await db.call('database.modifyDocument', { collectionName: 'users', queryType: 'WHERE', query: ej({ org: 1 }), data: ej({ $set: { no: 7 } }), multi: true, merge: true, upsert: false });
    expect(multi.message).toContain('index: org_no dup key: { org: 1, no: 7 }');
    expect((await db.get('users', 'a'))!.no).toBe(1);
    // Swapping a unique value onto the document that already holds it is fine.
    expect((await db.update('users', 'a', { $set: { openid: 'o1', x: 1 } })).data).toEqual({ updated: 1 });
  });

  test('inside a transaction: against committed data, the transaction’s own writes, and again at commit', async () => {
    const db = await testDb([users]);
    await db.insert('users', { _id: 'a', openid: 'o1', org: 1, no: 1 });
    const t1 = (await db.call('database.startTransaction', {})).transactionId;
    expect((await db.set('users', 'b', { openid: 'o1', org: 1, no: 2 }, t1)).message).toMatch(/E11000/);
    expect((await db.set('users', 'b', { openid: 'o2', org: 1, no: 2 }, t1)).data).toBeDefined();
    expect((await db.set('users', 'c', { openid: 'o2', org: 1, no: 3 }, t1)).message).toMatch(/E11000/);
    // Freeing a value inside the transaction lets another document take it.
    expect((await db.update('users', 'a', { $set: { openid: 'o9' } }, t1)).data).toBeDefined();
    expect((await db.set('users', 'c', { openid: 'o1', org: 1, no: 3 }, t1)).data).toBeDefined();

    // Two transactions insert the same value: the second to commit fails and is aborted.
    const t2 = (await db.call('database.startTransaction', {})).transactionId;
    expect((await db.set('users', 'd', { openid: 'o5', org: 5, no: 5 }, t2)).data).toBeDefined();
    expect((await db.call('database.commitTransaction', { transactionId: t1 })).data).toBeDefined();
    await db.insert('users', { _id: 'e', openid: 'o5', org: 6, no: 6 });
    const late = await db.call('database.commitTransaction', { transactionId: t2 });
    expect(late.message).toMatch(/E11000.*openid: "o5"/);
    expect(await db.get('users', 'd')).toBeUndefined();
    expect((await db.get('users', 'c'))!.openid).toBe('o1');
  });
});
