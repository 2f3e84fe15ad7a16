// The fake WeChat open API, through the stock wx-server-sdk inside functions (fixtures/functions/phone, openapi):
// cloud-call works only from a running function, for the APIs its config.json declares (openapi-permissions.test.ts).
// Each API answers in WeChat's shape, validates as WeChat does, is recorded, and can be told to fail.
import * as path from 'node:path';
import type { Emulator } from '../src/server';
import { caller, startTestEmulator } from './support';

let emu: Emulator;
let cloud: CloudCalls;
beforeAll(async () => {
  emu = await startTestEmulator({ functionsDir: path.join(__dirname, 'fixtures', 'functions'), collections: [], pages: ['pages/me/index', 'pages/hours/index'] });
  cloud = cloudCallsFrom('openapi');
});
afterAll(async () => emu.stop());

interface CloudCalls {
  openapi: Record<string, Record<string, (params: object) => Promise<any>>>;
  getOpenData(options: { list: string[] }): Promise<any>;
}

/**
 * `cloud.openapi.<a>.<b>(params)` and `cloud.getOpenData`, made by the fixture function `fn` through the stock SDK.
 * Resolves with what the SDK returned (binary content back as a Buffer; `types` holds typeof each top-level field as
 * the function saw it) or rejects with `{ errCode, errMsg }` as the SDK threw it.
 */
function cloudCallsFrom(fn: string): CloudCalls {
  const call = async (request: object) => {
    const { body } = await caller(emu, 'openid-a').raw(fn, request);
    if (!body.ok) throw { errCode: body.errCode, errMsg: body.errMsg };
    const result = body.result;
    if (typeof result.buffer?.base64 === 'string') result.buffer = Buffer.from(result.buffer.base64, 'base64');
    Object.defineProperty(result, 'types', { value: body.types, enumerable: false });
    return result;
  };
  const method = (namespace: string) => new Proxy({}, { get: (_t, name) => (params: object) => call({ api: `${namespace}.${String(name)}`, params }) });
  return {
    openapi: new Proxy({}, { get: (_t, namespace) => method(String(namespace)) }) as CloudCalls['openapi'],
    getOpenData: ({ list }) => call({ openData: list }),
  };
}

/** The error the SDK throws, as `{ errCode, errMsg }`. */
async function failure(p: Promise<unknown>): Promise<{ errCode: number; errMsg: string }> {
  try {
    await p;
  } catch (e) {
    return e as { errCode: number; errMsg: string };
  }
  throw new Error('expected the call to fail');
}

describe('phonenumber.getPhoneNumber', () => {
  test('a code is exchanged once, inside a function, and the call is recorded', async () => {
    emu.wechat.issuePhoneCode('code-1', '13812345678');
    const first = await caller(emu, 'openid-a').raw('phone', { code: 'code-1' });
    expect(first.body).toEqual({ ok: true, phone: '13812345678' });
    const again = await caller(emu, 'openid-a').raw('phone', { code: 'code-1' });
    expect(again.body).toMatchObject({ ok: false, errCode: 40029 });
    expect(emu.wechat.calls.filter((c) => c.api === 'phonenumber.getPhoneNumber').map((c) => [c.data, c.errcode])).toEqual([
      [{ code: 'code-1' }, 0],
      [{ code: 'code-1' }, 40029],
    ]);
  });

  test('the answer has WeChat’s shape; countryCode comes as issued, string or number', async () => {
    emu.wechat.issuePhoneCode('code-s', '13800001111');
    emu.wechat.issuePhoneCode('code-n', '13800002222', { countryCode: 86 });
    const s = await cloud.openapi.phonenumber.getPhoneNumber({ code: 'code-s' });
    expect(s.phoneInfo).toEqual({
      phoneNumber: '13800001111',
      purePhoneNumber: '13800001111',
      countryCode: '86',
      watermark: { appid: 'wx0000000000000000', timestamp: expect.any(Number) },
    });
    const n = await cloud.openapi.phonenumber.getPhoneNumber({ code: 'code-n' });
    expect(n.phoneInfo.countryCode).toBe(86);
  });

  test('a code is refused five minutes after the tap', async () => {
    const realNow = emu.wechat.now;
    const t0 = Date.now();
    emu.wechat.now = () => t0;
    try {
      emu.wechat.issuePhoneCode('code-old', '13800003333');
      emu.wechat.issuePhoneCode('code-fresh', '13800004444');
      emu.wechat.now = () => t0 + 5 * 60_000;
      expect((await cloud.openapi.phonenumber.getPhoneNumber({ code: 'code-fresh' })).phoneInfo.purePhoneNumber).toBe('13800004444');
      emu.wechat.now = () => t0 + 5 * 60_000 + 1;
      expect((await failure(cloud.openapi.phonenumber.getPhoneNumber({ code: 'code-old' }))).errCode).toBe(40029);
    } finally {
      emu.wechat.now = realNow;
    }
  });

  test('fake:<number> codes work without set-up, once', async () => {
    const res = await caller(emu, 'openid-a').raw('phone', { code: 'fake:13900001111' });
    expect(res.body).toEqual({ ok: true, phone: '13900001111' });
    expect((await caller(emu, 'openid-a').raw('phone', { code: 'fake:13900001111' })).body).toMatchObject({ ok: false, errCode: 40029 });
  });
});

describe('wxacode.getUnlimited', () => {
  test('answers a PNG image of the asked width, as { contentType, buffer }', async () => {
    const res = await cloud.openapi.wxacode.getUnlimited({ scene: 'act=42&r=1', page: 'pages/me/index', width: 300 });
    expect(res.contentType).toBe('image/png');
    expect(Buffer.isBuffer(res.buffer)).toBe(true);
    // A PNG: its signature, then the IHDR chunk whose first field is the width.
    expect(res.buffer.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(res.buffer.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(res.buffer.readUInt32BE(16)).toBe(300);
    expect(emu.wechat.calls.at(-1)).toMatchObject({ api: 'wxacode.getUnlimited', function: 'openapi', data: { scene: 'act=42&r=1', page: 'pages/me/index', width: 300 }, errcode: 0 });
  });

  test('refuses a long or non-ASCII scene and a page the mini-program does not have', async () => {
    expect((await failure(cloud.openapi.wxacode.getUnlimited({ scene: 'x'.repeat(33) }))).errCode).toBe(40169);
    expect((await failure(cloud.openapi.wxacode.getUnlimited({ scene: '活动42' }))).errCode).toBe(40169);
    expect((await failure(cloud.openapi.wxacode.getUnlimited({ scene: 'a=1', page: 'pages/nowhere/index' }))).errCode).toBe(41030);
    expect((await failure(cloud.openapi.wxacode.getUnlimited({ scene: 'a=1', page: '/pages/me/index' }))).errCode).toBe(41030);
    expect((await failure(cloud.openapi.wxacode.getUnlimited({ scene: 'a=1', page: 'pages/me/index?x=1' }))).errCode).toBe(41030);
    // check_path: false lets an unpublished page through, as WeChat does.
    const unchecked = await cloud.openapi.wxacode.getUnlimited({ scene: 'a=1', page: 'pages/new/index', checkPath: false });
    expect(unchecked.contentType).toBe('image/png');
  });
});

describe('subscribeMessage.send', () => {
  const data = { thing1: { value: '社区清洁活动' }, time2: { value: '2026年12月5日 09:00' }, phrase3: { value: '报名成功' } };
  beforeAll(() => emu.wechat.defineTemplate('tpl-signup', ['thing1', 'time2', 'phrase3']));

  test('sends once per accepted subscription, then 43101', async () => {
    emu.wechat.acceptSubscription('openid-s', 'tpl-signup');
    const sent = await cloud.openapi.subscribeMessage.send({ touser: 'openid-s', templateId: 'tpl-signup', page: 'pages/hours/index?id=1', data });
    expect(sent.errCode).toBe(0);
    // WeChat's msgid is a 64-bit id: the SDK's json-bigint hands back something that is not a JS number.
    expect(sent.types.msgid).not.toBe('number');
    expect(emu.wechat.subscriptionsLeft('openid-s', 'tpl-signup')).toBe(0);
    const refused = await failure(cloud.openapi.subscribeMessage.send({ touser: 'openid-s', templateId: 'tpl-signup', data }));
    expect(refused.errCode).toBe(43101);
    expect(emu.wechat.calls.filter((c) => c.api === 'subscribeMessage.send').map((c) => c.errcode)).toEqual([0, 43101]);
    expect(emu.wechat.calls.at(-1)?.data).toMatchObject({ touser: 'openid-s', template_id: 'tpl-signup' });
  });

  test('validates each value by its type, as WeChat does (47003 names the field)', async () => {
    emu.wechat.acceptSubscription('openid-v', 'tpl-signup', 10);
    const send = (d: object) => failure(cloud.openapi.subscribeMessage.send({ touser: 'openid-v', templateId: 'tpl-signup', data: { ...data, ...d } }));
    const tooLong = await send({ thing1: { value: '一二三四五六七八九十一二三四五六七八九十一' } });
    expect(tooLong).toMatchObject({ errCode: 47003 });
    expect(tooLong.errMsg).toContain('data.thing1.value invalid');
    expect((await send({ thing1: { value: '' } })).errMsg).toContain('data.thing1.value is empty');
    expect((await send({ phrase3: { value: '报名已经成功了' } })).errMsg).toContain('data.phrase3.value invalid');
    expect((await send({ phrase3: { value: 'ok' } })).errMsg).toContain('data.phrase3.value invalid');
    expect((await send({ time2: { value: '明天上午' } })).errMsg).toContain('data.time2.value invalid');
    expect((await send({ thing9: { value: 'x' } })).errCode).toBe(47003);
    const missing = await failure(cloud.openapi.subscribeMessage.send({ touser: 'openid-v', templateId: 'tpl-signup', data: { thing1: data.thing1, time2: data.time2 } }));
    expect(missing.errMsg).toContain('data.phrase3.value is empty');
    // Refusals spend no subscription.
    expect(emu.wechat.subscriptionsLeft('openid-v', 'tpl-signup')).toBe(10);
  });

  test('refuses an unknown template, an empty touser and a page not in app.json', async () => {
    emu.wechat.acceptSubscription('openid-w', 'tpl-signup');
    expect((await failure(cloud.openapi.subscribeMessage.send({ touser: 'openid-w', templateId: 'tpl-none', data }))).errCode).toBe(40037);
    expect((await failure(cloud.openapi.subscribeMessage.send({ touser: '', templateId: 'tpl-signup', data }))).errCode).toBe(40003);
    expect((await failure(cloud.openapi.subscribeMessage.send({ touser: 'openid-w', templateId: 'tpl-signup', page: 'pages/gone/index', data }))).errCode).toBe(41030);
  });

  test('failNext makes the next call answer WeChat’s errcode, once', async () => {
    emu.wechat.acceptSubscription('openid-f', 'tpl-signup', 2);
    emu.wechat.failNext('subscribeMessage.send', { errcode: 43101 });
    const refused = await failure(cloud.openapi.subscribeMessage.send({ touser: 'openid-f', templateId: 'tpl-signup', data }));
    expect(refused.errCode).toBe(43101);
    expect(refused.errMsg).toContain('user refuse to accept the msg');
    expect((await cloud.openapi.subscribeMessage.send({ touser: 'openid-f', templateId: 'tpl-signup', data })).errCode).toBe(0);
  });

  test('a platform refusal (-604101: no permission for the API) surfaces as the SDK reports it', async () => {
    emu.wechat.failNext('subscribeMessage.send', { errorCode: -604101 });
    expect((await failure(cloud.openapi.subscribeMessage.send({ touser: 'openid-f', templateId: 'tpl-signup', data }))).errCode).toBe(-604101);
  });
});

describe('security.msgSecCheck 2.0', () => {
  test('passes ordinary text with result and detail; a flagged term is risky', async () => {
    const pass = await cloud.openapi.security.msgSecCheck({ openid: 'openid-a', scene: 2, version: 2, content: '周末一起去社区做志愿服务' });
    expect(pass.result).toEqual({ suggest: 'pass', label: 100 });
    expect(pass.traceId).toEqual(expect.any(String));
    expect(pass.detail[0]).toMatchObject({ strategy: 'content_model', suggest: 'pass', label: 100 });
    emu.wechat.flagText('违禁词', { suggest: 'risky', label: 20006 });
    const risky = await cloud.openapi.security.msgSecCheck({ openid: 'openid-a', scene: 3, version: 2, content: '这里有违禁词' });
    expect(risky.result).toEqual({ suggest: 'risky', label: 20006 });
    expect(risky.detail).toContainEqual(expect.objectContaining({ strategy: 'keyword', keyword: '违禁词' }));
  });

  test('needs version 2, an openid, a scene 1–4 and at most 2500 characters', async () => {
    const check = (p: object) => failure(cloud.openapi.security.msgSecCheck({ openid: 'openid-a', scene: 2, version: 2, content: '你好', ...p }));
    expect((await check({ version: 1 })).errCode).toBe(47001);
    expect((await check({ openid: '' })).errCode).toBe(40003);
    expect((await check({ scene: 5 })).errCode).toBe(40129);
    expect((await check({ content: '字'.repeat(2501) })).errCode).toBe(47001);
  });
});

describe('security.mediaCheckAsync 2.0', () => {
  test('accepts with a trace_id; settling pushes the wxa_media_check event', async () => {
    emu.wechat.mediaCheckPush = 'held';
    const pushed: unknown[] = [];
    emu.wechat.onMessagePush = (e) => {
      pushed.push(e);
    };
    emu.wechat.flagMedia('bad.png', { suggest: 'risky', label: 20002 });
    const ok = await cloud.openapi.security.mediaCheckAsync({ openid: 'openid-a', scene: 1, version: 2, mediaType: 2, mediaUrl: 'https://example.com/ok.png' });
    const bad = await cloud.openapi.security.mediaCheckAsync({ openid: 'openid-a', scene: 1, version: 2, mediaType: 2, mediaUrl: 'https://example.com/bad.png' });
    expect(ok.traceId).toEqual(expect.any(String));
    expect(emu.wechat.mediaChecks.map((c) => [c.traceId, c.settled])).toEqual([
      [ok.traceId, false],
      [bad.traceId, false],
    ]);
    const badEvent = await emu.wechat.settleMediaCheck(bad.traceId);
    expect(badEvent).toMatchObject({ MsgType: 'event', Event: 'wxa_media_check', trace_id: bad.traceId, FromUserName: 'openid-a', version: 2, result: { suggest: 'risky', label: '20002' } });
    expect((await emu.wechat.settleMediaCheck(ok.traceId)).result).toEqual({ suggest: 'pass', label: '100' });
    expect(pushed).toHaveLength(2);
    await expect(emu.wechat.settleMediaCheck(ok.traceId)).rejects.toThrow(/already settled/);
    emu.wechat.mediaCheckPush = 'after-answer';
  });

  test('by default WeChat pushes the verdict by itself once the call is answered, or before it when asked', async () => {
    const pushed: Array<{ trace_id: string; result: unknown }> = [];
    emu.wechat.onMessagePush = (e) => {
      if (e.Event === 'wxa_media_check') pushed.push(e);
    };
    emu.wechat.flagMedia('risky-auto.png', { suggest: 'risky', label: 20006 });
    const answered = await cloud.openapi.security.mediaCheckAsync({ openid: 'openid-a', scene: 1, version: 2, mediaType: 2, mediaUrl: 'https://example.com/risky-auto.png' });
    await emu.wechat.pushesDelivered();
    expect(pushed).toEqual([expect.objectContaining({ trace_id: answered.traceId, result: { suggest: 'risky', label: '20006' } })]);
    emu.wechat.mediaCheckPush = 'before-answer';
    const early = await cloud.openapi.security.mediaCheckAsync({ openid: 'openid-a', scene: 1, version: 2, mediaType: 2, mediaUrl: 'https://example.com/ok2.png' });
    // Already pushed when the caller first learns the trace id.
    expect(pushed.map((p) => p.trace_id)).toEqual([answered.traceId, early.traceId]);
    emu.wechat.mediaCheckPush = 'after-answer';
  });

  test('refuses a missing URL or a media_type other than 1 (audio) or 2 (image)', async () => {
    expect((await failure(cloud.openapi.security.mediaCheckAsync({ openid: 'openid-a', scene: 1, version: 2, mediaType: 3, mediaUrl: 'https://example.com/a.png' }))).errCode).toBe(47001);
    expect((await failure(cloud.openapi.security.mediaCheckAsync({ openid: 'openid-a', scene: 1, version: 2, mediaType: 2 }))).errCode).toBe(47001);
  });
});

describe('open data by CloudID', () => {
  test('cloud.getOpenData answers { cloudID, data } with a watermark, decoded from protobuf', async () => {
    const group = emu.wechat.issueGroupCloudId('tGroup-123');
    const phone = emu.wechat.issuePhoneCloudId('13800005555');
    const res = await cloud.getOpenData({ list: [group, phone] });
    expect(res.list).toEqual([
      { cloudID: group, data: { openGId: 'tGroup-123', watermark: { appid: 'wx0000000000000000', timestamp: expect.any(Number) } } },
      { cloudID: phone, data: { phoneNumber: '13800005555', purePhoneNumber: '13800005555', countryCode: '86', watermark: expect.any(Object) } },
    ]);
    expect(emu.wechat.calls.at(-1)).toMatchObject({ api: 'ApiGetOpenDataByCloudId', data: { list: [group, phone] } });
  });

  test('an unknown CloudID fails the whole call, as the SDK treats an empty item', async () => {
    const known = emu.wechat.issueGroupCloudId('tGroup-9');
    expect((await failure(cloud.getOpenData({ list: [known, 'not-a-cloud-id'] }))).errCode).toBe(-601001);
  });

  test('openapi.cloudbase.getOpenData answers data_list with JSON text', async () => {
    const group = emu.wechat.issueGroupCloudId('tGroup-7');
    const res = await cloud.openapi.cloudbase.getOpenData({ cloudidList: [group] });
    expect(res.dataList).toHaveLength(1);
    expect(JSON.parse(res.dataList[0].json)).toMatchObject({ cloudID: group, data: { openGId: 'tGroup-7' } });
  });

  test('failNext works on the svrkit path too', async () => {
    emu.wechat.failNext('ApiGetOpenDataByCloudId', { errorCode: -604101 });
    const cloudId = emu.wechat.issueGroupCloudId('g');
    expect((await failure(cloud.getOpenData({ list: [cloudId] }))).errCode).toBe(-604101);
    expect(emu.wechat.calls.at(-1)).toMatchObject({ api: 'ApiGetOpenDataByCloudId', data: { list: [cloudId] }, errcode: -604101 });
  });
});

test('an API the emulator does not fake answers 48001', async () => {
  expect((await failure(cloud.openapi.customerServiceMessage.send({ touser: 'x', msgtype: 'text', text: { content: 'hi' } }))).errCode).toBe(48001);
});
