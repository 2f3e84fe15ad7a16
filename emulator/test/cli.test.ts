// `npm start` as a newcomer uses it: the built command line, a fresh data folder, the printed serviceUrl, the stock
// SDK — then a kill -9 and a restart with the same folder; a kill -9 in the middle of first-run seeding; who is a
// platform admin.
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

interface Spawned {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  /** Resolves with the output once it matches; rejects if the emulator exits first. */
  waitFor: (pattern: RegExp) => Promise<string>;
}

/** The command line on `dataDir`; PLATFORM_ADMIN_OPENIDS as given (undefined: unset). */
function spawnCli(dataDir: string, env: Record<string, string | undefined> = { PLATFORM_ADMIN_OPENIDS: 'openid-cli-admin' }): Spawned {
  const childEnv: Record<string, string | undefined> = { ...process.env, EMULATOR_PORT: '0', EMULATOR_DATA_DIR: dataDir, PLATFORM_ADMIN_OPENIDS: undefined, ...env };
  for (const k of Object.keys(childEnv)) if (childEnv[k] === undefined) delete childEnv[k];
  const child = spawn(process.execPath, [CLI], { env: childEnv as NodeJS.ProcessEnv });
  let out = '';
  const waiters: Array<{ pattern: RegExp; resolve: (o: string) => void }> = [];
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of waiters.splice(0)) {
      if (w.pattern.test(out)) w.resolve(out);
      else waiters.push(w);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exitCode: number | null | undefined;
  const exit = new Promise<never>((_, reject) =>
    child.on('exit', (code) => {
      exitCode = code;
      reject(new Error(`emulator exited with ${code}:\n${out}`));
    }),
  );
  exit.catch(() => undefined);
  return {
    child,
    output: () => out,
    waitFor: (pattern) => {
      if (pattern.test(out)) return Promise.resolve(out);
      if (exitCode !== undefined) return Promise.reject(new Error(`emulator exited with ${exitCode}:\n${out}`));
      return Promise.race([new Promise<string>((resolve) => waiters.push({ pattern, resolve })), exit]);
    },
  };
}

async function start(dataDir: string, env?: Record<string, string | undefined>): Promise<Running> {
  const spawned = spawnCli(dataDir, env);
  const out = await spawned.waitFor(/Press Ctrl\+C/);
  const admin = /Admin API \(serviceUrl\): (\S+)/.exec(out)?.[1] as string;
  const gateway = /Function gateway:\s+(\S+)\/<name>/.exec(out)?.[1] as string;
  return { child: spawned.child, output: spawned.output, adminUrl: admin, gatewayUrl: gateway };
}

async function rolesOf(gatewayUrl: string, openid: string): Promise<string[]> {
  const res = await fetch(`${gatewayUrl}/user`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': openid }, body: '{"action":"session"}' });
  return ((await res.json()) as { data: { roles: string[] } }).data.roles;
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

  // The gateway answers as the printed URL says; with PLATFORM_ADMIN_OPENIDS set, exactly those are admins.
  expect(await rolesOf(first.gatewayUrl, 'openid-cli-admin')).toContain('platformAdmin');
  expect(await rolesOf(first.gatewayUrl, 'demo-platform-admin')).not.toContain('platformAdmin');
  expect(first.output()).toMatch(/Platform admins \(PLATFORM_ADMIN_OPENIDS\): openid-cli-admin\n/);

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

test('a kill -9 in the middle of first-run seeding leaves a folder that starts and seeds the whole world again', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zy-cli-seed-'));
  const first = spawnCli(dataDir, { PLATFORM_ADMIN_OPENIDS: undefined });
  // The first volunteer is in; the rest of the world is not.
  await first.waitFor(/seeded volunteer\.register \(demo-lin\)/);
  const gone = exited(first.child);
  first.child.kill('SIGKILL');
  await gone;
  expect(first.output()).not.toMatch(/Seeded demo data/);
  expect(fs.existsSync(path.join(dataDir, 'seeding'))).toBe(true);
  expect(fs.existsSync(path.join(dataDir, 'seeded'))).toBe(false);

  const second = await start(dataDir, { PLATFORM_ADMIN_OPENIDS: undefined });
  expect(second.output()).toMatch(/stopped while seeding demo data: its partial data was removed/);
  expect(second.output()).toMatch(/Seeded demo data: 6 volunteers, 3 verified and 2 pending organizations/);
  const db = sdk(second.adminUrl).database();
  expect(((await db.collection('volunteers').count()) as { total: number }).total).toBe(6);
  expect(((await db.collection('organizations').count()) as { total: number }).total).toBe(5);
  expect(fs.readdirSync(dataDir)).toContain('seeded');
  expect(fs.readdirSync(dataDir)).not.toContain('seeding');
  // PLATFORM_ADMIN_OPENIDS unset and the demo world seeded: the demo admin and the local identity are admins.
  expect(await rolesOf(second.gatewayUrl, 'demo-platform-admin')).toContain('platformAdmin');
  expect(await rolesOf(second.gatewayUrl, 'dev-openid-local')).toContain('platformAdmin');
  const stopped = exited(second.child);
  second.child.kill('SIGTERM');
  expect(await stopped).toBe(0);
}, 180_000);

test('without the demo world, demo-platform-admin is nobody', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zy-cli-noseed-'));
  const running = await start(dataDir, { PLATFORM_ADMIN_OPENIDS: undefined, EMULATOR_SEED: '0' });
  expect(running.output()).not.toMatch(/Seed/);
  expect(running.output()).toMatch(/Platform admins \(PLATFORM_ADMIN_OPENIDS\): dev-openid-local\n/);
  expect(await rolesOf(running.gatewayUrl, 'demo-platform-admin')).not.toContain('platformAdmin');
  const stopped = exited(running.child);
  running.child.kill('SIGTERM');
  expect(await stopped).toBe(0);
}, 120_000);
