// The function runtime: unchanged CloudBase functions, per-invocation WeChat context, nested calls, crashes, timeouts.
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
  expect(res.body.event).toEqual({ hello: 1 });
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
  expect(res.body.callee.event).toEqual({ from: 'relay', n: 7 });
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
  expect(body.functions.map((f: { name: string }) => f.name).sort()).toEqual(['crash', 'echo', 'phone', 'relay', 'slow']);
});
