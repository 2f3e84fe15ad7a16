// Routes WeChat's "privacy authorization needed" event to the privacy popup of the page on screen.
// Platform-free so it is tested without WeChat; app.ts connects it to wx.onNeedPrivacyAuthorization.
import type { PrivacyResolve } from './wechat';

export const AGREE_BUTTON_ID = 'privacy-agree';

/**
 * What each private-information API this app uses is for, in the words the popup shows. Keys are the referrer
 * WeChat passes to onNeedPrivacyAuthorization: the API's name, or `button.<open-type>` for a button.
 */
const PURPOSES: Readonly<Record<string, string>> = {
  getLocation: '查找附近的志愿服务项目需要获取你的位置。',
  chooseLocation: '按地点查找项目需要使用你选择的位置。',
  'button.getPhoneNumber': '核验手机号需要获取你微信绑定的手机号。',
  setClipboardData: '复制下载链接需要使用剪贴板。',
  getClipboardData: '读取复制的内容需要访问剪贴板。',
  chooseMedia: '上传照片或视频需要使用你选择的照片或视频。',
  chooseImage: '上传照片需要使用你选择的照片。',
  saveImageToPhotosAlbum: '保存图片需要写入你的相册。',
  addPhoneCalendar: '添加到日历需要写入你的手机日历。',
};
const GENERIC_PURPOSE = '这项功能需要处理你的个人信息。';

/** The sentence that tells a person why this feature needs the agreement. */
export function purposeOf(referrer: string): string {
  return PURPOSES[referrer] ?? GENERIC_PURPOSE;
}

/** A popup that can be asked to open, told which API asked. */
export type PopupOpener = (referrer: string) => void;

export interface PrivacyGate {
  /** Listener for wx.onNeedPrivacyAuthorization: the API that asked is the referrer ('' when WeChat gives none). */
  request(resolve: PrivacyResolve, referrer?: string): void;
  /** A popup registers while its page is on screen; the latest registration is the one shown. */
  register(open: PopupOpener): () => void;
  agree(): void;
  disagree(): void;
}

export function createPrivacyGate(): PrivacyGate {
  const popups: PopupOpener[] = [];
  // Several privacy APIs may wait at once; one answer settles them all.
  let pending: PrivacyResolve[] = [];

  const settle = (decision: Parameters<PrivacyResolve>[0]) => {
    const waiting = pending;
    pending = [];
    waiting.forEach((resolve) => resolve(decision));
  };

  return {
    request(resolve, referrer = '') {
      const open = popups[popups.length - 1];
      if (!open) {
        // No popup on this page: refuse now rather than leave the API hanging.
        resolve({ event: 'disagree' });
        return;
      }
      pending.push(resolve);
      resolve({ event: 'exposureAuthorization' });
      open(referrer);
    },
    register(open) {
      const existing = popups.indexOf(open);
      if (existing >= 0) popups.splice(existing, 1);
      popups.push(open);
      return () => {
        const i = popups.indexOf(open);
        if (i >= 0) popups.splice(i, 1);
      };
    },
    agree() {
      settle({ event: 'agree', buttonId: AGREE_BUTTON_ID });
    },
    disagree() {
      settle({ event: 'disagree' });
    },
  };
}

export const privacyGate = createPrivacyGate();
