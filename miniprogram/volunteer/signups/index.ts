// 我的报名: my sign-ups, upcoming and past, with their status and reason; withdraw after a confirm (late warned).
import { routes, withQuery } from '../../domain/routes';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { initialState, withdrawPrompt, withPage, type MySignupsState, type Tab } from './view-model';

interface DatasetEvent {
  currentTarget: { dataset: { id?: string; tab?: string } };
}

Component<
  { state: MySignupsState },
  {},
  {
    onLoad(): Promise<void>;
    onShow(): Promise<void>;
    onPullDownRefresh(): Promise<void>;
    onReachBottom(): Promise<void>;
    load(first: boolean): Promise<void>;
    onRetry(): Promise<void>;
    onTab(e: DatasetEvent): Promise<void>;
    onWithdraw(e: DatasetEvent): Promise<void>;
    onOpen(e: DatasetEvent): Promise<void>;
    onCheckIn(e: DatasetEvent): Promise<void>;
  },
  [],
  { loaded?: boolean }
>({
  data: { state: initialState },
  methods: {
    async onLoad() {
      await this.load(true);
      this.loaded = true;
    },
    // Back from the sign-up page (an offer confirmed there): show what changed.
    onShow() {
      return this.loaded ? this.load(true) : Promise.resolve();
    },
    async onPullDownRefresh() {
      await this.load(true);
      wechat.stopPullDownRefresh();
    },
    onReachBottom() {
      const s = this.data.state;
      return s.status === 'ready' && s.nextCursor && !s.loadingMore ? this.load(false) : Promise.resolve();
    },
    onRetry() {
      this.setData({ state: { ...initialState, tab: this.data.state.tab } });
      return this.load(true);
    },
    async load(first) {
      const s = this.data.state;
      if (!first) this.setData({ 'state.loadingMore': true });
      const outcome = await call('signup', 'mine', { when: s.tab, ...(!first && s.nextCursor ? { cursor: s.nextCursor } : {}) });
      if (!outcome.ok) {
        if (first) this.setData({ state: { ...initialState, tab: s.tab, status: 'error', message: outcome.error.message } });
        else {
          this.setData({ 'state.loadingMore': false });
          wechat.showToast(outcome.error.message);
        }
        return;
      }
      this.setData({ state: withPage(this.data.state, outcome.data, new Date(), first) });
    },
    onTab(e) {
      const tab = e.currentTarget.dataset.tab as Tab | undefined;
      if (!tab || tab === this.data.state.tab) return Promise.resolve();
      this.setData({ state: { ...initialState, tab } });
      return this.load(true);
    },
    async onWithdraw(e) {
      const item = this.data.state.items.find((i) => i.signupId === e.currentTarget.dataset.id);
      if (!item || this.data.state.busyId) return;
      const prompt = withdrawPrompt(item);
      if (!(await wechat.confirm({ ...prompt, confirmText: '确认取消', destructive: true }))) return;
      this.setData({ 'state.busyId': item.signupId });
      const outcome = await call('signup', 'withdraw', { signupId: item.signupId });
      this.setData({ 'state.busyId': '' });
      if (!outcome.ok) {
        wechat.showToast(outcome.error.message);
        return;
      }
      wechat.showToast(outcome.data.late ? '已取消（记为迟退）' : '已取消报名');
      await this.load(true);
    },
    async onOpen(e) {
      const item = this.data.state.items.find((i) => i.signupId === e.currentTarget.dataset.id);
      if (item) await wechat.navigateTo(withQuery(routes.projectSignup, { projectId: item.projectId, shiftId: item.shiftId }));
    },
    async onCheckIn(e) {
      const item = this.data.state.items.find((i) => i.signupId === e.currentTarget.dataset.id);
      if (item) await wechat.navigateTo(withQuery(routes.checkin, { shiftId: item.shiftId })).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
  },
});
