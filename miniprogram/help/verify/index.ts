// 求助核实 (from 组织主页 with ?orgId=, or from 我的): each need is verified in the name the queue allows (verifierOf:
// the page's organization when it may, else as 平台 for a platform admin, else the admin's organization of its county);
// the queue of needs waiting for verification with each contact's name and masked phone; a method and a required note,
// then 核实通过 or 不通过 after a confirm. A need someone else decided first says so on its card. Texts: ./view-model.ts.
import type { VerificationMethod, VerifyQueueItem } from '../../../typings/help';
import { HELP_STATUS_LABELS } from '../../domain/help-labels';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { callRequester } from '../common/call-contact';
import { CALL_NOTE } from '../common/labels';
import { decisionConfirm, draftProblem, emptyDraft, queueItems, resultText, toQueueRow, verifierOf, type QueueRow, type VerifyDraft } from './view-model';

interface Data {
  status: 'loading' | 'error' | 'ready';
  message: string;
  rows: QueueRow[];
  drafts: Record<string, VerifyDraft>;
  busyId: string;
  /** The need whose contact is being called (help.contact, then the dialer); the number itself is never data. */
  callingId: string;
  callErrors: Record<string, string>;
  callNote: string;
}

interface Fields {
  /** The organization the page was opened for (组织主页), preferred where it may verify; '' from 我的. */
  orgId: string;
  items: VerifyQueueItem[];
}

type Dataset = { id?: string; decision?: string };

Component<
  Data,
  {},
  {
    onLoad(query: Record<string, string | undefined>): Promise<void>;
    onPullDownRefresh(): Promise<void>;
    load(): Promise<void>;
    render(): void;
    onMethod(e: { currentTarget: { dataset: Dataset }; detail: { value: string } }): void;
    onNote(e: { currentTarget: { dataset: Dataset }; detail: { value: string } }): void;
    onDecide(e: { currentTarget: { dataset: Dataset } }): Promise<void>;
    onCall(e: { currentTarget: { dataset: Dataset } }): Promise<void>;
  },
  [],
  Fields
>({
  data: { status: 'loading', message: '', rows: [], drafts: {}, busyId: '', callingId: '', callErrors: {}, callNote: CALL_NOTE },
  methods: {
    onLoad(query) {
      this.orgId = query?.orgId ? decodeURIComponent(query.orgId) : '';
      this.items = [];
      return this.load();
    },
    async onPullDownRefresh() {
      await this.load();
      wechat.stopPullDownRefresh();
    },
    async load() {
      const outcome = await call('help', 'verifyQueue', {});
      if (!outcome.ok) {
        this.setData({ status: 'error', message: outcome.error.message });
        return;
      }
      // Needs decided here stay on screen with their answer until the page is opened again.
      const decided = this.items.filter((v) => this.data.drafts[v.id]?.result);
      const fresh = outcome.data.items.filter((v) => !decided.some((d) => d.id === v.id));
      this.items = queueItems([...decided, ...fresh], new Set(decided.map((d) => d.id)), new Date());
      const drafts: Record<string, VerifyDraft> = {};
      for (const v of this.items) drafts[v.id] = this.data.drafts[v.id] ?? emptyDraft();
      this.setData({ status: 'ready', drafts });
      this.render();
    },
    render() {
      this.setData({ rows: this.items.map((v) => toQueueRow(v, this.data.drafts[v.id] ?? emptyDraft(), this.orgId)) });
    },
    onMethod(e) {
      const id = e.currentTarget.dataset.id ?? '';
      if (!this.data.drafts[id]) return;
      this.setData({ [`drafts.${id}.method`]: e.detail.value as VerificationMethod });
      this.render();
    },
    onNote(e) {
      const id = e.currentTarget.dataset.id ?? '';
      if (!this.data.drafts[id]) return;
      this.setData({ [`drafts.${id}.note`]: e.detail.value, [`drafts.${id}.error`]: '' });
    },
    async onDecide(e) {
      const id = e.currentTarget.dataset.id ?? '';
      const decision = e.currentTarget.dataset.decision === 'reject' ? 'reject' : 'verify';
      const draft = this.data.drafts[id];
      if (!draft || draft.result || this.data.busyId) return;
      const problem = draftProblem(draft);
      if (problem) {
        this.setData({ [`drafts.${id}.error`]: problem });
        return;
      }
      const need = this.items.find((v) => v.id === id);
      if (!need || !(await wechat.confirm(decisionConfirm(decision)))) return;
      const { asOrgId } = verifierOf(need, this.orgId);
      this.setData({ busyId: id });
      const outcome = await call('help', 'verify', {
        helpRequestId: id,
        decision,
        method: draft.method,
        note: draft.note.trim(),
        ...(asOrgId ? { asOrgId } : {}),
      });
      this.setData({ busyId: '' });
      if (!outcome.ok) {
        this.setData({ [`drafts.${id}.error`]: outcome.error.message });
        return;
      }
      this.setData({ [`drafts.${id}.result`]: resultText(decision, outcome.data) });
      this.items = this.items.map((v) => (v.id === id ? { ...v, status: outcome.data.status, statusLabel: HELP_STATUS_LABELS[outcome.data.status] } : v));
      this.render();
    },
    async onCall(e) {
      const id = e.currentTarget.dataset.id ?? '';
      const need = this.items.find((v) => v.id === id);
      if (!need || !this.data.drafts[id] || this.data.drafts[id]!.result || this.data.callingId) return;
      this.setData({ callingId: id, callErrors: {} });
      const outcome = await callRequester(id, verifierOf(need, this.orgId).asOrgId);
      this.setData({ callingId: '', callErrors: outcome.ok ? {} : { [id]: outcome.message } });
    },
  },
});
