// 排班助手 (?seriesId=…, from a recurring series on 项目详情 or 推荐志愿者): the proposed assignment of willing
// volunteers to the series' open shifts (match.seriesProposal, nothing written). The admin takes people out of a shift
// before 发送邀请, which sends the remaining pairs through match.invite, 50 a call, and shows each answer on its person.
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { chunked } from '../common/invite-outcomes';
import { SERIES_TEXT as T, errorState, initialState, markedSent, pairsOf, toState, toggledPerson, withResults, type SeriesState } from './view-model';

interface PersonEvent {
  currentTarget: { dataset: { shift?: string; id?: string } };
}

Component<
  { state: SeriesState },
  {},
  {
    onLoad(query: Record<string, string | undefined>): Promise<void>;
    load(): Promise<void>;
    onRetry(): Promise<void>;
    onTogglePerson(e: PersonEvent): void;
    onSend(): Promise<void>;
    onRefresh(): Promise<void>;
  },
  [],
  {}
>({
  data: { state: initialState },
  methods: {
    onLoad(query) {
      const seriesId = query.seriesId ? decodeURIComponent(query.seriesId) : '';
      if (!seriesId) {
        this.setData({ state: errorState('', T.missingId) });
        return Promise.resolve();
      }
      this.setData({ state: { ...initialState, seriesId } });
      return this.load();
    },
    async load() {
      const seriesId = this.data.state.seriesId;
      const outcome = await call('match', 'seriesProposal', { seriesId });
      this.setData({ state: outcome.ok ? toState(seriesId, outcome.data) : errorState(seriesId, outcome.error.message) });
    },
    onRetry() {
      this.setData({ state: { ...initialState, seriesId: this.data.state.seriesId } });
      return this.load();
    },
    onRefresh() {
      if (this.data.state.busy) return Promise.resolve();
      return this.onRetry();
    },
    onTogglePerson(e) {
      const { shift, id } = e.currentTarget.dataset;
      if (shift && id && !this.data.state.busy) this.setData({ state: toggledPerson(this.data.state, shift, id) });
    },
    async onSend() {
      const s = this.data.state;
      if (s.busy || s.sent) return;
      const pairs = pairsOf(s);
      if (pairs.length === 0) {
        wechat.showToast(T.nothingToSend);
        return;
      }
      if (!(await wechat.confirm({ title: T.confirmTitle(pairs.length), content: T.confirmContent, confirmText: T.confirmText }))) return;
      this.setData({ 'state.busy': true, 'state.summary': '' });
      for (const chunk of chunked(pairs)) {
        const outcome = await call('match', 'invite', { invitations: chunk });
        if (!outcome.ok) {
          // The chunks sent keep their answers; sending again answers alreadyInvited for them.
          this.setData({ 'state.busy': false });
          wechat.showToast(outcome.error.message);
          return;
        }
        this.setData({ state: withResults(this.data.state, outcome.data.results) });
      }
      this.setData({ state: markedSent(this.data.state) });
    },
  },
});
