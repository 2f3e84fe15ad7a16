// 消息: my notifications, newest first, paged as the list scrolls; tapping one opens its page and marks it read;
// 全部已读; 消息设置. The unread count follows on the 我的 tab.
import { routes } from '../../domain/routes';
import { call } from '../../services/api';
import { showUnreadOnMeTab } from '../../services/unread-badge';
import * as wechat from '../../services/wechat';
import { PAGE_SIZE, initialState, linkTarget, markedRead, markedUnread, withPage, type InboxState } from './view-model';

interface TapEvent {
  currentTarget: { dataset: { id?: string } };
}

Component<
  { state: InboxState },
  {},
  {
    onLoad(): Promise<void>;
    onPullDownRefresh(): Promise<void>;
    onReachBottom(): Promise<void>;
    load(first: boolean): Promise<void>;
    onRetry(): Promise<void>;
    onTapItem(e: TapEvent): Promise<void>;
    onMarkAllRead(): Promise<void>;
    onOpenSettings(): void;
  },
  [],
  {}
>({
  data: { state: initialState },
  methods: {
    onLoad() {
      return this.load(true);
    },
    async onPullDownRefresh() {
      await this.load(true);
      wechat.stopPullDownRefresh();
    },
    onReachBottom() {
      const s = this.data.state;
      if (s.status !== 'ready' || !s.nextBefore || s.loadingMore) return Promise.resolve();
      return this.load(false);
    },
    onRetry() {
      this.setData({ state: initialState });
      return this.load(true);
    },
    async load(first) {
      const before = first ? undefined : this.data.state.nextBefore;
      if (!first) this.setData({ 'state.loadingMore': true });
      const outcome = await call('inbox', 'list', { limit: PAGE_SIZE, ...(before ? { before } : {}) });
      if (!outcome.ok) {
        if (first) this.setData({ state: { ...initialState, status: 'error', message: outcome.error.message } });
        else {
          this.setData({ 'state.loadingMore': false });
          wechat.showToast(outcome.error.message);
        }
        return;
      }
      this.setData({ state: withPage(this.data.state, outcome.data, new Date(), first) });
      showUnreadOnMeTab(outcome.data.unread);
    },
    async onTapItem(e) {
      const id = e.currentTarget.dataset.id;
      const item = this.data.state.items.find((i) => i.id === id);
      if (!item) return;
      // The page opens at once; marking read follows (a slow network never holds the person on the list).
      const target = linkTarget(item.link);
      if (target) {
        const open = target.method === 'switchTab' ? wechat.switchTab : wechat.navigateTo;
        open(target.url).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
      }
      if (item.read) return;
      this.setData({ state: markedRead(this.data.state, [item.id]) });
      const outcome = await call('inbox', 'markRead', { ids: [item.id] });
      if (!outcome.ok) {
        // Still unread on the server: show it so, or the count would disagree with the next load.
        this.setData({ state: markedUnread(this.data.state, item.id) });
        return;
      }
      this.setData({ 'state.unread': outcome.data.unread });
      showUnreadOnMeTab(outcome.data.unread);
    },
    async onMarkAllRead() {
      if (this.data.state.unread === 0) return;
      const before = this.data.state;
      this.setData({ state: markedRead(before) });
      const outcome = await call('inbox', 'markRead', {});
      if (!outcome.ok) {
        this.setData({ state: before });
        wechat.showToast(outcome.error.message);
        return;
      }
      this.setData({ 'state.unread': outcome.data.unread });
      showUnreadOnMeTab(outcome.data.unread);
    },
    onOpenSettings() {
      wechat.navigateTo(routes.notifySettings).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
  },
});
