// WeChat's send-result push for subscribe messages (subscribe_msg_sent_event, 消息推送 to this function): after
// WeChat sends (or fails to send) a subscribe message it tells the mini-program, per message, the person
// (FromUserName), the template, the MsgID and an ErrorCode (0: sent). An unanswered send (timeout) waits for it: the
// push is kept on the person's grant for that template and then applied to the one unconfirmed send it can be about
// (the dispatcher never has two unconfirmed for one person and template). If the push comes before the dispatcher has
// recorded the send as unanswered, the dispatcher finds the kept result itself (dispatch.ts leaveUnconfirmed).
import type { NotificationDoc, SubscribeSendResult } from '../_shared/documents/notification';
import { userIdOf } from '../_shared/documents/ids';
import type { PushHandler } from '../_shared/frame/action';
import type { MessagePush } from '../_shared/frame/message-push';
import { slotOf, subscribeSlotOfTemplate, templateIdOf } from '../_shared/messages/templates';
import { settle } from './dispatch';
import { settingsOf } from './settings';
import { keepSendResult, msgidKnown, subscribeSendsInFlight, writeUnconfirmed } from './store';

export interface SentItem {
  templateId: string;
  msgid: string;
  errorCode: number;
  errorStatus: string;
}

/**
 * The items of a push. WeChat's JSON form nests them as SubscribeMsgSentEvent.List, one object or an array of them;
 * values may come as text (the XML form's) or numbers. A MsgID is 64 bits: as text it is kept whole.
 */
export function sentItemsOf(push: MessagePush): SentItem[] {
  const event = push.SubscribeMsgSentEvent as { List?: unknown } | undefined;
  const list = event?.List;
  const items = Array.isArray(list) ? list : list ? [list] : [];
  return items.flatMap((raw) => {
    if (typeof raw !== 'object' || raw === null) return [];
    const item = raw as Record<string, unknown>;
    const templateId = typeof item.TemplateId === 'string' ? item.TemplateId : '';
    const msgid = typeof item.MsgID === 'string' || typeof item.MsgID === 'number' ? String(item.MsgID) : '';
    const errorCode = Number(item.ErrorCode);
    if (!templateId || !msgid || !Number.isFinite(errorCode)) return [];
    return [{ templateId, msgid, errorCode, errorStatus: typeof item.ErrorStatus === 'string' ? item.ErrorStatus : '' }];
  });
}

export const onSubscribeMessageSent: PushHandler = async (push, ctx) => {
  const openid = typeof push.FromUserName === 'string' ? push.FromUserName : '';
  if (!openid) return;
  const userId = userIdOf(openid);
  const at = typeof push.CreateTime === 'number' || typeof push.CreateTime === 'string' ? new Date(Number(push.CreateTime) * 1000) : ctx.now;
  const settings = settingsOf(ctx.env);
  for (const item of sentItemsOf(push)) {
    // A template that is not one of ours (or no longer configured) concerns no message here.
    if (!subscribeSlotOfTemplate(item.templateId, ctx.env)) continue;
    const result: SubscribeSendResult = { msgid: item.msgid, errorCode: item.errorCode, errorStatus: item.errorStatus, at };
    await keepSendResult(ctx.db, userId, item.templateId, result, ctx.now);
    if (await msgidKnown(ctx.db, userId, item.msgid)) continue;
    const waiting = (await subscribeSendsInFlight(ctx.db, userId)).filter(
      (n: NotificationDoc) => n.delivery.state === 'unconfirmed' && templateIdOf('subscribe', slotOf(n.kind), ctx.env) === item.templateId,
    );
    for (const doc of waiting) {
      await settle({ db: ctx.db, settings, clock: () => new Date() }, doc, item.templateId, result, (delivery) => writeUnconfirmed(ctx.db, doc, delivery));
    }
  }
};
