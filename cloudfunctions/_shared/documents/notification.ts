// Collection `notifications`: the outbox (messages/outbox.ts) and the inbox read it.
import type { NotificationKind } from '../../../typings/inbox';

export interface NotificationDoc {
  _id: string;
  kind: NotificationKind;
  recipientUserId: string;
  title: string;
  body: string;
  link?: string;
  aboutUserId?: string;
  createdAt: Date;
  readAt: Date | null;
  delivery: { state: 'pending' | 'delivered' | 'failed'; attempts: number; nextAttemptAt: Date; channel?: string };
}
