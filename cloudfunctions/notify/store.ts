// The reads and writes the notify function makes. Every change of a message's delivery is a conditional update on
// what the writer last saw (state, attempts, the claim's holder), so two dispatchers, a late push and an operator
// can never both move one message: whoever's condition no longer holds updates nothing and steps back.
import type { DeliveryState } from '../../typings/notify';
import { getOrNull, inFollowUpTransaction, type Database } from '../_shared/db/db';
import { rows } from '../_shared/db/paging';
import type { NotificationDelivery, NotificationDoc, SubscribeGrantDoc, SubscribeSendResult } from '../_shared/documents/notification';
import type { UserDoc } from '../_shared/documents/user';
import type { MembershipDoc } from '../_shared/documents/membership';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { userIdOf } from '../_shared/documents/ids';
import type { ActionContext } from '../_shared/frame/action';
import type { Roles } from '../_shared/messages/audiences';
import { isPlatformAdmin, registeredVolunteer } from '../_shared/db/people';

export const NOTIFICATIONS = 'notifications';
export const GRANTS = 'subscribeGrants';
/** A function's get() answers at most 100 documents. */
export const DUE_BATCH = 100;
/** Send results kept per person and template: only the latest few can still concern an unanswered send. */
const SEND_RESULTS_KEPT = 20;
/** Delivery attempts kept on a message for operators. */
export const LOG_KEPT = 20;

type Updated = { stats?: { updated?: number } };
const updatedOne = (res: unknown): boolean => ((res as Updated).stats?.updated ?? 0) === 1;

/** Due messages in one state, oldest due first (index delivery_due: delivery.state + delivery.nextAttemptAt). */
export async function dueIn(db: Database, state: DeliveryState, now: Date): Promise<NotificationDoc[]> {
  const _ = db.command;
  return rows<NotificationDoc>(
    db
      .collection(NOTIFICATIONS)
      .where({ 'delivery.state': state, 'delivery.nextAttemptAt': _.lte(now) })
      .orderBy('delivery.nextAttemptAt', 'asc')
      .limit(DUE_BATCH),
  );
}

export function readNotification(db: Database, id: string): Promise<NotificationDoc | null> {
  return getOrNull<NotificationDoc>(db, NOTIFICATIONS, id);
}

/**
 * Take a due message for this run: only while it is still as listed (state and attempts; a reclaimed send also by
 * its old holder). Answers whether this run holds it now.
 */
export async function claim(db: Database, seen: NotificationDoc, runId: string, until: Date): Promise<boolean> {
  const condition: Record<string, unknown> = { _id: seen._id, 'delivery.state': seen.delivery.state, 'delivery.attempts': seen.delivery.attempts };
  if (seen.delivery.state === 'sending') condition['delivery.claim.by'] = seen.delivery.claim?.by;
  const res = await db
    .collection(NOTIFICATIONS)
    .where(condition)
    .update({ data: { delivery: { state: 'sending', claim: { by: runId, until }, nextAttemptAt: until } } });
  return updatedOne(res);
}

/** Replace the delivery of a message this run holds; false when the claim was lost (another run reclaimed it). */
export async function writeHeld(db: Database, id: string, runId: string, delivery: NotificationDelivery): Promise<boolean> {
  const _ = db.command;
  const res = await db
    .collection(NOTIFICATIONS)
    .where({ _id: id, 'delivery.state': 'sending', 'delivery.claim.by': runId })
    .update({ data: { delivery: _.set(delivery) } });
  return updatedOne(res);
}

/** Settle an unconfirmed subscribe send (the push came, or it is taken as not sent), if nobody settled it first. */
export async function writeUnconfirmed(db: Database, seen: NotificationDoc, delivery: NotificationDelivery): Promise<boolean> {
  const _ = db.command;
  const res = await db
    .collection(NOTIFICATIONS)
    .where({ _id: seen._id, 'delivery.state': 'unconfirmed', 'delivery.attempts': seen.delivery.attempts })
    .update({ data: { delivery: _.set(delivery) } });
  return updatedOne(res);
}

/** The person's subscribe sends still in flight or unconfirmed (at most one per template, by the dispatcher's rule). */
export async function subscribeSendsInFlight(db: Database, userId: string): Promise<NotificationDoc[]> {
  const _ = db.command;
  return rows<NotificationDoc>(
    db
      .collection(NOTIFICATIONS)
      .where({ recipientUserId: userId, 'delivery.state': _.in(['sending', 'unconfirmed']), 'delivery.channel': 'subscribe' })
      .limit(DUE_BATCH),
  );
}

/** Whether a message of this person already carries WeChat's msgid (its send was answered, or its push settled it). */
export async function msgidKnown(db: Database, userId: string, msgid: string): Promise<boolean> {
  return (await rows(db.collection(NOTIFICATIONS).where({ recipientUserId: userId, 'delivery.msgid': msgid }).limit(1))).length > 0;
}

export function readUser(db: Database, userId: string): Promise<UserDoc | null> {
  return getOrNull<UserDoc>(db, 'users', userId);
}

export const grantIdOf = (userId: string, templateId: string): string => `${userId}.${templateId}`;

export function readGrant(db: Database, userId: string, templateId: string): Promise<SubscribeGrantDoc | null> {
  return getOrNull<SubscribeGrantDoc>(db, GRANTS, grantIdOf(userId, templateId));
}

/** Spend one message of the grant, never below zero; false when none is left. */
export async function takeGrant(db: Database, userId: string, templateId: string, now: Date): Promise<boolean> {
  const _ = db.command;
  const res = await db
    .collection(GRANTS)
    .where({ _id: grantIdOf(userId, templateId), left: _.gt(0) })
    .update({ data: { left: _.inc(-1), updatedAt: now } });
  return updatedOne(res);
}

/** WeChat did not spend the grant (a refusal or failure before sending): give it back. */
export async function returnGrant(db: Database, userId: string, templateId: string, now: Date): Promise<void> {
  const _ = db.command;
  await db
    .collection(GRANTS)
    .where({ _id: grantIdOf(userId, templateId) })
    .update({ data: { left: _.inc(1), updatedAt: now } });
}

/** 43101: WeChat holds no subscription for this template, whatever the ledger counted. */
export async function zeroGrant(db: Database, userId: string, templateId: string, now: Date): Promise<void> {
  await db
    .collection(GRANTS)
    .where({ _id: grantIdOf(userId, templateId) })
    .update({ data: { left: 0, updatedAt: now } });
}

/** Keep a send-result push on the person's grant for the template (made if missing: the push is WeChat's word). */
export async function keepSendResult(db: Database, userId: string, templateId: string, result: SubscribeSendResult, now: Date): Promise<void> {
  await inFollowUpTransaction(db, async (t) => {
    const id = grantIdOf(userId, templateId);
    const grant = await getOrNull<SubscribeGrantDoc>(t, GRANTS, id);
    const kept = [...(grant?.sendResults ?? []).filter((r) => r.msgid !== result.msgid), result].slice(-SEND_RESULTS_KEPT);
    if (grant) {
      await t.collection(GRANTS).doc(id).update({ data: { sendResults: kept, updatedAt: now } });
    } else {
      const doc: Omit<SubscribeGrantDoc, '_id'> = { userId, templateId, left: 0, lastMoment: 'signup', sendResults: kept, updatedAt: now };
      await t.collection(GRANTS).doc(id).set({ data: doc });
    }
  });
}

/** Operators' view: how many messages are in a state (index delivery_due, its first field). */
export async function countIn(db: Database, state: DeliveryState): Promise<number> {
  const res = (await db.collection(NOTIFICATIONS).where({ 'delivery.state': state }).count()) as unknown as { total: number };
  return res.total;
}

/** Dead (or dropped) messages, newest due first, one page. */
export async function pageIn(db: Database, state: 'dead' | 'dropped', before: Date | undefined, limit: number): Promise<NotificationDoc[]> {
  const _ = db.command;
  return rows<NotificationDoc>(
    db
      .collection(NOTIFICATIONS)
      .where({ 'delivery.state': state, ...(before ? { 'delivery.nextAttemptAt': _.lt(before) } : {}) })
      .orderBy('delivery.nextAttemptAt', 'desc')
      .limit(limit),
  );
}

/** A dead message back to pending from its first channel, if it is still dead. */
export async function requeueDead(db: Database, id: string, now: Date): Promise<boolean> {
  const _ = db.command;
  const res = await db
    .collection(NOTIFICATIONS)
    .where({ _id: id, 'delivery.state': 'dead' })
    .update({
      data: {
        delivery: {
          state: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          refused: _.remove(),
          reason: _.remove(),
          officialAccountUnansweredAt: _.remove(),
          channel: _.remove(),
        },
      },
    });
  return updatedOne(res);
}

/** A person is an admin of at most this many organizations that count (a function's get() answers 100 at most). */
const MEMBERSHIPS_READ = 100;

/**
 * The caller's roles for which notification kinds reach them: a registered volunteer; an admin of an organization
 * that is pending or verified (a rejected or dissolved one sends nothing more); a verifier of help requests (a
 * platform admin, or an admin of a verified organization); a platform admin. Memberships on index userId_status.
 */
export async function rolesOf(ctx: ActionContext): Promise<Roles> {
  const platformAdmin = isPlatformAdmin(ctx);
  const userId = userIdOf(ctx.caller.openid);
  const [volunteer, memberships] = await Promise.all([
    registeredVolunteer(ctx),
    rows<MembershipDoc>(ctx.db.collection('memberships').where({ userId, status: 'active' }).limit(MEMBERSHIPS_READ)),
  ]);
  const adminOf = memberships.filter((m) => m.role === 'admin').map((m) => m.orgId);
  const orgs = await Promise.all(adminOf.map((orgId) => getOrNull<OrganizationDoc>(ctx.db, 'organizations', orgId)));
  const statuses = orgs.flatMap((o) => (o ? [o.status] : []));
  return {
    anyone: true,
    volunteer: volunteer !== null,
    orgAdmin: statuses.some((s) => s === 'pending' || s === 'verified'),
    verifier: platformAdmin || statuses.includes('verified'),
    platformAdmin,
  };
}
