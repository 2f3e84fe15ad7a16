// The outbox: how 志愿+ tells someone something. A notification is written in the same transaction as the change it
// tells about, under a deterministic id, so a retried action finds it there and enqueues nothing twice. The inbox
// (我的 → 消息) reads these documents; the notify function delivers them through WeChat by their `delivery` state.
import type { NotificationKind } from '../../../typings/inbox';
import { getOrNull, type Tx } from '../db/db';
import type { NotificationDoc, NotificationFacts } from '../documents/notification';
import { noteEnqueued } from './kick';

export interface OutgoingNotification {
  kind: NotificationKind;
  recipientUserId: string;
  title: string;
  body: string;
  /** Mini-program page to open, e.g. /pages/org/home/index?orgId=… */
  link?: string;
  /** The facts that make this message unique: the same facts give the same id. */
  key: string[];
  /** The person the message is about, when it is not the recipient: deleting that person's account removes it. */
  aboutUserId?: string;
  /** What a WeChat template shows (subject, time, place, result…); without it the template is made of title and body. */
  facts?: NotificationFacts;
}

/** Deterministic, index-safe id: kind and key facts joined, characters outside [A-Za-z0-9_-] replaced. */
export function notificationId(n: Pick<OutgoingNotification, 'kind' | 'recipientUserId' | 'key'>): string {
  return [n.kind, ...n.key, n.recipientUserId].map((p) => p.replace(/[^A-Za-z0-9_-]/g, '-')).join('.');
}

/** Enqueue inside a transaction; returns false when this very notification was already enqueued. */
export async function enqueue(t: Tx, n: OutgoingNotification, now: Date): Promise<boolean> {
  const id = notificationId(n);
  if (await getOrNull(t, 'notifications', id)) return false;
  const doc: Omit<NotificationDoc, '_id'> = {
    kind: n.kind,
    recipientUserId: n.recipientUserId,
    title: n.title,
    body: n.body,
    ...(n.link ? { link: n.link } : {}),
    ...(n.aboutUserId ? { aboutUserId: n.aboutUserId } : {}),
    ...(n.facts ? { facts: n.facts } : {}),
    createdAt: now,
    readAt: null,
    delivery: { state: 'pending', attempts: 0, nextAttemptAt: now },
  };
  await t.collection('notifications').doc(id).set({ data: doc });
  noteEnqueued();
  return true;
}
