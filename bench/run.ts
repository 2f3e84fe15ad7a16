// `npm run bench`: figures and ratios, never assertions. Run on the machine at hand; compare runs by their ratios.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PROJECT_ROOT } from '../emulator/src/config';
import type { CollectionConfig } from '../emulator/src/database';
import { startEmulator, type Emulator } from '../emulator/src/server';
import { shippedFiles } from '../scripts/miniprogram-npm.cjs';
import { functionsBench } from './functions';

const MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024;
// As in the tests: skip the SDK's per-request probe of the Tencent Cloud metadata host (see scripts/jest-setup-env.js).
process.env.TENCENTCLOUD = 'true';

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

const fmt = (ms: number): string => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);

async function databaseBench(): Promise<void> {
  const N = 20_000;
  const collections: CollectionConfig[] = [
    { name: 'bench_people', indexes: [{ name: 'city_age', keys: [{ field: 'city', direction: 1 }, { field: 'age', direction: 1 }] }] },
    { name: 'bench_places', indexes: [{ name: 'location', keys: [{ field: 'location', direction: '2dsphere' }] }] },
    { name: 'bench_places_unindexed', indexes: [] },
  ];
  const emu = await startEmulator({ port: 0, dataDir: null, strict: false, functionsDir: null, collections });
  const engine = emu.database;
  const db = sdkFor(emu).database();
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
  const [, byIdMs] = await time(async () => {
    for (let i = 0; i < lookups; i++) await people.doc(`p${(i * 37) % N}`).get();
  });
  const [, indexedMs] = await time(async () => {
    for (let i = 0; i < lookups; i++) await people.where({ city: `c${i % 1000}`, age: (i % 1000) % 90 }).get();
  });
  const [, scanMs] = await time(async () => {
    for (let i = 0; i < lookups; i++) await people.where({ tag: `t${i % 997}` }).get();
  });
  const [, explainMs] = await time(async () => engine.explain('bench_people', { city: 'c1' }));
  console.log(`database: doc(id).get ${fmt(byIdMs / lookups)} · indexed where ${fmt(indexedMs / lookups)} · unindexed scan ${fmt(scanMs / lookups)} (per query, ${N} docs, over HTTP)`);
  console.log(`database: an unindexed scan costs ${(scanMs / indexedMs).toFixed(1)}× an indexed query (explain: ${fmt(explainMs)})`);

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
  const examinedBefore = engine.examined('bench_places');
  const [, gridMs] = await time(async () => {
    for (let i = 0; i < geoQueries; i++) await near('bench_places');
  });
  const examined = (engine.examined('bench_places') - examinedBefore) / geoQueries;
  const [, geoScanMs] = await time(async () => {
    for (let i = 0; i < geoQueries; i++) await near('bench_places_unindexed');
  });
  console.log(
    `database: geo "within 2 km" over ${places} places: grid ${fmt(gridMs / geoQueries)} examining ${examined.toFixed(0)} docs · ` +
      `full scan ${fmt(geoScanMs / geoQueries)} · ${(geoScanMs / gridMs).toFixed(1)}× faster with the 2dsphere index`,
  );

  await db.createCollection('bench_counter');
  await db.collection('bench_counter').add({ data: { _id: 'n', n: 0 } });
  const concurrent = 50;
  const [, txMs] = await time(() =>
    Promise.all(
      Array.from({ length: concurrent }, () =>
        db.runTransaction(async (t: any) => {
          const doc = await t.collection('bench_counter').doc('n').get();
          await t.collection('bench_counter').doc('n').update({ data: { n: doc.data.n + 1 } });
        }),
      ),
    ),
  );
  const final = ((await db.collection('bench_counter').doc('n').get()) as unknown as { data: { n: number } }).data.n;
  console.log(`database: ${concurrent} concurrent read-modify-write transactions in ${fmt(txMs)} → counter ${final} (${(concurrent / (txMs / 1000)).toFixed(0)} tx/s)`);
  await emu.stop();
}

function sizeOf(dir: string, skip: (rel: string) => boolean, rel = ''): number {
  let total = 0;
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = path.join(rel, entry.name);
    if (skip(r)) continue;
    total += entry.isDirectory() ? sizeOf(dir, skip, r) : fs.statSync(path.join(dir, r)).size;
  }
  return total;
}

function sizeBench(): void {
  // What DevTools uploads: project.config.json's packOptions.ignore leaves tests and their helpers out. WeChat allows
  // 2 MB for the main package and for each subpackage (app.json subPackages), 20 MB for all of them together.
  const miniprogramDir = path.join(PROJECT_ROOT, 'miniprogram');
  // node_modules is never uploaded; miniprogram_npm is counted from the files `npm run miniprogram:npm` ships
  // (whether or not a local build has written it), so every run counts the same.
  const notShipped = (r: string) => /\.test\.ts$|^test-support|tsconfig.*\.json$|(^|\/)node_modules$|^miniprogram_npm$/.test(r);
  const roots: string[] = (JSON.parse(fs.readFileSync(path.join(miniprogramDir, 'app.json'), 'utf8')).subPackages ?? []).map((p: { root: string }) => p.root.replace(/\/$/, ''));
  const percent = (bytes: number) => `${((bytes / MAIN_PACKAGE_LIMIT) * 100).toFixed(1)}%`;
  const npm = shippedFiles();
  const npmBytes = npm.reduce((n, f) => n + f.bytes, 0);
  const main = sizeOf(miniprogramDir, (r) => notShipped(r) || roots.includes(r)) + npmBytes;
  const subSizes = roots.map((root) => [root, sizeOf(path.join(miniprogramDir, root), notShipped)] as const);
  const shipped = main + subSizes.reduce((n, [, size]) => n + size, 0);
  console.log(`mini-program: main package ${(main / 1024).toFixed(1)} KB of the ${MAIN_PACKAGE_LIMIT / 1024} KB limit (${percent(main)}); ${(shipped / 1024).toFixed(1)} KB in all`);
  console.log(`  of which miniprogram_npm/dayjs ${(npmBytes / 1024).toFixed(1)} KB: ${npm.map((f) => `${f.target} ${(f.bytes / 1024).toFixed(1)} KB`).join(', ')}`);
  for (const [root, size] of subSizes) console.log(`  subpackage ${root}: ${(size / 1024).toFixed(1)} KB (${percent(size)} of its 2048 KB)`);
  const functionsDir = path.join(PROJECT_ROOT, 'cloudfunctions');
  for (const name of fs.readdirSync(functionsDir)) {
    const bundle = path.join(functionsDir, name, 'index.js');
    if (!name.startsWith('_') && fs.existsSync(bundle)) console.log(`function ${name}: bundle ${(fs.statSync(bundle).size / 1024).toFixed(1)} KB`);
  }
}

async function main(): Promise<void> {
  sizeBench();
  await databaseBench();
  await functionsBench();
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
