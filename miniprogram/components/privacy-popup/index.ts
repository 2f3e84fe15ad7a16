// The privacy agreement WeChat requires before a privacy API (location here) may run.
// Put one in every page that calls such an API; services/privacy.ts shows the one on screen.
import { AGREE_BUTTON_ID, privacyGate } from '../../services/privacy';
import * as wechat from '../../services/wechat';

interface PopupFields {
  open?: () => void;
  unregister?: () => void;
}

Component<
  { visible: boolean; agreeButtonId: string },
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
  data: { visible: false, agreeButtonId: AGREE_BUTTON_ID },
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
      if (!this.open) this.open = () => this.setData({ visible: true });
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
