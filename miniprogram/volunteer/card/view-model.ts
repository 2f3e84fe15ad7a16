// 志愿服务证: the card response → what the page shows, and when the QR code must be fetched again. Pure.
import type { CardResponse } from '../../../typings/volunteer';
import { hoursText, starText } from '../../common/service-hours';

export type CardView =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'unregistered' }
  | {
      kind: 'card';
      name: string;
      volunteerNo: string;
      organizationsText: string;
      registeredOnText: string;
      /** '' hides the star row (no confirmed hours yet). */
      starText: string;
      hoursText: string;
      qrImage: string;
      /** Set when the latest refresh failed; the code shown may be about to expire. */
      refreshNote: string;
    };

export const loadingView: CardView = { kind: 'loading' };

type Outcome = { ok: true; data: CardResponse } | { ok: false; error: { code: string; message: string } };

/** The refresh timer never runs faster than this, whatever the server asks (a bug must not hammer it). */
export const MIN_REFRESH_SECONDS = 10;
/** After a failed refresh: try again soon. */
export const RETRY_SECONDS = 15;

export function toCardView(outcome: Outcome, previous: CardView = loadingView): CardView {
  if (!outcome.ok) {
    if (outcome.error.code === 'NOT_REGISTERED') return { kind: 'unregistered' };
    // Keep a card already on screen during a refresh failure; its code is still good until it expires.
    if (previous.kind === 'card') return { ...previous, refreshNote: '二维码刷新失败，正在重试…' };
    return { kind: 'error', message: outcome.error.message };
  }
  const card = outcome.data;
  return {
    kind: 'card',
    name: card.name,
    volunteerNo: card.volunteerNo,
    organizationsText: card.organizations.length > 0 ? card.organizations.join('、') : '暂未加入组织',
    registeredOnText: card.registeredOn,
    starText: starText(card.starLevel),
    hoursText: `${hoursText(card.confirmedHours)} 小时`,
    qrImage: card.qr.image,
    refreshNote: '',
  };
}

/** Milliseconds until the next fetch. */
export function refreshDelayMs(outcome: Outcome): number {
  const seconds = outcome.ok ? Math.max(outcome.data.qr.refreshAfterSeconds, MIN_REFRESH_SECONDS) : RETRY_SECONDS;
  return seconds * 1000;
}

/** Whether the page should keep refreshing after this answer (not for someone who is not registered). */
export function keepsRefreshing(outcome: Outcome): boolean {
  return outcome.ok || outcome.error.code !== 'NOT_REGISTERED';
}

/** The card saved as a picture (issue 10): made on request, then saved to the album or sent to a friend. */
export type CardImageView =
  | { kind: 'none' }
  | { kind: 'making' }
  | { kind: 'ready'; path: string; note: string }
  | { kind: 'error'; message: string };

export const noCardImage: CardImageView = { kind: 'none' };

export const CARD_IMAGE_TEXT = {
  failed: '图片生成失败，请稍后重试',
  saved: '已保存到相册',
  saveFailed: '保存失败，请稍后重试',
  albumDenied: { title: '需要相册权限', content: '保存图片需要写入你的相册，请在设置中允许“保存到相册”。', confirmText: '去设置' },
  ready: '图片中的小程序码和核验码长期有效，注销账号后失效；不含签到用的动态二维码。',
} as const;
