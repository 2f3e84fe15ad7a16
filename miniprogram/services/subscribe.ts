// Asking for subscribe messages at the moments a notification will follow (signing up, checking in, asking for a
// certificate). WeChat shows its popup only from a tap, before any await, so the moment's template ids are loaded
// when the page loads and kept per moment for the app's life (they are deploy-time settings of the notify function).
// The answers go to notify.reportSubscriptions without being awaited: the person's action never waits for it.
import type { SubscribeMoment } from '../../typings/notify';
import { answersToReport, templatesToAsk } from '../domain/subscribe';
import { call } from './api';
import * as wechat from './wechat';

const templatesByMoment = new Map<SubscribeMoment, string[]>();

export interface SubscribePrompt {
  /** Loads the moment's template ids, unless already known; a failed load leaves the moment without a question. */
  load(): Promise<void>;
  /**
   * Call first thing in the tap handler, before any await. Asks at most once per page visit (one prompt per page
   * instance) and never without ids; resolves when the popup is closed (or at once), never rejects.
   */
  ask(): Promise<void>;
}

export function subscribePrompt(moment: SubscribeMoment): SubscribePrompt {
  let asked = false;
  return {
    async load() {
      if (templatesByMoment.has(moment)) return;
      const outcome = await call('notify', 'subscribeTemplates', { moment });
      if (outcome.ok) templatesByMoment.set(moment, templatesToAsk(outcome.data.templateIds));
    },
    ask() {
      const templateIds = templatesByMoment.get(moment) ?? [];
      if (asked || templateIds.length === 0) return Promise.resolve();
      asked = true;
      return wechat.requestSubscribeMessage(templateIds).then((outcome) => {
        // A failure (20004: 接收订阅消息 turned off; 10005: the app went to the background) has nothing to report.
        if (!outcome.ok) return;
        const answers = answersToReport(templateIds, outcome.answers);
        if (Object.keys(answers).length > 0) void call('notify', 'reportSubscriptions', { moment, answers });
      });
    },
  };
}
