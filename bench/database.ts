// The database's figures for `npm run bench`: restart time against the amount of data, per-query cost with the
// documents each query examined and returned, geo reads, and read-modify-write transactions under contention.
// Figures and ratios only, never assertions.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { EJSON } from 'bson';
import { inTransaction, TransactionBusy, type Database, type Tx } from '../cloudfunctions/_shared/db/db';
import { openDatabase, type CollectionConfig, type DatabaseService } from '../emulator/src/database';
import { startEmulator, type Emulator } from '../emulator/src/server';

function sdkFor(emu: Emulator) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk') as { createNewInstance(config: object): typeof import('wx-server-sdk') };
  return sdk.createNewInstance({ env: emu.env, serviceUrl: emu.adminUrl, secretId: 'bench', secretKey: 'bench' });
}

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

/** Writes in flight at once: enough to keep the server busy, few enough for the SDK's keep-alive agent. */
const BATCH = 10;

const fmt = (ms: number): string => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : ms < 10_000 ? `${ms.toFixed(2)} ms` : `${(ms / 1000).toFixed(1)} s`);

// ---- restart time ----

/** Shaped like the product's collections: a unique look-up hash, a compound index, a geo index. */
const RESTART_COLLECTIONS: CollectionConfig[] = [
  {
    name: 'bench_volunteers',
    indexes: [
      { name: 'hash_unique', unique: true, keys: [{ field: 'credentialHash', direction: 1 }] },
      { name: 'region_created', keys: [{ field: 'regionCode', direction: 1 }, { field: 'createdAt', direction: -1 }] },
      { name: 'home', keys: [{ field: 'home', direction: '2dsphere' }] },
    ],
  },
];

function volunteer(i: number): Record<string, unknown> {
  return {
    _id: `v_${i.toString(16).padStart(8, '0')}`,
    credentialHash: `h${(i * 2654435761) % 4294967296}-${i}`,
    regionCode: `35${(i % 90).toString().padStart(4, '0')}`,
    createdAt: new Date(1_700_000_000_000 + i * 1000),
    home: { type: 'Point', coordinates: [119 + (i % 1000) / 1000, 26 + (i % 997) / 1000] },
    name: { iv: 'a'.repeat(16), data: 'b'.repeat(48) },
    skills: ['first-aid', `s${i % 13}`],
  };
}

/**
 * `docs` documents written through the service as a running emulator writes them (change sets of 500, so part
 * of the data sits in the journal, part in periodic snapshots), then the time to open the folder again.
 */
async function restartMs(docs: number): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-restart-'));
  try {
    const db = await openDatabase({ dataDir, strict: false, collections: RESTART_COLLECTIONS });
    for (let i = 0; i < docs; i += 500) {
      const data = Array.from({ length: Math.min(500, docs - i) }, (_, j) => EJSON.stringify(volunteer(i + j), { relaxed: false }));
      const r = await db.handle('database.insertDocument', { collectionName: 'bench_volunteers', data });
      if (r.code) throw new Error(String(r.message));
    }
    // A crash-like stop: no close(), so the next open replays what the last snapshot does not hold.
    const start = performance.now();
    const again = await openDatabase({ dataDir, strict: false, collections: RESTART_COLLECTIONS });
    const ms = performance.now() - start;
    const check = await again.handle('database.calculateDocument', { collectionName: 'bench_volunteers', query: EJSON.stringify({}) });
    if ((check.data as { total: number }).total !== docs) throw new Error('restart lost documents');
    await again.close();
    return ms;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function restartBench(): Promise<void> {
  // Medians of three: one restart is a few hundred milliseconds, within reach of a garbage collection's noise.
  const median = async (docs: number): Promise<number> => {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) runs.push(await restartMs(docs));
    return runs.sort((a, b) => a - b)[1];
  };
  const small = await median(10_000);
  const large = await median(100_000);
  console.log(`database: restart (median of 3) with 10,000 documents ${fmt(small)} · with 100,000 ${fmt(large)} · ratio ${(large / small).toFixed(1)}× (goal ≤ 12×)`);
}

// ---- queries ----

function costOf(service: DatabaseService, collection: string): string {
  const t = service.stats(collection).collections[collection];
  if (!t || t.queries === 0) return 'no queries';
  return `examined ${(t.examined / t.queries).toFixed(1)} / returned ${(t.returned / t.queries).toFixed(1)} per query`;
}

async function queryBench(): Promise<void> {
  const N = 20_000;
  const collections: CollectionConfig[] = [
    { name: 'bench_people', indexes: [{ name: 'city_age', keys: [{ field: 'city', direction: 1 }, { field: 'age', direction: 1 }] }] },
    { name: 'bench_places', indexes: [{ name: 'location', keys: [{ field: 'location', direction: '2dsphere' }] }] },
    { name: 'bench_places_unindexed', indexes: [] },
  ];
  const emu = await startEmulator({ port: 0, dataDir: null, strict: false, functionsDir: null, collections });
  const engine = emu.database;
  const db = sdkFor(emu).database() as Database;
  const people = db.collection('bench_people');
  const [, insertMs] = await time(async () => {
    for (let i = 0; i < N; i += BATCH) {
      await Promise.all(
        Array.from({ length: BATCH }, (_, j) => people.add({ data: { _id: `p${i + j}`, city: `c${(i + j) % 1000}`, age: (i + j) % 90, tag: `t${(i + j) % 997}` } })),
      );
    }
  });
  console.log(`database: ${N} inserts through the SDK in ${fmt(insertMs)} (${fmt(insertMs / N)} each)`);

  const lookups = 300;
  const measure = async (label: string, run: (i: number) => unknown): Promise<number> => {
    engine.resetStats();
    const [, ms] = await time(async () => {
      for (let i = 0; i < lookups; i++) await run(i);
    });
    console.log(`database: ${label} ${fmt(ms / lookups)} per query · ${costOf(engine, 'bench_people')}`);
    return ms;
  };
  await measure('doc(id).get', (i) => people.doc(`p${(i * 37) % N}`).get());
  const indexedMs = await measure('indexed where', (i) => people.where({ city: `c${i % 1000}`, age: (i % 1000) % 90 }).get());
  const scanMs = await measure('unindexed scan', (i) => people.where({ tag: `t${i % 997}` }).get());
  const [, explainMs] = await time(async () => engine.explain('bench_people', { city: 'c1' }));
  console.log(`database: an unindexed scan costs ${(scanMs / indexedMs).toFixed(1)}× an indexed query (${N} docs, over HTTP; explain: ${fmt(explainMs)})`);

  // Geo: 10,000 places, most of them around Fuzhou; "within 2 km of me" with and without the 2dsphere grid.
  const places = 10_000;
  const point = (i: number) => db.Geo.Point(119.2 + ((i * 7919) % 1000) / 2000, 26.0 + ((i * 104729) % 1000) / 2000);
  for (const name of ['bench_places', 'bench_places_unindexed']) {
    for (let i = 0; i < places; i += BATCH) {
      await Promise.all(Array.from({ length: BATCH }, (_, j) => db.collection(name).add({ data: { _id: `g${i + j}`, location: point(i + j) } })));
    }
  }
  const near = (name: string) =>
    db.collection(name).where({ location: db.command.geoNear({ geometry: db.Geo.Point(119.3, 26.08), maxDistance: 2000 }) }).limit(100).get();
  const geoQueries = 100;
  engine.resetStats();
  const [, gridMs] = await time(async () => {
    for (let i = 0; i < geoQueries; i++) await near('bench_places');
  });
  const [, geoScanMs] = await time(async () => {
    for (let i = 0; i < geoQueries; i++) await near('bench_places_unindexed');
  });
  console.log(
    `database: geo "within 2 km" over ${places} places: grid ${fmt(gridMs / geoQueries)} (${costOf(engine, 'bench_places')}) · ` +
      `full scan ${fmt(geoScanMs / geoQueries)} (${costOf(engine, 'bench_places_unindexed')}) · ${(geoScanMs / gridMs).toFixed(1)}× faster with the 2dsphere index`,
  );

  await transactionBench(db);
  await emu.stop();
}

// ---- transactions ----

/** Read-modify-write on one counter, as the product does it: through a retry like `inTransaction`. */
async function transactionBench(db: Database): Promise<void> {
  await db.createCollection('bench_counter');
  await db.collection('bench_counter').add({ data: { _id: 'n', n: 0 } });
  const concurrent = 50;
  let attempts = 0;
  let busy = 0;
  const increment = async (t: Tx): Promise<void> => {
    attempts++;
    const doc = (await t.collection('bench_counter').doc('n').get()) as { data: { n: number } };
    await t.collection('bench_counter').doc('n').update({ data: { n: doc.data.n + 1 } });
  };
  const [, txMs] = await time(() =>
    Promise.all(
      Array.from({ length: concurrent }, () =>
        inTransaction(db, increment).catch((e: unknown) => {
          if (!(e instanceof TransactionBusy)) throw e;
          busy++;
        }),
      ),
    ),
  );
  const final = ((await db.collection('bench_counter').doc('n').get()) as unknown as { data: { n: number } }).data.n;
  console.log(
    `database: ${concurrent} concurrent read-modify-write transactions through inTransaction in ${fmt(txMs)} → counter ${final}, ` +
      `${attempts - concurrent} conflicts retried, ${busy} gave up (BUSY) · ${(final / (txMs / 1000)).toFixed(0)} tx/s`,
  );
}

export async function databaseBench(): Promise<void> {
  await restartBench();
  await queryBench();
}
