// 平台管理 · 申诉审核: claims with evidence, oldest first, 20 at a time; opening one shows both accounts (masked), the
// statement, the photos (5-minute links, tap to enlarge) and the trail; approve or reject with a reason, confirmed first.
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { decisionConfirmation, REASON_MAX, reasonError, toDetailView, toQueueRow, type DetailView, type QueueRow } from './view-model';

type Dataset = Record<string, string | undefined>;

interface Data {
  status: 'loading' | 'error' | 'forbidden' | 'ready';
  message: string;
  rows: QueueRow[];
  nextCursor: string;
  loadingMore: boolean;
  detail: DetailView | null;
  detailLoading: string;
  reason: string;
  reasonError: string;
  maxReason: number;
  busy: boolean;
}

Component<
  Data,
  {},
  {
    onLoad(): Promise<void>;
    onPullDownRefresh(): Promise<void>;
    load(): Promise<void>;
    onMore(): Promise<void>;
    onOpen(e: { currentTarget: { dataset: Dataset } }): Promise<void>;
    onClose(): void;
    onPreview(e: { currentTarget: { dataset: Dataset } }): void;
    onReasonInput(e: { detail: { value: string } }): void;
    onDecide(e: { currentTarget: { dataset: Dataset } }): Promise<void>;
  },
  [],
  {}
>({
  data: {
    status: 'loading',
    message: '',
    rows: [],
    nextCursor: '',
    loadingMore: false,
    detail: null,
    detailLoading: '',
    reason: '',
    reasonError: '',
    maxReason: REASON_MAX,
    busy: false,
  },
  methods: {
    onLoad() {
      return this.load();
    },
    async onPullDownRefresh() {
      await this.load();
      wechat.stopPullDownRefresh();
    },
    async load() {
      const outcome = await call('volunteer', 'claimQueue', {});
      if (!outcome.ok) {
        if (outcome.error.code === 'FORBIDDEN') this.setData({ status: 'forbidden', message: outcome.error.message });
        else this.setData({ status: 'error', message: outcome.error.message });
        return;
      }
      this.setData({ status: 'ready', rows: outcome.data.items.map(toQueueRow), nextCursor: outcome.data.nextCursor ?? '', detail: null });
    },
    async onMore() {
      if (!this.data.nextCursor || this.data.loadingMore) return;
      this.setData({ loadingMore: true });
      const outcome = await call('volunteer', 'claimQueue', { cursor: this.data.nextCursor });
      this.setData({ loadingMore: false });
      if (!outcome.ok) {
        wechat.showToast(outcome.error.message);
        return;
      }
      this.setData({ rows: [...this.data.rows, ...outcome.data.items.map(toQueueRow)], nextCursor: outcome.data.nextCursor ?? '' });
    },
    async onOpen(e) {
      const claimId = e.currentTarget.dataset.id ?? '';
      if (!claimId || this.data.detailLoading) return;
      this.setData({ detailLoading: claimId });
      const outcome = await call('volunteer', 'claimDetail', { claimId });
      this.setData({ detailLoading: '' });
      if (!outcome.ok) {
        wechat.showToast(outcome.error.message);
        return;
      }
      this.setData({ detail: toDetailView(outcome.data), reason: '', reasonError: '' });
    },
    onClose() {
      this.setData({ detail: null, reason: '', reasonError: '' });
    },
    onPreview(e) {
      const urls = this.data.detail?.evidence ?? [];
      wechat.previewImages(urls, e.currentTarget.dataset.url ?? urls[0] ?? '');
    },
    onReasonInput(e) {
      this.setData({ reason: e.detail.value, reasonError: '' });
    },
    async onDecide(e) {
      const detail = this.data.detail;
      const decision = e.currentTarget.dataset.decision === 'approve' ? 'approve' : 'reject';
      if (!detail || this.data.busy) return;
      const problem = reasonError(this.data.reason);
      if (problem) {
        this.setData({ reasonError: problem });
        return;
      }
      if (!(await wechat.confirm(decisionConfirmation(decision, detail.title)))) return;
      this.setData({ busy: true });
      const outcome = await call('volunteer', 'decideClaim', { claimId: detail.claimId, decision, reason: this.data.reason.trim() });
      this.setData({ busy: false });
      if (!outcome.ok) {
        if (outcome.error.code === 'REASON_REQUIRED') this.setData({ reasonError: outcome.error.message });
        else wechat.showToast(outcome.error.message);
        if (outcome.error.code === 'CLAIM_DECIDED' || outcome.error.code === 'CLAIM_NOT_FOUND') await this.load();
        return;
      }
      this.setData({ rows: this.data.rows.filter((r) => r.claimId !== detail.claimId), detail: null, reason: '' });
      wechat.showToast(decision === 'approve' ? '已通过，档案已转移' : '已驳回');
    },
  },
});
