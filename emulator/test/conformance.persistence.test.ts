// Durability: a write (or a committed transaction) acknowledged by the database survives a kill -9 of the
// process that holds it. The child process runs the real database code, bundled by esbuild.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
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
  const db = await openDatabase({ dataDir: process.argv[2], strict: false, collections: [{ name: 'c', indexes: [] }] });
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

test('acknowledged writes and committed transactions survive kill -9', async () => {
  const dataDir = path.join(work, 'data');
  const child = spawn(process.execPath, ['-e', CHILD, path.join(work, 'database.js'), dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
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
  const r = await db.handle('database.getDocument', { collectionName: 'c', queryType: 'WHERE', query: '{}', limit: 1000 });
  const ids = new Set(((r.data as { list: string[] }).list).map((s) => (JSON.parse(s) as { _id: string })._id));
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
