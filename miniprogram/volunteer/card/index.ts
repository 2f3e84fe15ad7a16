// 志愿服务证: the electronic volunteer card. Its QR code is signed and short-lived, so the page fetches a new one
// as the server asks, only while the page is on screen, and keeps the screen bright for scanning.
// 保存为图片 (issue 10) draws the card with its static verification code (volunteer.cardProof) on a Canvas 2D node
// (card-image.ts → paint.ts), then saves the picture to the album or hands it to WeChat's share sheet.
import { routes } from '../../domain/routes';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { CARD_IMAGE_HEIGHT, CARD_IMAGE_WIDTH, cardImageOperations } from './card-image';
import { paint, type Paint2D } from './paint';
import {
  CARD_IMAGE_TEXT,
  keepsRefreshing,
  loadingView,
  noCardImage,
  refreshDelayMs,
  toCardView,
  type CardImageView,
  type CardView,
} from './view-model';

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
  { view: CardView; image: CardImageView },
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
    onMakeImage(): Promise<void>;
    onSaveImage(): Promise<void>;
    onShareImage(): Promise<void>;
    onCloseImage(): void;
  },
  [],
  CardFields
>({
  data: { view: loadingView, image: noCardImage },
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
    async onMakeImage() {
      if (this.data.image.kind === 'making') return;
      this.setData({ image: { kind: 'making' } });
      const outcome = await call('volunteer', 'cardProof', {});
      if (!outcome.ok) {
        this.setData({ image: { kind: 'error', message: outcome.error.message } });
        return;
      }
      try {
        const canvas = await wechat.canvasNode(this, '#card-image-canvas');
        canvas.width = CARD_IMAGE_WIDTH;
        canvas.height = CARD_IMAGE_HEIGHT;
        const codeFile = await wechat.writeDataUrlFile('card-verification-code.png', outcome.data.proof.miniProgramCode);
        const miniProgramCode = await wechat.loadCanvasImage(canvas, codeFile);
        paint(canvas.getContext('2d') as Paint2D, cardImageOperations(outcome.data), { miniProgramCode });
        const path = await wechat.canvasToTempFile(canvas);
        this.setData({ image: { kind: 'ready', path, note: CARD_IMAGE_TEXT.ready } });
      } catch {
        this.setData({ image: { kind: 'error', message: CARD_IMAGE_TEXT.failed } });
      }
    },
    async onSaveImage() {
      if (this.data.image.kind !== 'ready') return;
      const path = this.data.image.path;
      let saved = await wechat.saveImageToPhotosAlbum(path);
      if (saved === 'denied' && (await wechat.confirm(CARD_IMAGE_TEXT.albumDenied)) && (await wechat.openAlbumSetting())) {
        saved = await wechat.saveImageToPhotosAlbum(path);
      }
      if (saved === 'saved') wechat.showToast(CARD_IMAGE_TEXT.saved);
      else if (saved === 'failed') wechat.showToast(CARD_IMAGE_TEXT.saveFailed);
    },
    async onShareImage() {
      if (this.data.image.kind === 'ready') await wechat.showShareImageMenu(this.data.image.path);
    },
    onCloseImage() {
      this.setData({ image: noCardImage });
    },
  },
});
