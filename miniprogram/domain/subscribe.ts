// Subscribe-request answers → what notify.reportSubscriptions takes. Pure: no wx, so it is tested without WeChat.
import type { SubscribeAnswer } from '../../typings/notify';

const ANSWERS: readonly string[] = ['accept', 'reject', 'ban', 'filter'] satisfies SubscribeAnswer[];

/** wx.requestSubscribeMessage takes at most 3 templates at a time for one-time subscriptions (typings/notify.ts). */
export const MAX_TEMPLATES_PER_REQUEST = 3;

/** The template ids to ask for: distinct, non-empty, at most three (the server's list, defended against). */
export function templatesToAsk(templateIds: readonly string[]): string[] {
  return [...new Set(templateIds.filter((id) => typeof id === 'string' && id !== ''))].slice(0, MAX_TEMPLATES_PER_REQUEST);
}

/** The answers for the ids asked; anything else in WeChat's result (errMsg, an id not asked, an unknown word) is left out. */
export function answersToReport(asked: readonly string[], answers: Record<string, string>): Record<string, SubscribeAnswer> {
  const report: Record<string, SubscribeAnswer> = {};
  for (const id of asked) {
    const answer = answers[id];
    if (answer !== undefined && ANSWERS.includes(answer)) report[id] = answer as SubscribeAnswer;
  }
  return report;
}
