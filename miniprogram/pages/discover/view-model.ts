// 发现: location permission state → what the page shows. Pure.

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
