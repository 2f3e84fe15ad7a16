// 志愿者实名注册: a thin adapter around the pure form (../common/registration-form.ts). Every event becomes one form change and a
// re-render; the domain's validators decide, the server decides again on submit.
import { routes } from '../../domain/routes';
import { loadAgePolicy } from '../../services/age-policy';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import {
  birthDatePicked,
  credentialTypePicked,
  genderPicked,
  guardianCredentialTypePicked,
  intentionToggled,
  left,
  regionPicked,
  relationPicked,
  skillToggled,
  slotToggled,
  tagRemoved,
  typed,
  type FieldEvent,
  type FormChange,
  type PickerEvent,
  type RegionEvent,
  type TapEvent,
} from '../common/registration-events';
import {
  DEFAULT_AGE_POLICY,
  UNDER_14_RULES_TEXT,
  addSkillTag,
  applyServerError,
  back,
  emptyForm,
  goToStep,
  next,
  phoneCodeOf,
  phoneFromWechat,
  phoneVerified,
  phoneVerifyFailed,
  prepareSubmit,
  setExtraConsent,
  setGuardianAgreed,
  setPrivacyAgreed,
  toRegisterView,
  usePhoneMode,
  type AgePolicy,
  type RegisterForm,
  type RegisterView,
  type StepId,
} from '../common/registration-form';


interface PhoneEvent {
  detail: { code?: string; errMsg?: string };
}

interface RegisterFields {
  form: RegisterForm;
  /** The minimum age and consent band are configuration per region (RULES §1): read from the server on load. */
  policy: AgePolicy;
}


Component<
  {
    view: RegisterView;
    submitting: boolean;
    under14RulesText: string;
    alreadyRegistered: { volunteerNoText: string } | null;
    /** The credential is someone's record already: the form offers 申诉找回 beside the refusal. */
    credentialTaken: boolean;
  },
  {},
  {
    onLoad(): Promise<void>;
    update(change: (form: RegisterForm, now: Date) => RegisterForm): void;
    apply(change: FormChange | undefined): void;
    onInput(e: FieldEvent): void;
    onBlur(e: FieldEvent): void;
    onCredentialTypeChange(e: PickerEvent): void;
    onGuardianCredentialTypeChange(e: PickerEvent): void;
    onGenderChange(e: PickerEvent): void;
    onBirthDateChange(e: PickerEvent): void;
    onGetPhoneNumber(e: PhoneEvent): Promise<void>;
    onUseTypedPhone(): void;
    onUseWechatPhone(): void;
    onRegionChange(e: RegionEvent): void;
    onToggleSkill(e: TapEvent): void;
    onAddTag(): void;
    onRemoveTag(e: TapEvent): void;
    onToggleIntention(e: TapEvent): void;
    onToggleSlot(e: TapEvent): void;
    onRelationChange(e: PickerEvent): void;
    onToggleGuardianAgreed(): void;
    onTogglePrivacy(): void;
    onToggleExtra(): void;
    onOpenPrivacy(): void;
    onNext(): void;
    onBack(): void;
    onEditStep(e: TapEvent): void;
    onSubmit(): Promise<void>;
    onOpenCard(): void;
    onOpenClaim(): void;
  },
  [],
  RegisterFields
>({
  data: {
    view: toRegisterView(emptyForm(), new Date(), DEFAULT_AGE_POLICY),
    submitting: false,
    under14RulesText: UNDER_14_RULES_TEXT,
    alreadyRegistered: null,
    credentialTaken: false,
  },
  lifetimes: {
    attached() {
      if (!this.form) this.form = emptyForm();
      if (!this.policy) this.policy = DEFAULT_AGE_POLICY;
    },
  },
  methods: {
    async onLoad() {
      this.form = emptyForm();
      this.policy = DEFAULT_AGE_POLICY;
      this.update((f) => f);
      // Asked first, so nobody fills four steps to be told at the end that they are registered already.
      const [policy, session] = await Promise.all([loadAgePolicy(), call('user', 'session', {})]);
      this.policy = policy;
      this.update((f) => f);
      if (session.ok && session.data.registered && session.data.volunteer) {
        this.setData({ alreadyRegistered: { volunteerNoText: `志愿者编号 ${session.data.volunteer.volunteerNo}` } });
      }
    },
    onOpenCard() {
      wechat.redirectTo(routes.card).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
    update(change) {
      const now = new Date();
      this.form = change(this.form ?? emptyForm(), now);
      this.setData({ view: toRegisterView(this.form, now, this.policy) });
    },
    apply(change) {
      if (change) this.update(change);
    },
    onInput(e) {
      this.apply(typed(e));
    },
    onBlur(e) {
      this.apply(left(e));
    },
    onCredentialTypeChange(e) {
      this.apply(credentialTypePicked(e));
    },
    onGuardianCredentialTypeChange(e) {
      this.apply(guardianCredentialTypePicked(e));
    },
    onGenderChange(e) {
      this.apply(genderPicked(e));
    },
    onBirthDateChange(e) {
      this.apply(birthDatePicked(e));
    },
    async onGetPhoneNumber(e) {
      const detail = e.detail ?? {};
      this.update((f) => phoneFromWechat(f, detail));
      const code = phoneCodeOf(detail);
      if (code === '') return;
      // The code is charged when tapped and lasts 5 minutes: exchange it now, keep the proof for the submit.
      const verified = await call('volunteer', 'verifyPhone', { code });
      this.update((f) => (verified.ok ? phoneVerified(f, verified.data) : phoneVerifyFailed(f, verified.error.message)));
    },
    onUseTypedPhone() {
      this.update((f) => usePhoneMode(f, 'typed'));
    },
    onUseWechatPhone() {
      this.update((f) => usePhoneMode(f, 'wechat'));
    },
    onRegionChange(e) {
      this.apply(regionPicked(e));
    },
    onToggleSkill(e) {
      this.apply(skillToggled(e));
    },
    onAddTag() {
      this.update(addSkillTag);
    },
    onRemoveTag(e) {
      this.apply(tagRemoved(e));
    },
    onToggleIntention(e) {
      this.apply(intentionToggled(e));
    },
    onToggleSlot(e) {
      this.apply(slotToggled(e));
    },
    onRelationChange(e) {
      this.apply(relationPicked(e));
    },
    onToggleGuardianAgreed() {
      this.update((f) => setGuardianAgreed(f, !f.guardianAgreed));
    },
    onTogglePrivacy() {
      this.update((f) => setPrivacyAgreed(f, !f.privacyAgreed));
    },
    onToggleExtra() {
      this.update((f) => setExtraConsent(f, !f.extraConsent));
    },
    onOpenPrivacy() {
      wechat.openPrivacyContract().catch(() => wechat.showToast('隐私保护指引暂时打不开，请稍后重试'));
    },
    onNext() {
      this.update((f, now) => next(f, now, this.policy));
    },
    onBack() {
      this.update((f, now) => back(f, now, this.policy));
    },
    onEditStep(e) {
      const step = e.currentTarget.dataset.step as StepId | undefined;
      if (step) this.update((f, now) => goToStep(f, step, now, this.policy));
    },
    async onSubmit() {
      if (this.data.submitting) return;
      const check = prepareSubmit(this.form, new Date(), this.policy);
      if (!check.ok) {
        this.update(() => check.form);
        return;
      }
      this.setData({ submitting: true });
      const outcome = await call('volunteer', 'register', check.request);
      this.setData({ submitting: false });
      if (outcome.ok) {
        // The form must not come back with 返回: the card replaces it.
        wechat.redirectTo(routes.card).catch(() => wechat.showToast('注册成功，请在“我的”中查看志愿服务证'));
        return;
      }
      const error = outcome.error;
      this.setData({ credentialTaken: error.code === 'CREDENTIAL_TAKEN' });
      this.update((f, now) => applyServerError(f, error, now, this.policy));
    },
    onOpenClaim() {
      wechat.navigateTo(routes.claim).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
  },
});
