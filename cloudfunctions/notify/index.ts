// Cloud function `notify`: every outbox message delivered through WeChat exactly once — a subscribe message while
// the person's grant lasts, else an official-account template message when they follow the account (the inbox
// always has it). The `dispatch` timer and kicks after an enqueue run the dispatcher; WeChat's send-result push
// settles unanswered subscribe sends; people report their subscriptions and set preferences; platform admins see
// what could not be delivered. Contracts: typings/notify.ts. How and why: README.md.
import { defineFunction } from '../_shared/frame/action';
import { kick } from './kick';
import { deliveryReport, requeue } from './operators';
import { preferences, savePreferences } from './preferences';
import { onSubscribeMessageSent } from './sent-event';
import { reportSubscriptions, subscribeTemplates } from './subscriptions';
import { dispatchTimer } from './timer';

export const { main, actions } = defineFunction<'notify'>(
  { subscribeTemplates, reportSubscriptions, preferences, savePreferences, deliveryReport, requeue, kick },
  { dispatch: dispatchTimer },
  { subscribe_msg_sent_event: onSubscribeMessageSent },
);
