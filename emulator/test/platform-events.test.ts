// Each built function, loaded as CloudBase loads it and called with the event CloudBase delivers for a mini-program
// call (the client's data plus `userInfo: { appId, openId }`), answers exactly as through the emulator's gateway;
// a `userInfo` naming someone else changes nothing, because identity comes from cloud.getWXContext() only.
import * as path from 'node:path';
import { PROJECT_ROOT } from '../src/config';
import type { Emulator } from '../src/server';
import { caller, startTestEmulator } from './support';

const APPID = 'wx-events-app';
const CASES: Array<[fn: string, action: string]> = [
  ['user', 'session'],
  ['volunteer', 'registrationRules'],
  ['volunteer', 'profile'],
  ['volunteer', 'card'],
  ['organization', 'mine'],
  ['inbox', 'unread'],
];

type Main = (event: unknown, context: unknown) => Promise<unknown>;

let emu: Emulator;
const savedEnv = { ...process.env };
beforeAll(async () => {
  emu = await startTestEmulator({ appid: APPID });
  // The instance environment SCF gives a function (see src/runtime/runtime.ts), here in the test's own process.
  Object.assign(process.env, emu.functionEnv, {
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    SCF_NAMESPACE: emu.env,
    TCB_ENV: emu.env,
    TENCENTCLOUD_SECRETID: 'test-secret-id',
    TENCENTCLOUD_SECRETKEY: 'test-secret-key',
    TENCENTCLOUD_SESSIONTOKEN: 'test-session-token',
    TCB_CONTEXT_KEYS: 'TCB_CONTEXT_CNFG',
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: emu.adminUrl }),
  });
});
afterAll(async () => {
  process.env = savedEnv;
  await emu.stop();
});

/** Load the bundle CloudBase deploys and call main as SCF would for a mini-program user. */
async function callDirectly(fn: string, openid: string, event: Record<string, unknown>): Promise<unknown> {
  Object.assign(process.env, { WX_OPENID: openid, WX_APPID: APPID, TCB_SOURCE: 'wx_client', WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID' });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main } = require(path.join(PROJECT_ROOT, 'cloudfunctions', fn, 'index.js')) as { main: Main };
  return main(event, { request_id: 'direct', function_name: fn, namespace: emu.env });
}

describe.each(CASES)('%s.%s', (fn, action) => {
  test('answers the event CloudBase delivers as the gateway does', async () => {
    const alice = caller(emu, `openid-${fn}-${action}-alice`);
    await alice.raw(fn, { action }); // first sight (user.session creates the user) out of the way
    const direct = await callDirectly(fn, alice.openid, { action, userInfo: { appId: APPID, openId: alice.openid } });
    const gateway = await alice.raw(fn, { action });
    expect(gateway.status).toBe(200);
    expect(direct).toEqual(gateway.body);
    expect(direct).not.toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  test('a userInfo naming someone else gains nothing', async () => {
    const alice = caller(emu, `openid-${fn}-${action}-alice2`);
    const mallory = caller(emu, `openid-${fn}-${action}-mallory`);
    await mallory.raw(fn, { action });
    await alice.raw(fn, { action });
    const honest = await alice.raw(fn, { action });
    const spoofedDirectly = await callDirectly(fn, alice.openid, { action, userInfo: { appId: APPID, openId: mallory.openid } });
    const spoofedThroughGateway = await alice.raw(fn, { action, userInfo: { appId: APPID, openId: mallory.openid } });
    expect(spoofedDirectly).toEqual(honest.body);
    expect(spoofedThroughGateway.body).toEqual(honest.body);
  });

  test('any other field is still refused', async () => {
    const direct = await callDirectly(fn, `openid-${fn}-${action}-eve`, { action, userInfo: { appId: APPID, openId: 'x' }, extra: 1 });
    expect(direct).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
