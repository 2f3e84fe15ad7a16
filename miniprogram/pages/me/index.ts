// 我的: who I am on the platform, and the way to register.
import { routes } from '../../routes';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { loadingView, toMeView, type MeView } from './view-model';

interface MeFields {
  /** Only the latest session request may set the view (tab switches can overlap requests). */
  latestRequest?: number;
}

Component<
  { view: MeView },
  {},
  {
    onShow(): Promise<void>;
    onRetry(): Promise<void>;
    loadSession(): Promise<void>;
    onRegister(): void;
    onPlatformAdmin(): void;
    open(url: string): void;
  },
  [],
  MeFields
>({
  data: { view: loadingView },
  methods: {
    onShow() {
      return this.loadSession();
    },
    onRetry() {
      this.setData({ view: loadingView });
      return this.loadSession();
    },
    async loadSession() {
      const request = (this.latestRequest ?? 0) + 1;
      this.latestRequest = request;
      const outcome = await call('user', 'session', {});
      if (request !== this.latestRequest) return;
      this.setData({ view: toMeView(outcome) });
    },
    onRegister() {
      this.open(routes.register);
    },
    onPlatformAdmin() {
      this.open(routes.platformAdmin);
    },
    open(url) {
      wechat.navigateTo(url).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
  },
});
