// The function runtime: unchanged CloudBase functions, per-invocation WeChat context, nested calls, crashes, timeouts.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Emulator } from '../src/server';
import { caller, serverSdk, startTestEmulator } from './support';

const FIXTURES = path.join(__dirname, 'fixtures', 'functions');

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionsDir: FIXTURES, collections: [], appid: 'wx-test-app' });
  await serverSdk(emu).database().createCollection('echo_log');
});
afterAll(async () => emu.stop());

test('a function written for CloudBase sees the caller from WeChat context', async () => {
  const res = await caller(emu, 'openid-alice', { 'x-wx-unionid': 'union-alice' }).raw('echo', { hello: 1 });
  expect(res.status).toBe(200);
  expect(res.body.context).toMatchObject({ OPENID: 'openid-alice', UNIONID: 'union-alice', APPID: 'wx-test-app', ENV: emu.env });
  expect(res.body.context.SOURCE).toBeDefined();
  // As CloudBase delivers a mini-program call: the client's data plus the userInfo the platform injects.
  expect(res.body.event).toEqual({ hello: 1, userInfo: { appId: 'wx-test-app', openId: 'openid-alice' } });
});

test('100 concurrent callers each see their own OPENID, also in what they write', async () => {
  const openids = Array.from({ length: 100 }, (_, i) => `openid-${i}`);
  const results = await Promise.all(openids.map((o) => caller(emu, o).raw('echo', { write: true })));
  results.forEach((r, i) => {
    expect([r.status, r.body.errMsg]).toEqual([200, undefined]);
    expect(r.body.before.OPENID).toBe(openids[i]);
    expect(r.body.context.OPENID).toBe(openids[i]);
    expect(r.body.stored).toBe(openids[i]);
  });
  const db = serverSdk(emu).database();
  const { total } = (await db.collection('echo_log').count()) as { total: number };
  expect(total).toBe(100);
});

test('a call without a caller has no OPENID, and the previous caller does not leak into it', async () => {
  await caller(emu, 'openid-previous').raw('echo', {});
  const res = await fetch(`${emu.gatewayUrl}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  const body = (await res.json()) as any;
  expect(body.context.OPENID).toBeUndefined();
});

test('cloud.callFunction from one function to another keeps the caller', async () => {
  const res = await caller(emu, 'openid-bob').raw('relay', { n: 7 });
  expect(res.status).toBe(200);
  expect(res.body.self).toBe('openid-bob');
  expect(res.body.callee.context.OPENID).toBe('openid-bob');
  expect(res.body.callee.event).toEqual({ from: 'relay', n: 7, userInfo: { appId: 'wx-test-app', openId: 'openid-bob' } });
  // SOURCE follows the chain (getWXContext docs: wx_client, then wx_client,scf in the callee).
  expect(res.body.callee.context.SOURCE).toBe(`${res.body.context.SOURCE},scf`);
});

test('a function that throws is reported as CloudBase reports it', async () => {
  const res = await caller(emu, 'openid-alice').raw('crash', {});
  expect(res.status).toBe(500);
  expect(res.body.errCode).toBe(-504002);
  expect(res.body.errMsg).toContain('boom: deliberate failure');
  // And through the SDK, as another function or a script sees it.
  await expect(serverSdk(emu).callFunction({ name: 'crash', data: {} })).rejects.toMatchObject({
    code: 'FUNCTIONS_EXECUTE_FAIL',
    errMsg: expect.stringContaining('boom: deliberate failure'),
  });
});

test('a function past its timeout is stopped and reported as timed out; the next call works', async () => {
  const res = await caller(emu, 'openid-alice').raw('slow', {});
  expect(res.status).toBe(500);
  expect(res.body.errMsg).toContain('timed out after 1 seconds');
  const again = await caller(emu, 'openid-alice').raw('echo', {});
  expect(again.status).toBe(200);
});

test('an unknown function is a clear error', async () => {
  const res = await caller(emu, 'openid-alice').raw('nope', {});
  expect(res.status).toBe(404);
  expect(res.body.errCode).toBe(-504001);
});

test('GET /functions lists the functions and says the gateway is for development only', async () => {
  const res = await fetch(emu.gatewayUrl);
  const body = (await res.json()) as any;
  expect(body.notice).toMatch(/development/i);
  expect(body.functions.map((f: { name: string }) => f.name).sort()).toEqual(['barrier', 'crash', 'echo', 'exits', 'openapi', 'phone', 'relay', 'reminder', 'slow', 'stray', 'undeclared']);
});

describe('errors no code caught, as SCF reports them', () => {
  test('a rejection nobody awaited fails the invocation it came from; the instance lives on', async () => {
    const res = await caller(emu, 'openid-alice').raw('stray', { op: 'reject-unawaited' });
    expect(res.status).toBe(500);
    expect(res.body.errCode).toBe(-504002);
    expect(res.body.errMsg).toContain('Unhandled Promise Rejection');
    expect(res.body.errMsg).toContain('stray rejection');
    const { body: first } = await caller(emu, 'openid-alice').raw('stray', { op: 'pid' });
    const { body: second } = await caller(emu, 'openid-alice').raw('stray', { op: 'pid' });
    expect(second.pid).toBe(first.pid);
  });

  test('a timer that throws after the answer cannot fail a later invocation of the same instance', async () => {
    const { body: answered } = await caller(emu, 'openid-alice').raw('stray', { op: 'throw-after-answer', delayMs: 100 });
    // The next call runs while the first one's timer throws; it still answers, from the same instance.
    const later = await caller(emu, 'openid-bob').raw('stray', { op: 'wait', ms: 400 });
    expect([later.status, later.body]).toEqual([200, { pid: answered.pid }]);
  });
});

describe('instances', () => {
  test('a function that cannot start fails each call with the reason, and is not restarted without calls', async () => {
    const calls = await Promise.all([1, 2, 3].map(() => caller(emu, 'openid-alice').raw('exits', {})));
    for (const res of calls) {
      expect(res.status).toBe(500);
      expect(res.body).toMatchObject({ errCode: -504002, errMsg: 'instance exited (code 3)' });
    }
    expect(emu.runtime!.instanceCount('exits')).toBe(0);
  });

  test('more calls at once than the old cap of 8 each get an instance of their own at the same moment', async () => {
    const n = 10;
    const held: http.ServerResponse[] = [];
    const barrier = http.createServer((_req, res) => {
      held.push(res);
      if (held.length === n) for (const r of held) r.end('open');
    });
    await new Promise<void>((resolve) => barrier.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(barrier.address() as AddressInfo).port}/`;
    try {
      const results = await Promise.all(Array.from({ length: n }, (_, i) => caller(emu, `openid-${i}`).raw('barrier', { url })));
      expect(results.map((r) => [r.status, r.body.barrier])).toEqual(Array(n).fill([200, 'open']));
      expect(new Set(results.map((r) => r.body.pid)).size).toBe(n);
    } finally {
      barrier.close();
    }
  }, 90_000); // ten cold starts on a shared two-core machine

  test('provisioned instances (预置并发) are ready before the calls come, and serve them at once', async () => {
    await emu.runtime!.provision('stray', 6);
    expect(emu.runtime!.instanceCount('stray')).toBeGreaterThanOrEqual(6);
    const before = emu.runtime!.instanceCount('stray');
    const results = await Promise.all(Array.from({ length: 6 }, () => caller(emu, 'openid-alice').raw('stray', { op: 'wait', ms: 200 })));
    expect(new Set(results.map((r) => r.body.pid)).size).toBe(6);
    expect(emu.runtime!.instanceCount('stray')).toBe(before);
    await expect(emu.runtime!.provision('exits', 2)).rejects.toThrow('instance exited (code 3)');
    await expect(emu.runtime!.provision('stray', 0)).rejects.toThrow('provision between 1 and 100');
  });

  test('a cap of 1 runs calls one at a time in one instance', async () => {
    const capped = await startTestEmulator({ functionsDir: FIXTURES, collections: [], maxInstancesPerFunction: 1 });
    try {
      const results = await Promise.all(Array.from({ length: 4 }, () => caller(capped, 'openid-alice').raw('stray', { op: 'wait', ms: 20 })));
      expect(new Set(results.map((r) => r.body.pid)).size).toBe(1);
    } finally {
      await capped.stop();
    }
  });
});

describe('config.json triggers are read as CloudBase reads them, at start', () => {
  const folderWith = (config: object): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zy-triggers-'));
    fs.mkdirSync(path.join(dir, 'job'));
    fs.writeFileSync(path.join(dir, 'job', 'index.js'), 'exports.main = async () => null;');
    fs.writeFileSync(path.join(dir, 'job', 'config.json'), JSON.stringify(config));
    return dir;
  };

  test.each([
    [{ triggers: [{ name: 'daily', type: 'timer', config: '0 2 * * *' }] }, /7 fields/],
    [{ triggers: [{ name: 'a', type: 'timer', config: '0 0 2 * * * *' }, { name: 'b', type: 'timer', config: '0 0 3 * * * *' }] }, /one trigger per function/],
    [{ triggers: [{ name: '1st', type: 'timer', config: '0 0 2 * * * *' }] }, /name must start with a letter/],
    [{ triggers: [{ name: 'daily', type: 'cos', config: '0 0 2 * * * *' }] }, /type must be "timer"/],
  ])('%j is refused', async (config, message) => {
    await expect(startTestEmulator({ functionsDir: folderWith(config), collections: [] })).rejects.toThrow(message);
  });

  test('a valid trigger is listed with its schedule', async () => {
    const emu2 = await startTestEmulator({ functionsDir: folderWith({ triggers: [{ name: 'daily', type: 'timer', config: '0 0 2 * * * *' }] }), collections: [] });
    try {
      const [job] = emu2.runtime!.list();
      expect(job.triggers.map((t) => t.name)).toEqual(['daily']);
      // 02:00 in UTC+8 is 18:00 UTC the day before.
      expect(job.triggers[0].schedule.next(new Date('2026-03-01T12:00:00Z'))?.toISOString()).toBe('2026-03-01T18:00:00.000Z');
    } finally {
      await emu2.stop();
    }
  });
});
