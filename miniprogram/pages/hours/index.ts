// 我的时长: total confirmed service hours (one read on the server however many records), star level and progress to
// the next, records grouped by organization with their status, what still waits. A record opens its detail, where
// its history is shown and an error can be reported. 登记时长 (declaration, 补录, hour code) and 证明 (asking for
// certificates) open from here.
import { routes, withQuery } from '../../domain/routes';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { loadingHoursView, toHoursView, type HoursView } from './view-model';

interface TapEvent {
  currentTarget: { dataset: { id?: string } };
}

Component<
  { view: HoursView; loadingMore: boolean },
  {},
  {
    onShow(): Promise<void>;
    onReachBottom(): Promise<void>;
    onRetry(): Promise<void>;
    load(first: boolean): Promise<void>;
    onOpenRecord(e: TapEvent): void;
    onRegister(): void;
    onOpenDeclare(): void;
    onOpenCertificates(): void;
  },
  [],
  { latestRequest?: number }
>({
  data: { view: loadingHoursView, loadingMore: false },
  methods: {
    onShow() {
      return this.load(true);
    },
    onReachBottom() {
      return this.data.view.status === 'ready' && this.data.view.nextCursor && !this.data.loadingMore ? this.load(false) : Promise.resolve();
    },
    onRetry() {
      this.setData({ view: loadingHoursView });
      return this.load(true);
    },
    async load(first) {
      // Only the latest request may set the view (switching tabs can overlap them).
      const request = (this.latestRequest ?? 0) + 1;
      this.latestRequest = request;
      const before = this.data.view;
      if (!first) this.setData({ loadingMore: true });
      const outcome = await call('hours', 'mine', first ? {} : { cursor: before.nextCursor });
      if (request !== this.latestRequest) return;
      if (!first && !outcome.ok) {
        this.setData({ loadingMore: false });
        wechat.showToast(outcome.error.message);
        return;
      }
      this.setData({ view: toHoursView(outcome, before, first), loadingMore: false });
    },
    onOpenRecord(e) {
      const recordId = e.currentTarget.dataset.id;
      if (recordId) wechat.navigateTo(withQuery(routes.hoursRecord, { recordId })).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
    onRegister() {
      wechat.navigateTo(routes.register).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
    onOpenDeclare() {
      wechat.navigateTo(routes.declareHours).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
    onOpenCertificates() {
      wechat.navigateTo(routes.certificates).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
  },
});
