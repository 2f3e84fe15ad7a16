// `npm run bench` (notify part): messages delivered per second by one dispatcher run (the timer, through the built
// function) for 300 messages with no failures, half as subscribe messages and half on the official account; then
// 300 more under a 50 % seeded failure rate of every kind (rate limits, tokens, system errors, both timeouts), run
// until all settle: the runs it took and the duplicate count (messages WeChat delivered twice: 0 when exactly-once
// holds). Figures, never assertions.
import { performance } from 'node:perf_hooks';
import { EJSON } from 'bson';
import { startEmulator, type Emulator } from '../emulator/src/server';
import { serverSdk } from '../emulator/test/support';
import { followerIdOf, userIdOf } from '../cloudfunctions/_shared/documents/ids';
import type { NotificationKind } from '../typings/inbox';
import { slotOf, templateIdOf } from '../cloudfunctions/_shared/messages/templates';

const MESSAGES = 300;
const PEOPLE = 60;
const KINDS: NotificationKind[] = ['signup.confirmed', 'hours.confirmed', 'certificate.issued', 'reminder.shift24h', 'org.joinDecided'];
const ENV = {
  ZY_NOTIFY_RETRY_BASE_MS: '1',
  ZY_NOTIFY_RETRY_CAP_MS: '4',
  ZY_NOTIFY_CONFIRM_WINDOW_MS: '1500',
  ZY_NOTIFY_MAX_ATTEMPTS: '40',
  ZY_NOTIFY_JITTER_SEED: '7',
};

async function insert(emu: Emulator, collectionName: string, docs: Array<Record<string, unknown>>): Promise<void> {
  for (let i = 0; i < docs.length; i += 500) {
    const data = docs.slice(i, i + 500).map((d) => EJSON.stringify(d, { relaxed: false }));
    const res = (await emu.database.handle('database.insertDocument', { collectionName, data })) as { code?: string; message?: string };
    if (res.code) throw new Error(`bench insert: ${res.code} ${res.message}`);
  }
}

/** PEOPLE people, even ones with a grant per message (subscribe), odd ones following the account; MESSAGES messages. */
async function world(emu: Emulator, tag: string): Promise<string[]> {
  const now = new Date();
  const users = [];
  const followers = [];
  const grants = new Map<string, { userId: string; templateId: string; left: number }>();
  const prefs = [];
  const messages = [];
  for (let p = 0; p < PEOPLE; p++) {
    const openid = `bench-notify-${tag}-${p}`;
    const userId = userIdOf(openid);
    const unionid = `bench-union-${tag}-${p}`;
    users.push({ _id: userId, openid, unionid, roles: [], createdAt: now });
    prefs.push({ _id: userId, off: [], quietHours: null, recommendations: false, updatedAt: now });
    if (p % 2 === 1) {
      const oaOpenid = `bench-oa-${tag}-${p}`;
      await emu.wechat.officialAccount.follow(oaOpenid, { unionid });
      followers.push({ _id: followerIdOf(oaOpenid), openid: oaOpenid, unionid, subscribed: true, lastEventTime: Math.floor(now.getTime() / 1000), subscribedAt: now, updatedAt: now });
    }
  }
  for (let m = 0; m < MESSAGES; m++) {
    const p = m % PEOPLE;
    const kind = KINDS[m % KINDS.length]!;
    const userId = users[p]!._id;
    if (p % 2 === 0) {
      const templateId = templateIdOf('subscribe', slotOf(kind), emu.functionEnv)!;
      emu.wechat.acceptSubscription(users[p]!.openid, templateId, 1);
      const key = `${userId}.${templateId}`;
      const g = grants.get(key) ?? { userId, templateId, left: 0 };
      g.left += 1;
      grants.set(key, g);
    }
    messages.push({ _id: `bench-${tag}-${m}`, kind, recipientUserId: userId, title: '基准消息', body: `第 ${m} 条`, createdAt: now, readAt: null, delivery: { state: 'pending', attempts: 0, nextAttemptAt: now } });
  }
  await emu.wechat.pushesDelivered();
  await insert(emu, 'users', users);
  await insert(emu, 'notificationPreferences', prefs);
  await insert(emu, 'followers', followers);
  await insert(emu, 'subscribeGrants', [...grants].map(([id, g]) => ({ _id: id, ...g, lastMoment: 'signup', updatedAt: now })));
  await insert(emu, 'notifications', messages);
  return messages.map((m) => m._id);
}

async function fire(emu: Emulator): Promise<{ handled: number; delivered: number }> {
  const fired = await emu.triggers!.fire('notify', 'dispatch');
  if (!fired.outcome.ok) throw new Error(`dispatch: ${fired.outcome.message}`);
  return JSON.parse(fired.outcome.json) as { handled: number; delivered: number };
}

async function states(emu: Emulator, ids: string[]): Promise<string[]> {
  const db = serverSdk(emu).database();
  const out: string[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    const res = (await db.collection('notifications').where({ _id: db.command.in(ids.slice(i, i + 100)) }).limit(100).get()) as unknown as { data: Array<{ delivery: { state: string } }> };
    out.push(...res.data.map((d) => d.delivery.state));
  }
  return out;
}

export async function notifyBench(): Promise<void> {
  const emu = await startEmulator({ port: 0, dataDir: null, strict: true, functionEnv: ENV });
  try {
    await emu.runtime!.provision('notify', 1);
    const clean = await world(emu, 'clean');
    const started = performance.now();
    const run = await fire(emu);
    const seconds = (performance.now() - started) / 1000;
    const left = (await states(emu, clean)).filter((s) => s !== 'delivered').length;
    console.log(`notify: one dispatcher run delivered ${run.delivered} of ${MESSAGES} messages in ${seconds.toFixed(2)} s — ${(run.delivered / seconds).toFixed(0)} messages/s (${left} left for the next run)`);

    const stormy = await world(emu, 'storm');
    emu.wechat.failRandomly({
      seed: 3,
      rate: 0.5,
      apis: ['subscribeMessage.send', 'cgi-bin/message/template/send'],
      failures: [{ errcode: 45009 }, { errcode: 40001 }, { errcode: -1 }, { timeout: 'lost-request' }, { timeout: 'lost-answer' }],
    });
    let runs = 0;
    const stormStart = performance.now();
    for (; runs < 200; ) {
      runs += 1;
      await fire(emu);
      await emu.wechat.pushesDelivered();
      const open = (await states(emu, stormy)).filter((s) => !['delivered', 'dropped', 'dead'].includes(s));
      if (open.length === 0) break;
      await new Promise((r) => setTimeout(r, open.length > 0 && runs % 3 === 0 ? 1600 : 20));
    }
    emu.wechat.stopFailing();
    const stormSeconds = (performance.now() - stormStart) / 1000;
    const storm = new Set(stormy);
    const deliveredStorm = emu.wechat.delivered.filter((m) => m.touser.includes('-storm-'));
    const settled = await states(emu, stormy);
    // A duplicate: WeChat delivered more messages to the storm's people than the storm had messages delivered.
    const duplicates = deliveredStorm.length - settled.filter((s) => s === 'delivered').length;
    console.log(
      `notify: 50 % failures: ${settled.filter((s) => s === 'delivered').length}/${storm.size} delivered after ${runs} runs (${stormSeconds.toFixed(1)} s), ${settled.filter((s) => s === 'dead').length} dead, duplicates ${duplicates}`,
    );
  } finally {
    await emu.wechat.pushesDelivered();
    await emu.stop();
  }
}
