// 发现: location permission state → what the page shows, and the 为你推荐 section. Pure.
import type { ForYouItem } from '../../../typings/project-foryou';
import { shiftTimeText } from '../../common/project-labels';

export type LocationState =
  | { kind: 'checking' }
  | { kind: 'unasked' } // never asked, or the privacy agreement was declined
  | { kind: 'denied' } // refused in the system prompt: only the settings page can grant it now
  | { kind: 'failed' } // permitted, but no fix (GPS off, timeout)
  | { kind: 'located'; placeName: string | null };

export type LocationAction = 'request' | 'openSetting';

export interface LocationPrompt {
  title: string;
  hint: string;
  actionText: string;
  action: LocationAction;
}

export interface DiscoverView {
  /** Null when no prompt is needed. */
  prompt: LocationPrompt | null;
  placeText: string;
}

const PROMPTS: Record<'unasked' | 'denied' | 'failed', LocationPrompt> = {
  unasked: {
    title: '开启定位，查找附近的志愿服务项目',
    hint: '位置只用于查找附近的项目，不会公开。',
    actionText: '允许获取位置',
    action: 'request',
  },
  denied: {
    title: '定位权限已关闭',
    hint: '请在设置中允许“位置信息”，即可查看附近的项目。',
    actionText: '去设置开启定位',
    action: 'openSetting',
  },
  failed: {
    title: '暂时无法获取位置',
    hint: '请确认手机已打开定位服务后重试。',
    actionText: '重新定位',
    action: 'request',
  },
};

export function toDiscoverView(state: LocationState): DiscoverView {
  switch (state.kind) {
    case 'checking':
      return { prompt: null, placeText: '正在获取位置…' };
    case 'located':
      return { prompt: null, placeText: state.placeName ? `当前位置：${state.placeName}` : '已按你的位置查找' };
    default:
      return { prompt: PROMPTS[state.kind], placeText: '未获取位置' };
  }
}

/** What a failed wx.getLocation means for the prompt, from its errMsg. */
export function stateAfterLocationFailure(errMsg: string): LocationState {
  if (/privacy/i.test(errMsg)) return { kind: 'unasked' }; // declined the privacy agreement; may agree next time
  if (/auth (deny|denied)|authorize/i.test(errMsg)) return { kind: 'denied' };
  return { kind: 'failed' };
}

// 为你推荐: what project.forYou answered → the section above the list. Pure.

/** The section shows at most this many cards: a few above the list, never a second list. */
export const FOR_YOU_SHOWN = 5;

export interface ForYouCardView {
  projectId: string;
  shiftId: string;
  title: string;
  orgName: string;
  /** The chosen shift's time: '12月5日 周六 09:00–11:30'. */
  timeText: string;
  /** 距离 1.2 km · 技能：急救 · 周六上午有空 */
  reasonsText: string;
  placesText: string;
}

export type ForYouSection =
  | { kind: 'none' }
  /** Not registered: one quiet line inviting registration, no cards. */
  | { kind: 'invite'; text: string }
  | { kind: 'cards'; cards: ForYouCardView[] };

export const FOR_YOU_NONE: ForYouSection = { kind: 'none' };
export const FOR_YOU_INVITE_TEXT = '注册成为志愿者，这里会推荐适合你的项目';

export function toForYouCardView(item: ForYouItem): ForYouCardView {
  const left = item.placesLeft ?? 0;
  return {
    projectId: item.projectId,
    shiftId: item.shiftId,
    title: item.title,
    orgName: item.orgName,
    timeText: shiftTimeText(item.shiftStartsAt, item.shiftEndsAt),
    reasonsText: item.reasons.map((r) => r.text).join(' · '),
    placesText: left > 0 ? `剩 ${left} 个名额` : '名额已满',
  };
}

/**
 * The section for what forYou answered. Anything but a list with items shows nothing: a recommendation that fails
 * (network, a server error) must not take space from the list, which works on its own.
 */
export function forYouSectionOf(outcome: { ok: true; data: { items: ForYouItem[] } } | { ok: false; error: { code: string } }): ForYouSection {
  if (!outcome.ok) return outcome.error.code === 'NOT_REGISTERED' ? { kind: 'invite', text: FOR_YOU_INVITE_TEXT } : FOR_YOU_NONE;
  const cards = outcome.data.items.slice(0, FOR_YOU_SHOWN).map(toForYouCardView);
  return cards.length > 0 ? { kind: 'cards', cards } : FOR_YOU_NONE;
}
