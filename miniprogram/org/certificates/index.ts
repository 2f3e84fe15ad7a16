// 证明管理: an organization's admins set what its certificates print (负责人, 经办人, contact, the seal — its name drawn
// as a round seal, or an uploaded transparent PNG — and whether requests are issued at once or reviewed first),
// approve or reject requests under review, and keep the numbered register, revoking with a reason after confirming.
// Opened from 组织主页 (?orgId=…&tab=settings|review|register).
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { CERTIFICATE_ORG_PAGE_MESSAGES as T } from '../../domain/messages';
import {
  initialState,
  policyOptions,
  registerRow,
  reviewRow,
  settingsRequest,
  tabOf,
  withFieldError,
  withoutFieldError,
  withSettings,
  type OrgCertificatesState,
  type RegisterFilter,
} from './view-model';

interface DatasetEvent {
  currentTarget: { dataset: { id?: string; value?: string; field?: string } };
}
interface InputEvent {
  currentTarget: { dataset: { field?: string } };
  detail: { value: string };
}

const FORM_FIELDS = new Set(['personInCharge', 'handler', 'contact']);

Component<
  { state: OrgCertificatesState; policyOptions: typeof policyOptions },
  {},
  {
    onLoad(query: Record<string, string | undefined>): Promise<void>;
    onReachBottom(): Promise<void>;
    load(): Promise<void>;
    loadReview(first: boolean): Promise<void>;
    loadRegister(first: boolean): Promise<void>;
    onTab(e: DatasetEvent): Promise<void>;
    onInput(e: InputEvent): void;
    onSealKind(e: DatasetEvent): void;
    onPolicy(e: DatasetEvent): void;
    onUploadSeal(): Promise<void>;
    onSave(): Promise<void>;
    onReasonInput(e: InputEvent): void;
    onApprove(e: DatasetEvent): Promise<void>;
    onReject(e: DatasetEvent): Promise<void>;
    onFilter(e: DatasetEvent): Promise<void>;
    onRevoke(e: DatasetEvent): Promise<void>;
  },
  [],
  {}
>({
  data: { state: initialState, policyOptions },
  methods: {
    onLoad(query) {
      this.setData({ state: { ...initialState, orgId: query.orgId ?? '', tab: tabOf(query.tab) } });
      return this.load();
    },
    onReachBottom() {
      const s = this.data.state;
      if (s.tab === 'review' && s.reviewNext) return this.loadReview(false);
      if (s.tab === 'register' && s.registerNext) return this.loadRegister(false);
      return Promise.resolve();
    },
    async load() {
      const s = this.data.state;
      const res = await call('certificate', 'settings', { orgId: s.orgId });
      if (!res.ok) {
        this.setData({ state: { ...initialState, orgId: s.orgId, status: 'error', message: res.error.message } });
        return;
      }
      this.setData({ state: withSettings(this.data.state, res.data) });
      if (res.data.issuesItself) await Promise.all([this.loadReview(true), this.loadRegister(true)]);
    },
    async loadReview(first) {
      const s = this.data.state;
      const res = await call('certificate', 'reviewQueue', { orgId: s.orgId, ...(!first && s.reviewNext ? { cursor: s.reviewNext } : {}) });
      if (!res.ok) return wechat.showToast(res.error.message);
      const rows = res.data.items.map(reviewRow);
      this.setData({ 'state.review': first ? rows : [...this.data.state.review, ...rows], 'state.reviewNext': res.data.next ?? '' });
    },
    async loadRegister(first) {
      const s = this.data.state;
      const res = await call('certificate', 'register', { orgId: s.orgId, ...(s.filter ? { status: s.filter } : {}), ...(!first && s.registerNext ? { cursor: s.registerNext } : {}) });
      if (!res.ok) return wechat.showToast(res.error.message);
      const rows = res.data.entries.map(registerRow);
      this.setData({ 'state.register': first ? rows : [...this.data.state.register, ...rows], 'state.registerNext': res.data.next ?? '' });
    },
    async onTab(e) {
      this.setData({ 'state.tab': tabOf(e.currentTarget.dataset.value), 'state.reason': '' });
    },
    onInput(e) {
      const field = e.currentTarget.dataset.field;
      if (!field || !FORM_FIELDS.has(field)) return;
      this.setData({ 'state.form': withoutFieldError({ ...this.data.state.form, [field]: e.detail.value }, field) });
    },
    onSealKind(e) {
      const kind = e.currentTarget.dataset.value === 'image' ? 'image' : 'text';
      this.setData({ 'state.form': withoutFieldError({ ...this.data.state.form, sealKind: kind }, 'seal') });
    },
    onPolicy(e) {
      const value = e.currentTarget.dataset.value === 'review' ? 'review' : 'immediate';
      this.setData({ 'state.form.issuePolicy': value });
    },
    async onUploadSeal() {
      if (this.data.state.busy) return;
      const chosen = await wechat.chooseSealAsBase64();
      if (!chosen) return;
      if (!/\.png$/i.test(chosen.path)) {
        this.setData({ 'state.form': withFieldError(this.data.state.form, 'seal', T.sealNotPng) });
        return;
      }
      this.setData({ 'state.busy': true });
      const res = await call('certificate', 'uploadSeal', { orgId: this.data.state.orgId, base64: chosen.base64 });
      this.setData({ 'state.busy': false });
      if (!res.ok) {
        this.setData({ 'state.form': withFieldError(this.data.state.form, 'seal', res.error.message) });
        return;
      }
      this.setData({ 'state.form': withoutFieldError({ ...this.data.state.form, sealKind: 'image', sealFileId: res.data.fileId, sealUrl: res.data.url }, 'seal') });
      wechat.showToast(T.sealUploaded);
    },
    async onSave() {
      const s = this.data.state;
      if (s.busy) return;
      this.setData({ 'state.busy': true, 'state.form.errors': {} });
      const res = await call('certificate', 'saveSettings', settingsRequest(s.orgId, s.form));
      this.setData({ 'state.busy': false });
      if (!res.ok) {
        this.setData({ 'state.form': withFieldError(this.data.state.form, res.error.field, res.error.message) });
        return;
      }
      this.setData({ state: withSettings(this.data.state, res.data) });
      wechat.showToast(T.saved);
    },
    onReasonInput(e) {
      this.setData({ 'state.reason': e.detail.value });
    },
    async onApprove(e) {
      const row = this.data.state.review.find((r) => r.certificateId === e.currentTarget.dataset.id);
      if (!row || this.data.state.busy) return;
      if (!(await wechat.confirm({ title: T.approveTitle(row.name), content: T.approveContent(row.hoursText), confirmText: T.confirmApprove }))) return;
      this.setData({ 'state.busy': true });
      const res = await call('certificate', 'review', { certificateId: row.certificateId, decision: 'approve' });
      this.setData({ 'state.busy': false });
      if (!res.ok) return wechat.showToast(res.error.message);
      wechat.showToast(T.approved(res.data.number ?? ''));
      await Promise.all([this.loadReview(true), this.loadRegister(true)]);
    },
    async onReject(e) {
      const row = this.data.state.review.find((r) => r.certificateId === e.currentTarget.dataset.id);
      const reason = this.data.state.reason.trim();
      if (!row || this.data.state.busy) return;
      if (!reason) return wechat.showToast(T.reasonFirst);
      if (!(await wechat.confirm({ title: T.rejectTitle(row.name), content: reason, confirmText: T.confirmReject, destructive: true }))) return;
      this.setData({ 'state.busy': true });
      const res = await call('certificate', 'review', { certificateId: row.certificateId, decision: 'reject', reason });
      this.setData({ 'state.busy': false });
      if (!res.ok) return wechat.showToast(res.error.message);
      wechat.showToast(T.rejected);
      this.setData({ 'state.reason': '' });
      await this.loadReview(true);
    },
    async onFilter(e) {
      const value = e.currentTarget.dataset.value;
      const filter: RegisterFilter = value === 'issued' || value === 'revoked' ? value : '';
      this.setData({ 'state.filter': filter });
      await this.loadRegister(true);
    },
    async onRevoke(e) {
      const row = this.data.state.register.find((r) => r.certificateId === e.currentTarget.dataset.id);
      const reason = this.data.state.reason.trim();
      if (!row || row.revoked || this.data.state.busy) return;
      if (!reason) return wechat.showToast(T.reasonFirst);
      // Confirmed first: a revocation cannot be undone, and verification will show it at once.
      if (!(await wechat.confirm({ title: T.revokeTitle(row.number), content: T.revokeContent(reason), confirmText: T.confirmRevoke, destructive: true }))) return;
      this.setData({ 'state.busy': true });
      const res = await call('certificate', 'revoke', { certificateId: row.certificateId, reason });
      this.setData({ 'state.busy': false });
      if (!res.ok) return wechat.showToast(res.error.message);
      wechat.showToast(T.revoked);
      this.setData({ 'state.reason': '' });
      await this.loadRegister(true);
    },
  },
});
