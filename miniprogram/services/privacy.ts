// Routes WeChat's "privacy authorization needed" event to the privacy popup of the page on screen.
// Platform-free so it is tested without WeChat; app.ts connects it to wx.onNeedPrivacyAuthorization.
import type { PrivacyResolve } from './wechat';

export const AGREE_BUTTON_ID = 'privacy-agree';

/** A popup that can be asked to open. */
export type PopupOpener = () => void;

export interface PrivacyGate {
  /** Listener for wx.onNeedPrivacyAuthorization. */
  request(resolve: PrivacyResolve): void;
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
    request(resolve) {
      const open = popups[popups.length - 1];
      if (!open) {
        // No popup on this page: refuse now rather than leave the API hanging.
        resolve({ event: 'disagree' });
        return;
      }
      pending.push(resolve);
      resolve({ event: 'exposureAuthorization' });
      open();
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
