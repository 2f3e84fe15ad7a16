import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EJSON } from 'bson';
import fc from 'fast-check';
import { handle } from './actions';
import { idKey } from './codec';
import { Collection } from './collection';
import { Engine } from './engine';
import { EARTH_RADIUS_M, distanceMeters, type LngLat } from './geo';
import { capBoxes, type Box } from './geogrid';
import type { CollectionConfig } from './index';
import { Journal } from './journal';
import { ej, testDb, unej, type TestDb } from './test-support';

const config: CollectionConfig = {
  name: 'g',
  indexes: [
    { name: 'loc', keys: [{ field: 'loc', direction: '2dsphere' }] },
    { name: 'kind', keys: [{ field: 'kind', direction: 1 }] },
    { name: 'code', unique: true, keys: [{ field: 'code', direction: 1 }] },
  ],
};

type Doc = Record<string, unknown>;
const point = (p: LngLat) => ({ type: 'Point', coordinates: [p[0], p[1]] });
const FUZHOU: LngLat = [119.296494, 26.074508];

// ---- an independent brute force: what the results must be ----

/** The points a stored value offers to $nearSphere / $geoNear (GeoJSON Point, [lng, lat], or a list of those). */
function pointsOf(v: unknown): LngLat[] {
  const one = (x: unknown): LngLat | null => {
    if (Array.isArray(x) && typeof x[0] === 'number' && typeof x[1] === 'number') return [x[0], x[1]];
    const o = x as { type?: string; coordinates?: unknown } | null;
    return o && typeof o === 'object' && o.type === 'Point' ? one(o.coordinates) : null;
  };
  const p = one(v);
  if (p) return [p];
  return Array.isArray(v) ? v.map(one).filter((x): x is LngLat => x !== null) : [];
}

interface NearSpec {
  center: LngLat;
  max?: number;
  min?: number;
  filter?: (d: Doc) => boolean;
}

/** `where({loc: $nearSphere})` without an order: matches in insertion order, stably sorted by first-point distance. */
function bruteNear(docs: Doc[], s: NearSpec, skip: number, limit: number): unknown[] {
  return docs
    .filter((d) => !s.filter || s.filter(d))
    .filter((d) => pointsOf(d.loc).some((p) => distanceMeters(s.center, p) <= (s.max ?? Infinity) && distanceMeters(s.center, p) >= (s.min ?? -Infinity)))
    .map((d) => ({ id: d._id, key: distanceMeters(s.center, pointsOf(d.loc)[0]) }))
    .sort((a, b) => a.key - b.key)
    .slice(skip, skip + limit)
    .map((x) => x.id);
}

/** `$geoNear`: first point only, within [min, max], nearest first, then limit. */
function bruteGeoNear(docs: Doc[], s: NearSpec, limit: number): [unknown, number][] {
  return docs
    .filter((d) => !s.filter || s.filter(d))
    .flatMap((d): [unknown, number][] => {
      const p = pointsOf(d.loc)[0];
      const dist = p ? distanceMeters(s.center, p) : NaN;
      return p && dist <= (s.max ?? Infinity) && dist >= (s.min ?? 0) ? [[d._id, dist]] : [];
    })
    .sort((a, b) => a[1] - b[1])
    .slice(0, limit);
}

// ---- calling the service ----

async function ids(db: TestDb, coll: string, query: Doc, extra: Doc = { limit: 1000 }): Promise<unknown[]> {
  return (await db.find(coll, query, extra)).map((d) => d._id);
}

async function aggregate(db: TestDb, coll: string, stages: Doc[]): Promise<Doc[]> {
  const r = await db.call('database.aggregateDocuments', {
    collectionName: coll,
    stages: stages.map((s) => {
      const [key] = Object.keys(s);
      return { stageKey: key, stageValue: EJSON.stringify(s[key], { relaxed: false }) };
    }),
  });
  if (r.code) throw new Error(`${r.code}: ${r.message}`);
  return (r.data.list as string[]).map(unej);
}

async function count(db: TestDb, coll: string, query: Doc): Promise<number> {
  const r = await db.call('database.calculateDocument', { collectionName: coll, query: ej(query) });
  if (r.code) throw new Error(`${r.code}: ${r.message}`);
  return r.data.total;
}

/** Documents examined by `f` on the indexed collection. */
async function examinedBy<T>(db: TestDb, f: () => Promise<T>): Promise<{ result: T; examined: number }> {
  const before = db.service.examined('g');
  const result = await f();
  return { result, examined: db.service.examined('g') - before };
}

/** The declared collection `g` and an undeclared twin `free` (no index: full scans) holding the same documents. */
async function twinDb(docs: Doc[]): Promise<TestDb> {
  const db = await testDb([{ ...config, indexes: config.indexes.filter((ix) => !ix.unique) }]);
  await db.call('database.addCollection', { collectionName: 'free' });
  for (let i = 0; i < docs.length; i += 500) {
    for (const coll of ['g', 'free']) {
      const r = await db.insert(coll, ...docs.slice(i, i + 500));
      if (r.code) throw new Error(`${r.code}: ${r.message}`);
    }
  }
  return db;
}

// ---- bounds ----

const inBoxes = (boxes: Box[], [lng, lat]: LngLat): boolean => boxes.some((b) => lat >= b.south && lat <= b.north && lng >= b.west && lng <= b.east);

/** Uniform on [min, max] (fc.double favours tiny magnitudes, which would keep most points at 0°). */
const uniform = (min: number, max: number): fc.Arbitrary<number> => fc.integer({ min: 0, max: 2 ** 30 }).map((i) => min + ((max - min) * i) / 2 ** 30);
const latArb = fc.oneof(uniform(-90, 90), uniform(88, 90), uniform(-90, -88), fc.constantFrom(90, -90, 0));
const lngArb = fc.oneof(uniform(-180, 180), uniform(178, 180), uniform(-180, -178), fc.constantFrom(180, -180));
const pointArb = fc.tuple(lngArb, latArb) as fc.Arbitrary<LngLat>;
/** Metres, log-uniform from 1 m to beyond half the circumference. */
const radiusArb = uniform(0, Math.log(25_000_000)).map(Math.exp);

/** The point `metres` from `c` along the initial bearing `bearing` (degrees), on the sphere. */
function destination(c: LngLat, bearing: number, metres: number): LngLat {
  const r = Math.PI / 180;
  const d = metres / EARTH_RADIUS_M;
  const [l1, p1] = [c[0] * r, c[1] * r];
  const p2 = Math.asin(Math.min(1, Math.max(-1, Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(bearing * r))));
  const l2 = l1 + Math.atan2(Math.sin(bearing * r) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
  return [((((l2 / r + 180) % 360) + 360) % 360) - 180, p2 / r];
}

const bearingArb = fc.oneof(uniform(0, 360), fc.constantFrom(0, 90, 180, 270));
/** A fraction of a distance, often right at the edge. */
const fractionArb = fc.oneof(uniform(0, 1), uniform(0.999, 1), fc.constant(1));

describe('capBoxes', () => {
  test('every point within the radius lies in the boxes (poles, antimeridian, huge radii)', () => {
    fc.assert(
      fc.property(pointArb, radiusArb, bearingArb, fractionArb, fc.boolean(), pointArb, (c, r, bearing, t, close, far) => {
        const p = close ? destination(c, bearing, t * r) : far;
        const boxes = capBoxes(c, r);
        if (boxes === null) return true; // a full read
        return distanceMeters(c, p) > r || inBoxes(boxes, p);
      }),
      { numRuns: 20000 },
    );
  });

  test('a sweep of cap edges: every bearing from many centres and radii', () => {
    for (const lat of [-89.9, -75, -45, 0, 30, 60, 80, 89.99]) {
      for (const lng of [-179.99, -60, 0, 179.99]) {
        for (const r of [10, 1000, 100_000, 1_000_000, 3_000_000, 8_000_000, 15_000_000]) {
          const boxes = capBoxes([lng, lat], r);
          if (boxes === null) continue;
          for (let bearing = 0; bearing < 360; bearing += 1) {
            for (const t of [1, 0.999]) {
              const p = destination([lng, lat], bearing, t * r);
              if (distanceMeters([lng, lat], p) <= r && !inBoxes(boxes, p)) throw new Error(`${[lng, lat]} r=${r} bearing=${bearing}: ${p} outside`);
            }
          }
        }
      }
    }
  });

  test('a cap across the antimeridian is split in two; one holding a pole takes every longitude', () => {
    const split = capBoxes([179.99, 0], 10_000)!;
    expect(split).toHaveLength(2);
    expect(inBoxes(split, [-179.99, 0])).toBe(true);
    expect(capBoxes([0, 89.99], 10_000)).toEqual([expect.objectContaining({ west: -180, east: 180 })]);
    expect(capBoxes([0, 0], Math.PI * EARTH_RADIUS_M)).toBeNull();
    expect(capBoxes([0, 0], -1)).toEqual([]);
  });
});

// ---- the grid kept in step ----

describe('grid maintenance', () => {
  const filed = (c: Collection): Set<string> => c.grid('loc')!.ids();
  const withValue = (c: Collection): Set<string> => new Set([...c.docs].filter(([, d]) => d.loc !== undefined && d.loc !== null).map(([k]) => k));
  const cellIds = (c: Collection, p: LngLat): Set<string> => c.grid('loc')!.within(capBoxes(p, 1)!);

  test('insert, replace, delete; non-points are kept in "other" and always read', () => {
    const c = new Collection('g', config);
    c.put({ _id: 'a', loc: point([10, 10]) });
    c.put({ _id: 'b', loc: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } });
    c.put({ _id: 'c', loc: [200, 10] }); // out of range: "other"
    c.put({ _id: 'd' });
    c.put({ _id: 'e', loc: [point([1, 1]), point([50, 50])] }); // multikey: filed in both cells
    expect(filed(c)).toEqual(withValue(c));
    expect(cellIds(c, [10, 10])).toEqual(new Set(['a', 'b', 'c'].map(idKey)));
    expect(cellIds(c, [50, 50]).size).toBe(3);
    c.put({ _id: 'a', loc: point([-100, -45]) }); // moved
    expect(cellIds(c, [10, 10]).size).toBe(2);
    expect(cellIds(c, [-100, -45]).size).toBe(3);
    c.put({ _id: 'b', loc: point([-100, -45]) }); // from "other" into a cell
    c.delete('e');
    c.delete('c');
    expect(filed(c)).toEqual(withValue(c));
    expect(cellIds(c, [-100, -45]).size).toBe(2);
    expect(cellIds(c, [50, 50]).size).toBe(0);
  });

  describe('through the engine: writes, transactions, undo and journal replay', () => {
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'geogrid-'))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const open = (): Engine => {
      const engine = new Engine({ dataDir: dir, strict: true, collections: [config] }, new Journal(dir));
      engine.load();
      return engine;
    };
    const inStep = (engine: Engine): void => {
      const c = engine.collection('g');
      expect(c.grid('loc')!.ids()).toEqual(withValue(c));
    };
    const call = async (engine: Engine, action: string, params: Doc): Promise<Record<string, any>> => {
      const r = (await handle(engine, action, { collectionName: 'g', ...params })) as Record<string, any>;
      return r;
    };
    const within = async (engine: Engine, p: LngLat, metres: number): Promise<unknown[]> => {
      const q = { loc: { $geoWithin: { $centerSphere: [[p[0], p[1]], metres / EARTH_RADIUS_M] } } };
      const r = await call(engine, 'database.getDocument', { queryType: 'WHERE', query: ej(q), limit: 1000 });
      return (r.data.list as string[]).map((s) => unej(s)._id);
    };
    const A: LngLat = [119.3, 26.07];
    const B: LngLat = [-70.6, -33.4];

    test('the grid follows every change and survives a reopen', async () => {
      let engine = open();
      await call(engine, 'database.insertDocument', { data: [ej({ _id: 'x', code: 'x', loc: point(A) }), ej({ _id: 'y', code: 'y', loc: point(A) })] });
      inStep(engine);
      // Moved by an update, its loc removed by a replacement, deleted.
      await call(engine, 'database.modifyDocument', { queryType: 'DOC', query: ej({ _id: 'x' }), data: ej({ $set: { loc: point(B) } }), merge: true });
      await call(engine, 'database.modifyDocument', { queryType: 'DOC', query: ej({ _id: 'y' }), data: ej({ code: 'y' }), merge: false, upsert: true });
      inStep(engine);
      expect(await within(engine, A, 1000)).toEqual([]);
      expect(await within(engine, B, 1000)).toEqual(['x']);

      // A batch that fails its unique check is undone: the first document leaves the grid again.
      const dup = await call(engine, 'database.insertDocument', { data: [ej({ _id: 'z1', code: 'dup', loc: point(A) }), ej({ _id: 'z2', code: 'dup', loc: point(A) })] });
      expect(dup.message).toMatch(/E11000/);
      inStep(engine);

      // Transactions: an abort leaves no trace; a commit moves and inserts.
      const t1 = (await call(engine, 'database.startTransaction', {})).transactionId;
      await call(engine, 'database.insertDocument', { data: [ej({ _id: 't', code: 't', loc: point(A) })], transactionId: t1 });
      expect(await call(engine, 'database.abortTransaction', { transactionId: t1 })).toEqual({ data: {} });
      inStep(engine);
      const t2 = (await call(engine, 'database.startTransaction', {})).transactionId;
      await call(engine, 'database.insertDocument', { data: [ej({ _id: 'u', code: 'u', loc: point(A) })], transactionId: t2 });
      await call(engine, 'database.modifyDocument', { queryType: 'DOC', query: ej({ _id: 'x' }), data: ej({ $set: { loc: point(A) } }), merge: true, transactionId: t2 });
      await call(engine, 'database.commitTransaction', { transactionId: t2 });
      inStep(engine);
      expect(await within(engine, A, 1000)).toEqual(['x', 'u']);
      await call(engine, 'database.removeDocument', { queryType: 'DOC', query: ej({ _id: 'u' }) });
      inStep(engine);

      engine.close();
      engine = open();
      inStep(engine);
      const before = engine.examined('g');
      expect(await within(engine, A, 1000)).toEqual(['x']);
      expect(engine.examined('g') - before).toBe(1);
      expect(await within(engine, B, 1000)).toEqual([]);
      engine.close();
    });
  });
});

// ---- 10,000 points: few examined, same answers ----

/** Deterministic pseudo-random numbers in [0, 1). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('10,000 spread points', () => {
  let db: TestDb;
  const docs: Doc[] = [];
  beforeAll(async () => {
    const rnd = random(42);
    for (let i = 0; i < 10000; i++) {
      // 8,000 over the whole sphere (uniform by area), 2,000 within ~20 km of Fuzhou.
      const p: LngLat = i % 5 === 0 ? destination(FUZHOU, rnd() * 360, Math.sqrt(rnd()) * 20_000) : [rnd() * 360 - 180, (Math.asin(rnd() * 2 - 1) * 180) / Math.PI];
      docs.push({ _id: `p${i}`, kind: i % 3 === 0 ? 'a' : 'b', n: i % 10, loc: point(p) });
    }
    db = await twinDb(docs);
  }, 60000);
  afterAll(() => db.service.close());

  const both = async (query: Doc, extra: Doc = { limit: 1000 }) => {
    const { result, examined } = await examinedBy(db, () => ids(db, 'g', query, extra));
    expect(result).toEqual(await ids(db, 'free', query, extra));
    return { result, examined };
  };

  test('$nearSphere with $maxDistance, $geoWithin circle and box, $geoIntersects, count', async () => {
    const nearQ = { loc: { $nearSphere: { $geometry: point(FUZHOU), $maxDistance: 2000 } } };
    const r1 = await both(nearQ);
    expect(r1.result).toEqual(bruteNear(docs, { center: FUZHOU, max: 2000 }, 0, 1000));
    expect(r1.result.length).toBeGreaterThan(5);
    expect(r1.examined).toBeLessThan(300);

    const r2 = await both({ loc: { $geoWithin: { $centerSphere: [FUZHOU, 3 / 6378.1] } } });
    expect(r2.result.length).toBeGreaterThan(5);
    expect(r2.examined).toBeLessThan(600);

    const box = { type: 'Polygon', coordinates: [[[119.2, 26], [119.3, 26], [119.3, 26.1], [119.2, 26.1], [119.2, 26]]] };
    const r3 = await both({ loc: { $geoWithin: { $geometry: box } } });
    expect(r3.result.length).toBeGreaterThan(5);
    expect(r3.examined).toBeLessThan(1000);

    const r4 = await both({ loc: { $geoIntersects: { $geometry: docs[1].loc } } });
    expect(r4.result).toEqual(['p1']);
    expect(r4.examined).toBeLessThan(10);

    const { result: total, examined } = await examinedBy(db, () => count(db, 'g', nearQ));
    expect(total).toBe(r1.result.length);
    expect(examined).toBeLessThan(300);

    // Far from Fuzhou, 500 km around a spot in the Pacific reads a handful.
    const r5 = await both({ loc: { $nearSphere: { $geometry: point([-179.9, 10]), $maxDistance: 500_000 } } });
    expect(r5.examined).toBeLessThan(100);
  });

  test('nearest first without a bound stops once the limit is certain', async () => {
    for (const c of [FUZHOU, [-179.95, 0] as LngLat, [0, 89.99] as LngLat, [30, -60] as LngLat]) {
      const q = { loc: { $nearSphere: { $geometry: point(c) } } };
      const { result, examined } = await both(q, { limit: 20, offset: 5 });
      expect(result).toEqual(bruteNear(docs, { center: c }, 5, 20));
      expect(examined).toBeLessThan(500);
    }
  });

  test('$geoNear with maxDistance, or followed by $limit, reads a few cells', async () => {
    const withMax = await examinedBy(db, () => aggregate(db, 'g', [{ $geoNear: { near: point(FUZHOU), spherical: true, distanceField: 'd', maxDistance: 3000, query: { n: { $lt: 5 } } } }, { $limit: 1000 }]));
    const expected = bruteGeoNear(docs, { center: FUZHOU, max: 3000, filter: (d) => (d.n as number) < 5 }, Infinity);
    expect(withMax.result.map((d) => [d._id, d.d])).toEqual(expected);
    expect(expected.length).toBeGreaterThan(3);
    expect(withMax.examined).toBeLessThan(600);

    const limited = await examinedBy(db, () => aggregate(db, 'g', [{ $geoNear: { near: point([100, 45]), spherical: true, distanceField: 'd' } }, { $limit: 10 }]));
    expect(limited.result.map((d) => [d._id, d.d])).toEqual(bruteGeoNear(docs, { center: [100, 45] }, 10));
    expect(limited.examined).toBeLessThan(500);

    // No bound and no limit: every document is read, as before.
    const all = await examinedBy(db, () => aggregate(db, 'g', [{ $geoNear: { near: point([100, 45]), spherical: true, distanceField: 'd' } }, { $count: 'n' }]));
    expect(all.result).toEqual([{ n: 10000 }]);
    expect(all.examined).toBe(10000);
  });
});

// ---- property: the grid never changes a result ----

describe('property: grid-backed geo queries equal a brute-force computation', () => {
  /** A stored geo value: mostly points within about `spread` of the query centre or anywhere, some of every other shape. */
  const valueArb = (c: LngLat, spread: number) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.tuple(bearingArb, uniform(0, 1.5)).map(([b, t]) => point(destination(c, b, t * spread))) },
      { weight: 3, arbitrary: pointArb.map(point) },
      { weight: 1, arbitrary: pointArb.map((p) => [p[0], p[1]]) },
      { weight: 1, arbitrary: fc.constant(point(c)) }, // ties at distance 0
      { weight: 1, arbitrary: fc.tuple(pointArb, pointArb).map(([p, q]) => [point(p), point(q)]) },
      { weight: 1, arbitrary: fc.tuple(pointArb, pointArb).map(([p, q]) => ({ type: 'LineString', coordinates: [p, q] })) },
      { weight: 1, arbitrary: fc.constantFrom<unknown>([200, 10], [c[0] + 360, c[1]], undefined, null) },
    );

  const scenario = fc.tuple(pointArb, radiusArb).chain(([c, spread]) =>
    fc.record({
      center: fc.constant(c),
      values: fc.array(valueArb(c, spread), { maxLength: 120 }),
      radius: fc.oneof(radiusArb, uniform(0.05, 1.5).map((f) => f * spread)),
      minDistance: fc.option(radiusArb, { nil: undefined }),
      limit: fc.integer({ min: 1, max: 60 }),
      skip: fc.integer({ min: 0, max: 10 }),
      boxSize: fc.tuple(uniform(0.001, 40), uniform(0.001, 40)),
    }),
  );

  test('where($nearSphere / $geoWithin / $geoIntersects), count and $geoNear', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const docs: Doc[] = s.values.map((v, i) => ({ _id: `d${i}`, n: i % 7, ...(v === undefined ? {} : { loc: v }) }));
        const db = await twinDb(docs);
        try {
          const c = s.center;
          const page = { limit: s.limit, offset: s.skip };
          const same = async (q: Doc, extra: Doc = { limit: 1000 }): Promise<unknown[]> => {
            const got = await ids(db, 'g', q, extra);
            expect(got).toEqual(await ids(db, 'free', q, extra));
            return got;
          };
          const bounded = { $geometry: point(c), $maxDistance: s.radius, ...(s.minDistance === undefined ? {} : { $minDistance: s.minDistance }) };
          expect(await same({ loc: { $nearSphere: bounded } }, page)).toEqual(bruteNear(docs, { center: c, max: s.radius, min: s.minDistance }, s.skip, s.limit));
          expect(await count(db, 'g', { loc: { $nearSphere: bounded } })).toBe(bruteNear(docs, { center: c, max: s.radius, min: s.minDistance }, 0, Infinity).length);

          const filter = (d: Doc): boolean => (d.n as number) < 4;
          const unbounded = { n: { $lt: 4 }, loc: { $near: { $geometry: point(c), ...(s.minDistance === undefined ? {} : { $minDistance: s.minDistance }) } } };
          expect(await same(unbounded, page)).toEqual(bruteNear(docs, { center: c, min: s.minDistance, filter }, s.skip, s.limit));

          await same({ loc: { $geoWithin: { $centerSphere: [c, s.radius / EARTH_RADIUS_M] } } });
          const [w, h] = s.boxSize;
          const ring = [[c[0] - w, c[1] - h], [c[0] + w, c[1] - h], [c[0] + w, c[1] + h], [c[0] - w, c[1] + h], [c[0] - w, c[1] - h]];
          await same({ loc: { $geoWithin: { $geometry: { type: 'Polygon', coordinates: [ring] } } } });
          await same({ loc: { $geoIntersects: { $geometry: { type: 'Polygon', coordinates: [ring] } } } });
          await same({ loc: { $geoIntersects: { $geometry: docs.find((d) => (d.loc as Doc | undefined)?.type === 'Point')?.loc ?? point(c) } } });

          // $geoNear needs a geo index, so the unindexed twin cannot run it: brute force is the oracle.
          const geoNear = async (stages: Doc[]): Promise<unknown[]> => (await aggregate(db, 'g', stages)).map((d) => [d._id, d.d]);
          const spec = { near: point(c), spherical: true, distanceField: 'd', query: { n: { $lt: 4 } } };
          expect(await geoNear([{ $geoNear: { ...spec, maxDistance: s.radius } }, { $limit: 100000 }])).toEqual(bruteGeoNear(docs, { center: c, max: s.radius, filter }, Infinity));
          expect(await geoNear([{ $geoNear: { ...spec, minDistance: s.minDistance ?? 0 } }, { $limit: s.limit }])).toEqual(
            bruteGeoNear(docs, { center: c, min: s.minDistance, filter }, s.limit),
          );
        } finally {
          await db.service.close();
        }
      }),
      { numRuns: 300 },
    );
  }, 120000);
});

describe('scrolling $geoNear pages (minDistance and the ids shown there) as data grows tenfold', () => {
  let db: TestDb;
  const worlds: Record<string, Doc[]> = {};
  const loc = { name: 'loc', keys: [{ field: 'loc', direction: '2dsphere' as const }] };
  const locKind = { name: 'loc_kind', keys: [{ field: 'loc', direction: '2dsphere' as const }, { field: 'kind', direction: 1 as const }] };
  beforeAll(async () => {
    db = await testDb([
      { name: 'sparse', indexes: [loc, locKind] },
      { name: 'dense', indexes: [loc, locKind] },
      { name: 'densePlain', indexes: [loc] },
    ]);
    for (const [name, n] of [['sparse', 1000], ['dense', 10_000], ['densePlain', 10_000]] as const) {
      const rnd = random(7);
      worlds[name] = Array.from({ length: n }, (_, i) => ({ _id: `q${i}`, kind: i % 3 === 0 ? 'a' : 'b', loc: point(destination(FUZHOU, rnd() * 360, Math.sqrt(rnd()) * 20_000)) }));
      for (let i = 0; i < n; i += 500) await db.insert(name, ...worlds[name].slice(i, i + 500));
    }
  }, 60000);
  afterAll(() => db.service.close());

  /** Ten pages of ten of kind 'a', nearest first: what each page examined, checked against brute force. */
  async function scroll(coll: string): Promise<number[]> {
    const examined: number[] = [];
    const shown: [unknown, number][] = [];
    let min: number | undefined;
    let tied: unknown[] = [];
    for (let page = 0; page < 10; page++) {
      const query = { kind: 'a', ...(tied.length ? { _id: { $nin: tied } } : {}) };
      const before = db.service.examined(coll);
      const got = await aggregate(db, coll, [{ $geoNear: { near: point(FUZHOU), spherical: true, distanceField: 'd', query, ...(min !== undefined ? { minDistance: min } : {}) } }, { $limit: 10 }]);
      examined.push(db.service.examined(coll) - before);
      const rows = got.map((d) => [d._id, d.d as number] as [unknown, number]);
      shown.push(...rows);
      const last = rows[rows.length - 1]![1];
      tied = [...(last === min ? tied : []), ...rows.filter((r) => r[1] === last).map((r) => r[0])];
      min = last;
    }
    expect(shown).toEqual(bruteGeoNear(worlds[coll]!, { center: FUZHOU, filter: (d) => d.kind === 'a' }, 100));
    return examined;
  }

  test('a page reads about what it shows: never what earlier pages passed, nor more as the same area holds ten times the points', async () => {
    const sparse = await scroll('sparse');
    const dense = await scroll('dense');
    const perPage = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(perPage(dense)).toBeLessThanOrEqual(1.3 * perPage(sparse));
    // The tenth page reads no more than the first few: the ring starts at minDistance.
    expect(Math.max(...dense.slice(5))).toBeLessThan(10 * 10);
  });

  test('a compound 2dsphere index leaves the other kind unread; results are the same', async () => {
    const compound = await scroll('dense');
    const plain = await scroll('densePlain');
    // One in three is of kind 'a': the plain index reads the other two near ones too.
    expect(compound.reduce((a, b) => a + b, 0) * 2).toBeLessThan(plain.reduce((a, b) => a + b, 0));
  });
});
