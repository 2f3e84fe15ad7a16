import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Decimal128, EJSON, Long, ObjectId } from 'bson';
import { toPlain } from './codec';
import { encodeChanges, parseStored, readChangeSets } from './journal';
import { openDatabase } from './index';
import { ej, unej } from './test-support';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const line = (id: string, v: number) => encodeChanges([{ op: 'put', coll: 'c', doc: { _id: id, v, at: new Date(1000) } }]);

test('readChangeSets skips a torn last line but refuses damage in the middle', () => {
  const file = path.join(dir, 'j');
  fs.writeFileSync(file, `${line('a', 1)}\n${line('b', 2)}\n${line('c', 3).slice(0, 20)}`);
  const sets = readChangeSets(file);
  expect(sets).toHaveLength(2);
  expect(sets[1][0]).toEqual({ op: 'put', coll: 'c', doc: { _id: 'b', v: 2, at: new Date(1000) } });
  fs.writeFileSync(file, `${line('a', 1)}\n{"changes":[tor\n${line('b', 2)}\n`);
  expect(() => readChangeSets(file)).toThrow(/line 2 is damaged/);
});

test('a reopened database replays the journal, ignores a torn tail and compacts', async () => {
  const collections = [{ name: 'c', indexes: [] }];
  const db = await openDatabase({ dataDir: dir, strict: false, collections });
  await db.handle('database.insertDocument', { collectionName: 'c', data: [ej({ _id: 'a', v: 1 })] });
  await db.handle('database.modifyDocument', { collectionName: 'c', queryType: 'DOC', query: ej({ _id: 'a' }), data: ej({ $inc: { v: 1 } }), merge: true });
  await db.handle('database.insertDocument', { collectionName: 'c', data: [ej({ _id: 'gone', v: 1 })] });
  await db.handle('database.removeDocument', { collectionName: 'c', queryType: 'DOC', query: ej({ _id: 'gone' }), multi: false });
  // Simulate a crash: no close(); a half-written change set at the end of the journal.
  fs.appendFileSync(path.join(dir, 'journal.jsonl'), line('torn', 9).slice(0, 30));

  const again = await openDatabase({ dataDir: dir, strict: false, collections });
  const r = await again.handle('database.getDocument', { collectionName: 'c', queryType: 'WHERE', query: ej({}) });
  expect((r.data as { list: string[] }).list.map(unej)).toEqual([{ _id: 'a', v: 2 }]);
  expect(fs.readFileSync(path.join(dir, 'journal.jsonl'), 'utf8')).toBe('');
  expect(fs.readFileSync(path.join(dir, 'snapshot.jsonl'), 'utf8')).toContain('"_id":"a"');
  await again.close();
  await db.close();
});

test('a transaction is journalled as one line only when it commits', async () => {
  const collections = [{ name: 'c', indexes: [] }];
  const db = await openDatabase({ dataDir: dir, strict: false, collections });
  const journal = path.join(dir, 'journal.jsonl');
  const tx = (await db.handle('database.startTransaction', {})).transactionId as string;
  await db.handle('database.insertDocument', { collectionName: 'c', data: [ej({ _id: 'x' }), ej({ _id: 'y' })], transactionId: tx });
  expect(fs.readFileSync(journal, 'utf8')).toBe('');
  await db.handle('database.commitTransaction', { transactionId: tx });
  const lines = fs.readFileSync(journal, 'utf8').trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain('"_id":"x"');
  expect(lines[0]).toContain('"_id":"y"');
  await db.close();
});

test('parseStored reads canonical EJSON into exactly what toPlain(EJSON.parse) gives', () => {
  const values = [
    { _id: 'a', i: 1, d: 1.5, neg: -0, big: 2 ** 40, inf: Infinity, ninf: -Infinity, nan: NaN, at: new Date(1700000000123) },
    { _id: 7, nested: { list: [1, 'x', null, true, { deep: new Date(0) }], empty: {} }, re: /ab+c/i },
    { _id: 'o', oid: new ObjectId('64b7f0c2a1b2c3d4e5f60718'), long: Long.fromNumber(12345678901), dec: Decimal128.fromString('1.25'), old: new Date(-1000) },
  ];
  for (const v of values) {
    const line = EJSON.stringify({ changes: [{ op: 'put', coll: 'c', doc: v }] } as unknown as Record<string, unknown>, { relaxed: false });
    expect(parseStored(line)).toEqual(toPlain(EJSON.parse(line, { relaxed: false })));
  }
});
