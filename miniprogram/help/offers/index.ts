// 求助派单 (?orgId=, from 组织主页 and the help messages): the needs offered to or accepted by the organization —
// 接单 (then 项目编辑 opens its draft project), 婉拒 with a required reason, 标记服务完成 — and its 接单设置 (whether it
// takes offers, the categories, its base from the map). Every answer is checked again by the server; one another
// organization took first says so on its card. Rules and texts: ./view-model.ts.
import type { HelpRequestView } from '../../../typings/help';
import { routes, withQuery } from '../../domain/routes';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { callRequester } from '../common/call-contact';
import { CALL_NOTE } from '../common/labels';
import {
  acceptConfirm,
  completeConfirm,
  declineConfirm,
  declineProblem,
  responderFormOf,
  responderRequestOf,
  toOfferRows,
  toResponderView,
  type OfferRow,
  type ResponderForm,
  type ResponderViewModel,
} from './view-model';

interface Data {
  status: 'loading' | 'error' | 'ready';
  message: string;
  rows: OfferRow[];
  responder: ResponderViewModel | null;
  decliningId: string;
  declineReason: string;
  rowErrors: Record<string, string>;
  busy: '' | 'responder' | string;
  /** The need whose contact is being called (help.contact, then the dialer); the number itself is never data. */
  callingId: string;
  callNote: string;
}

interface Fields {
  orgId: string;
  items: HelpRequestView[];
  responderForm: ResponderForm;
  openNeeds: number;
}

type TapEvent = { currentTarget: { dataset: { id?: string } } };

Component<
  Data,
  {},
  {
    onLoad(query: Record<string, string | undefined>): Promise<void>;
    onPullDownRefresh(): Promise<void>;
    load(): Promise<void>;
    loadOffers(): Promise<boolean>;
    row(id: string): OfferRow | undefined;
    updateResponder(change: (f: ResponderForm) => ResponderForm): void;
    onActive(e: { detail: { value: boolean } }): void;
    onCategories(e: { detail: { value: string[] } }): void;
    onChooseBase(): Promise<void>;
    onSaveResponder(): Promise<void>;
    onAccept(e: TapEvent): Promise<void>;
    onStartDecline(e: TapEvent): void;
    onDeclineReason(e: { detail: { value: string } }): void;
    onCancelDecline(): void;
    onConfirmDecline(): Promise<void>;
    onComplete(e: TapEvent): Promise<void>;
    onOpenProject(e: { currentTarget: { dataset: { project?: string } } }): void;
    onCall(e: TapEvent): Promise<void>;
  },
  [],
  Fields
>({
  data: { status: 'loading', message: '', rows: [], responder: null, decliningId: '', declineReason: '', rowErrors: {}, busy: '', callingId: '', callNote: CALL_NOTE },
  methods: {
    onLoad(query) {
      this.orgId = query?.orgId ? decodeURIComponent(query.orgId) : '';
      this.items = [];
      this.openNeeds = 0;
      return this.load();
    },
    async onPullDownRefresh() {
      await this.load();
      wechat.stopPullDownRefresh();
    },
    async load() {
      if (!this.orgId) {
        this.setData({ status: 'error', message: '链接不完整，没有指明组织' });
        return;
      }
      const [responder, offersLoaded] = await Promise.all([call('help', 'responder', { orgId: this.orgId }), this.loadOffers()]);
      if (!responder.ok) {
        this.setData({ status: 'error', message: responder.error.code === 'FORBIDDEN' ? '只有该组织的管理员可以处理求助派单' : responder.error.message });
        return;
      }
      if (!offersLoaded) return;
      this.openNeeds = responder.data.openNeeds;
      this.responderForm = responderFormOf(responder.data);
      this.setData({ status: 'ready', responder: toResponderView(this.responderForm, this.openNeeds) });
    },
    async loadOffers() {
      const outcome = await call('help', 'offers', { orgId: this.orgId });
      if (!outcome.ok) {
        this.setData({ status: 'error', message: outcome.error.code === 'FORBIDDEN' ? '只有该组织的管理员可以处理求助派单' : outcome.error.message });
        return false;
      }
      this.items = outcome.data.items;
      this.setData({ rows: toOfferRows(this.items, this.orgId, new Date()), rowErrors: {} });
      return true;
    },
    row(id) {
      return this.data.rows.find((r) => r.id === id);
    },
    updateResponder(change) {
      this.responderForm = change(this.responderForm);
      this.setData({ responder: toResponderView(this.responderForm, this.openNeeds) });
    },
    onActive(e) {
      this.updateResponder((f) => ({ ...f, active: e.detail.value === true, error: '', saved: false }));
    },
    onCategories(e) {
      this.updateResponder((f) => ({ ...f, categories: [...e.detail.value], error: '', saved: false }));
    },
    async onChooseBase() {
      let place: wechat.ChosenPlace;
      try {
        place = await wechat.chooseLocation();
      } catch {
        return; // closed without choosing
      }
      this.updateResponder((f) => ({ ...f, base: { longitude: place.longitude, latitude: place.latitude }, baseName: place.name || place.address, error: '', saved: false }));
    },
    async onSaveResponder() {
      if (this.data.busy) return;
      const checked = responderRequestOf(this.orgId, this.responderForm);
      if (!checked.ok) {
        this.updateResponder((f) => ({ ...f, error: checked.message }));
        return;
      }
      this.setData({ busy: 'responder' });
      const outcome = await call('help', 'setResponder', checked.request);
      this.setData({ busy: '' });
      if (!outcome.ok) {
        this.updateResponder((f) => ({ ...f, error: outcome.error.message }));
        return;
      }
      this.openNeeds = outcome.data.openNeeds;
      const baseName = this.responderForm.baseName;
      this.updateResponder(() => ({ ...responderFormOf(outcome.data), baseName }));
      wechat.showToast('接单设置已保存');
    },
    async onAccept(e) {
      const row = this.row(e.currentTarget.dataset.id ?? '');
      if (!row || this.data.busy) return;
      if (!(await wechat.confirm(acceptConfirm(row)))) return;
      this.setData({ busy: row.id, rowErrors: {} });
      const outcome = await call('help', 'answerOffer', { helpRequestId: row.id, orgId: this.orgId, decision: 'accept' });
      this.setData({ busy: '' });
      if (!outcome.ok) {
        this.setData({ rowErrors: { [row.id]: outcome.error.message } });
        return;
      }
      await this.loadOffers();
      if (outcome.data.projectId) {
        wechat.navigateTo(withQuery(routes.orgProjectEdit, { projectId: outcome.data.projectId })).catch(() => wechat.showToast('已接单，请到“我们的项目”中补全项目草稿'));
      } else wechat.showToast('已接单');
    },
    onStartDecline(e) {
      this.setData({ decliningId: e.currentTarget.dataset.id ?? '', declineReason: '', rowErrors: {} });
    },
    onDeclineReason(e) {
      this.setData({ declineReason: e.detail.value, rowErrors: {} });
    },
    onCancelDecline() {
      this.setData({ decliningId: '', declineReason: '', rowErrors: {} });
    },
    async onConfirmDecline() {
      const row = this.row(this.data.decliningId);
      if (!row || this.data.busy) return;
      const reason = this.data.declineReason.trim();
      const problem = declineProblem(reason);
      if (problem) {
        this.setData({ rowErrors: { [row.id]: problem } });
        return;
      }
      if (!(await wechat.confirm(declineConfirm()))) return;
      this.setData({ busy: row.id });
      const outcome = await call('help', 'answerOffer', { helpRequestId: row.id, orgId: this.orgId, decision: 'decline', reason });
      this.setData({ busy: '' });
      if (!outcome.ok) {
        this.setData({ rowErrors: { [row.id]: outcome.error.message } });
        return;
      }
      this.setData({ decliningId: '', declineReason: '' });
      wechat.showToast('已婉拒，求助会转派给下一家组织');
      await this.loadOffers();
    },
    async onComplete(e) {
      const row = this.row(e.currentTarget.dataset.id ?? '');
      if (!row || this.data.busy) return;
      if (!(await wechat.confirm(completeConfirm(row)))) return;
      this.setData({ busy: row.id, rowErrors: {} });
      const outcome = await call('help', 'complete', { helpRequestId: row.id });
      this.setData({ busy: '' });
      if (!outcome.ok) {
        this.setData({ rowErrors: { [row.id]: outcome.error.message } });
        return;
      }
      wechat.showToast('已标记服务完成');
      await this.loadOffers();
    },
    onOpenProject(e) {
      const projectId = e.currentTarget.dataset.project;
      if (projectId) wechat.navigateTo(withQuery(routes.orgProjectEdit, { projectId })).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
    async onCall(e) {
      const row = this.row(e.currentTarget.dataset.id ?? '');
      if (!row || !row.canCall || this.data.callingId) return;
      this.setData({ callingId: row.id, rowErrors: {} });
      const outcome = await callRequester(row.id, this.orgId);
      this.setData({ callingId: '', rowErrors: outcome.ok ? {} : { [row.id]: outcome.message } });
    },
  },
});
