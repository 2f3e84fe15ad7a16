// 消息: my notifications, newest first, paged as the list scrolls; tapping one marks it read and opens its page.
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { PAGE_SIZE, initialState, linkTarget, markedRead, withPage, type InboxState } from './view-model';

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
    },
    async onTapItem(e) {
      const id = e.currentTarget.dataset.id;
      const item = this.data.state.items.find((i) => i.id === id);
      if (!item) return;
      if (!item.read) {
        this.setData({ state: markedRead(this.data.state, [item.id]) });
        const outcome = await call('inbox', 'markRead', { ids: [item.id] });
        if (outcome.ok) this.setData({ 'state.unread': outcome.data.unread });
      }
      const target = linkTarget(item.link);
      if (!target) return;
      const open = target.method === 'switchTab' ? wechat.switchTab : wechat.navigateTo;
      open(target.url).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
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
    },
  },
});
