// 报名管理: one shift's sign-ups for its organization's admins — approve or decline pending ones in bulk (decline
// with a reason), remove a volunteer with a reason, export the roster; while the shift still recruits, 推荐志愿者 and
// (a shift of a series) 排班助手. Opened from the messages about the shift.
import { routes, withQuery } from '../../domain/routes';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { chosenIds, initialState, toggled, withPage, type OrgSignupsState } from './view-model';

interface DatasetEvent {
  currentTarget: { dataset: { id?: string } };
}
interface InputEvent {
  detail: { value: string };
}

Component<
  { state: OrgSignupsState },
  {},
  {
    onLoad(query: Record<string, string | undefined>): Promise<void>;
    onReachBottom(): Promise<void>;
    load(first: boolean): Promise<void>;
    onRetry(): Promise<void>;
    onToggle(e: DatasetEvent): void;
    onReasonInput(e: InputEvent): void;
    onApprove(): Promise<void>;
    onDecline(): Promise<void>;
    decide(decision: 'approve' | 'decline'): Promise<void>;
    onRemove(e: DatasetEvent): Promise<void>;
    onExport(): Promise<void>;
    onOpenStation(): void;
    onOpenAttendance(): void;
    onSuggest(): void;
    onSeries(): void;
  },
  [],
  {}
>({
  data: { state: initialState },
  methods: {
    onLoad(query) {
      this.setData({ state: { ...initialState, shiftId: query.shiftId ?? '' } });
      return this.load(true);
    },
    onReachBottom() {
      const s = this.data.state;
      return s.status === 'ready' && s.nextCursor ? this.load(false) : Promise.resolve();
    },
    onRetry() {
      this.setData({ state: { ...initialState, shiftId: this.data.state.shiftId } });
      return this.load(true);
    },
    async load(first) {
      const s = this.data.state;
      const outcome = await call('signup', 'shiftSignups', { shiftId: s.shiftId, ...(!first && s.nextCursor ? { cursor: s.nextCursor } : {}) });
      if (!outcome.ok) {
        if (first) this.setData({ state: { ...initialState, shiftId: s.shiftId, status: 'error', message: outcome.error.message } });
        else wechat.showToast(outcome.error.message);
        return;
      }
      this.setData({ state: withPage(this.data.state, outcome.data, new Date(), first) });
    },
    onToggle(e) {
      if (e.currentTarget.dataset.id) this.setData({ 'state.rows': toggled(this.data.state, e.currentTarget.dataset.id) });
    },
    onReasonInput(e) {
      this.setData({ 'state.reason': e.detail.value });
    },
    onApprove() {
      return this.decide('approve');
    },
    onDecline() {
      return this.decide('decline');
    },
    async decide(decision) {
      const ids = chosenIds(this.data.state);
      if (ids.length === 0 || this.data.state.busy) return;
      const verb = decision === 'approve' ? '通过' : '不通过';
      if (!(await wechat.confirm({ title: `${verb} ${ids.length} 条报名？`, content: '志愿者会收到审核结果。', confirmText: verb, destructive: decision === 'decline' }))) return;
      this.setData({ 'state.busy': true });
      const reason = this.data.state.reason.trim();
      const outcome = await call('signup', 'decide', { signupIds: ids, decision, ...(decision === 'decline' && reason ? { reason } : {}) });
      this.setData({ 'state.busy': false });
      if (!outcome.ok) {
        wechat.showToast(outcome.error.message);
        return;
      }
      const failed = outcome.data.results.filter((r) => 'error' in r).length;
      wechat.showToast(failed ? `${ids.length - failed} 条已处理，${failed} 条未能处理` : `已${verb} ${ids.length} 条`);
      await this.load(true);
    },
    async onRemove(e) {
      const id = e.currentTarget.dataset.id;
      const row = this.data.state.rows.find((r) => r.signupId === id);
      if (!row || this.data.state.busy) return;
      const reason = this.data.state.reason.trim();
      if (!reason) {
        wechat.showToast('请先在上方填写原因');
        return;
      }
      if (!(await wechat.confirm({ title: `移出 ${row.name}？`, content: `原因：${reason}。志愿者会收到这条说明。`, confirmText: '移出', destructive: true }))) return;
      this.setData({ 'state.busy': true });
      const outcome = await call('signup', 'remove', { signupId: row.signupId, reason });
      this.setData({ 'state.busy': false });
      if (!outcome.ok) {
        wechat.showToast(outcome.error.message);
        return;
      }
      await this.load(true);
    },
    onOpenStation() {
      wechat.navigateTo(withQuery(routes.orgStation, { shiftId: this.data.state.shiftId })).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
    onOpenAttendance() {
      wechat.navigateTo(withQuery(routes.orgAttendance, { shiftId: this.data.state.shiftId })).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
    // Matching (issue 12), while the shift still recruits: 推荐志愿者 for it, 排班助手 for its series.
    onSuggest() {
      wechat.navigateTo(withQuery(routes.orgSuggest, { shiftId: this.data.state.shiftId })).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
    onSeries() {
      const { seriesId } = this.data.state;
      if (seriesId) wechat.navigateTo(withQuery(routes.orgSeries, { seriesId })).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
    async onExport() {
      if (this.data.state.busy) return;
      this.setData({ 'state.busy': true });
      const outcome = await call('signup', 'exportRoster', { shiftId: this.data.state.shiftId });
      this.setData({ 'state.busy': false });
      if (!outcome.ok) {
        wechat.showToast(outcome.error.message);
        return;
      }
      // A CSV is not a document type wx.openDocument opens: the link goes to the clipboard for a computer's browser.
      this.setData({ 'state.exportUrl': outcome.data.url });
      await wechat.setClipboardData(outcome.data.url);
      wechat.showToast(`名单链接已复制（${outcome.data.rows} 人，1 小时内有效）`);
    },
  },
});
