// Durability: a write (or a committed transaction) acknowledged by the database survives a kill -9 of the
// process that holds it. The child process runs the real database code, bundled by esbuild.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { EJSON } from 'bson';
import { openDatabase } from '../src/database';

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'db-kill-'));
  buildSync({
    entryPoints: [path.join(__dirname, '../src/database/index.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: path.join(work, 'database.js'),
    logLevel: 'silent',
  });
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const CHILD = `
const { openDatabase } = require(process.argv[1]);
(async () => {
  const compactJournalBytes = process.argv[3] ? Number(process.argv[3]) : undefined;
  const db = await openDatabase({ dataDir: process.argv[2], strict: false, collections: [{ name: 'c', indexes: [] }], compactJournalBytes });
  for (let i = 0; ; i++) {
    const doc = JSON.stringify({ _id: 'k' + i, i: { $numberInt: String(i) }, at: { $date: { $numberLong: String(Date.now()) } } });
    const r = await db.handle('database.insertDocument', { collectionName: 'c', data: [doc] });
    if (r.code) throw new Error(r.message);
    if (i % 3 === 0) {
      // A transaction writing a pair of documents: both or neither must survive.
      const tx = (await db.handle('database.startTransaction', {})).transactionId;
      for (const side of ['a', 'b']) {
        const w = await db.handle('database.insertDocument', { collectionName: 'c', data: [JSON.stringify({ _id: 'tx' + i + side })], transactionId: tx });
        if (w.code) throw new Error(w.message);
      }
      const c = await db.handle('database.commitTransaction', { transactionId: tx });
      if (c.code) throw new Error(c.message);
    }
    process.stdout.write('acked ' + i + '\\n');
  }
})().catch((e) => { console.error(e); process.exit(1); });
`;

/** Every document of collection c, a page of 100 (CloudBase's ceiling) at a time. */
async function allIds(db: Awaited<ReturnType<typeof openDatabase>>): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let offset = 0; ; offset += 100) {
    const r = await db.handle('database.getDocument', { collectionName: 'c', queryType: 'WHERE', query: '{}', offset, limit: 100 });
    const page = (r.data as { list: string[] }).list.map((s) => (JSON.parse(s) as { _id: string })._id);
    page.forEach((id) => ids.add(id));
    if (page.length < 100) return ids;
  }
}

// Second case: a snapshot every ~2 KB of journal, so the kill also lands during and between periodic snapshots.
test.each([
  ['the default journal bound', undefined],
  ['a snapshot every 2 KB of journal', 2048],
])('acknowledged writes and committed transactions survive kill -9 (%s)', async (_label, compactBytes) => {
  const dataDir = path.join(work, `data-${compactBytes ?? 'default'}`);
  const args = ['-e', CHILD, path.join(work, 'database.js'), dataDir, ...(compactBytes ? [String(compactBytes)] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let lastAcked = -1;
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (b: Buffer) => {
      buffer += b.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const l of lines) {
        const m = /^acked (\d+)$/.exec(l);
        if (m) lastAcked = Number(m[1]);
      }
      if (lastAcked >= 40) {
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.on('exit', () => (lastAcked >= 40 ? resolve() : reject(new Error(`child exited early: ${stderr}`))));
  });
  expect(await exited).toBe('SIGKILL');

  const db = await openDatabase({ dataDir, strict: false, collections: [{ name: 'c', indexes: [] }] });
  const ids = await allIds(db);
  for (let i = 0; i <= lastAcked; i++) {
    expect(ids.has(`k${i}`)).toBe(true);
    if (i % 3 === 0) {
      expect(ids.has(`tx${i}a`)).toBe(true);
      expect(ids.has(`tx${i}b`)).toBe(true);
    }
  }
  // Whatever was in flight at the kill is all-or-nothing.
  for (let i = lastAcked + 1; i < lastAcked + 10; i++) expect(ids.has(`tx${i}a`)).toBe(ids.has(`tx${i}b`));
  await db.close();
});

describe('restart: indexes built in bulk, a short journal', () => {
  const collections = [
    {
      name: 'people',
      indexes: [
        { name: 'code_unique', unique: true, keys: [{ field: 'code', direction: 1 as const }] },
        { name: 'city_age', keys: [{ field: 'city', direction: 1 as const }, { field: 'age', direction: -1 as const }] },
        { name: 'home', keys: [{ field: 'home', direction: '2dsphere' as const }] },
      ],
    },
  ];
  const ej = (v: unknown) => EJSON.stringify(v as Record<string, unknown>, { relaxed: false });
  const person = (i: number) => ({ _id: `p${i}`, code: `c${i}`, city: `city${i % 7}`, age: i % 50, home: { type: 'Point', coordinates: [119 + (i % 40) / 100, 26 + (i % 30) / 100] } });

  /** The same questions asked of a database before and after a restart. */
  async function answers(db: Awaited<ReturnType<typeof openDatabase>>): Promise<unknown[]> {
    const get = async (query: object, extra: object = {}) =>
      ((await db.handle('database.getDocument', { collectionName: 'people', queryType: 'WHERE', query: ej(query), limit: 100, ...extra })).data as { list: string[] }).list;
    return [
      await get({ city: 'city3' }),
      await get({ city: 'city2', age: { $gte: 10, $lt: 30 } }),
      await get({ code: { $in: ['c5', 'c77', 'c400'] } }),
      await get({ home: { $geoWithin: { $centerSphere: [[119.1, 26.1], 5 / 6378.1] } } }),
      await get({ home: { $nearSphere: { $geometry: { type: 'Point', coordinates: [119.2, 26.2] }, $maxDistance: 3000 } } }),
      await get({}, { order: ej({ city: 1 }) }),
      await get({}, { offset: 300 }),
    ];
  }

  test('a reopened folder answers exactly as before, unique indexes included, and the journal stays short', async () => {
    const dataDir = path.join(work, 'restart');
    const bound = 16 * 1024;
    const db = await openDatabase({ dataDir, strict: false, collections, compactJournalBytes: bound });
    for (let i = 0; i < 600; i += 50) {
      const r = await db.handle('database.insertDocument', { collectionName: 'people', data: Array.from({ length: 50 }, (_x, j) => ej(person(i + j))) });
      expect(r.code).toBeUndefined();
    }
    // Rewrites and deletes, so replay sees documents change, vanish and come back.
    for (let i = 0; i < 600; i += 9) {
      await db.handle('database.modifyDocument', { collectionName: 'people', queryType: 'DOC', query: ej({ _id: `p${i}` }), data: ej({ $set: { city: 'city3', age: 99 - (i % 40) } }), merge: true });
    }
    for (let i = 1; i < 600; i += 11) await db.handle('database.removeDocument', { collectionName: 'people', queryType: 'DOC', query: ej({ _id: `p${i}` }), multi: false });
    await db.handle('database.insertDocument', { collectionName: 'people', data: [ej(person(1))] });
    // Periodic snapshots kept the journal within one change set of the bound.
    expect(fs.statSync(path.join(dataDir, 'journal.jsonl')).size).toBeLessThan(bound + 20 * 1024);
    expect(fs.statSync(path.join(dataDir, 'snapshot.jsonl')).size).toBeGreaterThan(bound);
    const before = await answers(db);
    expect((before[0] as unknown[]).length).toBeGreaterThan(50);

    // Reopen without close(), as after a crash.
    const again = await openDatabase({ dataDir, strict: false, collections, compactJournalBytes: bound });
    expect(await answers(again)).toEqual(before);
    const dup = await again.handle('database.insertDocument', { collectionName: 'people', data: [ej({ ...person(1000), code: 'c5' })] });
    expect(String(dup.message)).toMatch(/E11000 duplicate key error collection: people index: code_unique/);
    // New writes after the restart land in the journal and survive the next one too.
    await again.handle('database.insertDocument', { collectionName: 'people', data: [ej(person(2000))] });
    const third = await openDatabase({ dataDir, strict: false, collections, compactJournalBytes: bound });
    const found = await third.handle('database.getDocument', { collectionName: 'people', queryType: 'WHERE', query: ej({ code: 'c2000' }) });
    expect((found.data as { list: string[] }).list).toHaveLength(1);
    await third.close();
    await again.close();
    await db.close();
  });
});
