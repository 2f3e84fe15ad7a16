// The official account's HTTPS API as the fake answers it at /wechat-api/cgi-bin/… (what ZY_OA_API_BASE points at):
// stable_token's two modes, template messages validated as WeChat validates them with client_msg_id dedup, the
// follower list in pages and follower details; injected failures and timeouts on this surface.
import type { Emulator } from '../src/server';
import { startTestEmulator } from './support';

let emu: Emulator;
let clock: number;
beforeAll(async () => {
  clock = Date.parse('2026-12-02T02:00:00Z');
  emu = await startTestEmulator({ functionsDir: null, collections: [], pages: ['pages/me/index', 'pages/hours/index'], now: () => clock });
  emu.wechat.officialAccount.defineTemplate('tpl-hours', ['thing1', 'time2', 'character_string3', 'short_thing4']);
});
afterAll(async () => emu.stop());
afterEach(() => emu.wechat.stopFailing());

const api = () => emu.functionEnv.ZY_OA_API_BASE;
const account = () => emu.wechat.officialAccount;

async function get(path: string): Promise<any> {
  return (await fetch(`${api()}/${path}`)).json();
}

async function post(path: string, body: unknown): Promise<any> {
  const res = await fetch(`${api()}/${path}`, { method: 'POST', body: JSON.stringify(body) });
  return res.json();
}

async function token(forceRefresh?: boolean): Promise<{ access_token: string; expires_in: number; errcode?: number }> {
  return post('cgi-bin/stable_token', { grant_type: 'client_credential', appid: account().appid, secret: account().secret, ...(forceRefresh === undefined ? {} : { force_refresh: forceRefresh }) });
}

function message(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    touser: 'oa-alice',
    template_id: 'tpl-hours',
    miniprogram: { appid: emu.functionEnv.ZY_MINIPROGRAM_APPID, pagepath: 'pages/hours/index?recordId=r1' },
    data: { thing1: { value: '社区义诊引导员' }, time2: { value: '2026-12-05 09:00' }, character_string3: { value: '2.5h' }, short_thing4: { value: '已确认' } },
    ...overrides,
  };
}

async function send(accessToken: string, body: Record<string, unknown>): Promise<any> {
  return post(`cgi-bin/message/template/send?access_token=${encodeURIComponent(accessToken)}`, body);
}

describe('the functions are told where the account is', () => {
  test('ZY_OA_* and ZY_MINIPROGRAM_APPID name the fake and its credentials', () => {
    expect(emu.functionEnv).toMatchObject({
      ZY_OA_API_BASE: `${emu.baseUrl}/wechat-api`,
      ZY_OA_APPID: account().appid,
      ZY_OA_SECRET: account().secret,
      ZY_OA_TOKEN: account().token,
      ZY_OA_ENCODING_AES_KEY: account().encodingAesKey,
      ZY_MINIPROGRAM_APPID: emu.wechat.miniprogramAppid,
    });
    expect(account().serverUrl).toBe(`${emu.baseUrl}/wechat/official-account`);
  });
});

describe('stable_token', () => {
  test('normal mode answers the same token while it is valid, with the time left', async () => {
    const first = await token();
    expect(first.expires_in).toBe(7200);
    clock += 3600_000;
    const again = await token(false);
    expect(again).toEqual({ access_token: first.access_token, expires_in: 3600 });
  });

  test('in its last 5 minutes a new token comes, and the old one works until it ends', async () => {
    const old = await token();
    clock += old.expires_in * 1000 - 299_000;
    const renewed = await token();
    expect(renewed.access_token).not.toBe(old.access_token);
    expect(renewed.expires_in).toBe(7200);
    await account().follow('oa-alice', { unionid: 'union-alice' });
    expect((await send(old.access_token, message())).errcode).toBe(0);
    clock += 300_000;
    expect((await send(old.access_token, message())).errcode).toBe(42001);
    expect((await send(renewed.access_token, message())).errcode).toBe(0);
  });

  test('force_refresh replaces the token at once; within 30 s it refreshes nothing; 20 a day', async () => {
    const before = await token();
    clock += 60_000;
    const forced = await token(true);
    expect(forced.access_token).not.toBe(before.access_token);
    expect((await send(before.access_token, message())).errcode).toBe(40001);
    clock += 10_000;
    expect((await token(true)).access_token).toBe(forced.access_token);
    for (let i = 0; i < 30; i++) {
      clock += 31_000;
      await token(true);
    }
    clock += 31_000;
    expect((await token(true)).errcode).toBe(45009);
    // The next day in Asia/Shanghai the quota starts again.
    clock += 24 * 3600_000;
    expect((await token(true)).access_token).toEqual(expect.any(String));
  });

  test('refuses a wrong grant type, appid or secret with their errcodes', async () => {
    expect((await post('cgi-bin/stable_token', { grant_type: 'password', appid: account().appid, secret: account().secret })).errcode).toBe(40002);
    expect((await post('cgi-bin/stable_token', { grant_type: 'client_credential', secret: account().secret })).errcode).toBe(41002);
    expect((await post('cgi-bin/stable_token', { grant_type: 'client_credential', appid: 'wx-other', secret: account().secret })).errcode).toBe(40013);
    expect((await post('cgi-bin/stable_token', { grant_type: 'client_credential', appid: account().appid, secret: 'nope' })).errcode).toBe(40125);
    expect((await get('cgi-bin/stable_token')).errcode).toBe(43002);
  });
});

describe('message/template/send', () => {
  let t: string;
  beforeAll(async () => {
    await account().follow('oa-alice', { unionid: 'union-alice' });
    await account().follow('oa-bob');
    await account().unfollow('oa-bob');
    t = (await token()).access_token;
  });

  test('delivers to a follower and records the message as delivered', async () => {
    const before = emu.wechat.delivered.length;
    const answer = await send(t, message({ client_msg_id: 'n-1' }));
    expect(answer).toEqual({ errcode: 0, errmsg: 'ok', msgid: expect.any(Number) });
    expect(emu.wechat.delivered.slice(before)).toEqual([
      {
        channel: 'officialAccount',
        touser: 'oa-alice',
        templateId: 'tpl-hours',
        data: message().data,
        page: 'pages/hours/index?recordId=r1',
        clientMsgId: 'n-1',
        msgid: String(answer.msgid),
        at: new Date(clock),
      },
    ]);
    expect(emu.wechat.calls.at(-1)).toMatchObject({ api: 'cgi-bin/message/template/send', errcode: 0, data: { touser: 'oa-alice' } });
  });

  test('the same openid + client_msg_id within 10 minutes sends nothing and names the first message; after, it is sent again', async () => {
    const first = await send(t, message({ client_msg_id: 'dedup-1' }));
    const count = emu.wechat.delivered.length;
    clock += 9 * 60_000;
    const second = await send(t, message({ client_msg_id: 'dedup-1' }));
    expect(second).toMatchObject({ errcode: 45065, errmsg: expect.stringMatching(/^clientmsgid exist rid: /), msgid: first.msgid });
    expect(emu.wechat.delivered.length).toBe(count);
    clock += 60_000;
    const third = await send(t, message({ client_msg_id: 'dedup-1' }));
    expect(third.errcode).toBe(0);
    expect(third.msgid).not.toBe(first.msgid);
    expect(emu.wechat.delivered.length).toBe(count + 1);
    t = (await token()).access_token;
  });

  test.each([
    ['no token', () => ({ token: '', body: message() }), 41001],
    ['a token WeChat never issued', () => ({ token: 'forged', body: message() }), 40014],
    ['someone who never followed', () => ({ token: t, body: message({ touser: 'oa-stranger' }) }), 40003],
    ['someone who unfollowed', () => ({ token: t, body: message({ touser: 'oa-bob' }) }), 43004],
    ['an unknown template', () => ({ token: t, body: message({ template_id: 'tpl-none' }) }), 40037],
    ['a mini-program the account is not bound to', () => ({ token: t, body: message({ miniprogram: { appid: 'wx-other', pagepath: 'pages/me/index' } }) }), 40166],
    ['a page the mini-program does not have', () => ({ token: t, body: message({ miniprogram: { appid: emu.functionEnv.ZY_MINIPROGRAM_APPID, pagepath: 'pages/none/index' } }) }), 40165],
    ['a page with a leading slash', () => ({ token: t, body: message({ miniprogram: { appid: emu.functionEnv.ZY_MINIPROGRAM_APPID, pagepath: '/pages/me/index' } }) }), 40165],
    ['a thing over 20 characters', () => ({ token: t, body: message({ data: { ...(message().data as object), thing1: { value: '一二三四五六七八九十一二三四五六七八九十一' } } }) }), 47003],
    ['a line break', () => ({ token: t, body: message({ data: { ...(message().data as object), thing1: { value: '第一行\n第二行' } } }) }), 47003],
    ['a short_thing over 5 characters', () => ({ token: t, body: message({ data: { ...(message().data as object), short_thing4: { value: '已经确认完毕' } } }) }), 47003],
    ['Chinese in a character_string', () => ({ token: t, body: message({ data: { ...(message().data as object), character_string3: { value: '两小时' } } }) }), 47003],
    ['a keyword the template lacks', () => ({ token: t, body: message({ data: { ...(message().data as object), thing9: { value: 'x' } } }) }), 47003],
    ['a missing keyword', () => ({ token: t, body: message({ data: { thing1: { value: 'x' } } }) }), 47003],
    ['a client_msg_id over 32 bytes', () => ({ token: t, body: message({ client_msg_id: 'x'.repeat(33) }) }), 45067],
  ])('refuses %s', async (_what, make, errcode) => {
    const before = emu.wechat.delivered.length;
    const { token: accessToken, body } = make();
    const answer = await send(accessToken, body);
    expect(answer).toEqual({ errcode, errmsg: expect.stringMatching(/ rid: /) });
    expect(emu.wechat.delivered.length).toBe(before);
  });

  test('a body that is not JSON is 47001', async () => {
    const res = await fetch(`${api()}/cgi-bin/message/template/send?access_token=${t}`, { method: 'POST', body: '{not json' });
    expect(((await res.json()) as { errcode: number }).errcode).toBe(47001);
  });
});

describe('followers', () => {
  let t: string;
  beforeAll(async () => {
    for (const o of ['oa-f1', 'oa-f2', 'oa-f3', 'oa-f4', 'oa-f5']) await account().follow(o, { unionid: `union-${o}` });
    t = (await token()).access_token;
  });

  test('user/get pages through the followers in follow order; an empty page ends the list', async () => {
    account().pageSize = 2;
    const following = account().followers.filter((f) => f.subscribed).map((f) => f.openid);
    const seen: string[] = [];
    let next = '';
    for (let i = 0; i < 20; i++) {
      const page = await get(`cgi-bin/user/get?access_token=${t}&next_openid=${next}`);
      expect(page.total).toBe(following.length);
      if (page.count === 0) {
        expect(page).toEqual({ errcode: 0, errmsg: 'ok', total: following.length, count: 0, next_openid: '' });
        break;
      }
      expect(page.data.openid.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.openid);
      next = page.next_openid;
      expect(next).toBe(page.data.openid.at(-1));
    }
    expect(seen).toEqual(following);
    account().pageSize = 10_000;
  });

  test('a cursor whose follower has left is refused', async () => {
    await account().follow('oa-leaving');
    await account().unfollow('oa-leaving');
    expect((await get(`cgi-bin/user/get?access_token=${t}&next_openid=oa-leaving`)).errcode).toBe(40003);
  });

  test('batchget answers details with unionid while bound; subscribe 0 carries nothing else', async () => {
    await account().follow('oa-gone', { unionid: 'union-gone' });
    await account().unfollow('oa-gone');
    const answer = await post(`cgi-bin/user/info/batchget?access_token=${t}`, { user_list: [{ openid: 'oa-f1', lang: 'zh_CN' }, { openid: 'oa-gone' }] });
    expect(answer.user_info_list).toEqual([
      expect.objectContaining({ subscribe: 1, openid: 'oa-f1', unionid: 'union-oa-f1', subscribe_time: Math.floor(clock / 1000) }),
      { subscribe: 0, openid: 'oa-gone' },
    ]);
    account().openPlatformBound = false;
    const unbound = await post(`cgi-bin/user/info/batchget?access_token=${t}`, { user_list: [{ openid: 'oa-f1' }] });
    expect(unbound.user_info_list[0].unionid).toBeUndefined();
    account().openPlatformBound = true;
  });

  test('batchget takes 1 to 100 openids it knows', async () => {
    const many = Array.from({ length: 101 }, () => ({ openid: 'oa-f1' }));
    expect((await post(`cgi-bin/user/info/batchget?access_token=${t}`, { user_list: many })).errcode).toBe(40032);
    expect((await post(`cgi-bin/user/info/batchget?access_token=${t}`, { user_list: [] })).errcode).toBe(40032);
    expect((await post(`cgi-bin/user/info/batchget?access_token=${t}`, { user_list: [{ openid: 'oa-unknown' }] })).errcode).toBe(40003);
    expect((await post(`cgi-bin/user/info/batchget?access_token=forged`, { user_list: [{ openid: 'oa-f1' }] })).errcode).toBe(40014);
  });
});

describe('failures on the HTTPS API', () => {
  let t: string;
  beforeAll(async () => {
    await account().follow('oa-alice', { unionid: 'union-alice' });
    t = (await token()).access_token;
  });

  test('failNext answers an errcode once; nothing is delivered', async () => {
    emu.wechat.failNext('cgi-bin/message/template/send', { errcode: 45009 });
    const before = emu.wechat.delivered.length;
    expect(await send(t, message())).toEqual({ errcode: 45009, errmsg: expect.stringMatching(/^reach max api daily quota limit rid: /) });
    expect(emu.wechat.delivered.length).toBe(before);
    expect((await send(t, message())).errcode).toBe(0);
  });

  test('a platform error answers 503 without JSON', async () => {
    emu.wechat.failNext('cgi-bin/message/template/send', { errorCode: -1 });
    const res = await fetch(`${api()}/cgi-bin/message/template/send?access_token=${t}`, { method: 'POST', body: JSON.stringify(message()) });
    expect(res.status).toBe(503);
    expect(await res.text()).not.toMatch(/errcode/);
  });

  test('lost-request: the connection drops and nothing was sent; lost-answer: it drops after the message went out', async () => {
    const before = emu.wechat.delivered.length;
    emu.wechat.failNext('cgi-bin/message/template/send', { timeout: 'lost-request' });
    await expect(send(t, message({ client_msg_id: 'lost-1' }))).rejects.toThrow(/fetch failed/);
    expect(emu.wechat.delivered.length).toBe(before);
    emu.wechat.failNext('cgi-bin/message/template/send', { timeout: 'lost-answer' });
    await expect(send(t, message({ client_msg_id: 'lost-2' }))).rejects.toThrow(/fetch failed/);
    expect(emu.wechat.delivered.slice(before).map((m) => m.clientMsgId)).toEqual(['lost-2']);
    expect(emu.wechat.calls.slice(-2).map((c) => [c.timeout, c.errcode])).toEqual([
      ['lost-request', 0],
      ['lost-answer', 0],
    ]);
    // The retry of the lost answer is the same message: WeChat does not send it twice.
    expect((await send(t, message({ client_msg_id: 'lost-2' }))).errcode).toBe(45065);
    expect(emu.wechat.delivered.length).toBe(before + 1);
  });

  test('failRandomly: the same seed fails the same calls the same way', async () => {
    const run = async () => {
      emu.wechat.failRandomly({ seed: 7, rate: 0.5, apis: ['cgi-bin/message/template/send'], failures: [{ errcode: 45009 }, { errcode: -1 }, { errcode: 40001 }] });
      const codes: number[] = [];
      for (let i = 0; i < 24; i++) codes.push((await send(t, message())).errcode);
      emu.wechat.stopFailing();
      return codes;
    };
    const first = await run();
    const second = await run();
    expect(second).toEqual(first);
    expect(new Set(first)).toEqual(new Set([0, 45009, -1, 40001]));
    const failed = first.filter((c) => c !== 0).length;
    expect(failed).toBeGreaterThan(0);
    expect(failed).toBeLessThan(24);
    // APIs not named never fail.
    emu.wechat.failRandomly({ seed: 7, rate: 1, apis: ['subscribeMessage.send'], failures: [{ errcode: 45009 }] });
    expect((await send(t, message())).errcode).toBe(0);
  });

  test('failRandomly refuses a rate outside 0–1 and an empty failure list', () => {
    expect(() => emu.wechat.failRandomly({ seed: 1, rate: 1.5, apis: [], failures: [{ errcode: -1 }] })).toThrow(/rate/);
    expect(() => emu.wechat.failRandomly({ seed: 1, rate: 0.5, apis: [], failures: [] })).toThrow(/failure/);
  });

  test('requests from a web page are refused at the door', async () => {
    const res = await fetch(`${api()}/cgi-bin/stable_token`, { method: 'POST', headers: { origin: 'https://evil.example' }, body: '{}' });
    expect(res.status).toBe(403);
  });
});
