// Test fixtures for the notify function: an emulator whose dispatcher retries at once (tiny backoff, seeded
// jitter), outbox messages written as the outbox writes them, subscriptions as the mini-program reports them, the
// dispatcher's timer fired, and what WeChat was asked. Tests only.
import type { Emulator } from '../../emulator/src/server';
import { caller, serverSdk } from '../../emulator/test/support';
import type { NotificationKind } from '../../typings/inbox';
import type { SubscribeMoment } from '../../typings/notify';
import type { NotificationDoc, NotificationFacts } from '../_shared/documents/notification';
import { slotOf, templateIdOf, type TemplateSlot } from '../_shared/messages/templates';
import { functionEnv as adminEnv } from '../organization/test-support';

/** Retries at once and a short wait for send-result pushes, so a test runs the dispatcher until everything settles. */
export const notifyEnv = {
  ...adminEnv,
  ZY_NOTIFY_RETRY_BASE_MS: '1',
  ZY_NOTIFY_RETRY_CAP_MS: '4',
  ZY_NOTIFY_CONFIRM_WINDOW_MS: '1500',
  ZY_NOTIFY_CLAIM_MS: '8000',
  ZY_NOTIFY_JITTER_SEED: '20261202',
  ZY_MINIPROGRAM_APPID: 'wx0000000000000000',
};

let serial = 0;

/** An outbox message as enqueue() writes it (due now unless said otherwise). */
export async function enqueueDirect(
  emu: Emulator,
  recipientUserId: string,
  kind: NotificationKind,
  options: { facts?: NotificationFacts; link?: string; id?: string; createdAt?: Date } = {},
): Promise<string> {
  const id = options.id ?? `t-${kind.replace('.', '-')}-${++serial}-${recipientUserId}`;
  const now = options.createdAt ?? new Date();
  const doc: Omit<NotificationDoc, '_id'> = {
    kind,
    recipientUserId,
    title: '测试消息',
    body: `测试消息正文 ${serial}`,
    ...(options.link ? { link: options.link } : {}),
    ...(options.facts ? { facts: options.facts } : {}),
    createdAt: now,
    readAt: null,
    delivery: { state: 'pending', attempts: 0, nextAttemptAt: now },
  };
  await serverSdk(emu).database().collection('notifications').add({ data: { _id: id, ...doc } });
  return id;
}

export async function notificationOf(emu: Emulator, id: string): Promise<NotificationDoc> {
  const res = (await serverSdk(emu).database().collection('notifications').doc(id).get()) as unknown as { data: NotificationDoc | NotificationDoc[] };
  return Array.isArray(res.data) ? res.data[0]! : res.data;
}

export const subscribeTemplateOf = (emu: Emulator, kind: NotificationKind): string => templateIdOf('subscribe', slotOf(kind), emu.functionEnv)!;
export const slotTemplate = (emu: Emulator, slot: TemplateSlot): string => templateIdOf('subscribe', slot, emu.functionEnv)!;

/**
 * The person accepts the moment's templates in wx.requestSubscribeMessage `times` times: WeChat then allows that many
 * messages (the fake), and the mini-program reports each answer (the grant ledger).
 */
export async function acceptAll(emu: Emulator, openid: string, moment: SubscribeMoment, times = 1): Promise<string[]> {
  const offered = await caller(emu, openid).call('notify', 'subscribeTemplates', { moment });
  if (!offered.ok) throw new Error(`subscribeTemplates: ${offered.error.code}`);
  for (let i = 0; i < times; i++) {
    for (const id of offered.data.templateIds) emu.wechat.acceptSubscription(openid, id, 1);
    const reported = await caller(emu, openid).call('notify', 'reportSubscriptions', { moment, answers: Object.fromEntries(offered.data.templateIds.map((id) => [id, 'accept' as const])) });
    if (!reported.ok) throw new Error(`reportSubscriptions: ${reported.error.code}`);
  }
  return offered.data.templateIds;
}

/** No quiet hours for this person, so a test does not depend on the hour it runs. */
export async function noQuietHours(emu: Emulator, openid: string): Promise<void> {
  const res = await caller(emu, openid).call('notify', 'savePreferences', { quietHours: null });
  if (!res.ok) throw new Error(`savePreferences: ${res.error.code}`);
}

/** Fire the dispatcher's timer once; answers what the run reported. */
export async function runDispatcher(emu: Emulator): Promise<{ handled: number; delivered: number; lost: number }> {
  const fired = await emu.triggers!.fire('notify', 'dispatch');
  if (!fired.outcome.ok) throw new Error(`dispatch: ${fired.outcome.message}`);
  return JSON.parse(fired.outcome.json) as { handled: number; delivered: number; lost: number };
}

/** subscribeMessage.send calls WeChat answered ok, per touser. */
export function subscribeSendsTo(emu: Emulator, openid: string): Array<Record<string, unknown>> {
  return emu.wechat.calls.filter((c) => c.api === 'subscribeMessage.send' && c.errcode === 0 && c.data.touser === openid).map((c) => c.data);
}
