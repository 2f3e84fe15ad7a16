// 我的: who I am on the platform (masked name, number, hours, star), the way to register, and (once registered) my
// card, data, organizations and messages. One function call (user.session) renders all of it.
import { routes } from '../../domain/routes';
import { call } from '../../services/api';
import { activeConfig } from '../../services/runtime-config';
import { showUnreadOnMeTab } from '../../services/unread-badge';
import * as wechat from '../../services/wechat';
import { loadingView, sectionsOf, toMeView, unreadBadge, type MeSection, type MeView } from './view-model';

interface MeFields {
  /** Only the latest session request may set the view (tab switches can overlap requests). */
  latestRequest?: number;
}

interface TapEvent {
  currentTarget: { dataset: { route?: string } };
}

Component<
  { view: MeView; sections: MeSection[]; unreadBadge: string },
  {},
  {
    onShow(): Promise<void>;
    onRetry(): Promise<void>;
    loadSession(): Promise<void>;
    onRegister(): void;
    onEntry(e: TapEvent): void;
    open(url: string): void;
  },
  [],
  MeFields
>({
  data: { view: loadingView, sections: [], unreadBadge: '' },
  methods: {
    onShow() {
      return this.loadSession();
    },
    onRetry() {
      this.setData({ view: loadingView, sections: [] });
      return this.loadSession();
    },
    async loadSession() {
      const request = (this.latestRequest ?? 0) + 1;
      this.latestRequest = request;
      const outcome = await call('user', 'session', {});
      if (request !== this.latestRequest) return;
      const view = toMeView(outcome);
      this.setData({ view, sections: sectionsOf(view, routes, activeConfig().mode === 'local'), unreadBadge: unreadBadge(outcome) });
      // The tab shows what the entry shows; a failed session leaves it alone.
      if (outcome.ok) showUnreadOnMeTab(outcome.data.unread);
    },
    onRegister() {
      this.open(routes.register);
    },
    onEntry(e) {
      const route = e.currentTarget.dataset.route;
      if (route) this.open(route);
    },
    open(url) {
      wechat.navigateTo(url).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
  },
});
