// Cloud function `inbox`: a person's notifications (我的 → 消息), read from the outbox collection `notifications`.
import { defineFunction } from '../_shared/action';
import { list, markRead, unread } from './inbox';

export const { main, actions } = defineFunction({ list, markRead, unread });
