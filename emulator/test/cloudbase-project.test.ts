// A folder of CloudBase functions written by others, the ordinary way (plain JavaScript, own package.json,
// wx-server-sdk 2.x and 4.x, bare-path requires, TZ), run unchanged — as EMULATOR_FUNCTIONS_DIR points npm start at it.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Emulator } from '../src/server';
import { linkSdks, PROJECT } from './cloudbase-project-support';
import { caller, serverSdk, startTestEmulator } from './support';

const sdkVersion = (fn: string): string =>
  (JSON.parse(fs.readFileSync(path.join(PROJECT, fn, 'node_modules', 'wx-server-sdk', 'package.json'), 'utf8')) as { version: string }).version;

let emu: Emulator;
beforeAll(async () => {
  linkSdks();
  emu = await startTestEmulator({
    functionsDir: PROJECT,
    // Another project's collections come with no index declarations to be strict about.
    strict: false,
    appid: 'wx-ordinary-app',
    collections: [
      { name: 'notes', indexes: [] },
      { name: 'firings', indexes: [] },
    ],
  });
});
afterAll(async () => emu.stop());

test('the fixtures run on the SDK versions their package.json name', () => {
  expect(sdkVersion('legacy')).toMatch(/^2\.7\./);
  expect(sdkVersion('modern')).toMatch(/^4\./);
});

test('a 2.x function sees the caller, the injected userInfo and its own folders by bare path', async () => {
  const res = await caller(emu, 'openid-carol').raw('legacy', { op: 'whoami', userInfo: { appId: 'wx-evil', openId: 'openid-mallory' } });
  expect(res.status).toBe(200);
  expect(res.body.wxContext).toMatchObject({ OPENID: 'openid-carol', APPID: 'wx-ordinary-app', SOURCE: 'wx_devtools', ENV: emu.env });
  // The platform's userInfo replaces whatever the client sent.
  expect(res.body.event).toEqual({ op: 'whoami', userInfo: { appId: 'wx-ordinary-app', openId: 'openid-carol' } });
  expect(res.body.greeting).toBe('你好，openid-carol');
  expect(res.body.requestId).toEqual(expect.any(String));
});

test('TZ from config.json moves the local clock; without it the clock is UTC, as on SCF', async () => {
  const shanghai = await caller(emu, 'openid-carol').raw('legacy', { op: 'clock' });
  expect(shanghai.body).toEqual({ hours: 8, offsetMinutes: -480, tz: 'Asia/Shanghai' });
  const utc = await caller(emu, 'openid-carol').raw('modern', { op: 'clock' });
  expect(utc.body).toEqual({ hours: 0, offsetMinutes: 0, tz: 'UTC' });
});

describe.each([
  ['wx-server-sdk 2.x (a COS POST form)', 'legacy'],
  ['wx-server-sdk 4.x (a PUT of the bytes)', 'modern'],
])('cloud.uploadFile through %s', (_label, fn) => {
  test('stores exactly the bytes sent', async () => {
    // Bytes that look like form boundaries and line ends, so a parser that keeps the form would show it.
    const content = Buffer.concat([randomBytes(4096), Buffer.from('\r\n--boundary\r\nContent-Disposition: form-data\r\n\r\n'), Buffer.alloc(64)]);
    const cloudPath = `uploads/${fn}/${randomBytes(4).toString('hex')}.bin`;
    const res = await caller(emu, 'openid-carol').raw(fn, { op: 'upload', cloudPath, base64: content.toString('base64') });
    expect([res.status, res.body.errMsg]).toEqual([200, undefined]);
    expect(res.body.fileID).toMatch(new RegExp(`/${cloudPath.replace(/\./g, '\\.')}$`));
    const cloud = serverSdk(emu);
    const downloaded = (await cloud.downloadFile({ fileID: res.body.fileID })) as { fileContent: Buffer };
    expect(downloaded.fileContent.equals(content)).toBe(true);
    const { fileList } = (await cloud.getTempFileURL({ fileList: [res.body.fileID] })) as { fileList: Array<{ tempFileURL: string }> };
    const served = Buffer.from(await (await fetch(fileList[0].tempFileURL)).arrayBuffer());
    expect(served.equals(content)).toBe(true);
  });
});

test('a COS form whose key is not the signed path is refused', async () => {
  const meta = await fetch(emu.adminUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'storage.getUploadMetadata', path: 'uploads/signed.bin' }),
  }).then((r) => r.json() as Promise<{ data: { url: string } }>);
  const form = new FormData();
  form.append('key', 'uploads/other.bin');
  form.append('file', new Blob([Buffer.from('x')]));
  const res = await fetch(meta.data.url, { method: 'POST', body: form });
  expect(res.status).toBe(400);
  const cloud = serverSdk(emu);
  await expect(cloud.downloadFile({ fileID: `cloud://${emu.env}.${emu.env}-local/uploads/signed.bin` })).rejects.toBeDefined();
});

test('cloud.openapi from a 2.x function reaches the WeChat fake', async () => {
  const res = await caller(emu, 'openid-carol').raw('legacy', { op: 'phone', code: 'fake:13800138000' });
  expect(res.body).toEqual({ phone: '13800138000' });
  expect(emu.wechat.calls.at(-1)).toMatchObject({ api: 'phonenumber.getPhoneNumber', function: 'legacy', errcode: 0 });
});

test('an open API missing from config.json permissions.openapi is refused with -604101, from 2.x and 4.x', async () => {
  const refused = { errCode: -604101, errMsg: 'system error: error code: -604101' };
  expect((await caller(emu, 'openid-carol').raw('legacy', { op: 'qr' })).body).toEqual(refused);
  expect(emu.wechat.calls.at(-1)).toMatchObject({ api: 'wxacode.getUnlimited', function: 'legacy', errcode: -604101 });
  expect((await caller(emu, 'openid-carol').raw('modern', { op: 'phone', code: 'fake:13800138001' })).body).toEqual(refused);
  expect(emu.wechat.calls.at(-1)).toMatchObject({ api: 'phonenumber.getPhoneNumber', function: 'modern', errcode: -604101 });
});

test('a 2.x function writes and reads through the database', async () => {
  const res = await caller(emu, 'openid-carol').raw('legacy', { op: 'add', text: '周六植树' });
  expect(res.body).toMatchObject({ text: '周六植树' });
});

test('a timer trigger fired now delivers the timer event with SOURCE wx_trigger and no WeChat user', async () => {
  const fired = await emu.triggers!.fire('nightly');
  expect(fired.outcome.ok).toBe(true);
  const route = await fetch(`${emu.baseUrl}/triggers/nightly/everySecond`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(route.status).toBe(200);
  expect(await route.json()).toMatchObject({ function: 'nightly', trigger: 'everySecond', result: { done: true } });
  const { data } = (await serverSdk(emu).database().collection('firings').get()) as { data: Array<Record<string, any>> };
  expect(data).toHaveLength(2);
  expect(data[0]).toMatchObject({
    event: { Type: 'Timer', TriggerName: 'everySecond', Time: fired.at.toISOString().replace(/\.\d{3}Z$/, 'Z'), Message: '' },
    source: 'wx_trigger',
    openid: null,
    triggerSrc: 'timer',
  });
  expect(data[0].event.Time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
});

test('firing a trigger that does not exist is a clear error', async () => {
  const res = await fetch(`${emu.baseUrl}/triggers/legacy`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(res.status).toBe(404);
  expect((await res.json()) as object).toMatchObject({ errMsg: 'function legacy has no timer trigger' });
  await expect(emu.triggers!.fire('nightly', 'nope')).rejects.toThrow('no timer trigger named nope');
});

test('with triggers on (npm start), the trigger fires on its schedule by itself', async () => {
  const scheduled = await startTestEmulator({ functionsDir: PROJECT, timerTriggers: true, collections: [{ name: 'firings', indexes: [] }] });
  try {
    // "* * * * * * *" fires every second; wait for the first firing (jest's timeout bounds the wait).
    while (scheduled.triggers!.fired.length === 0) await new Promise((r) => setTimeout(r, 100));
    const [first] = scheduled.triggers!.fired;
    expect(first).toMatchObject({ function: 'nightly', trigger: 'everySecond', outcome: { ok: true } });
    expect(first.at.getUTCMilliseconds()).toBe(0);
  } finally {
    await scheduled.stop();
  }
});
