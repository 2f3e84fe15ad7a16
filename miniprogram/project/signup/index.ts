// 报名: choose a shift, give the password if the project asks for one, and see the server's decision with its
// reason; an offered place is confirmed here too (the offer message opens this page). Opened from an invitation
// (match.invited's link, ?invitationId=…), a banner says who invites me and whether it stands, with the invited shift
// chosen: the one tap is the ordinary sign-up. Someone else's invitation is not found: the page shows no banner.
import { call, intent, type Intent } from '../../services/api';
import { subscribePrompt, type SubscribePrompt } from '../../services/subscribe';
import { decisionOf, initialState, invitationBannerOf, refusalOf, withOptions, type InvitationBanner, type SignupPageState } from './view-model';

interface DatasetEvent {
  currentTarget: { dataset: { id?: string } };
}
interface InputEvent {
  detail: { value: string };
}

Component<
  { state: SignupPageState; projectId: string; preferredShiftId: string; invitationId: string; invitation: InvitationBanner | null },
  {},
  {
    onLoad(query: Record<string, string | undefined>): Promise<void>;
    load(): Promise<void>;
    loadInvitation(): Promise<void>;
    onRetry(): Promise<void>;
    onChooseShift(e: DatasetEvent): void;
    onPasswordInput(e: InputEvent): void;
    onSignup(): Promise<void>;
    onAcceptOffer(e: DatasetEvent): Promise<void>;
  },
  [],
  { signupIntent?: Intent; signupIntentFor?: string; subscribe?: SubscribePrompt }
>({
  data: { state: initialState, projectId: '', preferredShiftId: '', invitationId: '', invitation: null },
  methods: {
    onLoad(query) {
      this.setData({ projectId: query.projectId ?? '', preferredShiftId: query.shiftId ?? '', invitationId: query.invitationId ?? '' });
      // The subscription popup needs its template ids before the tap (services/subscribe.ts).
      this.subscribe = subscribePrompt('signup');
      return Promise.all([this.load(), this.subscribe.load()]).then(() => undefined);
    },
    async load() {
      const [outcome] = await Promise.all([call('signup', 'options', { projectId: this.data.projectId }), this.loadInvitation()]);
      if (!outcome.ok) {
        this.setData({ state: { ...initialState, status: 'error', message: outcome.error.message } });
        return;
      }
      this.setData({ state: withOptions(this.data.state, outcome.data, this.data.preferredShiftId) });
    },
    // Read again with the options, so a sign-up turns the banner into 你已接受邀请. Not found, or no answer: no banner.
    async loadInvitation() {
      const invitationId = this.data.invitationId;
      if (!invitationId) return;
      const outcome = await call('match', 'invitation', { invitationId });
      if (!outcome.ok) {
        this.setData({ invitation: null });
        return;
      }
      const banner = invitationBannerOf(outcome.data);
      this.setData(banner.state === 'open' ? { invitation: banner, preferredShiftId: outcome.data.shiftId } : { invitation: banner });
    },
    onRetry() {
      this.setData({ state: initialState });
      return this.load();
    },
    onChooseShift(e) {
      const id = e.currentTarget.dataset.id;
      if (id && this.data.state.shifts.some((s) => s.shiftId === id && s.canSignUp)) this.setData({ 'state.selectedShiftId': id, 'state.decision': null });
    },
    onPasswordInput(e) {
      this.setData({ 'state.password': e.detail.value });
    },
    async onSignup() {
      const s = this.data.state;
      if (s.submitting || !s.selectedShiftId) return;
      // Inside the tap, before any await, or WeChat shows no popup; the sign-up goes on whatever the answer.
      void this.subscribe?.ask();
      // One intent per shift chosen: a second tap, or a retry after no answer, is the same sign-up.
      const key = `${s.selectedShiftId}:${s.password}`;
      if (this.signupIntentFor !== key) {
        this.signupIntent = intent();
        this.signupIntentFor = key;
      }
      this.setData({ 'state.submitting': true });
      const payload = s.needsPassword ? { shiftId: s.selectedShiftId, password: s.password } : { shiftId: s.selectedShiftId };
      const outcome = await call('signup', 'signup', payload, { intent: this.signupIntent });
      this.setData({ 'state.submitting': false, 'state.decision': outcome.ok ? decisionOf(outcome.data) : refusalOf(outcome.error.message) });
      if (outcome.ok) await this.load();
    },
    async onAcceptOffer(e) {
      const signupId = e.currentTarget.dataset.id;
      if (!signupId || this.data.state.submitting) return;
      void this.subscribe?.ask();
      this.setData({ 'state.submitting': true });
      const outcome = await call('signup', 'acceptOffer', { signupId });
      this.setData({ 'state.submitting': false, 'state.decision': outcome.ok ? decisionOf(outcome.data) : refusalOf(outcome.error.message) });
      await this.load();
    },
  },
});
