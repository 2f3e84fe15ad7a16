// The emulator's own doors: what a web page in the developer's browser could send it is refused, and input nested
// absurdly deep is refused in each route's own envelope without harming later calls.
import * as path from 'node:path';
import { nestsDeeperThan, originAllowed } from '../src/doors';
import type { Emulator } from '../src/server';
import { caller, serverSdk, startTestEmulator } from './support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({
    functionsDir: path.join(__dirname, 'fixtures', 'functions'),
    collections: [],
    allowedOrigins: ['https://devtools.example'],
  });
  await serverSdk(emu).database().createCollection('notes');
});
afterAll(async () => emu.stop());

const notes = () => serverSdk(emu).database().collection('notes');
const count = async () => ((await notes().count()) as { total: number }).total;

/** What a page could POST cross-site without a preflight: a form or no-cors fetch with a simple content type. */
const wipeNotes = JSON.stringify({ action: 'database.removeDocument', collectionName: 'notes', queryType: 'WHERE', query: '{}', multi: true });

/** JSON text `depth` objects deep; built as text because JSON.stringify itself overflows on such input. */
const deepJson = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

async function post(url: string, body: string, headers: Record<string, string>) {
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}

describe('cross-site requests', () => {
  beforeEach(async () => {
    await notes().where({}).remove();
    await notes().add({ data: { text: '社区清洁' } });
  });

  test('a cross-site text/plain POST no longer deletes a collection; the same request as the SDK sends it does', async () => {
    const fromPage = await post(emu.adminUrl, wipeNotes, { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://evil.example' });
    expect(fromPage.status).toBe(403);
    expect(JSON.parse(fromPage.text)).toMatchObject({ code: 'PERMISSION_DENIED' });
    const noOriginButText = await post(emu.adminUrl, wipeNotes, { 'content-type': 'text/plain' });
    expect(noOriginButText.status).toBe(415);
    expect(JSON.parse(noOriginButText.text)).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining('application/json') });
    const form = await post(emu.adminUrl, `x=${encodeURIComponent(wipeNotes)}`, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(await count()).toBe(1);

    // The door is what stopped it: sent as the SDK sends it, the same body deletes.
    const asSdk = await post(emu.adminUrl, wipeNotes, { 'content-type': 'application/json' });
    expect(asSdk.status).toBe(200);
    expect(await count()).toBe(0);
  });

  test('loopback origins and configured ones are let in; "null" and other sites are not', async () => {
    const ok = (origin: string) => post(emu.adminUrl, JSON.stringify({ action: 'database.addCollection', collectionName: 'notes' }), { 'content-type': 'application/json', origin });
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:8080', 'http://[::1]:3000', 'https://devtools.example']) {
      expect((await ok(origin)).status).toBe(200);
    }
    for (const origin of ['null', 'https://evil.example', 'http://localhost.evil.example', 'http://127.0.0.1.evil.example', 'file://']) {
      expect((await ok(origin)).status).toBe(403);
    }
  });

  test('the gateway requires JSON and refuses foreign origins', async () => {
    const url = `${emu.gatewayUrl}/echo`;
    const foreign = await post(url, '{}', { 'content-type': 'application/json', origin: 'https://evil.example', 'x-wx-openid': 'openid-a' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.text)).toMatchObject({ errCode: -501007 });
    const text = await post(url, '{}', { 'content-type': 'text/plain', 'x-wx-openid': 'openid-a' });
    expect(text.status).toBe(415);
    expect((await caller(emu, 'openid-a').raw('echo', { n: 1 })).body.event).toEqual({ n: 1, userInfo: { appId: expect.any(String), openId: 'openid-a' } });
  });

  test('the client database route refuses foreign origins and non-JSON', async () => {
    const body = JSON.stringify({ action: 'remove', collection: 'notes', query: {} });
    expect((await post(`${emu.baseUrl}/client/database`, body, { 'content-type': 'application/json', origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(`${emu.baseUrl}/client/database`, body, { 'content-type': 'text/plain' })).status).toBe(415);
    expect(await count()).toBe(1);
  });

  test('a storage upload from a foreign origin is refused with COS’s XML, and nothing is stored', async () => {
    const meta = JSON.parse((await post(emu.adminUrl, JSON.stringify({ action: 'storage.getUploadMetadata', path: 'evil/x.txt' }), { 'content-type': 'application/json' })).text);
    const url: string = meta.data.url;
    const put = await fetch(url, { method: 'PUT', headers: { origin: 'https://evil.example' }, body: 'pwned' });
    expect(put.status).toBe(403);
    expect(await put.text()).toContain('<Code>AccessDenied</Code>');
    const textPost = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'pwned' });
    expect(textPost.status).toBe(415);
    const urls = (await serverSdk(emu).getTempFileURL({ fileList: [meta.data.fileId] })) as { fileList: Array<{ status: number }> };
    expect(urls.fileList[0].status).not.toBe(0);
    // From the SDK (no Origin) the same URL uploads.
    expect((await fetch(url, { method: 'PUT', body: 'fine' })).status).toBe(200);
  });
});

describe('input nested thousands deep', () => {
  test('the gateway answers the action envelope in Chinese, and the next call works', async () => {
    const res = await post(`${emu.gatewayUrl}/echo`, `{"action":"x","deep":${deepJson(5000)}}`, { 'content-type': 'application/json', 'x-wx-openid': 'openid-a' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringMatching(/嵌套层级过深/) } });
    // 100 levels is still an event.
    const fine = await post(`${emu.gatewayUrl}/echo`, `{"deep":${deepJson(99)}}`, { 'content-type': 'application/json', 'x-wx-openid': 'openid-a' });
    expect(fine.status).toBe(200);
    expect(JSON.parse(fine.text).event.deep.a.a.a).toBeDefined();
    expect((await caller(emu, 'openid-a').raw('echo', { after: true })).body.event).toEqual({ after: true, userInfo: { appId: expect.any(String), openId: 'openid-a' } });
  });

  test('a deep document or query to the admin API is refused as INVALID_PARAM, and the database keeps serving', async () => {
    const insert = JSON.stringify({ action: 'database.insertDocument', collectionName: 'notes', data: ['@doc'] }).replace('"@doc"', JSON.stringify(`{"deep":${deepJson(5000)}}`));
    const refused = await post(emu.adminUrl, insert, { 'content-type': 'application/json' });
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text)).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining('nested deeper than 100') });
    const query = JSON.stringify({ action: 'database.getDocument', collectionName: 'notes', queryType: 'WHERE', query: '@q' }).replace('"@q"', JSON.stringify(deepJson(3000)));
    expect(JSON.parse((await post(emu.adminUrl, query, { 'content-type': 'application/json' })).text)).toMatchObject({ code: 'INVALID_PARAM' });
    const event = JSON.stringify({ action: 'functions.invokeFunction', function_name: 'echo', request_data: deepJson(3000) });
    expect(JSON.parse((await post(emu.adminUrl, event, { 'content-type': 'application/json' })).text)).toMatchObject({ code: 'INVALID_PARAM' });
    const clientQuery = `{"action":"get","collection":"notes","query":${deepJson(3000)}}`;
    expect(JSON.parse((await post(`${emu.baseUrl}/client/database`, clientQuery, { 'content-type': 'application/json' })).text)).toMatchObject({ code: 'INVALID_PARAM' });

    await notes().add({ data: { text: '之后' } });
    expect(((await notes().where({ text: '之后' }).get()) as { data: unknown[] }).data).toHaveLength(1);
  });
});

describe('the checks themselves', () => {
  test('nesting is counted outside string literals, escapes included', () => {
    expect(nestsDeeperThan(deepJson(100), 100)).toBe(false);
    expect(nestsDeeperThan(deepJson(101), 100)).toBe(true);
    expect(nestsDeeperThan(JSON.stringify({ text: '['.repeat(500) }), 100)).toBe(false);
    expect(nestsDeeperThan(JSON.stringify({ text: `\\"${'{'.repeat(500)}` }), 100)).toBe(false);
    expect(nestsDeeperThan(`["\\\\"${'['.repeat(200)}`, 100)).toBe(true);
  });

  test('origins', () => {
    expect(originAllowed(undefined)).toBe(true);
    expect(originAllowed('http://127.0.0.2:1')).toBe(true);
    expect(originAllowed('chrome-extension://abc')).toBe(false);
    expect(originAllowed('https://servicewechat.com')).toBe(false);
  });
});
