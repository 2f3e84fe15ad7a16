// The production adapters behind WeChatApi, inside a running function (emulator/test/fixtures/wechat-adapter, bundled
// here), against the emulator's fake WeChat through the stock SDK and real HTTP: the shared stable token (one
// stable_token call for many sends, renewal 5 minutes before expiry, a token rejected mid-run replaced once, one
// refresh when instances race), timeouts as unanswered, client_msg_id making a retry harmless, and the mapping of
// WeChat's answers.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import type { WeChatTokenDoc } from '../documents/notification';
import type { Emulator } from '../../../emulator/src/server';
import { caller, serverSdk, startTestEmulator } from '../../../emulator/test/support';
import { clientMsgIdOf, createOfficialAccountApi } from './official-account';
import type { TemplateMessageSend, WeChatOutcome } from './api';

const FUNCTIONS = path.join(__dirname, '../../../build/test-functions');
const FIXTURE = path.join(__dirname, '../../../emulator/test/fixtures/wechat-adapter');

let emu: Emulator;
let offsetMs = 0;
beforeAll(async () => {
  fs.mkdirSync(path.join(FUNCTIONS, 'wechat-adapter'), { recursive: true });
  buildSync({
    entryPoints: [path.join(FIXTURE, 'index.ts')],
    outfile: path.join(FUNCTIONS, 'wechat-adapter', 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk', '@cloudbase/node-sdk'],
    logLevel: 'silent',
  });
  fs.copyFileSync(path.join(FIXTURE, 'config.json'), path.join(FUNCTIONS, 'wechat-adapter', 'config.json'));
  emu = await startTestEmulator({ functionsDir: FUNCTIONS, pages: ['pages/me/index', 'pages/hours/index'], now: () => Date.now() + offsetMs });
  emu.wechat.officialAccount.defineTemplate('tpl-hours', ['thing1', 'time2']);
  emu.wechat.defineTemplate('tpl-signup', ['thing1', 'phrase2']);
  for (const o of ['oa-a', 'oa-b', 'oa-c']) await emu.wechat.officialAccount.follow(o, { unionid: `union-${o}` });
});
afterAll(async () => emu.stop());
beforeEach(async () => {
  emu.wechat.stopFailing();
  offsetMs = 0;
  await (tokens().doc(emu.wechat.officialAccount.appid).remove() as Promise<unknown>).catch(() => undefined);
});

const tokens = () => serverSdk(emu).database().collection('wechatTokens');
const stableTokenCalls = () => emu.wechat.calls.filter((c) => c.api === 'cgi-bin/stable_token').length;
const storedToken = async (): Promise<WeChatTokenDoc> => ((await tokens().doc(emu.wechat.officialAccount.appid).get()) as unknown as { data: WeChatTokenDoc }).data;

let sequence = 0;
function template(touser = 'oa-a', clientMsgId = `m-${++sequence}`): TemplateMessageSend {
  return {
    touser,
    templateId: 'tpl-hours',
    miniprogram: { appid: emu.functionEnv.ZY_MINIPROGRAM_APPID, pagepath: 'pages/hours/index?recordId=r1' },
    data: { thing1: { value: '社区义诊引导员' }, time2: { value: '2026-12-05 09:00' } },
    clientMsgId,
  };
}

async function run<T>(event: Record<string, unknown>, openid = 'timer'): Promise<T> {
  const { status, body } = await caller(emu, openid).raw('wechat-adapter', { clockOffsetMs: offsetMs, ...event });
  if (status !== 200) throw new Error(`function answered ${status}: ${JSON.stringify(body)}`);
  return body as T;
}

const sendTemplates = (messages: TemplateMessageSend[]) => run<WeChatOutcome<{ msgid: string; alreadySent?: true }>[]>({ op: 'templates', messages });

describe('the stable token', () => {
  test('many sends, one stable_token call; the token is kept in wechatTokens', async () => {
    const before = stableTokenCalls();
    const outcomes = await sendTemplates([template(), template('oa-b'), template('oa-c'), template(), template('oa-b')]);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(await sendTemplates([template()])).toEqual([{ ok: true, value: { msgid: expect.stringMatching(/^\d+$/) } }]);
    expect(stableTokenCalls() - before).toBe(1);
    const stored = await storedToken();
    expect(stored.token).toEqual(expect.any(String));
    expect(new Date(stored.expiresAt).getTime()).toBeGreaterThan(Date.now() + 7000_000);
    expect(stored.refreshing).toBeUndefined();
  });

  test('renewed once 5 minutes before it expires, not earlier', async () => {
    await sendTemplates([template()]);
    const { token: first, expiresAt } = await storedToken();
    const before = stableTokenCalls();
    const expiresInMs = new Date(expiresAt).getTime() - Date.now();
    offsetMs = expiresInMs - 310_000;
    await sendTemplates([template()]);
    expect(stableTokenCalls()).toBe(before);
    offsetMs = expiresInMs - 290_000;
    expect((await sendTemplates([template(), template()])).every((o) => o.ok)).toBe(true);
    expect(stableTokenCalls()).toBe(before + 1);
    const renewed = await storedToken();
    expect(renewed.token).not.toBe(first);
    expect(new Date(renewed.expiresAt).getTime()).toBeGreaterThan(Date.now() + offsetMs + 7000_000);
  });

  test('a token replaced elsewhere (force_refresh) is rejected mid-run: renewed once, the send made again', async () => {
    await sendTemplates([template()]);
    const stale = (await storedToken()).token;
    // Someone forces a refresh with the account's secret (a console tool, another deployment): ours is now invalid.
    await fetch(`${emu.functionEnv.ZY_OA_API_BASE}/cgi-bin/stable_token`, {
      method: 'POST',
      body: JSON.stringify({ grant_type: 'client_credential', appid: emu.wechat.officialAccount.appid, secret: emu.wechat.officialAccount.secret, force_refresh: true }),
    });
    const before = stableTokenCalls();
    const delivered = emu.wechat.delivered.length;
    const outcomes = await sendTemplates([template(), template()]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, true]);
    expect(emu.wechat.delivered.length).toBe(delivered + 2);
    expect(stableTokenCalls()).toBe(before + 1);
    expect((await storedToken()).token).not.toBe(stale);
    const sends = emu.wechat.calls.filter((c) => c.api === 'cgi-bin/message/template/send').slice(-3).map((c) => c.errcode);
    expect(sends).toEqual([40001, 0, 0]);
  });

  test('WeChat rejecting a token it still hands out: force refresh once; rejected again, the call answers its errcode', async () => {
    // Past the 30 s WeChat keeps between force refreshes (the test before forced one).
    offsetMs = 60_000;
    await sendTemplates([template()]);
    const before = stableTokenCalls();
    emu.wechat.failNext('cgi-bin/message/template/send', { errcode: 40001 });
    expect(await sendTemplates([template()])).toEqual([{ ok: true, value: { msgid: expect.any(String) } }]);
    const refreshes = emu.wechat.calls.filter((c) => c.api === 'cgi-bin/stable_token').slice(before);
    expect(refreshes.map((c) => c.data.force_refresh)).toEqual([false, true]);
    offsetMs += 31_000;
    emu.wechat.failNext('cgi-bin/message/template/send', { errcode: 42001 });
    emu.wechat.failNext('cgi-bin/message/template/send', { errcode: 42001 });
    const calls = emu.wechat.calls.length;
    expect(await sendTemplates([template()])).toEqual([{ ok: false, kind: 'answered', errcode: 42001, errmsg: expect.stringMatching(/^access_token expired/) }]);
    expect(emu.wechat.calls.slice(calls).map((c) => c.api)).toEqual(['cgi-bin/message/template/send', 'cgi-bin/stable_token', 'cgi-bin/stable_token', 'cgi-bin/message/template/send']);
  });

  test('instances racing for a missing token: one stable_token call, everyone sends', async () => {
    await emu.runtime!.provision('wechat-adapter', 6);
    const before = stableTokenCalls();
    const results = await Promise.all(Array.from({ length: 6 }, () => sendTemplates([template('oa-b')])));
    expect(results.flat().every((o) => o.ok)).toBe(true);
    expect(stableTokenCalls() - before).toBe(1);
  });

  test('another instance holding the lease: the others wait and use the token it stores', async () => {
    await tokens().add({ data: { _id: emu.wechat.officialAccount.appid, token: '', expiresAt: new Date(0), refreshing: { by: 'another-instance', until: new Date(Date.now() + 60_000) }, updatedAt: new Date() } });
    const pending = sendTemplates([template()]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const answer = await (await fetch(`${emu.functionEnv.ZY_OA_API_BASE}/cgi-bin/stable_token`, {
      method: 'POST',
      body: JSON.stringify({ grant_type: 'client_credential', appid: emu.wechat.officialAccount.appid, secret: emu.wechat.officialAccount.secret }),
    })).json() as { access_token: string; expires_in: number };
    const before = stableTokenCalls();
    await tokens().doc(emu.wechat.officialAccount.appid).set({ data: { token: answer.access_token, expiresAt: new Date(Date.now() + answer.expires_in * 1000), updatedAt: new Date() } });
    expect(await pending).toEqual([{ ok: true, value: { msgid: expect.any(String) } }]);
    expect(stableTokenCalls()).toBe(before);
  });

  test('stable_token refused (e.g. 40164, the outbound IP not whitelisted): unanswered, with the reason', async () => {
    emu.wechat.failNext('cgi-bin/stable_token', { errcode: 40164, errmsg: 'invalid ip 1.2.3.4, not in whitelist' });
    expect(await sendTemplates([template()])).toEqual([{ ok: false, kind: 'unanswered', detail: expect.stringMatching(/^token: stable_token answered 40164 invalid ip/) }]);
    expect((await storedToken()).refreshing).toBeUndefined();
  });
});

describe('template messages', () => {
  test('a lost answer, retried under the same client_msg_id: unanswered, then delivered once (alreadySent)', async () => {
    const message = template('oa-c', clientMsgIdOf('signup.approved.p1.s1.u_0123456789abcdef01234567'));
    expect(message.clientMsgId).toMatch(/^[0-9a-f]{32}$/);
    emu.wechat.failNext('cgi-bin/message/template/send', { timeout: 'lost-answer' });
    expect(await sendTemplates([message])).toEqual([{ ok: false, kind: 'unanswered', detail: expect.any(String) }]);
    const sent = emu.wechat.delivered.filter((m) => m.clientMsgId === message.clientMsgId);
    expect(sent).toHaveLength(1);
    expect(await sendTemplates([message])).toEqual([{ ok: true, value: { msgid: sent[0].msgid, alreadySent: true } }]);
    expect(emu.wechat.delivered.filter((m) => m.clientMsgId === message.clientMsgId)).toHaveLength(1);
  });

  test('a lost request: unanswered, nothing sent; the retry sends it', async () => {
    const message = template('oa-c');
    emu.wechat.failNext('cgi-bin/message/template/send', { timeout: 'lost-request' });
    expect(await sendTemplates([message])).toEqual([{ ok: false, kind: 'unanswered', detail: expect.any(String) }]);
    expect(emu.wechat.delivered.filter((m) => m.clientMsgId === message.clientMsgId)).toHaveLength(0);
    expect(await sendTemplates([message])).toEqual([{ ok: true, value: { msgid: expect.any(String) } }]);
  });

  test("WeChat's refusals are answered with their errcode; a 503 from the edge is unanswered", async () => {
    await emu.wechat.officialAccount.unfollow('oa-b');
    expect(await sendTemplates([template('oa-b')])).toEqual([{ ok: false, kind: 'answered', errcode: 43004, errmsg: expect.stringMatching(/^require subscribe/) }]);
    await emu.wechat.officialAccount.follow('oa-b', { unionid: 'union-oa-b' });
    emu.wechat.failNext('cgi-bin/message/template/send', { errcode: 45009 });
    expect((await sendTemplates([template()]))[0]).toMatchObject({ ok: false, kind: 'answered', errcode: 45009 });
    emu.wechat.failNext('cgi-bin/message/template/send', { errorCode: 503 });
    expect((await sendTemplates([template()]))[0]).toEqual({ ok: false, kind: 'unanswered', detail: 'HTTP 503 without a JSON answer' });
  });
});

describe('followers', () => {
  test('listFollowers pages and followerDetails maps WeChat’s fields', async () => {
    emu.wechat.officialAccount.pageSize = 2;
    const first = await run<WeChatOutcome<{ total: number; openids: string[]; nextOpenid: string }>>({ op: 'followers', next: '' });
    // Follow order: oa-b left and came back in an earlier test.
    expect(first).toEqual({ ok: true, value: { total: 3, openids: ['oa-a', 'oa-c'], nextOpenid: 'oa-c' } });
    const all: string[] = [];
    let next = '';
    for (let i = 0; i < 5; i++) {
      const page = await run<WeChatOutcome<{ total: number; openids: string[]; nextOpenid: string }>>({ op: 'followers', next });
      if (!page.ok) throw new Error(JSON.stringify(page));
      if (page.value.openids.length === 0) {
        expect(page.value.nextOpenid).toBe('');
        break;
      }
      all.push(...page.value.openids);
      next = page.value.nextOpenid;
    }
    expect(all.sort()).toEqual(['oa-a', 'oa-b', 'oa-c']);
    emu.wechat.officialAccount.pageSize = 10_000;
    await emu.wechat.officialAccount.follow('oa-left', { unionid: 'union-left' });
    await emu.wechat.officialAccount.unfollow('oa-left');
    expect(await run({ op: 'details', openids: ['oa-a', 'oa-left'] })).toEqual({
      ok: true,
      value: [
        { openid: 'oa-a', subscribe: 1, unionid: 'union-oa-a', subscribeTime: expect.any(Number) },
        { openid: 'oa-left', subscribe: 0 },
      ],
    });
  });
});

describe('subscribe messages through cloud.openapi', () => {
  test('delivered: the msgid comes back as WeChat’s digits', async () => {
    emu.wechat.acceptSubscription('openid-v', 'tpl-signup');
    const outcome = await run<WeChatOutcome<{ msgid: string }>>({ op: 'subscribe', message: { touser: 'openid-v', templateId: 'tpl-signup', page: 'pages/hours/index?id=1', data: { thing1: { value: '社区义诊引导员' }, phrase2: { value: '已通过' } } } });
    const delivered = emu.wechat.delivered.at(-1)!;
    expect(outcome).toEqual({ ok: true, value: { msgid: delivered.msgid } });
    expect(delivered.msgid).toMatch(/^\d{19}$/);
  });

  test('no grant left is answered (43101); both timeouts are unanswered', async () => {
    const message = { touser: 'openid-w', templateId: 'tpl-signup', page: 'pages/hours/index', data: { thing1: { value: '社区义诊引导员' }, phrase2: { value: '已通过' } } };
    expect(await run({ op: 'subscribe', message })).toEqual({ ok: false, kind: 'answered', errcode: 43101, errmsg: expect.stringMatching(/user refuse to accept the msg/) });
    emu.wechat.acceptSubscription('openid-w', 'tpl-signup', 2);
    emu.wechat.failNext('subscribeMessage.send', { timeout: 'lost-request' });
    expect(await run({ op: 'subscribe', message })).toEqual({ ok: false, kind: 'unanswered', detail: '-604102 system error: error code: -604102' });
    emu.wechat.failNext('subscribeMessage.send', { timeout: 'lost-answer' });
    expect(await run({ op: 'subscribe', message })).toEqual({ ok: false, kind: 'unanswered', detail: '-604102 system error: error code: -604102' });
    expect(emu.wechat.subscriptionsLeft('openid-w', 'tpl-signup')).toBe(1);
    emu.wechat.failNext('subscribeMessage.send', { errcode: -1 });
    expect(await run({ op: 'subscribe', message })).toMatchObject({ ok: false, kind: 'answered', errcode: -1 });
  });
});

test('with no official account configured every call is answered 48001, without a request', async () => {
  const api = createOfficialAccountApi({ db: serverSdk(emu).database(), config: null, now: () => new Date(), holder: 'test' });
  const calls = emu.wechat.calls.length;
  expect(await api.sendTemplateMessage(template())).toEqual({ ok: false, kind: 'answered', errcode: 48001, errmsg: expect.stringMatching(/ZY_OA_APPID/) });
  expect(await api.listFollowers('')).toMatchObject({ ok: false, errcode: 48001 });
  expect(emu.wechat.calls.length).toBe(calls);
});
