// 志愿服务证: the electronic volunteer card. Its QR code is signed and short-lived, so the page fetches a new one
// as the server asks, only while the page is on screen, and keeps the screen bright for scanning.
import { routes } from '../../domain/routes';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { keepsRefreshing, loadingView, refreshDelayMs, toCardView, type CardView } from './view-model';

interface CardFields {
  timer?: ReturnType<typeof setTimeout>;
  /** Brightness before the page raised it; restored on leave. */
  brightness?: number;
  visible?: boolean;
  latestRequest?: number;
}

/** Brightest, so a scanner reads the code from a dim phone. */
const SCAN_BRIGHTNESS = 1;

Component<
  { view: CardView },
  {},
  {
    onShow(): Promise<void>;
    onHide(): void;
    onUnload(): void;
    onRetry(): Promise<void>;
    onRegister(): void;
    load(): Promise<void>;
    stopRefreshing(): void;
    brighten(): Promise<void>;
    restoreBrightness(): void;
  },
  [],
  CardFields
>({
  data: { view: loadingView },
  lifetimes: {
    detached() {
      this.stopRefreshing();
      this.restoreBrightness();
    },
  },
  methods: {
    async onShow() {
      this.visible = true;
      void this.brighten();
      await this.load();
    },
    onHide() {
      this.visible = false;
      this.stopRefreshing();
      this.restoreBrightness();
    },
    onUnload() {
      this.onHide();
    },
    onRetry() {
      this.setData({ view: loadingView });
      return this.load();
    },
    onRegister() {
      wechat.redirectTo(routes.register).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
    async load() {
      this.stopRefreshing();
      const request = (this.latestRequest ?? 0) + 1;
      this.latestRequest = request;
      const outcome = await call('volunteer', 'card', {});
      if (request !== this.latestRequest || !this.visible) return;
      this.setData({ view: toCardView(outcome, this.data.view) });
      if (keepsRefreshing(outcome)) this.timer = setTimeout(() => void this.load(), refreshDelayMs(outcome));
    },
    stopRefreshing() {
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = undefined;
    },
    async brighten() {
      if (this.brightness === undefined) this.brightness = await wechat.getScreenBrightness();
      if (!this.visible) return;
      await wechat.setScreenBrightness(SCAN_BRIGHTNESS);
      wechat.setKeepScreenOn(true);
    },
    restoreBrightness() {
      if (this.brightness !== undefined) void wechat.setScreenBrightness(this.brightness);
      this.brightness = undefined;
      wechat.setKeepScreenOn(false);
    },
  },
});
