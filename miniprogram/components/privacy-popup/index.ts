// The privacy agreement WeChat requires before a private-information API (location, the phone button, the
// clipboard, photos) may run. Every page that uses one carries this popup (privacy-pages.test.ts checks it);
// services/privacy.ts shows the one on screen when WeChat asks.
import { AGREE_BUTTON_ID, privacyGate, purposeOf } from '../../services/privacy';
import * as wechat from '../../services/wechat';

interface PopupFields {
  open?: (referrer: string) => void;
  unregister?: () => void;
}

Component<
  { visible: boolean; purpose: string; agreeButtonId: string },
  {},
  {
    listen(): void;
    stopListening(): void;
    onOpenContract(): void;
    onAgree(): void;
    onDisagree(): void;
  },
  [],
  PopupFields
>({
  // Buttons share the app's .btn-* classes.
  options: { styleIsolation: 'apply-shared' },
  data: { visible: false, purpose: '', agreeButtonId: AGREE_BUTTON_ID },
  lifetimes: {
    attached() {
      this.listen();
    },
    detached() {
      this.stopListening();
    },
  },
  pageLifetimes: {
    show() {
      this.listen();
    },
    hide() {
      this.stopListening();
    },
  },
  methods: {
    listen() {
      if (!this.open) this.open = (referrer) => this.setData({ visible: true, purpose: purposeOf(referrer) });
      this.unregister?.();
      this.unregister = privacyGate.register(this.open);
    },
    stopListening() {
      this.unregister?.();
      this.unregister = undefined;
    },
    onOpenContract() {
      wechat.openPrivacyContract().catch(() => undefined); // the page stays usable if it fails to open
    },
    // Bound to bindagreeprivacyauthorization: WeChat has recorded the tap on the agree button.
    onAgree() {
      this.setData({ visible: false });
      privacyGate.agree();
    },
    onDisagree() {
      this.setData({ visible: false });
      privacyGate.disagree();
    },
  },
});
