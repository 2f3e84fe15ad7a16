// Conformance of the emulator's database with CloudBase, through the stock wx-server-sdk: every query and update
// document below is exactly what production receives.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator, type Emulator } from '../src/server';
import type { CollectionConfig } from '../src/database';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cloud = require('wx-server-sdk');

const collections: CollectionConfig[] = [
  {
    name: 'items',
    indexes: [
      { name: 'cat_score', keys: [{ field: 'cat', direction: 1 }, { field: 'score', direction: -1 }] },
      { name: 'tags', keys: [{ field: 'tags', direction: 1 }] },
    ],
  },
  { name: 'users', indexes: [{ name: 'openid_unique', unique: true, keys: [{ field: 'openid', direction: 1 }] }] },
  { name: 'places', indexes: [{ name: 'loc_geo', keys: [{ field: 'loc', direction: '2dsphere' }] }, { name: 'kind', keys: [{ field: 'kind', direction: 1 }] }] },
  { name: 'counters', indexes: [] },
  { name: 'orders', indexes: [{ name: 'item', keys: [{ field: 'itemId', direction: 1 }] }] },
];

// Known places: Fuzhou (Gulou), Fuzhou West Lake, Beijing (Tiananmen).
const FUZHOU = [119.296494, 26.074508] as const;
const WEST_LAKE = [119.283, 26.0963] as const;
const BEIJING = [116.397128, 39.916527] as const;
const R = 6378100;
/** Spherical law of cosines: an independent formula for the expected distances. */
function expectedDistance(a: readonly number[], b: readonly number[]): number {
  const r = Math.PI / 180;
  const c = Math.sin(a[1] * r) * Math.sin(b[1] * r) + Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.cos((b[0] - a[0]) * r);
  return R * Math.acos(Math.min(1, c));
}

let emu: Emulator;
let db: any;
let _: any;
let $: any;

async function fails(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}

let seq = 0;
/** A fresh undeclared collection (never strict) for tests that need free-form queries. */
async function freshCollection(): Promise<any> {
  const name = `free_${++seq}`;
  await db.createCollection(name);
  return db.collection(name);
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, dataDir: null, strict: true, collections, functionsDir: null });
  cloud.init({ env: 'test-env', serviceUrl: emu.adminUrl, secretId: 'local', secretKey: 'local' });
  db = cloud.database();
  _ = db.command;
  $ = db.command.aggregate;
});

afterAll(async () => {
  await emu.stop();
});

describe('add and get', () => {
  test('add returns a 32-hex id and get finds the document with its types intact', async () => {
    const c = await freshCollection();
    const when = new Date('2024-05-01T08:00:00Z');
    const res = await c.add({ data: { name: '张三', n: 3, f: 1.5, big: 2 ** 40, when, nested: { a: [1, { b: 2 }] }, nil: null } });
    expect(res._id).toMatch(/^[0-9a-f]{32}$/);
    const { data } = await c.doc(res._id).get();
    expect(data).toEqual({ _id: res._id, name: '张三', n: 3, f: 1.5, big: 2 ** 40, when, nested: { a: [1, { b: 2 }] }, nil: null });
    expect(data.when).toBeInstanceOf(Date);
  });

  test('add keeps a given _id and refuses a second document with it', async () => {
    const c = await freshCollection();
    await c.add({ data: { _id: 'fixed', v: 1 } });
    const err = await fails(c.add({ data: { _id: 'fixed', v: 2 } }));
    expect(err.errCode).toBe(-502001);
    expect(String(err.errMsg)).toMatch(/E11000 duplicate key error collection: .* index: _id_ dup key: \{ _id: "fixed" \}/);
    expect((await c.doc('fixed').get()).data.v).toBe(1);
  });

  test('where/orderBy/skip/limit/field', async () => {
    const c = await freshCollection();
    for (let i = 0; i < 10; i++) await c.add({ data: { _id: `d${i}`, i, even: i % 2 === 0, secret: 'x', grp: i < 5 ? 'a' : 'b' } });
    const res = await c.where({ even: true }).orderBy('i', 'desc').skip(1).limit(2).field({ i: true }).get();
    expect(res.data).toEqual([
      { _id: 'd6', i: 6 },
      { _id: 'd4', i: 4 },
    ]);
    const two = await c.orderBy('grp', 'desc').orderBy('i', 'asc').limit(3).get();
    expect(two.data.map((d: any) => d.i)).toEqual([5, 6, 7]);
    const excl = await c.where({ i: 1 }).field({ secret: false }).get();
    expect(excl.data).toEqual([{ _id: 'd1', i: 1, even: false, grp: 'a' }]);
  });

  test('get returns at most 100, by default and whatever limit() asks for', async () => {
    const c = await freshCollection();
    await c.add({ data: Array.from({ length: 150 }, (_x, i) => ({ i })) });
    expect((await c.get()).data).toHaveLength(100);
    expect((await c.limit(120).get()).data).toHaveLength(100);
    expect((await c.limit(1000).get()).data).toHaveLength(100);
    expect((await c.skip(100).limit(100).get()).data).toHaveLength(50);
    expect(await c.count()).toMatchObject({ total: 150 });
  });

  test('a missing document: doc().get() fails, where() finds nothing', async () => {
    const c = await freshCollection();
    const err = await fails(c.doc('nope').get());
    expect(String(err.errMsg ?? err.message)).toMatch(/does not exist/);
    expect((await c.where({ _id: 'nope' }).get()).data).toEqual([]);
  });

  test('a missing collection fails with -502005 and a CloudBase message', async () => {
    const err = await fails(db.collection('no_such_collection').where({ a: 1 }).get());
    expect(err.errCode).toBe(-502005);
    expect(String(err.errMsg)).toContain('Db or Table not exist: no_such_collection');
    const err2 = await fails(db.collection('no_such_collection').add({ data: { a: 1 } }));
    expect(err2.errCode).toBe(-502005);
  });

  test('createCollection twice fails the second time', async () => {
    await db.createCollection('twice');
    await db.collection('twice').add({ data: { _id: 'kept' } });
    const err = await fails(db.createCollection('twice'));
    expect(String(err.errMsg ?? err.message)).toContain('Table exist: twice');
    expect((await db.collection('twice').doc('kept').get()).data._id).toBe('kept');
  });
});

describe('query operators', () => {
  let c: any;
  beforeAll(async () => {
    c = await freshCollection();
    await c.add({
      data: [
        { _id: 'a', n: 1, s: 'apple', tags: ['x', 'y'], arr: [{ k: 1 }, { k: 5 }], sz: [1, 2], o: { p: 1 }, d: new Date('2024-01-01T00:00:00Z') },
        { _id: 'b', n: 2, s: 'Banana', tags: ['y'], arr: [{ k: 2 }], sz: [1], o: { p: 2 }, d: new Date('2024-06-01T00:00:00Z'), opt: true },
        { _id: 'c', n: 3, s: 'cherry', tags: [], arr: [], sz: [1, 2, 3], o: { p: 3 } },
        { _id: 'd', n: 4, s: 'apricot', tags: ['x', 'y', 'z'], arr: [{ k: 9 }], sz: [4, 5], opt: null },
      ],
    });
  });
  const ids = async (q: any): Promise<string[]> => (await c.where(q).orderBy('_id', 'asc').get()).data.map((d: any) => d._id);

  test('comparison', async () => {
    expect(await ids({ n: _.gt(2) })).toEqual(['c', 'd']);
    expect(await ids({ n: _.gte(2).and(_.lt(4)) })).toEqual(['b', 'c']);
    expect(await ids({ n: _.lte(1) })).toEqual(['a']);
    expect(await ids({ n: _.eq(3) })).toEqual(['c']);
    expect(await ids({ n: _.neq(3) })).toEqual(['a', 'b', 'd']);
    expect(await ids({ n: _.in([1, 4, 9]) })).toEqual(['a', 'd']);
    expect(await ids({ n: _.nin([1, 4]) })).toEqual(['b', 'c']);
    expect(await ids({ d: _.gt(new Date('2024-03-01T00:00:00Z')) })).toEqual(['b']);
    expect(await ids({ 'o.p': _.gte(2) })).toEqual(['b', 'c']);
    expect(await ids({ o: { p: 1 } })).toEqual(['a']);
  });

  test('logic', async () => {
    expect(await ids(_.or([{ n: 1 }, { s: 'cherry' }]))).toEqual(['a', 'c']);
    expect(await ids(_.and([{ n: _.gt(1) }, { tags: 'y' }]))).toEqual(['b', 'd']);
    expect(await ids({ n: _.eq(1).or(_.gt(3)) })).toEqual(['a', 'd']);
  });

  test('element and array', async () => {
    expect(await ids({ opt: _.exists(true) })).toEqual(['b', 'd']);
    expect(await ids({ opt: _.exists(false) })).toEqual(['a', 'c']);
    expect(await ids({ tags: 'x' })).toEqual(['a', 'd']);
    expect(await ids({ tags: _.all(['x', 'y']) })).toEqual(['a', 'd']);
    expect(await ids({ tags: _.size(0) })).toEqual(['c']);
    expect(await ids({ sz: _.size(2) })).toEqual(['a', 'd']);
    expect(await ids({ arr: _.elemMatch({ k: _.gt(4) }) })).toEqual(['a', 'd']);
  });

  test('regular expressions (db.RegExp and a JS RegExp)', async () => {
    expect(await ids({ s: db.RegExp({ regexp: '^ap', options: '' }) })).toEqual(['a', 'd']);
    expect(await ids({ s: db.RegExp({ regexp: '^b', options: 'i' }) })).toEqual(['b']);
    expect(await ids({ s: /RRY$/i })).toEqual(['c']);
  });

  test('count honours the query', async () => {
    expect((await c.where({ tags: 'y' }).count()).total).toBe(3);
  });
});

describe('update, set and remove', () => {
  test('where().update applies to every match and reports the count; nested paths merge', async () => {
    const c = await freshCollection();
    await c.add({ data: [{ _id: '1', g: 'a', o: { x: 1, y: 1 } }, { _id: '2', g: 'a', o: { x: 1, y: 1 } }, { _id: '3', g: 'b', o: { x: 1, y: 1 } }] });
    const r = await c.where({ g: 'a' }).update({ data: { o: { y: 2 }, 'o.z': 3, done: true } });
    expect(r.stats.updated).toBe(2);
    expect((await c.doc('1').get()).data).toEqual({ _id: '1', g: 'a', o: { x: 1, y: 2, z: 3 }, done: true });
    expect((await c.doc('3').get()).data).toEqual({ _id: '3', g: 'b', o: { x: 1, y: 1 } });
  });

  test('an update that changes nothing reports updated 0', async () => {
    const c = await freshCollection();
    await c.add({ data: { _id: 'u', v: 1 } });
    expect((await c.doc('u').update({ data: { v: 1 } })).stats.updated).toBe(0);
    expect((await c.doc('u').update({ data: { v: 2 } })).stats.updated).toBe(1);
    expect((await c.doc('missing').update({ data: { v: 2 } })).stats.updated).toBe(0);
    expect((await c.doc('missing').get().catch(() => null))).toBeNull();
  });

  test('doc().set replaces the whole document and upserts a missing one', async () => {
    const c = await freshCollection();
    await c.add({ data: { _id: 's', a: 1, b: 2 } });
    const r1 = await c.doc('s').set({ data: { c: 3 } });
    expect(r1.stats.updated).toBe(1);
    expect((await c.doc('s').get()).data).toEqual({ _id: 's', c: 3 });
    const r2 = await c.doc('new').set({ data: { z: 1 } });
    expect(r2.stats.updated).toBe(0);
    expect(r2._id).toBe('new');
    expect((await c.doc('new').get()).data).toEqual({ _id: 'new', z: 1 });
  });

  test('every update operator', async () => {
    const c = await freshCollection();
    await c.add({
      data: { _id: 'x', n: 5, m: 3, lo: 10, hi: 10, old: 'v', gone: 1, arr: [1, 2], pl: [1, 2, 3, 4], pa: [1, 2, 1, 3], set: [1], pop: [1, 2, 3], sh: [1, 2, 3], un: [2], o: { a: 1 } },
    });
    await c.doc('x').update({
      data: {
        n: _.inc(2),
        m: _.mul(4),
        lo: _.min(3),
        hi: _.max(30),
        old: _.rename('renamed'),
        gone: _.remove(),
        arr: _.push([3, 4]),
        pl: _.pull(_.gt(2)),
        pa: _.pullAll([1]),
        set: _.addToSet(1),
        pop: _.pop(),
        sh: _.shift(),
        un: _.unshift([0, 1]),
        o: _.set({ b: 2 }),
      },
    });
    const { data } = await c.doc('x').get();
    expect(data).toEqual({ _id: 'x', n: 7, m: 12, lo: 3, hi: 30, renamed: 'v', arr: [1, 2, 3, 4], pl: [1, 2], pa: [2, 3], set: [1], pop: [1, 2], sh: [2, 3], un: [0, 1, 2], o: { b: 2 } });
    await c.doc('x').update({ data: { set: _.addToSet({ each: [1, 2, 3] }), arr: _.push({ each: [0], position: 0 }), pl: _.pull(1) } });
    const after = (await c.doc('x').get()).data;
    expect(after.set).toEqual([1, 2, 3]);
    expect(after.arr).toEqual([0, 1, 2, 3, 4]);
    expect(after.pl).toEqual([2]);
  });

  test('serverDate is the server clock (+offset) on add and update', async () => {
    const c = await freshCollection();
    const before = Date.now();
    const { _id } = await c.add({ data: { at: db.serverDate() } });
    await c.doc(_id).update({ data: { later: db.serverDate({ offset: 60000 }) } });
    const after = Date.now();
    const { data } = await c.doc(_id).get();
    expect(data.at).toBeInstanceOf(Date);
    expect(data.at.getTime()).toBeGreaterThanOrEqual(before);
    expect(data.at.getTime()).toBeLessThanOrEqual(after);
    expect(data.later.getTime()).toBeGreaterThanOrEqual(before + 60000);
    expect(data.later.getTime()).toBeLessThanOrEqual(after + 60000);
  });

  test('remove by doc and by where', async () => {
    const c = await freshCollection();
    await c.add({ data: [{ _id: 'r1', k: 1 }, { _id: 'r2', k: 1 }, { _id: 'r3', k: 2 }] });
    expect((await c.doc('r3').remove()).stats.removed).toBe(1);
    expect((await c.where({ k: 1 }).remove()).stats.removed).toBe(2);
    expect((await c.count()).total).toBe(0);
  });
});

describe('indexes and strict mode', () => {
  test('a unique index rejects a duplicate on add, update and set, with E11000', async () => {
    const users = db.collection('users');
    await users.add({ data: { _id: 'u1', openid: 'o-1' } });
    await users.add({ data: { _id: 'u2', openid: 'o-2' } });
    const err = await fails(users.add({ data: { openid: 'o-1' } }));
    expect(err.errCode).toBe(-502001);
    expect(String(err.errMsg)).toContain('E11000 duplicate key error collection: users index: openid_unique dup key: { openid: "o-1" }');
    const err2 = await fails(users.doc('u2').update({ data: { openid: 'o-1' } }));
    expect(String(err2.errMsg)).toMatch(/E11000|duplicate key/);
    const err3 = await fails(users.doc('u3').set({ data: { openid: 'o-2' } }));
    expect(String(err3.errMsg)).toMatch(/E11000/);
    expect((await users.where({ openid: 'o-1' }).count()).total).toBe(1);
    expect((await users.doc('u2').get()).data.openid).toBe('o-2');
  });

  test('a missing unique field counts as null: the second document without it is a duplicate', async () => {
    const users = db.collection('users');
    await users.add({ data: { _id: 'nofield1' } });
    const err = await fails(users.add({ data: { _id: 'nofield2' } }));
    expect(String(err.errMsg)).toContain('dup key: { openid: null }');
  });

  test('strict mode refuses an unindexed query on a declared collection', async () => {
    const items = db.collection('items');
    await items.add({ data: { cat: 'book', score: 5, title: 't' } });
    const err = await fails(items.where({ title: 't' }).get());
    expect(err.errCode).toBe(-502001);
    expect(String(err.errMsg)).toContain('[emulator strict] query not supported by any declared index on items');
    const err2 = await fails(items.where({ score: 5 }).count()); // second field only: not a prefix
    expect(String(err2.errMsg)).toContain('[emulator strict]');
    const err3 = await fails(items.where({ title: 't' }).update({ data: { x: 1 } }));
    expect(String(err3.errMsg)).toContain('[emulator strict]');
    const err4 = await fails(items.aggregate().match({ title: 't' }).end());
    expect(String(err4.errMsg)).toContain('[emulator strict]');
  });

  test('strict mode accepts indexed queries: prefix equality, range, $in, _id, $or of indexed branches', async () => {
    const items = db.collection('items');
    await items.add({ data: [{ _id: 'i1', cat: 'toy', score: 1, tags: ['a'] }, { _id: 'i2', cat: 'toy', score: 7, tags: ['b'] }, { _id: 'i3', cat: 'food', score: 3 }] });
    expect((await items.where({ cat: 'toy' }).orderBy('score', 'desc').get()).data.map((d: any) => d._id)).toEqual(['i2', 'i1']);
    expect((await items.where({ cat: 'toy', score: _.gt(2) }).get()).data.map((d: any) => d._id)).toEqual(['i2']);
    expect((await items.where({ cat: _.in(['food']), title: _.exists(false) }).count()).total).toBe(1);
    expect((await items.where({ _id: _.in(['i1', 'i3']) }).count()).total).toBe(2);
    expect((await items.where(_.or([{ cat: 'food' }, { tags: 'b' }])).count()).total).toBe(2);
    expect((await items.doc('i1').get()).data.cat).toBe('toy');
    expect(emu.database.explain('items', { cat: 'toy', score: { $gt: 2 } })).toEqual({ indexed: true, index: 'cat_score' });
    expect(emu.database.explain('items', { title: 't' }).indexed).toBe(false);
  });
});

describe('geo', () => {
  beforeAll(async () => {
    const places = db.collection('places');
    await places.add({
      data: [
        { _id: 'fuzhou', kind: 'city', loc: db.Geo.Point(FUZHOU[0], FUZHOU[1]) },
        { _id: 'westlake', kind: 'park', loc: db.Geo.Point(WEST_LAKE[0], WEST_LAKE[1]) },
        { _id: 'beijing', kind: 'city', loc: db.Geo.Point(BEIJING[0], BEIJING[1]) },
      ],
    });
  });

  test('aggregate geoNear computes metre distances, nearest first, and honours maxDistance and query', async () => {
    const res = await db
      .collection('places')
      .aggregate()
      .geoNear({ distanceField: 'dist', spherical: true, near: db.Geo.Point(FUZHOU[0], FUZHOU[1]), key: 'loc' })
      .end();
    expect(res.list.map((d: any) => d._id)).toEqual(['fuzhou', 'westlake', 'beijing']);
    expect(res.list[0].dist).toBe(0);
    expect(res.list[1].dist).toBeCloseTo(expectedDistance(FUZHOU, WEST_LAKE), 3);
    expect(res.list[2].dist).toBeCloseTo(expectedDistance(FUZHOU, BEIJING), 1);
    expect(res.list[2].dist).toBeGreaterThan(1_550_000);
    expect(res.list[2].dist).toBeLessThan(1_570_000);
    expect(res.list[1].loc).toEqual({ type: 'Point', coordinates: [WEST_LAKE[0], WEST_LAKE[1]] });

    const near = await db
      .collection('places')
      .aggregate()
      .geoNear({ distanceField: 'd', spherical: true, near: db.Geo.Point(FUZHOU[0], FUZHOU[1]), maxDistance: 10000, query: { kind: 'park' } })
      .project({ _id: 1, d: 1 })
      .end();
    expect(near.list).toHaveLength(1);
    expect(near.list[0]._id).toBe('westlake');
  });

  test('geoNear on a collection without a 2dsphere index fails', async () => {
    const err = await fails(db.collection('counters').aggregate().geoNear({ distanceField: 'd', spherical: true, near: db.Geo.Point(1, 2) }).end());
    expect(String(err.errMsg)).toMatch(/2dsphere/);
  });

  test('where with _.geoNear sorts by distance and applies min/max', async () => {
    const res = await db
      .collection('places')
      .where({ loc: _.geoNear({ geometry: db.Geo.Point(BEIJING[0], BEIJING[1]), maxDistance: 2_000_000, minDistance: 1 }) })
      .get();
    expect(res.data.map((d: any) => d._id)).toEqual(['westlake', 'fuzhou']);
  });

  test('geoWithin polygon and centerSphere, geoIntersects', async () => {
    const places = db.collection('places');
    const { Point, LineString, Polygon } = db.Geo;
    const box = Polygon([LineString([Point(119, 25.5), Point(120, 25.5), Point(120, 26.5), Point(119, 26.5), Point(119, 25.5)])]);
    const inBox = await places.where({ loc: _.geoWithin({ geometry: box }) }).orderBy('_id', 'asc').get();
    expect(inBox.data.map((d: any) => d._id)).toEqual(['fuzhou', 'westlake']);
    // 2 km around Gulou: Gulou only (West Lake is ~2.7 km away).
    const circle = await places.where({ loc: _.geoWithin({ centerSphere: [[FUZHOU[0], FUZHOU[1]], 2 / 6378.1] }) }).get();
    expect(circle.data.map((d: any) => d._id)).toEqual(['fuzhou']);
    const hit = await places.where({ loc: _.geoIntersects({ geometry: Point(BEIJING[0], BEIJING[1]) }) }).get();
    expect(hit.data.map((d: any) => d._id)).toEqual(['beijing']);
  });
});

describe('aggregate', () => {
  test('match, group, sort, project, unwind, addFields, skip, limit, count', async () => {
    const c = await freshCollection();
    await c.add({
      data: [
        { g: 'a', v: 1, t: ['x', 'y'] },
        { g: 'a', v: 2, t: ['x'] },
        { g: 'b', v: 5, t: [] },
        { g: 'c', v: 7, t: ['z'] },
      ],
    });
    const grouped = await c.aggregate().match({ v: _.gt(0) }).group({ _id: '$g', total: $.sum('$v'), n: $.sum(1) }).sort({ total: -1 }).end();
    expect(grouped.list).toEqual([
      { _id: 'c', total: 7, n: 1 },
      { _id: 'b', total: 5, n: 1 },
      { _id: 'a', total: 3, n: 2 },
    ]);
    const unwound = await c.aggregate().unwind('$t').project({ _id: 0, t: 1 }).sort({ t: 1 }).end();
    expect(unwound.list).toEqual([{ t: 'x' }, { t: 'x' }, { t: 'y' }, { t: 'z' }]);
    const added = await c.aggregate().addFields({ w: $.multiply(['$v', 10]) }).sort({ v: 1 }).skip(1).limit(2).project({ _id: 0, w: 1 }).end();
    expect(added.list).toEqual([{ w: 20 }, { w: 50 }]);
    const counted = await c.aggregate().match({ g: 'a' }).count('n').end();
    expect(counted.list).toEqual([{ n: 2 }]);
  });

  test('lookup joins another collection of the emulator', async () => {
    const items = db.collection('items');
    await items.add({ data: { _id: 'lk1', cat: 'lookup', score: 1, title: 'pen' } });
    await db.collection('orders').add({ data: [{ _id: 'o1', itemId: 'lk1', qty: 2 }, { _id: 'o2', itemId: 'lk1', qty: 3 }] });
    const res = await db.collection('orders').aggregate().match({ itemId: 'lk1' }).lookup({ from: 'items', localField: 'itemId', foreignField: '_id', as: 'item' }).sort({ _id: 1 }).end();
    expect(res.list.map((o: any) => [o._id, o.item[0].title])).toEqual([
      ['o1', 'pen'],
      ['o2', 'pen'],
    ]);
  });
});

describe('transactions', () => {
  test('runTransaction commits its writes together', async () => {
    const c = db.collection('counters');
    await c.add({ data: { _id: 'acct-a', n: 10 } });
    await c.add({ data: { _id: 'acct-b', n: 0 } });
    const out = await db.runTransaction(async (t: any) => {
      const a = await t.collection('counters').doc('acct-a').get();
      await t.collection('counters').doc('acct-a').update({ data: { n: a.data.n - 4 } });
      await t.collection('counters').doc('acct-b').update({ data: { n: _.inc(4) } });
      await t.collection('counters').doc('acct-c').set({ data: { n: 1 } });
      return 'done';
    });
    expect(out).toBe('done');
    expect((await c.doc('acct-a').get()).data.n).toBe(6);
    expect((await c.doc('acct-b').get()).data.n).toBe(4);
    expect((await c.doc('acct-c').get()).data.n).toBe(1);
  });

  test('an error thrown in runTransaction rolls everything back', async () => {
    const c = db.collection('counters');
    await c.add({ data: { _id: 'rb1', n: 1 } });
    const err = await fails(
      db.runTransaction(async (t: any) => {
        await t.collection('counters').doc('rb1').update({ data: { n: 99 } });
        await t.collection('counters').add({ data: { _id: 'rb-new', n: 1 } });
        await t.collection('counters').doc('rb1').get();
        throw new Error('boom');
      }),
    );
    expect(err.message).toBe('boom');
    expect((await c.doc('rb1').get()).data.n).toBe(1);
    expect((await c.where({ _id: 'rb-new' }).get()).data).toEqual([]);
  });

  test('t.rollback(reason) rolls back and runTransaction rejects with the reason', async () => {
    const c = db.collection('counters');
    await c.add({ data: { _id: 'rb2', n: 1 } });
    const err = await fails(
      db.runTransaction(async (t: any) => {
        await t.collection('counters').doc('rb2').remove();
        await t.rollback('changed my mind');
      }),
    );
    expect(err).toBe('changed my mind');
    expect((await c.doc('rb2').get()).data.n).toBe(1);
  });

  test('startTransaction: uncommitted writes are invisible outside, then commit / rollback', async () => {
    const c = db.collection('counters');
    await c.add({ data: { _id: 'st1', n: 1 } });
    const t = await db.startTransaction();
    await t.collection('counters').doc('st1').update({ data: { n: 2 } });
    expect((await t.collection('counters').doc('st1').get()).data.n).toBe(2);
    expect((await c.doc('st1').get()).data.n).toBe(1);
    await t.commit();
    expect((await c.doc('st1').get()).data.n).toBe(2);

    const t2 = await db.startTransaction();
    await t2.collection('counters').doc('st1').update({ data: { n: 3 } });
    await t2.collection('counters').doc('st2').set({ data: { n: 3 } });
    await t2.rollback();
    expect((await c.doc('st1').get()).data.n).toBe(2);
    expect((await c.where({ _id: 'st2' }).get()).data).toEqual([]);
  });

  test('a non-transactional write waits for the transaction holding the document', async () => {
    const c = db.collection('counters');
    await c.add({ data: { _id: 'w1', n: 1 } });
    const t = await db.startTransaction();
    await t.collection('counters').doc('w1').update({ data: { n: _.inc(1) } });
    const outside = c.doc('w1').update({ data: { n: _.inc(10) } });
    await new Promise((r) => setTimeout(r, 50));
    expect((await c.doc('w1').get()).data.n).toBe(1); // neither applied yet
    await t.commit();
    await outside;
    expect((await c.doc('w1').get()).data.n).toBe(12);
  });

  test('a unique violation inside a transaction fails that operation with E11000 and the transaction rolls back', async () => {
    const users = db.collection('users');
    await users.add({ data: { _id: 'tx-u1', openid: 'tx-o1' } });
    const err = await fails(
      db.runTransaction(async (t: any) => {
        await t.collection('users').doc('tx-u2').set({ data: { openid: 'tx-o2' } });
        await t.collection('users').doc('tx-u3').set({ data: { openid: 'tx-o1' } });
      }),
    );
    expect(String(err.errMsg ?? err.message)).toMatch(/E11000 duplicate key error collection: users index: openid_unique/);
    expect((await users.where({ openid: 'tx-o2' }).get()).data).toEqual([]);
  });
});

describe('persistence', () => {
  test('data survives a stop and restart on the same dataDir', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-conf-'));
    try {
      const first = await startEmulator({ port: 0, dataDir: dir, strict: true, collections, functionsDir: null });
      cloud.init({ env: 'test-env', serviceUrl: first.adminUrl, secretId: 'local', secretKey: 'local' });
      const d1 = cloud.database();
      await d1.collection('users').add({ data: { _id: 'p1', openid: 'persist', at: new Date(1700000000000) } });
      await d1.createCollection('made_at_runtime');
      await d1.collection('made_at_runtime').add({ data: { _id: 'm1', v: 1.25 } });
      await d1.runTransaction(async (t: any) => {
        await t.collection('users').doc('p1').update({ data: { n: 1 } });
      });
      await first.stop();

      const second = await startEmulator({ port: 0, dataDir: dir, strict: true, collections, functionsDir: null });
      cloud.init({ env: 'test-env', serviceUrl: second.adminUrl, secretId: 'local', secretKey: 'local' });
      const d2 = cloud.database();
      expect((await d2.collection('users').doc('p1').get()).data).toEqual({ _id: 'p1', openid: 'persist', at: new Date(1700000000000), n: 1 });
      expect((await d2.collection('made_at_runtime').doc('m1').get()).data.v).toBe(1.25);
      // The unique index is rebuilt from stored data.
      const err = await fails(d2.collection('users').add({ data: { openid: 'persist' } }));
      expect(String(err.errMsg)).toMatch(/E11000/);
      await second.stop();
    } finally {
      cloud.init({ env: 'test-env', serviceUrl: emu.adminUrl, secretId: 'local', secretKey: 'local' });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
