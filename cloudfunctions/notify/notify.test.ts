// The notify function through the stock SDK against the emulator: subscriptions and the grant ledger, channel
// choice, drops with their reasons, quiet hours and urgent kinds, opt-out, dead letters and requeue, the kick after
// an enqueue and who may kick.
import type { Emulator } from '../../emulator/src/server';
import { caller, serverSdk, startTestEmulator } from '../../emulator/test/support';
import { shanghaiClock } from '../../miniprogram/domain/calendar';
import type { SubscribeGrantDoc } from '../_shared/documents/notification';
import { ALL_KINDS } from '../_shared/messages/kinds';
import { MOMENT_SLOTS } from '../_shared/messages/templates';
import { PLATFORM_ADMIN, registerVolunteer, verifiedOrganization, type Volunteer } from '../organization/test-support';
import { projectDoc, publish, shiftDoc } from '../signup/test-support';
import { acceptAll, enqueueDirect, noQuietHours, notificationOf, notifyEnv, runDispatcher, slotTemplate, subscribeSendsTo, subscribeTemplateOf } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv: notifyEnv });
});
afterAll(async () => {
  await emu.wechat.pushesDelivered();
  await emu.stop();
});

let people = 0;
async function person(): Promise<Volunteer> {
  const v = await registerVolunteer(emu, `openid-notify-${++people}`);
  await noQuietHours(emu, v.openid);
  return v;
}

const grantOf = async (userId: string, templateId: string): Promise<number> => {
  const res = (await serverSdk(emu).database().collection('subscribeGrants').where({ _id: `${userId}.${templateId}` }).get()) as unknown as { data: SubscribeGrantDoc[] };
  return res.data[0]?.left ?? 0;
};

describe('subscriptions', () => {
  test('each moment offers its configured templates, at most 3', async () => {
    const v = await person();
    for (const moment of ['signup', 'checkin', 'certificate'] as const) {
      const res = await v.as.call('notify', 'subscribeTemplates', { moment });
      expect(res).toEqual({ ok: true, data: { templateIds: MOMENT_SLOTS[moment].map((s) => slotTemplate(emu, s)) } });
    }
  });

  test('an acceptance counts one message; reject, ban and filter count nothing; an unknown template is refused', async () => {
    const v = await person();
    const [result, reminder, hours] = MOMENT_SLOTS.signup.map((s) => slotTemplate(emu, s));
    const res = await v.as.call('notify', 'reportSubscriptions', { moment: 'signup', answers: { [result!]: 'accept', [reminder!]: 'reject', [hours!]: 'ban' } });
    expect(res).toEqual({ ok: true, data: { grants: { [result!]: 1, [reminder!]: 0, [hours!]: 0 } } });
    const again = await v.as.call('notify', 'reportSubscriptions', { moment: 'signup', answers: { [result!]: 'accept', [hours!]: 'filter' } });
    expect(again).toEqual({ ok: true, data: { grants: { [result!]: 2, [reminder!]: 0, [hours!]: 0 } } });
    const certificate = slotTemplate(emu, 'CERTIFICATE');
    const refused = await v.as.call('notify', 'reportSubscriptions', { moment: 'signup', answers: { [certificate]: 'accept' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', field: 'answers' } });
    expect(await grantOf(v.userId, certificate)).toBe(0);
    expect(await grantOf(v.userId, result!)).toBe(2);
  });

  test('someone without an account cannot report', async () => {
    const res = await caller(emu, 'openid-notify-nobody').call('notify', 'reportSubscriptions', { moment: 'signup', answers: { [slotTemplate(emu, 'SIGNUP_RESULT')]: 'accept' } });
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
  });
});

describe('channels', () => {
  test('with a grant left: a subscribe message to the person, with the template data and page, and the grant counted down', async () => {
    const v = await person();
    await acceptAll(emu, v.openid, 'signup');
    const at = new Date('2026-12-06T01:00:00Z');
    const id = await enqueueDirect(emu, v.userId, 'signup.confirmed', { facts: { subject: '社区义诊引导员', at, result: '报名成功', note: '请提前 10 分钟到场' }, link: '/project/signup/index?projectId=p1&shiftId=s1' });
    await runDispatcher(emu);
    const sent = subscribeSendsTo(emu, v.openid);
    expect(sent).toEqual([
      expect.objectContaining({
        template_id: subscribeTemplateOf(emu, 'signup.confirmed'),
        page: 'project/signup/index?projectId=p1&shiftId=s1',
        data: { thing1: { value: '社区义诊引导员' }, time2: { value: '2026年12月6日 09:00' }, phrase3: { value: '报名成功' }, thing4: { value: '请提前 10 分钟到场' } },
      }),
    ]);
    const n = await notificationOf(emu, id);
    expect(n.delivery).toMatchObject({ state: 'delivered', channel: 'subscribe', attempts: 0, msgid: expect.stringMatching(/^\d+$/) });
    expect(await grantOf(v.userId, subscribeTemplateOf(emu, 'signup.confirmed'))).toBe(0);
  });

  test('no grant and not a follower: dropped with noChannel, and the inbox still has it', async () => {
    const v = await person();
    const id = await enqueueDirect(emu, v.userId, 'hours.confirmed');
    await runDispatcher(emu);
    expect((await notificationOf(emu, id)).delivery).toMatchObject({ state: 'dropped', reason: 'noChannel' });
    expect(subscribeSendsTo(emu, v.openid)).toEqual([]);
    const inbox = await v.as.call('inbox', 'list', {});
    expect(inbox.ok && inbox.data.items.map((i) => i.id)).toContain(id);
  });

  test('every kind: a grant for its template sends it as a subscribe message, once', async () => {
    const v = await person();
    const templates = new Set(ALL_KINDS.map((k) => subscribeTemplateOf(emu, k)));
    // The ledger as if each template had been accepted once per message of it (moments ask for some of them only).
    const perTemplate = new Map<string, number>();
    for (const k of ALL_KINDS) perTemplate.set(subscribeTemplateOf(emu, k), (perTemplate.get(subscribeTemplateOf(emu, k)) ?? 0) + 1);
    const db = serverSdk(emu).database();
    for (const t of templates) {
      emu.wechat.acceptSubscription(v.openid, t, perTemplate.get(t)!);
      await db.collection('subscribeGrants').add({ data: { _id: `${v.userId}.${t}`, userId: v.userId, templateId: t, left: perTemplate.get(t)!, lastMoment: 'signup', updatedAt: new Date() } });
    }
    const ids = await Promise.all(ALL_KINDS.map((k) => enqueueDirect(emu, v.userId, k)));
    for (let run = 0; run < 6; run++) await runDispatcher(emu);
    const states = await Promise.all(ids.map(async (id) => (await notificationOf(emu, id)).delivery));
    expect(states.map((s) => `${s.state}/${s.channel}`)).toEqual(ALL_KINDS.map(() => 'delivered/subscribe'));
    const sent = subscribeSendsTo(emu, v.openid);
    expect(sent).toHaveLength(ALL_KINDS.length);
    for (const t of templates) expect(await grantOf(v.userId, t)).toBe(0);
  });

  test('43101 (WeChat has no subscription left): the grant is zeroed, and with no other channel the message is dropped', async () => {
    const v = await person();
    await acceptAll(emu, v.openid, 'certificate');
    const template = subscribeTemplateOf(emu, 'certificate.issued');
    // The person's acceptance never reached WeChat (another device, a cleared cache): the ledger says 1, WeChat 0.
    emu.wechat.failNext('subscribeMessage.send', { errcode: 43101 });
    const id = await enqueueDirect(emu, v.userId, 'certificate.issued');
    await runDispatcher(emu);
    const n = await notificationOf(emu, id);
    expect(n.delivery).toMatchObject({ state: 'dropped', reason: 'noChannel', refused: ['subscribe'] });
    expect(n.delivery.log).toEqual([expect.objectContaining({ channel: 'subscribe', outcome: 'permanent', errcode: 43101 })]);
    expect(await grantOf(v.userId, template)).toBe(0);
  });

  test('47003 (bad data) is dropped as badData and the grant given back; a temporary failure is retried', async () => {
    const v = await person();
    await acceptAll(emu, v.openid, 'signup', 2);
    const template = subscribeTemplateOf(emu, 'signup.waitlisted');
    emu.wechat.failNext('subscribeMessage.send', { errcode: 47003 });
    const bad = await enqueueDirect(emu, v.userId, 'signup.waitlisted');
    await runDispatcher(emu);
    expect((await notificationOf(emu, bad)).delivery).toMatchObject({ state: 'dropped', reason: 'badData' });
    expect(await grantOf(v.userId, template)).toBe(2);
    emu.wechat.failNext('subscribeMessage.send', { errcode: 45009 });
    const busy = await enqueueDirect(emu, v.userId, 'signup.waitlisted');
    await runDispatcher(emu);
    expect((await notificationOf(emu, busy)).delivery).toMatchObject({ state: 'pending', attempts: 1 });
    expect(await grantOf(v.userId, template)).toBe(2);
    await new Promise((r) => setTimeout(r, 10));
    await runDispatcher(emu);
    expect((await notificationOf(emu, busy)).delivery).toMatchObject({ state: 'delivered', channel: 'subscribe', attempts: 1 });
    expect(await grantOf(v.userId, template)).toBe(1);
  });

  test('a message whose account is gone is dropped as noRecipient', async () => {
    const id = await enqueueDirect(emu, 'u_nobody_at_all', 'hours.confirmed');
    await runDispatcher(emu);
    expect((await notificationOf(emu, id)).delivery).toMatchObject({ state: 'dropped', reason: 'noRecipient' });
  });
});

describe('preferences', () => {
  test('defaults, a change, and refusals of bad quiet hours and compulsory kinds', async () => {
    const v = await registerVolunteer(emu, `openid-notify-prefs-${++people}`);
    const initial = await v.as.call('notify', 'preferences', {});
    expect(initial).toMatchObject({ ok: true, data: { preferences: { off: [], quietHours: { start: '22:00', end: '08:00' }, recommendations: false }, followsOfficialAccount: false } });
    expect(initial.ok && initial.data.kinds.find((k) => k.kind === 'reminder.shift2h')).toEqual({ kind: 'reminder.shift2h', label: '服务前两小时提醒', group: '提醒', urgent: true });
    expect(initial.ok && initial.data.kinds.some((k) => k.kind === 'claim.recordMovedAway')).toBe(false);
    const saved = await v.as.call('notify', 'savePreferences', { off: ['hours.confirmed'], quietHours: { start: '23:30', end: '06:45' }, recommendations: true });
    expect(saved).toMatchObject({ ok: true, data: { preferences: { off: ['hours.confirmed'], quietHours: { start: '23:30', end: '06:45' }, recommendations: true } } });
    expect(await v.as.call('notify', 'savePreferences', { quietHours: { start: '25:00', end: '06:00' } })).toMatchObject({ ok: false, error: { code: 'BAD_QUIET_HOURS', field: 'quietHours.start' } });
    expect(await v.as.call('notify', 'savePreferences', { quietHours: { start: '06:00', end: '06:00' } })).toMatchObject({ ok: false, error: { code: 'BAD_QUIET_HOURS', field: 'quietHours' } });
    expect(await v.as.call('notify', 'savePreferences', { off: ['claim.recordMovedAway'] })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', field: 'off' } });
    expect(await v.as.call('notify', 'savePreferences', { off: ['no.such' as never] })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect((await v.as.call('notify', 'preferences', {})).ok && (await v.as.call('notify', 'preferences', {}))).toMatchObject({ data: { preferences: { off: ['hours.confirmed'], recommendations: true } } });
  });

  test('a kind turned off is dropped as turnedOff, even with a grant left', async () => {
    const v = await person();
    await acceptAll(emu, v.openid, 'checkin');
    await v.as.call('notify', 'savePreferences', { off: ['hours.confirmed'] });
    const id = await enqueueDirect(emu, v.userId, 'hours.confirmed');
    await runDispatcher(emu);
    expect((await notificationOf(emu, id)).delivery).toMatchObject({ state: 'dropped', reason: 'turnedOff' });
    expect(subscribeSendsTo(emu, v.openid)).toEqual([]);
  });

  test('quiet hours hold a non-urgent message until their end; an urgent one goes at once', async () => {
    const v = await person();
    await acceptAll(emu, v.openid, 'signup');
    // Quiet from an hour ago to an hour from now, whatever time the test runs (Asia/Shanghai).
    const clock = shanghaiClock(new Date());
    const hhmm = (d: ReturnType<typeof shanghaiClock>) => d.format('HH:mm');
    await v.as.call('notify', 'savePreferences', { quietHours: { start: hhmm(clock.subtract(1, 'hour')), end: hhmm(clock.add(1, 'hour')) } });
    const routine = await enqueueDirect(emu, v.userId, 'signup.confirmed');
    const urgent = await enqueueDirect(emu, v.userId, 'reminder.shift2h');
    await runDispatcher(emu);
    const held = (await notificationOf(emu, routine)).delivery;
    expect(held).toMatchObject({ state: 'pending', attempts: 0 });
    const expectedEnd = clock.add(1, 'hour').second(0).millisecond(0);
    expect(shanghaiClock(held.nextAttemptAt).format('YYYY-MM-DD HH:mm')).toBe(expectedEnd.format('YYYY-MM-DD HH:mm'));
    expect((await notificationOf(emu, urgent)).delivery).toMatchObject({ state: 'delivered', channel: 'subscribe' });
  });
});

describe('dead letters', () => {
  test('temporary failures until MAX_ATTEMPTS: dead, shown to platform admins, and requeued from the first channel', async () => {
    const local = await startTestEmulator({ functionEnv: { ...notifyEnv, ZY_NOTIFY_MAX_ATTEMPTS: '3' } });
    try {
      const v = await registerVolunteer(local, 'openid-notify-dead');
      await noQuietHours(local, v.openid);
      await acceptAll(local, v.openid, 'checkin');
      for (let i = 0; i < 3; i++) local.wechat.failNext('subscribeMessage.send', { errcode: -1 });
      const id = await enqueueDirect(local, v.userId, 'hours.confirmed');
      for (let run = 0; run < 3; run++) {
        await runDispatcher(local);
        await new Promise((r) => setTimeout(r, 10));
      }
      expect((await notificationOf(local, id)).delivery).toMatchObject({ state: 'dead', attempts: 3, reason: 'attemptsExhausted' });
      const admin = caller(local, PLATFORM_ADMIN);
      const report = await admin.call('notify', 'deliveryReport', {});
      expect(report.ok && report.data.items).toEqual([expect.objectContaining({ id, state: 'dead', attempts: 3, reason: 'attemptsExhausted', lastError: expect.stringMatching(/^-1 /) })]);
      expect(report.ok && report.data.counts.find((c) => c.state === 'dead')?.count).toBe(1);
      expect(await v.as.call('notify', 'deliveryReport', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await v.as.call('notify', 'requeue', { ids: [id] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await admin.call('notify', 'requeue', { ids: [id, 'no-such-message'] })).toEqual({ ok: true, data: { requeued: 1 } });
      expect((await notificationOf(local, id)).delivery).toMatchObject({ state: 'pending', attempts: 0 });
      await runDispatcher(local);
      expect((await notificationOf(local, id)).delivery).toMatchObject({ state: 'delivered', channel: 'subscribe' });
      expect(await admin.call('notify', 'requeue', { ids: [id] })).toEqual({ ok: true, data: { requeued: 0 } });
    } finally {
      await local.stop();
    }
  });
});

describe('kick', () => {
  test('a client may not kick the dispatcher', async () => {
    const v = await person();
    expect(await v.as.call('notify', 'kick', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('an action that enqueues kicks the dispatcher: the message is out before the action answers', async () => {
    const v = await person();
    // A sign-up (the signup function) enqueues signup.confirmed in its transaction.
    const admin = await registerVolunteer(emu, `openid-notify-admin-${++people}`);
    const orgId = await verifiedOrganization(emu, admin);
    const project = projectDoc(orgId, {});
    const shift = shiftDoc(project, { places: 3 });
    await publish(emu, project, [shift]);
    await acceptAll(emu, v.openid, 'signup');
    const res = await v.as.call('signup', 'signup', { shiftId: shift._id });
    expect(res.ok).toBe(true);
    const sent = subscribeSendsTo(emu, v.openid);
    expect(sent).toEqual([expect.objectContaining({ template_id: slotTemplate(emu, 'SIGNUP_RESULT'), data: expect.objectContaining({ phrase3: { value: '报名成功' } }) })]);
  });
});
