// The dispatcher: the timer's run (every minute) and a kick after an enqueue. It claims due messages one by one with a
// conditional update, so two runs never hold one message; decides with the pure rules of
// _shared/messages/delivery-rules.ts; sends through the WeChatApi; records the outcome on the message; and stops
// starting sends when its budget is spent, leaving the rest to the next run. How exactly-once holds across timeouts,
// crashes and concurrent runs: README.md, "Exactly once".
import type { DeliveryChannel, DeliveryDropReason } from '../../typings/notify';
import type { Database } from '../_shared/db/db';
import { followerOfUser } from '../_shared/db/followers';
import type { DeliveryAttempt, NotificationDelivery, NotificationDoc, SubscribeSendResult } from '../_shared/documents/notification';
import {
  backoffMs,
  channelsFor,
  classify,
  heldUntil,
  isExhausted,
  mayRetryOfficialAccount,
  noChannelReason,
  officialAccountRetryAt,
  type Classified,
} from '../_shared/messages/delivery-rules';
import { isKnownKind, KIND_INFO } from '../_shared/messages/kinds';
import { logFailure } from '../_shared/frame/failure-log';
import { isTurnedOff, preferencesOf } from '../_shared/messages/preferences';
import { pageOf, slotOf, templateDataOf, templateIdOf } from '../_shared/messages/templates';
import { clientMsgIdOf } from '../_shared/wechat';
import type { WeChatApi } from '../_shared/wechat/api';
import type { DispatchSettings } from './settings';
import {
  claim,
  dueIn,
  LOG_KEPT,
  msgidKnown,
  readGrant,
  readNotification,
  readUser,
  returnGrant,
  subscribeSendsInFlight,
  takeGrant,
  writeHeld,
  writeUnconfirmed,
  zeroGrant,
} from './store';

export interface Dispatcher {
  db: Database;
  wechat: WeChatApi;
  env: NodeJS.ProcessEnv;
  settings: DispatchSettings;
  /** The time now, read as the run goes (a run lasts up to its budget). */
  clock: () => Date;
  /** This run's name on the messages it claims. */
  runId: string;
}

export type Handled = 'delivered' | 'dropped' | 'dead' | 'retry' | 'held' | 'unconfirmed' | 'postponed' | 'lost' | 'failed';

export interface RunReport {
  /** Messages this run claimed and moved on (delivered, dropped, dead, rescheduled or left unconfirmed). */
  handled: number;
  delivered: number;
  /** Claims lost to another run while this one held them, or left to expire after a failure. */
  lost: number;
  byOutcome: Partial<Record<Handled, number>>;
}

/**
 * A push from WeChat may be stamped a little before the send that caused it was recorded here (the two clocks
 * differ, CreateTime has whole seconds): results that old still count for an unanswered send.
 */
const PUSH_CLOCK_SKEW_MS = 60_000;

/** Deliver what is due until the budget is spent. Each message is handled at most once per run. */
export async function dispatchDue(d: Dispatcher, budgetMs: number): Promise<RunReport> {
  const deadline = d.clock().getTime() + budgetMs;
  const timeLeft = () => d.clock().getTime() < deadline;
  const report: RunReport = { handled: 0, delivered: 0, lost: 0, byOutcome: {} };
  const seen = new Set<string>();
  for (;;) {
    let progressed = false;
    // Expired claims first (a run died mid-send), then unconfirmed sends whose push never came, then the rest.
    for (const state of ['sending', 'unconfirmed', 'pending'] as const) {
      if (!timeLeft()) return report;
      for (const listed of await dueIn(d.db, state, d.clock())) {
        if (!timeLeft()) return report;
        if (seen.has(listed._id)) continue;
        seen.add(listed._id);
        if (!(await claim(d.db, listed, d.runId, new Date(d.clock().getTime() + d.settings.claimMs)))) continue;
        progressed = true;
        // A failure of one message (a database error) leaves it claimed: its claim expires and a later run takes it
        // over as a send that may have gone out, which is what it may be.
        const outcome = await handleClaimed(d, listed).catch((e: unknown): Handled => {
          logFailure('dispatch', e);
          return 'failed';
        });
        report.byOutcome[outcome] = (report.byOutcome[outcome] ?? 0) + 1;
        if (outcome === 'lost' || outcome === 'failed') report.lost += 1;
        else report.handled += 1;
        if (outcome === 'delivered') report.delivered += 1;
      }
    }
    if (!progressed) return report;
  }
}

/** A held message: the state it was claimed from tells what happened before. */
async function handleClaimed(d: Dispatcher, listed: NotificationDoc): Promise<Handled> {
  const doc = await readNotification(d.db, listed._id);
  if (!doc || doc.delivery.state !== 'sending' || doc.delivery.claim?.by !== d.runId) return 'lost';
  const now = d.clock();
  if (listed.delivery.state === 'sending') {
    // The run holding it died (or outlived its claim) after it may have sent: that send is unanswered.
    const channel = listed.delivery.channel;
    const earliestSend = new Date((listed.delivery.claim?.until ?? now).getTime() - d.settings.claimMs);
    if (channel === 'subscribe') return leaveUnconfirmed(d, doc, [...(doc.delivery.log ?? [])], doc.delivery.attempts, earliestSend);
    if (channel === 'officialAccount' && !doc.delivery.officialAccountUnansweredAt) doc.delivery.officialAccountUnansweredAt = earliestSend;
  }
  let attempts = doc.delivery.attempts;
  if (listed.delivery.state === 'unconfirmed' && isKnownKind(doc.kind)) {
    // No push within the window. One last look for it, then the send is taken as not made.
    const templateId = templateIdOf('subscribe', slotOf(doc.kind), d.env);
    if (templateId) {
      const result = await unmatchedResult(d, doc, templateId);
      if (result) return settle(d, doc, templateId, result, (delivery) => writeHeld(d.db, doc._id, d.runId, delivery));
      await returnGrant(d.db, doc.recipientUserId, templateId, now);
    }
    attempts += 1;
    if (isExhausted(attempts, d.settings.retry)) return finish(d, doc, { ...base(doc), state: 'dead', attempts, reason: 'attemptsExhausted' }, 'dead');
  }
  return deliver(d, doc, attempts);
}

/** The delivery with what every outcome keeps (refusals, the log, an official-account pin). */
function base(doc: NotificationDoc): NotificationDelivery {
  const { claim: _claim, ...rest } = doc.delivery;
  void _claim;
  return { ...rest };
}

const entry = (at: Date, channel: DeliveryChannel, c: Classified): DeliveryAttempt => ({
  at,
  channel,
  outcome: c.outcome,
  ...(c.outcome === 'permanent' || c.outcome === 'temporary' ? { errcode: c.errcode, errmsg: c.errmsg.slice(0, 200) } : {}),
  ...(c.outcome === 'unanswered' ? { errmsg: c.detail.slice(0, 200) } : {}),
});

async function finish(d: Dispatcher, doc: NotificationDoc, delivery: NotificationDelivery, outcome: Handled): Promise<Handled> {
  return (await writeHeld(d.db, doc._id, d.runId, delivery)) ? outcome : 'lost';
}

const drop = (d: Dispatcher, doc: NotificationDoc, reason: DeliveryDropReason, log: DeliveryAttempt[], refused: DeliveryChannel[]) =>
  finish(d, doc, { ...base(doc), state: 'dropped', reason, nextAttemptAt: d.clock(), refused, log: log.slice(-LOG_KEPT) }, 'dropped');

async function deliver(d: Dispatcher, doc: NotificationDoc, attemptsSoFar: number): Promise<Handled> {
  let attempts = attemptsSoFar;
  const user = await readUser(d.db, doc.recipientUserId);
  const log = [...(doc.delivery.log ?? [])];
  const refused = [...(doc.delivery.refused ?? [])];
  if (!user) return drop(d, doc, 'noRecipient', log, refused);
  // A kind this code does not know (written by a newer or older version) has no template here.
  if (!isKnownKind(doc.kind)) return drop(d, doc, 'noTemplate', log, refused);
  const prefs = await preferencesOf(d.db, user._id);
  if (isTurnedOff(prefs, doc.kind)) return drop(d, doc, 'turnedOff', log, refused);
  const pinnedAt = doc.delivery.officialAccountUnansweredAt;
  const now = d.clock();
  if (!pinnedAt) {
    const held = heldUntil(now, KIND_INFO[doc.kind].urgent, prefs.quietHours);
    if (held) return finish(d, doc, { ...base(doc), state: 'pending', attempts, nextAttemptAt: held }, 'held');
  }
  const slot = slotOf(doc.kind);
  const subscribeTemplate = templateIdOf('subscribe', slot, d.env);
  const officialTemplate = templateIdOf('officialAccount', slot, d.env);
  const data = templateDataOf(doc);
  const page = pageOf(doc);
  const dead = (lastError?: DeliveryAttempt) =>
    finish(d, doc, { ...base(doc), state: 'dead', attempts, reason: 'attemptsExhausted', refused, log: [...log, ...(lastError ? [lastError] : [])].slice(-LOG_KEPT) }, 'dead');
  const retryLater = (at: Date, extra: Partial<NotificationDelivery> = {}) =>
    finish(d, doc, { ...base(doc), state: 'pending', attempts, nextAttemptAt: at, refused, log: log.slice(-LOG_KEPT), ...extra }, 'retry');
  const backoff = () => new Date(d.clock().getTime() + backoffMs(attempts - 1, d.settings.retry, d.settings.random()));
  // The grant ran out while choosing (another message spent the last one): try the next channel, refusing nothing.
  let grantSpent = false;

  for (;;) {
    const follower = await followerOfUser(d.db, user);
    let channel: DeliveryChannel;
    if (pinnedAt) {
      // An earlier official-account send went unanswered: only that channel, under the same client_msg_id, in time.
      if (!mayRetryOfficialAccount(pinnedAt, d.clock()) || !follower || !officialTemplate) return dead();
      channel = 'officialAccount';
    } else {
      const grant = subscribeTemplate && !grantSpent ? await readGrant(d.db, user._id, subscribeTemplate) : null;
      const facts = {
        grantLeft: (grant?.left ?? 0) > 0,
        follows: follower !== null,
        configured: { subscribe: subscribeTemplate !== undefined, officialAccount: officialTemplate !== undefined },
        refused,
      };
      const channels = channelsFor(facts);
      if (channels.length === 0) return drop(d, doc, noChannelReason(facts), log, refused);
      channel = channels[0]!;
    }
    // Say which channel is being tried before trying it: a run that takes this message over knows what may be out.
    // The claim is renewed with it (always later than before: an update that changes nothing counts as none).
    const previousUntil = doc.delivery.claim?.until.getTime() ?? 0;
    const renewed = { by: d.runId, until: new Date(Math.max(d.clock().getTime() + d.settings.claimMs, previousUntil + 1)) };
    const trying: NotificationDelivery = { ...doc.delivery, channel, refused, claim: renewed, log: log.slice(-LOG_KEPT) };
    if (!(await writeHeld(d.db, doc._id, d.runId, trying))) return 'lost';
    doc.delivery = trying;

    if (channel === 'subscribe') {
      const templateId = subscribeTemplate!;
      // One subscribe send per person and template at a time: WeChat's send-result push names only the person and
      // the template, so an unanswered send must be the only one it can be about.
      const others = (await subscribeSendsInFlight(d.db, user._id)).filter((o) => o._id !== doc._id && templateIdOf('subscribe', slotOf(o.kind), d.env) === templateId);
      if (others.length > 0) {
        const unconfirmedUntil = Math.max(0, ...others.filter((o) => o.delivery.state === 'unconfirmed').map((o) => o.delivery.nextAttemptAt.getTime()));
        const at = Math.max(unconfirmedUntil, d.clock().getTime() + 500 + Math.floor(d.settings.random() * 1000));
        return finish(d, doc, { ...base(doc), channel, state: 'pending', attempts, nextAttemptAt: new Date(at), refused, log: log.slice(-LOG_KEPT) }, 'postponed');
      }
      if (!(await takeGrant(d.db, user._id, templateId, d.clock()))) {
        grantSpent = true;
        continue;
      }
      const sentAt = d.clock();
      const c = classify(await d.wechat.sendSubscribeMessage({ touser: user.openid, templateId, page, data, miniprogramState: d.settings.miniprogramState }));
      log.push(entry(sentAt, channel, c));
      switch (c.outcome) {
        case 'delivered':
          return finish(d, doc, { ...base(doc), state: 'delivered', channel, attempts, refused, msgid: c.msgid, deliveredAt: d.clock(), nextAttemptAt: d.clock(), log: log.slice(-LOG_KEPT) }, 'delivered');
        case 'permanent':
          if (c.fallBack) {
            await (c.zeroGrant ? zeroGrant : returnGrant)(d.db, user._id, templateId, d.clock());
            refused.push(channel);
            continue;
          }
          await returnGrant(d.db, user._id, templateId, d.clock());
          return drop(d, doc, c.reason, log, refused);
        case 'temporary':
          await returnGrant(d.db, user._id, templateId, d.clock());
          attempts += 1;
          return isExhausted(attempts, d.settings.retry) ? dead() : retryLater(backoff());
        case 'unanswered':
          return leaveUnconfirmed(d, doc, log, attempts, sentAt);
      }
    }

    const c = classify(
      await d.wechat.sendTemplateMessage({
        touser: follower!.openid,
        templateId: officialTemplate!,
        miniprogram: { appid: d.settings.miniprogramAppid, pagepath: page },
        data,
        clientMsgId: clientMsgIdOf(doc._id),
      }),
    );
    const sentAt = d.clock();
    log.push(entry(sentAt, channel, c));
    switch (c.outcome) {
      case 'delivered':
        return finish(d, doc, { ...base(doc), state: 'delivered', channel, attempts, refused, ...(c.msgid ? { msgid: c.msgid } : {}), deliveredAt: sentAt, nextAttemptAt: sentAt, log: log.slice(-LOG_KEPT) }, 'delivered');
      case 'permanent':
        // After an unanswered send the message may be out already: nothing else is tried, operators decide.
        if (pinnedAt) return dead();
        if (c.fallBack) {
          refused.push(channel);
          continue;
        }
        return drop(d, doc, c.reason, log, refused);
      case 'temporary':
      case 'unanswered': {
        attempts += 1;
        const pin = pinnedAt ?? (c.outcome === 'unanswered' ? sentAt : undefined);
        if (isExhausted(attempts, d.settings.retry)) return dead();
        if (!pin) return retryLater(backoff());
        if (!mayRetryOfficialAccount(pin, d.clock())) return dead();
        return retryLater(officialAccountRetryAt(pin, d.clock(), backoffMs(attempts - 1, d.settings.retry, d.settings.random())), { officialAccountUnansweredAt: pin });
      }
    }
  }
}

/**
 * A subscribe send went unanswered: it waits for WeChat's send-result push. The push may have come already (it is
 * kept on the grant), so look once after saying so; the push handler looks from its side after keeping the result.
 */
async function leaveUnconfirmed(d: Dispatcher, doc: NotificationDoc, log: DeliveryAttempt[], attempts: number, sentAt: Date): Promise<Handled> {
  const delivery: NotificationDelivery = {
    ...base(doc),
    state: 'unconfirmed',
    channel: 'subscribe',
    attempts,
    nextAttemptAt: new Date(d.clock().getTime() + d.settings.confirmWindowMs),
    log: log.slice(-LOG_KEPT),
  };
  if (!(await writeHeld(d.db, doc._id, d.runId, delivery))) return 'lost';
  const templateId = templateIdOf('subscribe', slotOf(doc.kind), d.env);
  if (!templateId) return 'unconfirmed';
  const waiting: NotificationDoc = { ...doc, delivery };
  const result = await unmatchedResult(d, waiting, templateId, sentAt);
  if (!result) return 'unconfirmed';
  const settled = await settle(d, waiting, templateId, result, (next) => writeUnconfirmed(d.db, waiting, next));
  return settled === 'lost' ? 'unconfirmed' : settled;
}

/** The newest send result for this person and template that no message claims yet and is not older than the send. */
async function unmatchedResult(d: Dispatcher, doc: NotificationDoc, templateId: string, sentAt?: Date): Promise<SubscribeSendResult | null> {
  const grant = await readGrant(d.db, doc.recipientUserId, templateId);
  const since = (sentAt ?? lastAttemptAt(doc) ?? doc.createdAt).getTime() - PUSH_CLOCK_SKEW_MS;
  const candidates = (grant?.sendResults ?? []).filter((r) => r.at.getTime() >= since).reverse();
  for (const r of candidates) if (!(await msgidKnown(d.db, doc.recipientUserId, r.msgid))) return r;
  return null;
}

function lastAttemptAt(doc: NotificationDoc): Date | undefined {
  const sends = (doc.delivery.log ?? []).filter((e) => e.channel === 'subscribe');
  return sends[sends.length - 1]?.at;
}

/** Apply WeChat's send result to an unconfirmed subscribe send, through `write` (the holder's or the push's condition). */
export async function settle(
  d: Pick<Dispatcher, 'db' | 'settings' | 'clock'>,
  doc: NotificationDoc,
  templateId: string,
  result: SubscribeSendResult,
  write: (delivery: NotificationDelivery) => Promise<boolean>,
): Promise<Handled> {
  const now = d.clock();
  const log = [...(doc.delivery.log ?? [])];
  const kept = base(doc);
  if (result.errorCode === 0) {
    log.push({ at: result.at, channel: 'subscribe', outcome: 'delivered' });
    const ok = await write({ ...kept, state: 'delivered', channel: 'subscribe', msgid: result.msgid, deliveredAt: result.at, nextAttemptAt: now, log: log.slice(-LOG_KEPT) });
    return ok ? 'delivered' : 'lost';
  }
  log.push({ at: result.at, channel: 'subscribe', outcome: 'permanent', errcode: result.errorCode, errmsg: result.errorStatus.slice(0, 200) });
  if (/refuse/i.test(result.errorStatus) || result.errorCode === 43101) {
    // The person had no subscription left after all: the next channel, at once.
    const ok = await write({ ...kept, state: 'pending', msgid: result.msgid, refused: [...new Set([...(kept.refused ?? []), 'subscribe' as const])], nextAttemptAt: now, log: log.slice(-LOG_KEPT) });
    if (ok) await zeroGrant(d.db, doc.recipientUserId, templateId, now);
    return ok ? 'retry' : 'lost';
  }
  const attempts = kept.attempts + 1;
  const next: NotificationDelivery = isExhausted(attempts, d.settings.retry)
    ? { ...kept, state: 'dead', attempts, msgid: result.msgid, reason: 'attemptsExhausted', log: log.slice(-LOG_KEPT) }
    : { ...kept, state: 'pending', attempts, msgid: result.msgid, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts - 1, d.settings.retry, d.settings.random())), log: log.slice(-LOG_KEPT) };
  const ok = await write(next);
  if (ok) await returnGrant(d.db, doc.recipientUserId, templateId, now);
  return ok ? (next.state === 'dead' ? 'dead' : 'retry') : 'lost';
}
