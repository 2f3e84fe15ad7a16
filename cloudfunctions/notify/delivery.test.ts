// Exactly once, through the built notify function and the fake WeChat: the official account for followers without a
// grant, fallback when a grant turns out spent, retries after timeouts that did or did not reach WeChat, two
// dispatchers at once, a run that died mid-send, and a few hundred messages under a 50 % seeded failure rate — each
// message delivered exactly once, counted on what WeChat delivered.
import type { Emulator } from '../../emulator/src/server';
import { serverSdk, startTestEmulator } from '../../emulator/test/support';
import type { NotificationKind } from '../../typings/inbox';
import { followerIdOf } from '../_shared/documents/ids';
import type { FollowerDoc, NotificationDoc } from '../_shared/documents/notification';
import { registerVolunteer, type Volunteer } from '../organization/test-support';
import { clientMsgIdOf } from '../_shared/wechat';
import { enqueueDirect, noQuietHours, notificationOf, notifyEnv, runDispatcher, subscribeTemplateOf } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  // Enough attempts that a 50 % failure rate never exhausts them (0.5^40); dead letters have their own test.
  emu = await startTestEmulator({ functionEnv: { ...notifyEnv, ZY_NOTIFY_MAX_ATTEMPTS: '40' } });
});
afterAll(async () => {
  await emu.wechat.pushesDelivered();
  await emu.stop();
});

interface Person extends Volunteer {
  oaOpenid?: string;
}

let people = 0;
async function person(options: { follows?: boolean } = {}): Promise<Person> {
  const n = ++people;
  const v = await registerVolunteer(emu, `openid-delivery-${n}`);
  await noQuietHours(emu, v.openid);
  if (!options.follows) return v;
  const unionid = `union-delivery-${n}`;
  const oaOpenid = `oa-openid-delivery-${n}`;
  await serverSdk(emu).database().collection('users').doc(v.userId).update({ data: { unionid } });
  await emu.wechat.officialAccount.follow(oaOpenid, { unionid });
  await emu.wechat.pushesDelivered();
  // The follower function keeps this document from the push; written here as it leaves it, so these tests do not
  // depend on that function.
  const follower: FollowerDoc = { _id: followerIdOf(oaOpenid), openid: oaOpenid, unionid, subscribed: true, lastEventTime: Math.floor(Date.now() / 1000), subscribedAt: new Date(), updatedAt: new Date() };
  const { _id, ...data } = follower;
  await serverSdk(emu).database().collection('followers').doc(_id).set({ data });
  return { ...v, oaOpenid };
}

/** The person accepted `kind`'s template `times` times: WeChat allows that many, and the ledger knows it. */
async function grant(p: Person, kind: NotificationKind, times: number): Promise<void> {
  const templateId = subscribeTemplateOf(emu, kind);
  emu.wechat.acceptSubscription(p.openid, templateId, times);
  const db = serverSdk(emu).database();
  const id = `${p.userId}.${templateId}`;
  const existing = (await db.collection('subscribeGrants').where({ _id: id }).get()) as unknown as { data: Array<{ left: number }> };
  if (existing.data.length) await db.collection('subscribeGrants').doc(id).update({ data: { left: existing.data[0]!.left + times } });
  else await db.collection('subscribeGrants').add({ data: { _id: id, userId: p.userId, templateId, left: times, lastMoment: 'signup', updatedAt: new Date() } });
}

const deliveredTo = (touser: string) => emu.wechat.delivered.filter((m) => m.touser === touser);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Run the dispatcher until every message settled, letting pushes arrive and unconfirmed sends time out between runs. */
async function settleAll(ids: string[], maxRuns = 60): Promise<NotificationDoc[]> {
  for (let run = 0; run < maxRuns; run++) {
    await runDispatcher(emu);
    await emu.wechat.pushesDelivered();
    const docs = await Promise.all(ids.map((id) => notificationOf(emu, id)));
    const open = docs.filter((d) => !['delivered', 'dropped', 'dead'].includes(d.delivery.state));
    if (open.length === 0) return docs;
    // An unconfirmed send is taken as not sent after the confirm window (1.5 s here); the rest are due at once.
    if (open.every((d) => d.delivery.state === 'unconfirmed')) await sleep(1600);
    else await sleep(20);
  }
  throw new Error('messages did not settle');
}

test('a follower without a grant gets an official-account template message opening the page, keyed by the outbox id', async () => {
  const p = await person({ follows: true });
  const id = await enqueueDirect(emu, p.userId, 'hours.confirmed', { facts: { subject: '温泉街道周末陪伴', minutes: 150, result: '已确认' }, link: '/volunteer/hours-record/index?recordId=r9' });
  await runDispatcher(emu);
  expect(deliveredTo(p.oaOpenid!)).toEqual([
    expect.objectContaining({
      channel: 'officialAccount',
      templateId: emu.functionEnv.ZY_TMPL_OA_HOURS_RESULT,
      page: 'volunteer/hours-record/index?recordId=r9',
      clientMsgId: clientMsgIdOf(id),
      data: { thing1: { value: '温泉街道周末陪伴' }, number2: { value: '2.5' }, phrase3: { value: '已确认' }, thing4: { value: '测试消息正文 1' } },
    }),
  ]);
  expect((await notificationOf(emu, id)).delivery).toMatchObject({ state: 'delivered', channel: 'officialAccount' });
});

test('with a grant and a follow: the subscribe message; a grant WeChat says is spent (43101) falls back to the official account', async () => {
  const p = await person({ follows: true });
  await grant(p, 'signup.confirmed', 1);
  const first = await enqueueDirect(emu, p.userId, 'signup.confirmed');
  await runDispatcher(emu);
  expect((await notificationOf(emu, first)).delivery).toMatchObject({ state: 'delivered', channel: 'subscribe' });
  await grant(p, 'signup.confirmed', 1);
  emu.wechat.failNext('subscribeMessage.send', { errcode: 43101 });
  const second = await enqueueDirect(emu, p.userId, 'signup.confirmed');
  await runDispatcher(emu);
  expect((await notificationOf(emu, second)).delivery).toMatchObject({ state: 'delivered', channel: 'officialAccount', refused: ['subscribe'] });
  expect(deliveredTo(p.openid)).toHaveLength(1);
  expect(deliveredTo(p.oaOpenid!)).toHaveLength(1);
  const ledger = (await serverSdk(emu).database().collection('subscribeGrants').doc(`${p.userId}.${subscribeTemplateOf(emu, 'signup.confirmed')}`).get()) as unknown as { data: { left: number } | Array<{ left: number }> };
  expect((Array.isArray(ledger.data) ? ledger.data[0]! : ledger.data).left).toBe(0);
});

test('official account, answer lost after WeChat sent it: retried on the official account under the same client_msg_id, delivered once', async () => {
  const p = await person({ follows: true });
  emu.wechat.failNext('cgi-bin/message/template/send', { timeout: 'lost-answer' });
  const id = await enqueueDirect(emu, p.userId, 'hours.rejected');
  const docs = await settleAll([id]);
  expect(docs[0]!.delivery).toMatchObject({ state: 'delivered', channel: 'officialAccount', officialAccountUnansweredAt: expect.any(Date) });
  expect(deliveredTo(p.oaOpenid!)).toHaveLength(1);
  const tries = emu.wechat.calls.filter((c) => c.api === 'cgi-bin/message/template/send' && c.data.client_msg_id === clientMsgIdOf(id));
  expect(tries.length).toBeGreaterThanOrEqual(2);
});

test('subscribe, answer lost after WeChat sent it: the send-result push settles it, nothing is sent again', async () => {
  const p = await person({ follows: true });
  await grant(p, 'certificate.issued', 2);
  emu.wechat.failNext('subscribeMessage.send', { timeout: 'lost-answer' });
  const id = await enqueueDirect(emu, p.userId, 'certificate.issued');
  const docs = await settleAll([id]);
  expect(docs[0]!.delivery).toMatchObject({ state: 'delivered', channel: 'subscribe', msgid: deliveredTo(p.openid)[0]?.msgid });
  expect(deliveredTo(p.openid)).toHaveLength(1);
  expect(deliveredTo(p.oaOpenid!)).toHaveLength(0);
});

test('subscribe, request lost before WeChat got it: no push comes, so after the window it is sent again, once', async () => {
  const p = await person();
  await grant(p, 'certificate.revoked', 1);
  emu.wechat.failNext('subscribeMessage.send', { timeout: 'lost-request' });
  const id = await enqueueDirect(emu, p.userId, 'certificate.revoked');
  await runDispatcher(emu);
  expect((await notificationOf(emu, id)).delivery).toMatchObject({ state: 'unconfirmed', channel: 'subscribe' });
  const docs = await settleAll([id]);
  expect(docs[0]!.delivery).toMatchObject({ state: 'delivered', channel: 'subscribe', attempts: 1 });
  expect(deliveredTo(p.openid)).toHaveLength(1);
});

test('a run that died mid-send: its claim expires and the next run takes the message over, sending it once', async () => {
  const p = await person({ follows: true });
  const id = await enqueueDirect(emu, p.userId, 'org.reviewed');
  const past = new Date(Date.now() - 60_000);
  await serverSdk(emu)
    .database()
    .collection('notifications')
    .doc(id)
    .update({ data: { delivery: { state: 'sending', channel: 'officialAccount', claim: { by: 'timer-died', until: past }, nextAttemptAt: past } } });
  const docs = await settleAll([id]);
  expect(docs[0]!.delivery).toMatchObject({ state: 'delivered', channel: 'officialAccount' });
  expect(deliveredTo(p.oaOpenid!)).toHaveLength(1);
});

test('two dispatchers at once never send one message twice', async () => {
  await emu.runtime!.provision('notify', 2);
  const crowd = await Promise.all([person({ follows: true }), person({ follows: true }), person(), person({ follows: true })]);
  for (const p of crowd.filter((_, i) => i % 2 === 0)) await grant(p, 'hours.confirmed', 15);
  const ids: string[] = [];
  for (const p of crowd) for (let i = 0; i < 15; i++) ids.push(await enqueueDirect(emu, p.userId, 'hours.confirmed'));
  const runs = await Promise.all([runDispatcher(emu), runDispatcher(emu)]);
  // Both runs took part, and together delivered no more than there were messages (postponed ones come back).
  expect(runs.every((r) => r.handled > 0)).toBe(true);
  expect(runs[0]!.delivered + runs[1]!.delivered).toBeLessThanOrEqual(ids.length);
  const docs = await settleAll(ids);
  expect(docs.every((d) => d.delivery.state === 'delivered')).toBe(true);
  for (const p of crowd) expect(deliveredTo(p.openid).length + (p.oaOpenid ? deliveredTo(p.oaOpenid).length : 0)).toBe(15);
});

test('50 % seeded failures of every kind over a few hundred messages: after enough runs, each delivered exactly once', async () => {
  const kinds: NotificationKind[] = ['signup.confirmed', 'hours.confirmed', 'certificate.issued', 'reminder.shift24h', 'org.joinDecided', 'signup.awaitingApproval'];
  const subscribers = await Promise.all(Array.from({ length: 10 }, () => person()));
  const followers = await Promise.all(Array.from({ length: 10 }, () => person({ follows: true })));
  const both = await Promise.all(Array.from({ length: 10 }, () => person({ follows: true })));
  const ids: string[] = [];
  const recipients = [...subscribers, ...followers, ...both];
  for (const [i, p] of recipients.entries()) {
    for (let m = 0; m < 8; m++) {
      const kind = kinds[(i + m) % kinds.length]!;
      // Subscribers hold a grant per message; the others of `both` only for half, so their ledger runs out and they
      // fall back to the official account.
      if (subscribers.includes(p) || (both.includes(p) && m % 2 === 0)) await grant(p, kind, 1);
      ids.push(await enqueueDirect(emu, p.userId, kind));
    }
  }
  emu.wechat.failRandomly({
    seed: 11,
    rate: 0.5,
    apis: ['subscribeMessage.send', 'cgi-bin/message/template/send'],
    failures: [{ errcode: 45009 }, { errcode: 40001 }, { errcode: -1 }, { errcode: 45047 }, { timeout: 'lost-request' }, { timeout: 'lost-answer' }],
  });
  let docs: NotificationDoc[];
  try {
    docs = await settleAll(ids, 200);
  } finally {
    emu.wechat.stopFailing();
  }
  expect(docs.map((d) => d.delivery.state).filter((s) => s !== 'delivered')).toEqual([]);
  // Exactly once per outbox id: official-account messages carry its client_msg_id, subscribe messages the msgid
  // recorded on it; and nothing was delivered that no message accounts for.
  const mine = new Set(recipients.flatMap((p) => [p.openid, ...(p.oaOpenid ? [p.oaOpenid] : [])]));
  const delivered = emu.wechat.delivered.filter((m) => mine.has(m.touser));
  for (const d of docs) {
    const copies =
      d.delivery.channel === 'officialAccount'
        ? delivered.filter((m) => m.channel === 'officialAccount' && m.clientMsgId === clientMsgIdOf(d._id))
        : delivered.filter((m) => m.channel === 'subscribe' && m.msgid === d.delivery.msgid);
    expect({ id: d._id, copies: copies.length }).toEqual({ id: d._id, copies: 1 });
  }
  expect(delivered).toHaveLength(ids.length);
  // The failures really happened, on both channels: timeouts of both kinds and answered errors — and official-account
  // retries after a lost answer met WeChat's client_msg_id dedup (45065) instead of a second message.
  const failed = emu.wechat.calls.filter((c) => (c.errcode !== 0 || c.timeout) && mine.has(String(c.data.touser)));
  expect(new Set(failed.map((c) => c.timeout ?? c.errcode))).toEqual(new Set(['lost-request', 'lost-answer', 45009, 40001, -1, 45047, 45065]));
  for (const api of ['subscribeMessage.send', 'cgi-bin/message/template/send']) expect(failed.filter((c) => c.api === api).length).toBeGreaterThan(20);
}, 600_000);
