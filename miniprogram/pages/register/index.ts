// 志愿者实名注册: a thin adapter around the pure form (form.ts). Every event becomes one form change and a
// re-render; the domain's validators decide, the server decides again on submit.
import type { CredentialType } from '../../../typings/volunteer';
import { routes } from '../../routes';
import { loadAgePolicy } from '../../services/age-policy';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import {
  CREDENTIAL_TYPES,
  DEFAULT_AGE_POLICY,
  GENDERS,
  RELATIONS,
  TEXT_FIELDS,
  UNDER_14_RULES_TEXT,
  addSkillTag,
  applyServerError,
  back,
  emptyForm,
  goToStep,
  next,
  phoneFromWechat,
  prepareSubmit,
  removeSkillTag,
  setBirthDate,
  setCredentialType,
  setExtraConsent,
  setGender,
  setGuardianAgreed,
  setGuardianCredentialType,
  setGuardianRelation,
  setPrivacyAgreed,
  setRegion,
  setText,
  toggleAvailability,
  toggleIntention,
  toggleSkill,
  touchText,
  toRegisterView,
  usePhoneMode,
  type AgePolicy,
  type RegisterForm,
  type RegisterView,
  type StepId,
  type TextField,
} from './form';


type Dataset = Record<string, string | undefined>;
interface FieldEvent {
  detail: { value: string };
  currentTarget: { dataset: Dataset };
}
interface TapEvent {
  currentTarget: { dataset: Dataset };
}
interface PickerEvent {
  detail: { value: string | number };
}
interface RegionEvent {
  detail: { value: string[]; code: string[] };
}
interface PhoneEvent {
  detail: { code?: string; errMsg?: string };
}

interface RegisterFields {
  form: RegisterForm;
  /** The minimum age and consent band are configuration per region (RULES §1): read from the server on load. */
  policy: AgePolicy;
}

function textField(e: { currentTarget: { dataset: Dataset } }): TextField | undefined {
  const field = e.currentTarget.dataset.field as TextField | undefined;
  return field && TEXT_FIELDS.includes(field) ? field : undefined;
}

Component<
  { view: RegisterView; submitting: boolean; under14RulesText: string },
  {},
  {
    onLoad(): Promise<void>;
    update(change: (form: RegisterForm, now: Date) => RegisterForm): void;
    onInput(e: FieldEvent): void;
    onBlur(e: FieldEvent): void;
    onCredentialTypeChange(e: PickerEvent): void;
    onGuardianCredentialTypeChange(e: PickerEvent): void;
    onGenderChange(e: PickerEvent): void;
    onBirthDateChange(e: PickerEvent): void;
    onGetPhoneNumber(e: PhoneEvent): void;
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
  },
  [],
  RegisterFields
>({
  data: { view: toRegisterView(emptyForm(), new Date(), DEFAULT_AGE_POLICY), submitting: false, under14RulesText: UNDER_14_RULES_TEXT },
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
      this.policy = await loadAgePolicy();
      this.update((f) => f);
    },
    update(change) {
      const now = new Date();
      this.form = change(this.form ?? emptyForm(), now);
      this.setData({ view: toRegisterView(this.form, now, this.policy) });
    },
    onInput(e) {
      const field = textField(e);
      if (field) this.update((f) => setText(f, field, e.detail.value));
    },
    onBlur(e) {
      const field = textField(e);
      if (field) this.update((f) => touchText(f, field));
    },
    onCredentialTypeChange(e) {
      const type: CredentialType | undefined = CREDENTIAL_TYPES[Number(e.detail.value)];
      if (type) this.update((f) => setCredentialType(f, type));
    },
    onGuardianCredentialTypeChange(e) {
      const type: CredentialType | undefined = CREDENTIAL_TYPES[Number(e.detail.value)];
      if (type) this.update((f) => setGuardianCredentialType(f, type));
    },
    onGenderChange(e) {
      const gender = GENDERS[Number(e.detail.value)];
      if (gender) this.update((f) => setGender(f, gender));
    },
    onBirthDateChange(e) {
      this.update((f) => setBirthDate(f, String(e.detail.value)));
    },
    onGetPhoneNumber(e) {
      this.update((f) => phoneFromWechat(f, e.detail ?? {}));
    },
    onUseTypedPhone() {
      this.update((f) => usePhoneMode(f, 'typed'));
    },
    onUseWechatPhone() {
      this.update((f) => usePhoneMode(f, 'wechat'));
    },
    onRegionChange(e) {
      this.update((f) => setRegion(f, e.detail.code ?? [], e.detail.value ?? []));
    },
    onToggleSkill(e) {
      const code = e.currentTarget.dataset.code;
      if (code) this.update((f) => toggleSkill(f, code));
    },
    onAddTag() {
      this.update(addSkillTag);
    },
    onRemoveTag(e) {
      const tag = e.currentTarget.dataset.tag;
      if (tag) this.update((f) => removeSkillTag(f, tag));
    },
    onToggleIntention(e) {
      const code = e.currentTarget.dataset.code;
      if (code) this.update((f) => toggleIntention(f, code));
    },
    onToggleSlot(e) {
      const weekday = Number(e.currentTarget.dataset.weekday);
      const time = e.currentTarget.dataset.time;
      if (weekday >= 1 && weekday <= 7 && (time === 'morning' || time === 'afternoon' || time === 'evening')) {
        this.update((f) => toggleAvailability(f, weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7, time));
      }
    },
    onRelationChange(e) {
      const relation = RELATIONS[Number(e.detail.value)];
      if (relation) this.update((f) => setGuardianRelation(f, relation));
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
      this.update((f, now) => applyServerError(f, error, now, this.policy));
    },
  },
});
