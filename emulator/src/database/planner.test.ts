import { Collection } from './collection';
import type { CollectionConfig } from './index';
import { testDb } from './test-support';

const config: CollectionConfig = {
  name: 'p',
  indexes: [
    { name: 'cat_score', keys: [{ field: 'cat', direction: 1 }, { field: 'score', direction: -1 }] },
    { name: 'email', unique: true, keys: [{ field: 'email', direction: 1 }] },
    { name: 'loc', keys: [{ field: 'loc', direction: '2dsphere' }] },
    { name: 'tags', keys: [{ field: 'tags', direction: 1 }] },
  ],
};

function filled(): Collection {
  const c = new Collection('p', config);
  for (let i = 0; i < 1000; i++) {
    c.put({ _id: `id${i}`, cat: `c${i % 10}`, score: i, email: `u${i}@x`, tags: [`t${i % 7}`, 'all'], loc: { type: 'Point', coordinates: [i / 100, 0] } });
  }
  return c;
}

describe('planner', () => {
  const c = filled();
  const candidates = (q: Record<string, unknown>): Set<string> | null => {
    const p = c.plan(q);
    return p.candidates ? p.candidates() : null;
  };

  test('_id equality and $in use the primary key and touch only those documents', () => {
    expect(c.plan({ _id: 'id5' })).toMatchObject({ indexed: true, index: '_id_' });
    expect(candidates({ _id: 'id5' })).toEqual(new Set(['id5']));
    expect(candidates({ _id: { $in: ['id1', 'id2', 'nope'] } })).toEqual(new Set(['id1', 'id2']));
  });

  test('an index prefix with equality, $in and ranges narrows the candidates', () => {
    expect(c.plan({ cat: 'c3' }).index).toBe('cat_score');
    expect(candidates({ cat: 'c3' })!.size).toBe(100);
    expect(candidates({ cat: 'c3', score: { $gte: 900 } })!.size).toBe(10);
    expect(candidates({ cat: 'c3', score: { $gt: 3, $lt: 23 } })).toEqual(new Set(['id13']));
    expect(candidates({ cat: { $in: ['c1', 'c2'] }, score: { $lt: 20 } })).toEqual(new Set(['id1', 'id2', 'id11', 'id12']));
    expect(candidates({ $and: [{ cat: 'c3' }, { score: 3 }] })).toEqual(new Set(['id3']));
  });

  test('a unique index is preferred and multikey values are found by element', () => {
    expect(c.plan({ email: 'u7@x', cat: 'c7' }).index).toBe('email');
    expect(candidates({ tags: 't3' })!.size).toBe(Math.ceil((1000 - 3) / 7));
  });

  test('a query on a non-leading field, $ne, $exists or a regex is not supported', () => {
    for (const q of [{ score: 5 }, { cat: { $ne: 'c1' } }, { cat: { $exists: true } }, { cat: /c1/ }, { other: 1 }, {}]) {
      const p = c.plan(q);
      expect(p.indexed).toBe(false);
      expect(p.reason).toBeTruthy();
    }
  });

  test('$or is supported when every branch is', () => {
    expect(c.plan({ $or: [{ cat: 'c1' }, { email: 'u2@x' }] })).toMatchObject({ indexed: true, index: 'cat_score|email' });
    expect(candidates({ $or: [{ _id: 'id1' }, { email: 'u2@x' }] })).toEqual(new Set(['id1', 'id2']));
    expect(c.plan({ $or: [{ cat: 'c1' }, { score: 2 }] }).indexed).toBe(false);
  });

  test('geo operators need a 2dsphere index on their field', () => {
    expect(c.plan({ loc: { $nearSphere: { $geometry: { type: 'Point', coordinates: [0, 0] } } } })).toMatchObject({ indexed: true, index: 'loc' });
    expect(c.plan({ other: { $geoWithin: { $centerSphere: [[0, 0], 1] } } }).indexed).toBe(false);
  });

  test('an empty query sorted by an index’s first field counts as an index scan', () => {
    expect(c.plan({}, { cat: 1 })).toMatchObject({ indexed: true, index: 'cat_score' });
    expect(c.plan({}, { score: 1 }).indexed).toBe(false);
  });

  test('candidates stay correct after updates and deletes', () => {
    const d = new Collection('p', config);
    d.put({ _id: 'a', cat: 'x', score: 1 });
    d.put({ _id: 'a', cat: 'y', score: 1 });
    expect(d.plan({ cat: 'x' }).candidates!()).toEqual(new Set());
    expect(d.plan({ cat: 'y' }).candidates!()).toEqual(new Set(['a']));
    d.delete('a');
    expect(d.plan({ cat: 'y' }).candidates!()).toEqual(new Set());
  });
});

describe('explain and strict mode through the service', () => {
  test('explain names the index; strict refuses only declared collections', async () => {
    const db = await testDb([config]);
    expect(db.service.explain('p', { cat: 'a', score: { $lt: 3 } })).toEqual({ indexed: true, index: 'cat_score' });
    expect(db.service.explain('p', { score: 3 })).toMatchObject({ indexed: false });
    expect(db.service.explain('nope', {})).toMatchObject({ indexed: false });
    const refused = await db.call('database.getDocument', { collectionName: 'p', queryType: 'WHERE', query: '{"score":{"$numberInt":"3"}}' });
    expect(refused.code).toBe('DATABASE_REQUEST_FAILED');
    expect(refused.message).toMatch(/^\[emulator strict\] query not supported by any declared index on p: \{"score":3\}/);
    await db.call('database.addCollection', { collectionName: 'free' });
    const free = await db.call('database.getDocument', { collectionName: 'free', queryType: 'WHERE', query: '{"score":{"$numberInt":"3"}}' });
    expect(free.data.list).toEqual([]);
    await db.service.close();
  });

  test('10,000 documents and 1,000 indexed lookups give the right answers', async () => {
    const db = await testDb([config]);
    const docs = Array.from({ length: 10000 }, (_x, i) => ({ _id: `d${i}`, cat: `c${i % 100}`, score: i, email: `e${i}` }));
    for (let i = 0; i < docs.length; i += 500) {
      const r = await db.insert('p', ...docs.slice(i, i + 500));
      expect(r.data.insertedIds).toHaveLength(500);
    }
    for (let i = 0; i < 1000; i++) {
      const n = (i * 7919) % 10000;
      const found = await db.find('p', { email: `e${n}` });
      expect(found.map((d) => d._id)).toEqual([`d${n}`]);
    }
    expect((await db.find('p', { cat: 'c42' }, { limit: 1000 })).length).toBe(100);
    await db.service.close();
  });
});
