// What the inbox answers: a stored notification as a person sees it.
import type { NotificationView } from '../../typings/inbox';
import { iso } from '../_shared/documents/dates';
import type { NotificationDoc } from '../_shared/documents/notification';

export function notificationView(doc: NotificationDoc): NotificationView {
  return {
    id: doc._id,
    kind: doc.kind,
    title: doc.title,
    body: doc.body,
    ...(doc.link ? { link: doc.link } : {}),
    createdAt: iso(doc.createdAt),
    read: doc.readAt !== null && doc.readAt !== undefined,
  };
}
