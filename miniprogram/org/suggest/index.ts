// 推荐志愿者 (?shiftId=…, from a recruiting shift with places left on 项目详情): the suggested volunteers for one
// shift, masked, with their reasons; 邀请 one person, or choose several and 邀请所选 (match.invite, at most 50 pairs a
// call). Each answer stays on its row; a shift nobody can join any more, and an empty list, have their own states.
import { routes, withQuery } from '../../domain/routes';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import type { InviteResult, InvitationPair } from '../../../typings/match';
import { chunked, sentSummary } from '../common/invite-outcomes';
import { SUGGEST_TEXT as T, closedState, errorState, initialState, pairsOf, toState, toggled, withResults, type SuggestState } from './view-model';

interface DatasetEvent {
  currentTarget: { dataset: { id?: string } };
}

Component<
  { state: SuggestState },
  {},
  {
    onLoad(query: Record<string, string | undefined>): Promise<void>;
    load(): Promise<void>;
    onRetry(): Promise<void>;
    onToggle(e: DatasetEvent): void;
    onInviteOne(e: DatasetEvent): Promise<void>;
    onInviteChosen(): Promise<void>;
    send(pairs: InvitationPair[], busy: string): Promise<InviteResult[] | null>;
    onOpenSeries(): void;
  },
  [],
  {}
>({
  data: { state: initialState },
  methods: {
    onLoad(query) {
      const shiftId = query.shiftId ? decodeURIComponent(query.shiftId) : '';
      if (!shiftId) {
        this.setData({ state: errorState('', T.missingId) });
        return Promise.resolve();
      }
      this.setData({ state: { ...initialState, shiftId } });
      return this.load();
    },
    async load() {
      const shiftId = this.data.state.shiftId;
      const outcome = await call('match', 'suggest', { shiftId });
      if (outcome.ok) this.setData({ state: toState(outcome.data) });
      else this.setData({ state: outcome.error.code === 'SHIFT_CLOSED' ? closedState(shiftId, outcome.error.message) : errorState(shiftId, outcome.error.message) });
    },
    onRetry() {
      this.setData({ state: { ...initialState, shiftId: this.data.state.shiftId } });
      return this.load();
    },
    onToggle(e) {
      const id = e.currentTarget.dataset.id;
      if (id && !this.data.state.busy) this.setData({ state: toggled(this.data.state, id) });
    },
    async onInviteOne(e) {
      const id = e.currentTarget.dataset.id;
      if (!id || this.data.state.busy) return;
      const pairs = pairsOf(this.data.state, id);
      if (pairs.length === 0) return;
      await this.send(pairs, id);
    },
    async onInviteChosen() {
      if (this.data.state.busy) return;
      const pairs = pairsOf(this.data.state);
      if (pairs.length === 0) return;
      if (!(await wechat.confirm({ title: T.confirmTitle(pairs.length), content: T.confirmContent, confirmText: T.confirmText }))) return;
      const results = await this.send(pairs, 'chosen');
      if (results) {
        const invited = results.filter((r) => r.outcome === 'invited').length;
        this.setData({ 'state.summary': sentSummary(invited, pairs.length) });
      }
    },
    // Chunk by chunk, each answer shown as it comes; a refused call stops there and says why (the pairs already
    // sent keep their outcome; sending again answers alreadyInvited for them).
    async send(pairs, busy) {
      this.setData({ 'state.busy': busy, 'state.summary': '' });
      const all: InviteResult[] = [];
      for (const chunk of chunked(pairs)) {
        const outcome = await call('match', 'invite', { invitations: chunk });
        if (!outcome.ok) {
          this.setData({ 'state.busy': '' });
          wechat.showToast(outcome.error.message);
          return null;
        }
        all.push(...outcome.data.results);
        this.setData({ state: withResults(this.data.state, outcome.data.results) });
      }
      this.setData({ 'state.busy': '' });
      return all;
    },
    onOpenSeries() {
      const seriesId = this.data.state.seriesId;
      if (seriesId) wechat.navigateTo(withQuery(routes.orgSeries, { seriesId })).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
  },
});
