// Cloud function `inbox`: a person's notifications (我的 → 消息), read from the outbox collection `notifications`.
// Contracts: typings/inbox.ts.
import { defineFunction } from '../_shared/frame/action';
import { list } from './list';
import { markRead } from './mark-read';
import { unread } from './unread';

export const { main, actions } = defineFunction<'inbox'>({ list, markRead, unread });
