// Cloud-call permissions, as CloudBase enforces them: a function may call only the open APIs its config.json
// `permissions.openapi` declares ("每个云函数需要声明其会使用到的接口，否则无法调用", WeChat 云调用), and anything else
// is refused with -604101 before WeChat is asked. Cloud-call exists only inside a running function; a script with
// secret keys, a forged token or a token whose invocation has ended is refused with -604104. Through the stock
// wx-server-sdk 4.x here; 2.x and 4.x functions of an ordinary project in cloudbase-project.test.ts.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Emulator } from '../src/server';
import { caller, serverSdk, startTestEmulator } from './support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionsDir: path.join(__dirname, 'fixtures', 'functions'), collections: [], pages: ['pages/me/index'] });
  emu.wechat.defineTemplate('tpl-done', ['thing1']);
});
afterAll(async () => emu.stop());

const send = { api: 'subscribeMessage.send', params: { touser: 'openid-p', templateId: 'tpl-done', data: { thing1: { value: '活动已结束' } } } };
const from = (fn: string, request: object) => caller(emu, 'openid-p').raw(fn, request).then((r) => r.body);
/** What a function sees when wx-server-sdk 4.x throws the platform's -604101 (its CommOpenApiResp errorCode). */
const NO_PERMISSION = { ok: false, errCode: -604101, errMsg: 'system error: error code: -604101' };

describe('a function calls only the open APIs it declares', () => {
  test('a declared API is answered; the call records the function that made it', async () => {
    emu.wechat.issuePhoneCode('code-p1', '13800007777');
    const res = await from('undeclared', { api: 'phonenumber.getPhoneNumber', params: { code: 'code-p1' } });
    expect(res).toMatchObject({ ok: true, result: { phoneInfo: { purePhoneNumber: '13800007777' } } });
    expect(emu.wechat.calls.at(-1)).toMatchObject({ api: 'phonenumber.getPhoneNumber', function: 'undeclared', errcode: 0 });
  });

  test('an undeclared API is refused with -604101, as the SDK surfaces it, and WeChat is not asked', async () => {
    emu.wechat.acceptSubscription('openid-p', 'tpl-done');
    expect(await from('undeclared', send)).toEqual(NO_PERMISSION);
    expect(emu.wechat.calls.at(-1)).toMatchObject({ api: 'subscribeMessage.send', function: 'undeclared', errcode: -604101 });
    // The refusal spent nothing at WeChat: the subscription is still there for a function that may send.
    expect(emu.wechat.subscriptionsLeft('openid-p', 'tpl-done')).toBe(1);
    expect(await from('openapi', send)).toMatchObject({ ok: true, result: { errCode: 0 } });
    expect(emu.wechat.subscriptionsLeft('openid-p', 'tpl-done')).toBe(0);
  });

  test('an API the emulator does not fake is still refused first by the permission', async () => {
    const customer = { api: 'customerServiceMessage.send', params: { touser: 'openid-p', msgtype: 'text', text: { content: '你好' } } };
    expect(await from('undeclared', customer)).toEqual(NO_PERMISSION);
    expect(await from('openapi', customer)).toMatchObject({ ok: false, errCode: 48001 });
  });

  test('a refusal does not use up a failure queued with failNext', async () => {
    emu.wechat.failNext('wxacode.getUnlimited', { errcode: 45009 });
    const qr = { api: 'wxacode.getUnlimited', params: { scene: 'a=1', page: 'pages/me/index' } };
    expect(await from('undeclared', qr)).toEqual(NO_PERMISSION);
    expect(await from('openapi', qr)).toMatchObject({ ok: false, errCode: 45009 });
    expect(await from('openapi', qr)).toMatchObject({ ok: true, result: { contentType: 'image/png' } });
  });

  test('cloud.getOpenData and openapi.cloudbase.getOpenData need cloudbase.getOpenData', async () => {
    const cloudId = emu.wechat.issueGroupCloudId('tGroup-p');
    const refused = await from('undeclared', { openData: [cloudId] });
    expect(refused).toEqual(NO_PERMISSION);
    expect(emu.wechat.calls.at(-1)).toMatchObject({ api: 'ApiGetOpenDataByCloudId', function: 'undeclared', errcode: -604101 });
    expect(await from('undeclared', { api: 'cloudbase.getOpenData', params: { cloudidList: [cloudId] } })).toEqual(NO_PERMISSION);
    expect(await from('openapi', { openData: [cloudId] })).toMatchObject({ ok: true, result: { list: [{ cloudID: cloudId, data: { openGId: 'tGroup-p' } }] } });
  });

  test('a function called by another is judged by its own permissions, not its caller’s', async () => {
    expect(await from('openapi', { via: 'undeclared', ...send })).toEqual(NO_PERMISSION);
    emu.wechat.acceptSubscription('openid-p', 'tpl-done');
    expect(await from('undeclared', { via: 'openapi', ...send })).toMatchObject({ ok: true, result: { errCode: 0 } });
    expect(emu.wechat.calls.slice(-2).map((c) => [c.function, c.errcode])).toEqual([
      ['undeclared', -604101],
      ['openapi', 0],
    ]);
  });
});

test('a timer-triggered invocation cloud-calls with its own token, judged by its function’s permissions', async () => {
  emu.wechat.defineTemplate('tpl-remind', ['thing1']);
  emu.wechat.acceptSubscription('openid-reminded', 'tpl-remind');
  const fired = await emu.triggers!.fire('reminder');
  expect(fired.outcome).toMatchObject({ ok: true });
  expect(JSON.parse((fired.outcome as { json: string }).json)).toEqual({ ok: true, errCode: 0, triggerToken: true });
  expect(emu.wechat.calls.at(-1)).toMatchObject({ api: 'subscribeMessage.send', function: 'reminder', errcode: 0 });
});

describe('cloud-call works only inside a running function', () => {
  test('a script with secret keys is refused with -604104 (illegal source of invocation)', async () => {
    const cloud = serverSdk(emu) as any;
    await expect(cloud.openapi.subscribeMessage.send(send.params)).rejects.toMatchObject({
      errCode: -604104,
      errMsg: 'system error: error code: -604104',
    });
    await expect(cloud.getOpenData({ list: [emu.wechat.issueGroupCloudId('g')] })).rejects.toMatchObject({ errCode: -604104 });
    expect(emu.wechat.calls.slice(-2).map((c) => [c.api, c.function, c.errcode])).toEqual([
      ['subscribeMessage.send', undefined, -604104],
      ['ApiGetOpenDataByCloudId', undefined, -604104],
    ]);
  });

  test('a script that forges an invocation token is refused the same way', async () => {
    // The SDK reads WX_API_TOKEN from the variables WX_CONTEXT_KEYS names, as inside a function.
    Object.assign(process.env, { WX_CONTEXT_KEYS: 'WX_API_TOKEN', WX_API_TOKEN: 'a'.repeat(32) });
    try {
      await expect((serverSdk(emu) as any).openapi.phonenumber.getPhoneNumber({ code: 'fake:13800000000' })).rejects.toMatchObject({ errCode: -604104 });
    } finally {
      delete process.env.WX_CONTEXT_KEYS;
      delete process.env.WX_API_TOKEN;
    }
  });

  test('a call a function makes after its invocation has answered is refused: the token ended with it', async () => {
    const before = emu.wechat.calls.length;
    expect(await from('openapi', { later: 100, ...send })).toEqual({ ok: true, scheduled: true });
    // Nothing else runs on the instance meanwhile, so its environment still holds the ended invocation's token.
    while (emu.wechat.calls.length === before) await new Promise((r) => setTimeout(r, 20));
    expect(emu.wechat.calls.at(-1)).toMatchObject({ api: 'subscribeMessage.send', function: undefined, errcode: -604104 });
  });
});

describe('config.json permissions are read as CloudBase reads them, at start', () => {
  const folderWith = (config: object): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zy-permissions-'));
    fs.mkdirSync(path.join(dir, 'job'));
    fs.writeFileSync(path.join(dir, 'job', 'index.js'), 'exports.main = async () => null;');
    fs.writeFileSync(path.join(dir, 'job', 'config.json'), JSON.stringify(config));
    return dir;
  };

  test.each([
    [{ permissions: { openapi: 'subscribeMessage.send' } }],
    [{ permissions: { openapi: [42] } }],
    [{ permissions: { openapi: ['subscribeMessage'] } }],
    [{ permissions: { openapi: [' subscribeMessage.send'] } }],
    [{ permissions: ['subscribeMessage.send'] }],
  ])('%j is refused', async (config) => {
    await expect(startTestEmulator({ functionsDir: folderWith(config), collections: [] })).rejects.toThrow(/job\/config\.json permissions/);
  });

  test('declared APIs are listed; none declared, or no permissions at all, is an empty list', async () => {
    const emu2 = await startTestEmulator({ functionsDir: folderWith({ permissions: { openapi: ['security.msgSecCheck', 'wxacode.getUnlimited'] } }), collections: [] });
    try {
      expect(emu2.runtime!.list()[0].openapi).toEqual(['security.msgSecCheck', 'wxacode.getUnlimited']);
    } finally {
      await emu2.stop();
    }
    for (const config of [{}, { permissions: {} }, { permissions: { openapi: [] } }]) {
      const emu3 = await startTestEmulator({ functionsDir: folderWith(config), collections: [] });
      try {
        expect(emu3.runtime!.list()[0].openapi).toEqual([]);
      } finally {
        await emu3.stop();
      }
    }
  });
});
