// Failure injection on cloud-calls, through the stock SDK inside a function (fixtures/wechat-functions/sender):
// both timeouts fail the call as CloudBase's open-API gateway fails it (-604102), one before and one after WeChat
// delivered; seeded random failures repeat; every delivered subscribe message is recorded and followed by WeChat's
// subscribe_msg_sent_event push to the function set up for it (fixtures/wechat-functions/sent-events).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { digitsOfWeChatId } from '../../cloudfunctions/_shared/wechat/cloud-openapi';
import type { Emulator } from '../src/server';
import { caller, startTestEmulator } from './support';

let emu: Emulator;
let eventsFile: string;
beforeAll(async () => {
  eventsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sent-events-')), 'events.jsonl');
  fs.writeFileSync(eventsFile, '');
  emu = await startTestEmulator({
    functionsDir: path.join(__dirname, 'fixtures', 'wechat-functions'),
    collections: [],
    pages: ['pages/me/index', 'pages/hours/index'],
    functionEnv: { SENT_EVENTS_FILE: eventsFile },
  });
  emu.wechat.defineTemplate('tpl-signup', ['thing1', 'phrase2']);
});
afterAll(async () => {
  await emu.stop();
  fs.rmSync(path.dirname(eventsFile), { recursive: true, force: true });
});
afterEach(() => emu.wechat.stopFailing());

const message = (touser: string) => ({ touser, templateId: 'tpl-signup', page: 'pages/hours/index?id=1', data: { thing1: { value: '社区义诊引导员' }, phrase2: { value: '已通过' } } });

async function send(touser: string): Promise<{ ok: boolean; msgid?: string; errCode?: number; errMsg?: string }> {
  const { body } = await caller(emu, touser).raw('sender', message(touser));
  // The SDK hands the 64-bit msgid over as a BigNumber's bare fields; the adapter reads them as digits.
  return body.ok ? { ok: true, msgid: digitsOfWeChatId(body.msgid) } : body;
}

function receivedEvents(): Array<{ event: any; OPENID: string; SOURCE: string }> {
  return fs
    .readFileSync(eventsFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

test('a delivered subscribe message is recorded, and WeChat pushes subscribe_msg_sent_event to the function set up for it', async () => {
  emu.wechat.acceptSubscription('openid-a', 'tpl-signup');
  const answer = await send('openid-a');
  expect(answer).toEqual({ ok: true, msgid: expect.stringMatching(/^\d{19}$/) });
  expect(emu.wechat.delivered.at(-1)).toEqual({
    channel: 'subscribe',
    touser: 'openid-a',
    templateId: 'tpl-signup',
    data: message('openid-a').data,
    page: 'pages/hours/index?id=1',
    msgid: answer.msgid,
    at: expect.any(Date),
  });
  await emu.wechat.pushesDelivered();
  const [received] = receivedEvents().filter((r) => r.event.SubscribeMsgSentEvent?.List.MsgID === answer.msgid);
  expect(received.event).toEqual({
    ToUserName: expect.stringMatching(/^gh_/),
    FromUserName: 'openid-a',
    CreateTime: expect.stringMatching(/^\d+$/),
    MsgType: 'event',
    Event: 'subscribe_msg_sent_event',
    SubscribeMsgSentEvent: { List: { TemplateId: 'tpl-signup', MsgID: answer.msgid, ErrorCode: '0', ErrorStatus: 'success' } },
  });
  expect(received.OPENID).toBe('openid-a');
  expect(received.SOURCE).toBe('wx_unknown');
});

test('a refused message is neither recorded as delivered nor pushed', async () => {
  const delivered = emu.wechat.delivered.length;
  const events = emu.wechat.subscribeMessageEvents.length;
  expect(await send('openid-without-grant')).toMatchObject({ ok: false, errCode: 43101 });
  emu.wechat.acceptSubscription('openid-b', 'tpl-signup');
  emu.wechat.failNext('subscribeMessage.send', { errcode: 45009 });
  expect(await send('openid-b')).toMatchObject({ ok: false, errCode: 45009 });
  expect(emu.wechat.subscriptionsLeft('openid-b', 'tpl-signup')).toBe(1);
  expect(emu.wechat.delivered.length).toBe(delivered);
  expect(emu.wechat.subscribeMessageEvents.length).toBe(events);
});

test('lost-request: the SDK throws -604102 and nothing happened', async () => {
  emu.wechat.acceptSubscription('openid-c', 'tpl-signup');
  const delivered = emu.wechat.delivered.length;
  emu.wechat.failNext('subscribeMessage.send', { timeout: 'lost-request' });
  expect(await send('openid-c')).toEqual({ ok: false, errCode: -604102, errMsg: 'system error: error code: -604102' });
  expect(emu.wechat.subscriptionsLeft('openid-c', 'tpl-signup')).toBe(1);
  expect(emu.wechat.delivered.length).toBe(delivered);
  expect(emu.wechat.calls.at(-1)).toMatchObject({ api: 'subscribeMessage.send', timeout: 'lost-request', errcode: -604102 });
});

test('lost-answer: the SDK throws -604102, yet WeChat delivered it, spent the grant and pushed the sent event', async () => {
  emu.wechat.acceptSubscription('openid-d', 'tpl-signup');
  emu.wechat.failNext('subscribeMessage.send', { timeout: 'lost-answer' });
  expect(await send('openid-d')).toEqual({ ok: false, errCode: -604102, errMsg: 'system error: error code: -604102' });
  expect(emu.wechat.subscriptionsLeft('openid-d', 'tpl-signup')).toBe(0);
  const message = emu.wechat.delivered.filter((m) => m.touser === 'openid-d');
  expect(message).toHaveLength(1);
  expect(emu.wechat.calls.at(-1)).toMatchObject({ timeout: 'lost-answer', errcode: 0 });
  await emu.wechat.pushesDelivered();
  expect(receivedEvents().filter((r) => r.event.FromUserName === 'openid-d').map((r) => r.event.SubscribeMsgSentEvent.List.MsgID)).toEqual([message[0].msgid]);
  // A retry meets WeChat's answer for a spent grant.
  expect(await send('openid-d')).toMatchObject({ ok: false, errCode: 43101 });
});

test('failRandomly on cloud-calls: the same seed gives the same outcomes for the same calls', async () => {
  const run = async () => {
    emu.wechat.acceptSubscription('openid-r', 'tpl-signup', 40);
    emu.wechat.failRandomly({ seed: 2026, rate: 0.5, apis: ['subscribeMessage.send'], failures: [{ errcode: 45009 }, { errcode: -1 }, { timeout: 'lost-request' }, { timeout: 'lost-answer' }] });
    const outcomes: Array<number | 'ok'> = [];
    for (let i = 0; i < 16; i++) {
      const answer = await send('openid-r');
      outcomes.push(answer.ok ? 'ok' : answer.errCode!);
    }
    emu.wechat.stopFailing();
    return outcomes;
  };
  const first = await run();
  expect(await run()).toEqual(first);
  expect(first).toContain('ok');
  expect(first).toContain(-604102);
  expect(first.filter((o) => o !== 'ok').length).toBeGreaterThan(0);
});

test('a platform error still fails the call before WeChat', async () => {
  emu.wechat.acceptSubscription('openid-e', 'tpl-signup');
  emu.wechat.failNext('subscribeMessage.send', { errorCode: -604101 });
  expect(await send('openid-e')).toMatchObject({ ok: false, errCode: -604101 });
  expect(emu.wechat.subscriptionsLeft('openid-e', 'tpl-signup')).toBe(1);
});
