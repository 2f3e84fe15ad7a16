// 确认参加 (?signupId=…, opened by the 24-hour shift reminder): the shift, where, and two buttons — 确认参加 (the
// organization sees it on its roster) and 释放名额 (the withdrawal: the place goes to the first in line).
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { PLACE_CHECK_PAGE_TEXT as T } from '../../domain/messages';
import { errorState, initialState, releasePrompt, toState, type PlaceCheckState } from './view-model';

Component<
  { state: PlaceCheckState },
  {},
  {
    onLoad(query: Record<string, string | undefined>): Promise<void>;
    load(): Promise<void>;
    onRetry(): Promise<void>;
    onConfirm(): Promise<void>;
    onRelease(): Promise<void>;
  },
  [],
  {}
>({
  data: { state: initialState },
  methods: {
    onLoad(query) {
      const signupId = query.signupId ?? '';
      if (!signupId) {
        this.setData({ state: errorState('', T.missingId) });
        return Promise.resolve();
      }
      this.setData({ 'state.signupId': signupId });
      return this.load();
    },
    async load() {
      const signupId = this.data.state.signupId;
      const outcome = await call('signup', 'placeCheck', { signupId });
      this.setData({ state: outcome.ok ? toState(outcome.data, new Date()) : errorState(signupId, outcome.error.message) });
    },
    onRetry() {
      this.setData({ state: { ...initialState, signupId: this.data.state.signupId } });
      return this.load();
    },
    async onConfirm() {
      const s = this.data.state;
      if (s.busy || !s.canConfirm) return;
      this.setData({ 'state.busy': 'confirm' });
      const outcome = await call('signup', 'confirmPlace', { signupId: s.signupId });
      if (!outcome.ok) {
        this.setData({ 'state.busy': '' });
        wechat.showToast(outcome.error.message);
        return;
      }
      this.setData({ state: toState(outcome.data, new Date()) });
      wechat.showToast(T.confirmDone);
    },
    async onRelease() {
      const s = this.data.state;
      if (s.busy || !s.canRelease) return;
      if (!(await wechat.confirm({ ...releasePrompt(s), confirmText: T.releaseConfirm, destructive: true }))) return;
      this.setData({ 'state.busy': 'release' });
      const outcome = await call('signup', 'releasePlace', { signupId: s.signupId });
      if (!outcome.ok) {
        this.setData({ 'state.busy': '' });
        wechat.showToast(outcome.error.message);
        return;
      }
      this.setData({ state: toState(outcome.data, new Date()) });
      wechat.showToast(outcome.data.signup.late ? T.releaseDoneLate : T.releaseDone);
    },
  },
});
