// CloudBase's limits and document rules, through the stock wx-server-sdk and the client route: what production
// clamps is clamped, what it refuses is refused (sources in emulator/src/database/README.md, "Limits").
import type { CollectionConfig } from '../src/database';
import type { Emulator } from '../src/server';
import { serverSdk, startTestEmulator } from './support';

const collections: CollectionConfig[] = [
  { name: 'bulletin', indexes: [], rules: { read: true, write: false } },
  { name: 'spots', indexes: [{ name: 'loc', keys: [{ field: 'loc', direction: '2dsphere' }] }] },
  {
    name: 'two_geo',
    indexes: [
      { name: 'home', keys: [{ field: 'home', direction: '2dsphere' }] },
      { name: 'work', keys: [{ field: 'work', direction: '2dsphere' }] },
    ],
  },
  { name: 'plain', indexes: [] },
];

let emu: Emulator;
let db: any;

beforeAll(async () => {
  emu = await startTestEmulator({ collections, functionsDir: null, strict: false });
  db = serverSdk(emu).database();
  await db.collection('bulletin').add({ data: Array.from({ length: 30 }, (_x, i) => ({ i })) });
  await db.collection('spots').add({ data: Array.from({ length: 30 }, (_x, i) => ({ i, loc: db.Geo.Point(119 + i / 1000, 26) })) });
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

async function client(body: object): Promise<{ code?: string; message?: string; data?: { list?: string[] } }> {
  const res = await fetch(`${emu.baseUrl}/client/database`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': 'limits-reader' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { data?: { list?: string[] } };
}

describe('how many documents one read returns', () => {
  test('the client route answers at most 20, by default and whatever limit it asks for', async () => {
    for (const limit of [undefined, 0, 20, 21, 1000]) {
      const r = await client({ action: 'get', collection: 'bulletin', ...(limit === undefined ? {} : { limit }) });
      expect(r.data?.list).toHaveLength(20);
    }
    expect((await client({ action: 'get', collection: 'bulletin', limit: 5 })).data?.list).toHaveLength(5);
  });

  test('aggregate() without a limit stage returns 20; with one, what it asks for', async () => {
    expect((await db.collection('bulletin').aggregate().match({}).end()).list).toHaveLength(20);
    expect((await db.collection('bulletin').aggregate().sort({ i: 1 }).end()).list.map((d: any) => d.i)).toEqual(Array.from({ length: 20 }, (_x, i) => i));
    expect((await db.collection('bulletin').aggregate().match({}).limit(25).end()).list).toHaveLength(25);
    expect((await db.collection('bulletin').aggregate().count('n').end()).list).toEqual([{ n: 30 }]);
  });
});

describe('geoNear as CloudBase requires it', () => {
  const near = () => db.Geo.Point(119, 26);

  test('first stage, spherical: true, near and distanceField: then nearest first, 20 without a limit', async () => {
    const res = await db.collection('spots').aggregate().geoNear({ near: near(), spherical: true, distanceField: 'd' }).end();
    expect(res.list).toHaveLength(20);
    expect(res.list.map((d: any) => d.i)).toEqual(Array.from({ length: 20 }, (_x, i) => i));
  });

  test('each missing requirement is refused', async () => {
    const refused = async (stage: object, pattern: RegExp, coll = 'spots') => {
      const err = await rejection(db.collection(coll).aggregate().geoNear(stage).end());
      expect(String(err.errMsg ?? err.message)).toMatch(pattern);
    };
    await refused({ near: near(), distanceField: 'd' }, /spherical is required and must be true/);
    await refused({ near: near(), spherical: false, distanceField: 'd' }, /spherical is required and must be true/);
    await refused({ near: near(), spherical: true }, /distanceField is required/);
    await refused({ spherical: true, distanceField: 'd' }, /near must be a GeoJSON Point/);
    await refused({ near: near(), spherical: true, distanceField: 'd' }, /requires a 2dsphere index, but plain has none/, 'plain');
    await refused({ near: near(), spherical: true, distanceField: 'd' }, /more than one 2dsphere index/, 'two_geo');
    await refused({ near: near(), spherical: true, distanceField: 'd', key: 'nowhere' }, /requires a 2dsphere index on nowhere/);
    const notFirst = await rejection(db.collection('spots').aggregate().match({}).geoNear({ near: near(), spherical: true, distanceField: 'd' }).end());
    expect(String(notFirst.errMsg ?? notFirst.message)).toMatch(/only valid as the first stage/);
  });

  test('with several geo indexes, key picks one', async () => {
    await db.collection('two_geo').add({ data: { _id: 'g1', home: db.Geo.Point(1, 1), work: db.Geo.Point(2, 2) } });
    const res = await db.collection('two_geo').aggregate().geoNear({ near: db.Geo.Point(2, 2), spherical: true, distanceField: 'd', key: 'work' }).end();
    expect(res.list).toEqual([expect.objectContaining({ _id: 'g1', d: 0 })]);
  });
});

describe('document rules', () => {
  const plain = () => db.collection('plain');

  test('field names may not start with $ or contain a dot, at any depth', async () => {
    for (const data of [{ 'a.b': 1 }, { nested: { 'x.y': 1 } }, { list: [{ 'p.q': 1 }] }]) {
      const err = await rejection(plain().add({ data }));
      expect(String(err.errMsg ?? err.message)).toMatch(/must not contain \./);
    }
    const dollar = await rejection(plain().add({ data: { nested: { $where: 1 } } }));
    expect(String(dollar.errMsg ?? dollar.message)).toMatch(/must not start with \$/);
    const { _id } = await plain().add({ data: { a: { b: 1 } } });
    // A dotted path in an update is a path, not a field name…
    await plain().doc(_id).update({ data: { 'a.c': 2 } });
    expect((await plain().doc(_id).get()).data.a).toEqual({ b: 1, c: 2 });
    // …but a dotted name inside a value is refused, and so is a replacement carrying one.
    const inValue = await rejection(plain().doc(_id).update({ data: { a: db.command.set({ 'x.y': 1 }) } }));
    expect(String(inValue.errMsg ?? inValue.message)).toMatch(/must not contain \./);
    const inSet = await rejection(plain().doc(_id).set({ data: { 'k.v': 1 } }));
    expect(String(inSet.errMsg ?? inSet.message)).toMatch(/must not contain \./);
    expect((await plain().doc(_id).get()).data).toEqual({ _id, a: { b: 1, c: 2 } });
  });

  test('_id is a non-empty string or a number', async () => {
    await plain().add({ data: { _id: 42, n: 1 } });
    expect((await plain().doc(42).get()).data).toEqual({ _id: 42, n: 1 });
    for (const _id of [{ k: 1 }, [1], true, '', null]) {
      const err = await rejection(plain().add({ data: { _id, n: 1 } }));
      expect(String(err.errMsg ?? err.message)).toMatch(/_id must be a non-empty string or a number/);
    }
  });

  test('a document larger than 16 MB is refused, also when an update would grow it past the limit', async () => {
    const nine = 'x'.repeat(9 * 1024 * 1024);
    const { _id } = await plain().add({ data: { first: nine } });
    const err = await rejection(plain().doc(_id).update({ data: { second: nine } }));
    expect(String(err.errMsg ?? err.message)).toMatch(/too large: \d+ bytes \(limit 16777216\)/);
    expect(Object.keys((await plain().doc(_id).get()).data)).toEqual(['_id', 'first']);
  });

  test('a request larger than 16 MB is refused', async () => {
    const err = await rejection(plain().add({ data: { big: 'y'.repeat(17 * 1024 * 1024) } }));
    expect(String(err.errMsg ?? err.message)).toMatch(/request too large/);
    expect(await plain().where({ big: db.command.exists(true) }).count()).toMatchObject({ total: 0 });
  });
});
