// 时长确认: an organization's admins confirm or reject pending service records one by one or in bulk (a reason for a
// rejection), overdue ones marked; and accept or reject the volunteers' correction requests with a reason.
// Opened from 组织主页 and from the messages about corrections and overdue records.
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { chosenIds, initialState, outcomeText, toggled, withCorrections, withQueue, type OrgHoursState } from './view-model';

interface DatasetEvent {
  currentTarget: { dataset: { id?: string } };
}
interface InputEvent {
  detail: { value: string };
}

Component<
  { state: OrgHoursState },
  {},
  {
    onLoad(query: Record<string, string | undefined>): Promise<void>;
    onReachBottom(): Promise<void>;
    load(first: boolean): Promise<void>;
    onToggle(e: DatasetEvent): void;
    onReasonInput(e: InputEvent): void;
    onConfirm(): Promise<void>;
    onReject(): Promise<void>;
    decide(decision: 'confirm' | 'reject'): Promise<void>;
    onAccept(e: DatasetEvent): Promise<void>;
    onDecline(e: DatasetEvent): Promise<void>;
    resolve(correctionId: string | undefined, decision: 'accept' | 'reject'): Promise<void>;
  },
  [],
  {}
>({
  data: { state: initialState },
  methods: {
    onLoad(query) {
      this.setData({ state: { ...initialState, orgId: query.orgId ?? '' } });
      return this.load(true);
    },
    onReachBottom() {
      const s = this.data.state;
      return s.status === 'ready' && s.nextCursor ? this.load(false) : Promise.resolve();
    },
    async load(first) {
      const s = this.data.state;
      const [queue, corrections] = await Promise.all([
        call('hours', 'queue', { orgId: s.orgId, ...(!first && s.nextCursor ? { cursor: s.nextCursor } : {}) }),
        first ? call('hours', 'corrections', { orgId: s.orgId }) : Promise.resolve(null),
      ]);
      if (!queue.ok) {
        if (first) this.setData({ state: { ...initialState, orgId: s.orgId, status: 'error', message: queue.error.message } });
        else wechat.showToast(queue.error.message);
        return;
      }
      let next = withQueue({ ...this.data.state, reason: this.data.state.reason }, queue.data, first);
      if (corrections?.ok) next = withCorrections(next, corrections.data);
      this.setData({ state: next });
    },
    onToggle(e) {
      if (e.currentTarget.dataset.id) this.setData({ 'state.rows': toggled(this.data.state, e.currentTarget.dataset.id) });
    },
    onReasonInput(e) {
      this.setData({ 'state.reason': e.detail.value });
    },
    onConfirm() {
      return this.decide('confirm');
    },
    onReject() {
      return this.decide('reject');
    },
    async decide(decision) {
      const ids = chosenIds(this.data.state);
      if (this.data.state.busy) return;
      if (ids.length === 0) {
        wechat.showToast('请先选择记录');
        return;
      }
      const reason = this.data.state.reason.trim();
      if (decision === 'reject' && !reason) {
        wechat.showToast('请先在上方填写原因，志愿者会看到');
        return;
      }
      const verb = decision === 'confirm' ? '确认' : '退回';
      if (!(await wechat.confirm({ title: `${verb} ${ids.length} 条记录？`, content: decision === 'confirm' ? '确认后时长计入志愿者的服务时长。' : `原因：${reason}`, confirmText: verb, destructive: decision === 'reject' }))) return;
      this.setData({ 'state.busy': true });
      const outcome = decision === 'confirm' ? await call('hours', 'confirm', { recordIds: ids }) : await call('hours', 'reject', { recordIds: ids, reason });
      this.setData({ 'state.busy': false });
      if (!outcome.ok) {
        wechat.showToast(outcome.error.message);
        return;
      }
      wechat.showToast(outcomeText(outcome.data, verb));
      await this.load(true);
    },
    onAccept(e) {
      return this.resolve(e.currentTarget.dataset.id, 'accept');
    },
    onDecline(e) {
      return this.resolve(e.currentTarget.dataset.id, 'reject');
    },
    async resolve(correctionId, decision) {
      if (!correctionId || this.data.state.busy) return;
      const reason = this.data.state.reason.trim();
      if (!reason) {
        wechat.showToast('请先在上方填写原因，志愿者会看到');
        return;
      }
      this.setData({ 'state.busy': true });
      const outcome = await call('hours', 'resolveCorrection', { correctionId, decision, reason });
      this.setData({ 'state.busy': false });
      if (!outcome.ok) {
        wechat.showToast(outcome.error.message);
        return;
      }
      wechat.showToast(decision === 'accept' ? '已更正' : '已答复');
      await this.load(true);
    },
  },
});
