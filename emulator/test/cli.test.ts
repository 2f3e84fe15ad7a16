// `npm start` as a newcomer uses it: the built command line, a fresh data folder, the printed serviceUrl, the stock
// SDK — then a kill -9 and a restart with the same folder.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CLI = path.join(__dirname, '..', '..', 'build', 'emulator', 'cli.js');

interface Running {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  adminUrl: string;
  gatewayUrl: string;
}

function start(dataDir: string, env: Record<string, string> = {}): Promise<Running> {
  const child = spawn(process.execPath, [CLI], {
    env: { ...process.env, EMULATOR_PORT: '0', EMULATOR_DATA_DIR: dataDir, PLATFORM_ADMIN_OPENIDS: 'openid-cli-admin', ...env },
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const admin = /Admin API \(serviceUrl\): (\S+)/.exec(out)?.[1];
      const gateway = /Function gateway:\s+(\S+)\/<name>/.exec(out)?.[1];
      if (admin && gateway && out.includes('Press Ctrl+C')) {
        clearTimeout(timer);
        resolve({ child, output: () => out, adminUrl: admin, gatewayUrl: gateway });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`emulator exited with ${code}:\n${out}`)));
  });
}

function sdk(adminUrl: string) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as { createNewInstance(config: object): typeof import('wx-server-sdk') };
  return cloud.createNewInstance({ env: 'zhiyuan-local', serviceUrl: adminUrl, secretId: 'local', secretKey: 'local' });
}

/** The SDK's declared return types are loose unions; tests read `data` of what came back. */
const dataOf = async <T>(result: unknown): Promise<T> => ((await result) as { data: T }).data;

const exited = (child: ChildProcessWithoutNullStreams) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

test('npm start serves, seeds a demo world once, and keeps acknowledged data across kill -9', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zy-cli-'));
  const first = await start(dataDir);
  expect(first.output()).toMatch(/Seeded demo data: 6 volunteers, 3 verified and 2 pending organizations/);

  const db = sdk(first.adminUrl).database();
  const _ = db.command;
  expect(((await db.collection('volunteers').count()) as { total: number }).total).toBe(6);
  // Strict about indexes by default: a query no declared index supports is refused.
  const unindexed = await (db.collection('volunteers').where({ ageBand: 'adult' }).get() as Promise<unknown>).then(
    () => 'answered',
    (e: { errMsg?: string }) => String(e.errMsg),
  );
  expect(unindexed).toMatch(/\[emulator strict\] query not supported by any declared index on volunteers/);
  await db.createCollection('notes');
  const notes = db.collection('notes');
  await notes.add({ data: { _id: 'a', text: '社区清洁', hours: 2 } });
  await notes.add({ data: { _id: 'b', text: '助老陪伴', hours: 3 } });
  await notes.where({ hours: _.gte(3) }).update({ data: { hours: _.inc(1) } });
  const found = await dataOf<Array<{ hours: number }>>(notes.where({ text: '助老陪伴' }).get());
  expect(found[0].hours).toBe(4);
  const sum = (await notes.aggregate().group({ _id: null, total: _.aggregate.sum('$hours') }).end()) as { list: Array<{ total: number }> };
  expect(sum.list[0].total).toBe(6);
  await db.runTransaction(async (t: any) => {
    const a = await t.collection('notes').doc('a').get();
    await t.collection('notes').doc('a').update({ data: { hours: a.data.hours + 10 } });
  });

  // The gateway answers as the printed URL says.
  const session = await fetch(`${first.gatewayUrl}/user`, { method: 'POST', headers: { 'x-wx-openid': 'openid-cli-admin' }, body: '{"action":"session"}' });
  expect(((await session.json()) as { data: { roles: string[] } }).data.roles).toContain('platformAdmin');

  const gone = exited(first.child);
  first.child.kill('SIGKILL');
  await gone;

  // EMULATOR_STRICT=0 turns the index check off.
  const second = await start(dataDir, { EMULATOR_STRICT: '0' });
  expect(second.output()).not.toMatch(/Seeded demo data/);
  const db2 = sdk(second.adminUrl).database();
  expect(await dataOf<unknown[]>(db2.collection('volunteers').where({ ageBand: 'nobody' }).get())).toEqual([]);
  expect((await dataOf<{ hours: number }>(db2.collection('notes').doc('a').get())).hours).toBe(12);
  expect((await dataOf<{ hours: number }>(db2.collection('notes').doc('b').get())).hours).toBe(4);
  expect(((await db2.collection('volunteers').count()) as { total: number }).total).toBe(6);

  const stopped = exited(second.child);
  second.child.kill('SIGTERM');
  expect(await stopped).toBe(0);
}, 120_000);
