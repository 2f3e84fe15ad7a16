// 平台管理 · 组织审核: approve or reject (with a reason the applicant is told) the organizations waiting, a page at a
// time; decide the USCC claims shown first, their evidence behind short signed links. Every decision confirms first.
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import {
  MAX_REASON_LENGTH,
  approveClaimConfirmation,
  approveConfirmation,
  rejectClaimConfirmation,
  rejectConfirmation,
  rejectReasonError,
  reviewErrorMessage,
  toClaimItem,
  toReviewItem,
  type ClaimItem,
  type ReviewItem,
} from './view-model';

type Dataset = Record<string, string | undefined>;

interface Data {
  status: 'loading' | 'error' | 'forbidden' | 'ready';
  message: string;
  items: ReviewItem[];
  claims: ClaimItem[];
  claimsWaiting: number;
  nextCursor: string;
  loadingMore: boolean;
  rejectingId: string;
  reason: string;
  reasonError: string;
  maxReason: number;
  busyId: string;
}

Component<
  Data,
  {},
  {
    onLoad(): Promise<void>;
    onPullDownRefresh(): Promise<void>;
    load(): Promise<void>;
    onLoadMore(): Promise<void>;
    onApproveClaim(e: { currentTarget: { dataset: Dataset } }): Promise<void>;
    onPreviewEvidence(e: { currentTarget: { dataset: Dataset } }): void;
    decideClaim(claimId: string, decision: 'approve' | 'reject', reason?: string): Promise<void>;
    onApprove(e: { currentTarget: { dataset: Dataset } }): Promise<void>;
    onStartReject(e: { currentTarget: { dataset: Dataset } }): void;
    onReasonInput(e: { detail: { value: string } }): void;
    onCancelReject(): void;
    onConfirmReject(): Promise<void>;
    review(orgId: string, decision: 'approve' | 'reject', reason?: string): Promise<void>;
  },
  [],
  {}
>({
  data: {
    status: 'loading',
    message: '',
    items: [],
    claims: [],
    claimsWaiting: 0,
    nextCursor: '',
    loadingMore: false,
    rejectingId: '',
    reason: '',
    reasonError: '',
    maxReason: MAX_REASON_LENGTH,
    busyId: '',
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
      const outcome = await call('organization', 'reviewQueue', {});
      if (!outcome.ok) {
        if (outcome.error.code === 'FORBIDDEN') this.setData({ status: 'forbidden', message: '仅平台管理员可访问' });
        else this.setData({ status: 'error', message: outcome.error.message });
        return;
      }
      this.setData({
        status: 'ready',
        items: outcome.data.items.map(toReviewItem),
        claims: outcome.data.claims.map(toClaimItem),
        claimsWaiting: outcome.data.claimsWaiting,
        nextCursor: outcome.data.nextCursor ?? '',
      });
    },
    async onLoadMore() {
      if (!this.data.nextCursor || this.data.loadingMore) return;
      this.setData({ loadingMore: true });
      const outcome = await call('organization', 'reviewQueue', { cursor: this.data.nextCursor });
      this.setData({ loadingMore: false });
      if (!outcome.ok) {
        wechat.showToast(outcome.error.message);
        return;
      }
      const known = new Set(this.data.items.map((i) => i.orgId));
      const more = outcome.data.items.map(toReviewItem).filter((i) => !known.has(i.orgId));
      this.setData({ items: [...this.data.items, ...more], nextCursor: outcome.data.nextCursor ?? '' });
    },
    async onApproveClaim(e) {
      const claim = this.data.claims.find((c) => c.claimId === e.currentTarget.dataset.id);
      if (!claim || this.data.busyId) return;
      if (await wechat.confirm(approveClaimConfirmation(claim))) await this.decideClaim(claim.claimId, 'approve');
    },
    onPreviewEvidence(e) {
      const claim = this.data.claims.find((c) => c.claimId === e.currentTarget.dataset.id);
      if (claim) wx.previewImage({ urls: claim.evidenceUrls, current: e.currentTarget.dataset.url ?? claim.evidenceUrls[0] ?? '' });
    },
    async decideClaim(claimId, decision, reason) {
      this.setData({ busyId: claimId });
      const outcome = await call('organization', 'decideClaim', { claimId, decision, ...(reason ? { reason } : {}) });
      this.setData({ busyId: '' });
      if (!outcome.ok) {
        if (outcome.error.code === 'REASON_REQUIRED') this.setData({ reasonError: outcome.error.message });
        else wechat.showToast(outcome.error.message);
        if (outcome.error.code === 'ALREADY_REVIEWED') await this.load();
        return;
      }
      this.setData({
        claims: this.data.claims.filter((c) => c.claimId !== claimId),
        claimsWaiting: Math.max(0, this.data.claimsWaiting - 1),
        rejectingId: '',
        reason: '',
        reasonError: '',
      });
      wechat.showToast(decision === 'approve' ? '已批准' : '已驳回');
    },
    async onApprove(e) {
      const item = this.data.items.find((i) => i.orgId === e.currentTarget.dataset.id);
      if (!item || this.data.busyId) return;
      const approved = await wechat.confirm(approveConfirmation(item.name));
      if (approved) await this.review(item.orgId, 'approve');
    },
    onStartReject(e) {
      this.setData({ rejectingId: e.currentTarget.dataset.id ?? '', reason: '', reasonError: '' });
    },
    onReasonInput(e) {
      this.setData({ reason: e.detail.value, reasonError: '' });
    },
    onCancelReject() {
      this.setData({ rejectingId: '', reason: '', reasonError: '' });
    },
    async onConfirmReject() {
      const problem = rejectReasonError(this.data.reason);
      if (problem) {
        this.setData({ reasonError: problem });
        return;
      }
      const claim = this.data.claims.find((c) => c.claimId === this.data.rejectingId);
      if (claim && !this.data.busyId) {
        if (await wechat.confirm(rejectClaimConfirmation(claim))) await this.decideClaim(claim.claimId, 'reject', this.data.reason.trim());
        return;
      }
      const item = this.data.items.find((i) => i.orgId === this.data.rejectingId);
      if (!item || this.data.busyId) return;
      const rejected = await wechat.confirm(rejectConfirmation(item.name));
      if (rejected) await this.review(item.orgId, 'reject', this.data.reason.trim());
    },
    async review(orgId, decision, reason) {
      if (!orgId || this.data.busyId) return;
      this.setData({ busyId: orgId });
      const outcome = await call('organization', 'review', { orgId, decision, ...(reason ? { reason } : {}) });
      this.setData({ busyId: '' });
      if (!outcome.ok) {
        if (outcome.error.code === 'REASON_REQUIRED') this.setData({ reasonError: reviewErrorMessage(outcome.error.code, outcome.error.message) });
        else wechat.showToast(reviewErrorMessage(outcome.error.code, outcome.error.message));
        if (outcome.error.code === 'ALREADY_REVIEWED' || outcome.error.code === 'NOT_FOUND') await this.load();
        return;
      }
      this.setData({ items: this.data.items.filter((i) => i.orgId !== orgId), rejectingId: '', reason: '', reasonError: '' });
      wechat.showToast(decision === 'approve' ? '已通过' : '已驳回');
    },
  },
});
