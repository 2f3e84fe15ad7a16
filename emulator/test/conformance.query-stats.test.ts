// What each query cost, readable by tests and the bench: documents examined and returned, per query and per
// collection, through the engine (`database.stats()`) and the admin API (`database.emulatorStats`).
import type { CollectionConfig } from '../src/database';
import type { Emulator } from '../src/server';
import { serverSdk, startTestEmulator } from './support';

const collections: CollectionConfig[] = [{ name: 'people', indexes: [{ name: 'city', keys: [{ field: 'city', direction: 1 }] }] }];

let emu: Emulator;
let db: any;

beforeAll(async () => {
  emu = await startTestEmulator({ collections, functionsDir: null, strict: false });
  db = serverSdk(emu).database();
  await db.collection('people').add({ data: Array.from({ length: 60 }, (_x, i) => ({ _id: `p${i}`, city: `c${i % 6}`, n: i })) });
});

afterAll(async () => {
  await emu.stop();
});

async function adminStats(body: object): Promise<any> {
  const res = await fetch(emu.adminUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'database.emulatorStats', ...body }) });
  return ((await res.json()) as { data: unknown }).data;
}

test('each query reports what it examined and returned: an index reads only its candidates, a scan reads all', async () => {
  emu.database.resetStats();
  await db.collection('people').where({ city: 'c1' }).get();
  await db.collection('people').where({ n: db.command.gte(50) }).get();
  await db.collection('people').doc('p3').get();
  await db.collection('people').where({ city: 'c2' }).count();
  await db.collection('people').where({ city: 'c4', n: db.command.lt(10) }).update({ data: { seen: true } });
  const { recent, collections: totals } = emu.database.stats('people');
  expect(recent.map((r) => [r.operation, r.examined, r.returned])).toEqual([
    ['get', 10, 10],
    ['get', 60, 10],
    ['get', 1, 1],
    ['count', 10, 10],
    ['update', 10, 1],
  ]);
  expect(recent[0].query).toBe('{"city":"c1"}');
  expect(totals.people).toEqual({ queries: 5, examined: 91, returned: 32 });
});

test('the admin API answers the same report, for one collection or all, and can reset it', async () => {
  emu.database.resetStats();
  await db.collection('people').where({ city: 'c5' }).get();
  const report = await adminStats({ collectionName: 'people', reset: true });
  expect(report.collections.people).toEqual({ queries: 1, examined: 10, returned: 10 });
  expect(report.recent).toEqual([{ collection: 'people', operation: 'get', query: '{"city":"c5"}', shape: '{city:?}', examined: 10, returned: 10 }]);
  expect(report.shapes).toEqual({ 'people get {city:?}': { collection: 'people', operation: 'get', queries: 1, examined: 10, returned: 10, worstRatio: 1 } });
  expect((await adminStats({})).recent).toEqual([]);
});

test('the client route cannot ask for it', async () => {
  const res = await fetch(`${emu.baseUrl}/client/database`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': 'someone' },
    body: JSON.stringify({ action: 'emulatorStats', collection: 'people' }),
  });
  expect(((await res.json()) as { code: string }).code).toBe('INVALID_PARAM');
});
