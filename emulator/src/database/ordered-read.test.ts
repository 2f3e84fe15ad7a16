// A limited query read through an index in order stops once it has its results (as MongoDB's index scan does):
// the same answers as reading and sorting every document, and examined stays near returned.
import fc from 'fast-check';
import type { CollectionConfig } from './index';
import { ej, testDb, type TestDb } from './test-support';

const indexes: CollectionConfig['indexes'] = [
  { name: 'org_status_since_id', keys: [{ field: 'org', direction: 1 }, { field: 'status', direction: 1 }, { field: 'since', direction: 1 }, { field: '_id', direction: 1 }] },
  { name: 'status_keys_created', keys: [{ field: 'status', direction: 1 }, { field: 'keys', direction: 1 }, { field: 'created', direction: -1 }] },
  { name: 'status_created', keys: [{ field: 'status', direction: 1 }, { field: 'created', direction: 1 }] },
];

interface Row {
  _id: string;
  org: string;
  status: string;
  since: Date;
  created: number;
  keys: string[];
}

function rows(n: number, seed: number): Row[] {
  return Array.from({ length: n }, (_, i) => ({
    _id: `m${String((i * 7919 + seed) % 100_000).padStart(5, '0')}`,
    org: `o${i % 3}`,
    status: i % 4 === 0 ? 'pending' : 'active',
    // Few distinct values, so sort ties are common and must fall as a full sort lets them fall.
    since: new Date(1_700_000_000_000 + ((i * 31 + seed) % 17) * 1000),
    created: (i * 13 + seed) % 11,
    keys: [`k${i % 5}`, `k${(i + seed) % 7}`, 'all'],
  }));
}

async function pair(data: Row[]): Promise<{ indexed: TestDb; plain: TestDb }> {
  const indexed = await testDb([{ name: 'r', indexes }]);
  const plain = await testDb([{ name: 'r', indexes: [] }], { strict: false });
  for (const db of [indexed, plain]) await db.insert('r', ...(data as unknown as Record<string, unknown>[]));
  return { indexed, plain };
}

const read = (db: TestDb, query: Record<string, unknown>, order: Record<string, 1 | -1> | undefined, skip: number, limit: number) =>
  db.find('r', query, { ...(order ? { order: Object.entries(order).map(([field, d]) => ({ field, direction: d === 1 ? 'asc' : 'desc' })) } : {}), offset: skip, limit });

function lastStats(db: TestDb): { examined: number; returned: number } {
  const recent = db.service.stats('r').recent;
  return recent[recent.length - 1];
}

describe('reading a limited query through an index in order', () => {
  test('a page in (since, _id) order examines what it answers, and its cursor queries do too', async () => {
    const { indexed, plain } = await pair(rows(600, 1));
    const page = await read(indexed, { org: 'o1', status: 'active' }, { since: 1, _id: 1 }, 0, 20);
    expect(page).toEqual(await read(plain, { org: 'o1', status: 'active' }, { since: 1, _id: 1 }, 0, 20));
    expect(page).toHaveLength(20);
    // The sort ends with _id, so no two entries tie on it: the read stops at the 20th, though many share its `since`.
    const tied = (await read(plain, { org: 'o1', status: 'active' }, { since: 1, _id: 1 }, 0, 1000)).filter((r) => (r.since as Date).getTime() === (page[19].since as Date).getTime());
    expect(tied.length).toBeGreaterThan(1);
    await read(indexed, { org: 'o1', status: 'active' }, { since: 1, _id: 1 }, 0, 20);
    expect(lastStats(indexed).examined).toBe(20);
    // Sorted by `since` alone, the run tied with the 20th is finished, nothing more.
    const bySince = await read(indexed, { org: 'o1', status: 'active' }, { since: 1 }, 0, 20);
    // Ties on `since` fall in index order here and in insertion order there; the values come alike.
    const sinceOf = (rs: Record<string, unknown>[]) => rs.map((r) => (r.since as Date).getTime());
    expect(sinceOf(bySince)).toEqual(sinceOf(await read(plain, { org: 'o1', status: 'active' }, { since: 1 }, 0, 20)));
    expect(lastStats(indexed).examined).toBeLessThanOrEqual(20 + tied.length);
    const last = page[19];
    const after = { org: 'o1', status: 'active', since: { $gt: last.since } };
    expect(await read(indexed, after, { since: 1, _id: 1 }, 0, 20)).toEqual(await read(plain, after, { since: 1, _id: 1 }, 0, 20));
    const ties = { org: 'o1', status: 'active', since: last.since, _id: { $gt: last._id } };
    const tiePage = await read(indexed, ties, { _id: 1 }, 0, 20);
    expect(tiePage).toEqual(await read(plain, ties, { _id: 1 }, 0, 20));
    expect(lastStats(indexed).examined).toBe(tiePage.length);
  });

  test('a multikey field in the prefix counts each document once and keeps the order', async () => {
    const { indexed, plain } = await pair(rows(500, 2));
    const query = { status: 'active', keys: 'all' };
    const newest = await read(indexed, query, { created: -1 }, 0, 50);
    // Ties on `created` fall in index order here and in insertion order there; the values come alike.
    expect(newest.map((r) => r.created)).toEqual((await read(plain, query, { created: -1 }, 0, 50)).map((r) => r.created));
    expect(new Set(newest.map((r) => r._id)).size).toBe(50);
    const { examined } = lastStats(indexed);
    expect(examined).toBeLessThan(2 * 50);
  });

  test('a sort the index does not give (directions neither as declared nor all reversed) reads every candidate', async () => {
    const { indexed, plain } = await pair(rows(300, 3));
    const query = { org: 'o2', status: 'active' };
    const mixed = await read(indexed, query, { since: 1, _id: -1 }, 0, 5);
    expect(mixed).toEqual(await read(plain, query, { since: 1, _id: -1 }, 0, 5));
    expect(lastStats(indexed).examined).toBe((await read(plain, query, undefined, 0, 1000)).length);
  });

  test('without a sort, a limited query stops after its matches in index order, as the full read answers', async () => {
    const { indexed } = await pair(rows(400, 4));
    const first = await read(indexed, { status: 'active', keys: 'k3' }, undefined, 0, 10);
    expect(lastStats(indexed)).toMatchObject({ examined: 10, returned: 10 });
    const all = await read(indexed, { status: 'active', keys: 'k3' }, undefined, 0, 1000);
    expect(first).toEqual(all.slice(0, 10));
  });

  test('any query, order, skip and limit answers as reading every document does', async () => {
    const { indexed, plain } = await pair(rows(240, 5));
    const queries = fc.oneof(
      fc.record({ org: fc.constantFrom('o0', 'o1', 'o2'), status: fc.constantFrom('active', 'pending') }),
      fc.record({ status: fc.constantFrom('active', 'pending'), keys: fc.constantFrom('k0', 'k4', 'k6', 'all') }),
      fc.record({ status: fc.constantFrom('active', 'pending'), created: fc.record({ $gte: fc.integer({ min: 0, max: 10 }) }) }),
      fc.record({ status: fc.constantFrom('active'), keys: fc.constantFrom('all'), created: fc.record({ $lt: fc.integer({ min: 0, max: 11 }) }) }),
    );
    const orders = fc.constantFrom<Record<string, 1 | -1> | undefined>(undefined, { since: 1, _id: 1 }, { since: -1, _id: -1 }, { created: -1 }, { created: 1 }, { created: 1, _id: 1 });
    await fc.assert(
      fc.asyncProperty(queries, orders, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 40 }), async (query, order, skip, limit) => {
        const got = await read(indexed, query as Record<string, unknown>, order, skip, limit);
        const want = await read(plain, query as Record<string, unknown>, order, skip, limit);
        if (order && '_id' in order) expect(got).toEqual(want);
        // Among documents equal in every sort field, and without an order at all, which come first depends on the
        // index read (in CloudBase too): the sort values still come as a full sort gives them.
        else if (order) expect(got.map((r) => Object.keys(order).map((f) => r[f]))).toEqual(want.map((r) => Object.keys(order).map((f) => r[f])));
        else expect(got.length).toBe(want.length);
      }),
      { numRuns: 150 },
    );
  });
});

describe('an $in before the order, and an index declared with mixed directions', () => {
  const mixed: CollectionConfig['indexes'] = [
    { name: 'org_since_id', keys: [{ field: 'org', direction: 1 }, { field: 'since', direction: 1 }, { field: '_id', direction: 1 }] },
    { name: 'status_sinceDesc_id', keys: [{ field: 'status', direction: 1 }, { field: 'since', direction: -1 }, { field: '_id', direction: 1 }] },
  ];
  async function mixedPair(data: Row[]): Promise<{ indexed: TestDb; plain: TestDb }> {
    const indexed = await testDb([{ name: 'r', indexes: mixed }]);
    const plain = await testDb([{ name: 'r', indexes: [] }], { strict: false });
    for (const db of [indexed, plain]) await db.insert('r', ...(data as unknown as Record<string, unknown>[]));
    return { indexed, plain };
  }

  test('org $in [o0, o2] by (since, _id): one walk per org merged in order, stopping at the limit (explode for sort)', async () => {
    const { indexed, plain } = await mixedPair(rows(600, 6));
    const query = { org: { $in: ['o0', 'o2'] } };
    const page = await read(indexed, query, { since: 1, _id: 1 }, 0, 25);
    expect(page).toEqual(await read(plain, query, { since: 1, _id: 1 }, 0, 25));
    expect(lastStats(indexed)).toMatchObject({ examined: 25, returned: 25 });
    // Reversed: the walks run backwards and merge descending.
    expect(await read(indexed, query, { since: -1, _id: -1 }, 0, 25)).toEqual(await read(plain, query, { since: -1, _id: -1 }, 0, 25));
  });

  test('since desc, _id asc on (since -1, _id 1): the answer of a full sort, ties on since finished', async () => {
    const { indexed, plain } = await mixedPair(rows(600, 7));
    for (const [skip, limit] of [[0, 20], [13, 7], [40, 60]]) {
      expect(await read(indexed, { status: 'active' }, { since: -1, _id: 1 }, skip, limit)).toEqual(await read(plain, { status: 'active' }, { since: -1, _id: 1 }, skip, limit));
    }
  });

  test('any $in, order, skip and limit answers as reading every document does', async () => {
    const { indexed, plain } = await mixedPair(rows(300, 8));
    const queries = fc.oneof(
      fc.record({ org: fc.record({ $in: fc.subarray(['o0', 'o1', 'o2', 'o9'], { minLength: 1 }) }) }),
      fc.record({ org: fc.record({ $in: fc.subarray(['o0', 'o1', 'o2'], { minLength: 1 }) }), status: fc.constantFrom('active', 'pending') }),
      fc.record({ status: fc.constantFrom('active', 'pending') }),
    );
    const orders = fc.constantFrom<Record<string, 1 | -1>>({ since: 1, _id: 1 }, { since: -1, _id: -1 }, { since: -1, _id: 1 });
    await fc.assert(
      fc.asyncProperty(queries, orders, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 40 }), async (query, order, skip, limit) => {
        expect(await read(indexed, query as Record<string, unknown>, order, skip, limit)).toEqual(await read(plain, query as Record<string, unknown>, order, skip, limit));
      }),
      { numRuns: 120 },
    );
  });
});

describe('inserting many documents at once', () => {
  const config: CollectionConfig = {
    name: 'b',
    indexes: [
      { name: 'email_unique', unique: true, keys: [{ field: 'email', direction: 1 }] },
      { name: 'tags_n', keys: [{ field: 'tags', direction: 1 }, { field: 'n', direction: 1 }] },
    ],
  };
  const docs = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ _id: `b${from + i}`, email: `u${from + i}@x`, n: from + i, tags: ['all', `t${(from + i) % 3}`] }));

  test('a unique clash anywhere in the batch refuses all of it; a clean batch is found through every index', async () => {
    const db = await testDb([config]);
    const clash = [...docs(0, 99), { _id: 'b-dup', email: 'u70@x', n: 1000, tags: ['all'] }];
    expect((await db.insert('b', ...clash)).message).toMatch(/E11000/);
    expect(await db.find('b', { tags: 'all' }, { limit: 1000 })).toHaveLength(0);
    expect((await db.insert('b', ...docs(0, 200))).code).toBeUndefined();
    expect((await db.insert('b', ...docs(200, 100))).code).toBeUndefined();
    const t1 = await db.find('b', { tags: 't1' }, { order: [{ field: 'n', direction: 'desc' }], limit: 5 });
    expect(t1.map((d) => d.n)).toEqual([298, 295, 292, 289, 286]);
    expect((await db.insert('b', { _id: 'b-late', email: 'u5@x', n: 1, tags: [] })).message).toMatch(/E11000/);
    const count = await db.call('database.calculateDocument', { collectionName: 'b', query: ej({ tags: 'all' }) });
    expect(count.data.total).toBe(300);
  });
});
