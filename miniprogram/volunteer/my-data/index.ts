// 我的资料: view, correct, re-verify, export, withdraw a consent, delete the account. Someone not registered has no
// profile here but may still export and delete what their account holds (help requests, messages). Rules and
// formatting live in view-model.ts (and the registration form it reuses); this page calls the volunteer function.
import type { MyProfile } from '../../../typings/volunteer';
import { EXTRA_FIELDS_CONSENT_TEXT, PRIVACY_TERMS_VERSION } from '../../domain/codes';
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
  addSkillTag,
  emptyForm,
  phoneCodeOf,
  phoneFromWechat,
  phoneVerified,
  phoneVerifyFailed,
  setGuardianAgreed,
  toRegisterView,
  usePhoneMode,
  type AgePolicy,
  type FieldErrors,
  type RegisterForm,
  type RegisterView,
} from '../common/registration-form';
import {
  DELETE_ACCOUNT_CONFIRMATION,
  WITHDRAW_EXTRA_CONFIRMATION,
  buildChangeIdentity,
  buildUpdate,
  canDelete,
  consentRows,
  documentTypeOf,
  editErrorField,
  editErrors,
  editStateOf,
  extraConsentInForce,
  formatBytes,
  identityErrorField,
  identityErrors,
  profileRows,
  type EditState,
  type ProfileRow,
} from './view-model';


type Mode = 'view' | 'edit' | 'identity' | 'delete';
interface Data {
  status: 'loading' | 'error' | 'unregistered' | 'ready';
  message: string;
  mode: Mode;
  rows: ProfileRow[];
  consents: ProfileRow[];
  extraConsent: boolean;
  extraConsentText: string;
  edit: RegisterView | null;
  editErrors: FieldErrors;
  changePhone: boolean;
  extraAllowed: boolean;
  identity: RegisterView | null;
  identityErrors: FieldErrors;
  exportInfo: { sizeText: string; url: string } | null;
  deleteText: string;
  deleteReady: boolean;
  busy: boolean;
}

interface Fields {
  profile?: MyProfile;
  editState?: EditState;
  identityForm?: RegisterForm;
  identityAttempted?: boolean;
  serverErrors?: FieldErrors;
  /** The region's age rules, for re-verification (loaded with the profile). */
  policy?: AgePolicy;
}


const initial: Data = {
  status: 'loading',
  message: '',
  mode: 'view',
  rows: [],
  consents: [],
  extraConsent: false,
  extraConsentText: EXTRA_FIELDS_CONSENT_TEXT,
  edit: null,
  editErrors: {},
  changePhone: false,
  extraAllowed: false,
  identity: null,
  identityErrors: {},
  exportInfo: null,
  deleteText: '',
  deleteReady: false,
  busy: false,
};

Component<
  Data,
  {},
  {
    onLoad(): Promise<void>;
    load(): Promise<void>;
    agePolicy(): AgePolicy;
    show(profile: MyProfile): void;
    setMode(mode: Mode): void;
    onModeTap(e: TapEvent): void;
    // editing
    changeEdit(change: (s: EditState) => EditState): void;
    applyEdit(change: FormChange | undefined): void;
    onEditInput(e: FieldEvent): void;
    onChangePhone(): void;
    onGetPhoneNumber(e: { detail: { code?: string; errMsg?: string } }): Promise<void>;
    onUseTypedPhone(): void;
    onRegionChange(e: RegionEvent): void;
    onToggleSkill(e: TapEvent): void;
    onToggleIntention(e: TapEvent): void;
    onAddTag(): void;
    onRemoveTag(e: TapEvent): void;
    onToggleSlot(e: TapEvent): void;
    onSave(): Promise<void>;
    // identity
    changeIdentityForm(change: FormChange): void;
    applyIdentity(change: FormChange | undefined): void;
    onIdentityInput(e: FieldEvent): void;
    onIdentityBlur(e: FieldEvent): void;
    onCredentialTypeChange(e: PickerEvent): void;
    onGenderChange(e: PickerEvent): void;
    onBirthDateChange(e: PickerEvent): void;
    onRelationChange(e: PickerEvent): void;
    onGuardianCredentialTypeChange(e: PickerEvent): void;
    onToggleGuardianAgreed(): void;
    onSubmitIdentity(): Promise<void>;
    // export, consent, deletion
    onExport(): Promise<void>;
    onOpenExport(): Promise<void>;
    onWithdrawExtra(): Promise<void>;
    onGiveExtra(): Promise<void>;
    onDeleteInput(e: FieldEvent): void;
    onDelete(): Promise<void>;
  },
  [],
  Fields
>({
  data: initial,
  methods: {
    onLoad() {
      return this.load();
    },
    async load() {
      this.setData({ status: 'loading' });
      const [outcome, policy] = await Promise.all([call('volunteer', 'profile', {}), loadAgePolicy()]);
      this.policy = policy;
      if (!outcome.ok) {
        if (outcome.error.code === 'NOT_REGISTERED') {
          // 我的 names this entry 我的数据 for someone without a profile: no 资料 here, only what the account holds.
          wechat.setPageTitle('我的数据');
          this.setData({ status: 'unregistered' });
        } else {
          this.setData({ status: 'error', message: outcome.error.message });
        }
        return;
      }
      this.show(outcome.data);
    },
    agePolicy() {
      return this.policy ?? DEFAULT_AGE_POLICY;
    },
    show(profile) {
      this.profile = profile;
      this.setData({
        status: 'ready',
        mode: 'view',
        rows: profileRows(profile),
        consents: consentRows(profile),
        extraConsent: extraConsentInForce(profile),
        busy: false,
      });
    },
    setMode(mode) {
      // Without a profile (not registered) only the export and the deletion are there: no editing.
      const profile = this.profile;
      if (!profile && mode !== 'view' && mode !== 'delete') return;
      this.serverErrors = {};
      if (mode === 'edit' && profile) {
        this.editState = editStateOf(profile);
        this.changeEdit((s) => s);
      } else if (mode === 'identity') {
        this.identityForm = emptyForm();
        this.identityAttempted = false;
        this.changeIdentityForm((f) => f);
      } else if (mode === 'delete') {
        this.setData({ deleteText: '', deleteReady: false });
      }
      this.setData({ mode });
    },
    onModeTap(e) {
      const mode = e.currentTarget.dataset.mode as Mode | undefined;
      if (mode) this.setMode(mode);
    },

    // ── editing ──
    changeEdit(change) {
      if (!this.editState) return;
      this.editState = change(this.editState);
      const state = this.editState;
      const errors = { ...(state.attempted ? editErrors(state) : {}), ...this.serverErrors };
      this.setData({
        edit: toRegisterView(state.form, new Date(), this.agePolicy()),
        editErrors: errors,
        changePhone: state.changePhone,
        extraAllowed: state.extraAllowed,
      });
    },
    applyEdit(change) {
      if (change) this.changeEdit((s) => ({ ...s, form: change(s.form) }));
    },
    onEditInput(e) {
      this.serverErrors = {};
      this.applyEdit(typed(e));
    },
    onChangePhone() {
      this.changeEdit((s) => ({ ...s, changePhone: true }));
    },
    async onGetPhoneNumber(e) {
      const detail = e.detail ?? {};
      this.serverErrors = {};
      this.changeEdit((s) => ({ ...s, changePhone: true, form: phoneFromWechat(s.form, detail) }));
      const code = phoneCodeOf(detail);
      if (code === '') return;
      // The code is charged when tapped and lasts 5 minutes: exchange it now, keep the proof for 保存.
      const verified = await call('volunteer', 'verifyPhone', { code });
      // An answer after the person chose to type instead changes nothing (phoneVerified / phoneVerifyFailed).
      if (!verified.ok && this.editState?.form.phoneVerifying) this.serverErrors = { phone: verified.error.message };
      this.changeEdit((s) => ({ ...s, form: verified.ok ? phoneVerified(s.form, verified.data) : phoneVerifyFailed(s.form, verified.error.message) }));
    },
    onUseTypedPhone() {
      this.changeEdit((s) => ({ ...s, form: usePhoneMode(s.form, 'typed') }));
    },
    onRegionChange(e) {
      this.applyEdit(regionPicked(e));
    },
    onToggleSkill(e) {
      this.applyEdit(skillToggled(e));
    },
    onToggleIntention(e) {
      this.applyEdit(intentionToggled(e));
    },
    onAddTag() {
      this.changeEdit((s) => ({ ...s, form: addSkillTag(s.form) }));
    },
    onRemoveTag(e) {
      this.applyEdit(tagRemoved(e));
    },
    onToggleSlot(e) {
      this.applyEdit(slotToggled(e));
    },
    async onSave() {
      if (!this.editState || !this.profile || this.data.busy) return;
      this.serverErrors = {};
      this.changeEdit((s) => ({ ...s, attempted: true }));
      if (Object.keys(editErrors(this.editState)).length > 0) return;
      const update = buildUpdate(this.editState, this.profile);
      if (Object.keys(update).length === 0) {
        this.setData({ mode: 'view' });
        return;
      }
      this.setData({ busy: true });
      const outcome = await call('volunteer', 'updateProfile', update);
      this.setData({ busy: false });
      if (outcome.ok) {
        this.show(outcome.data);
        wechat.showToast('已保存');
        return;
      }
      const field = editErrorField(outcome.error.code, outcome.error.field);
      if (field) {
        this.serverErrors = { [field]: outcome.error.message };
        this.changeEdit((s) => s);
      } else wechat.showToast(outcome.error.message);
    },

    // ── identity ──
    changeIdentityForm(change) {
      const now = new Date();
      this.identityForm = change(this.identityForm ?? emptyForm());
      const errors = this.identityAttempted ? identityErrors(this.identityForm, now, this.agePolicy()) : {};
      const view = toRegisterView(this.identityForm, now, this.agePolicy());
      this.setData({
        identity: view,
        identityErrors: { ...view.errors, ...errors, ...this.serverErrors },
      });
    },
    applyIdentity(change) {
      if (change) this.changeIdentityForm(change);
    },
    onIdentityInput(e) {
      this.serverErrors = {};
      this.applyIdentity(typed(e));
    },
    onIdentityBlur(e) {
      this.applyIdentity(left(e));
    },
    onCredentialTypeChange(e) {
      this.applyIdentity(credentialTypePicked(e));
    },
    onGenderChange(e) {
      this.applyIdentity(genderPicked(e));
    },
    onBirthDateChange(e) {
      this.applyIdentity(birthDatePicked(e));
    },
    onRelationChange(e) {
      this.applyIdentity(relationPicked(e));
    },
    onGuardianCredentialTypeChange(e) {
      this.applyIdentity(guardianCredentialTypePicked(e));
    },
    onToggleGuardianAgreed() {
      this.changeIdentityForm((f) => setGuardianAgreed(f, !f.guardianAgreed));
    },
    async onSubmitIdentity() {
      if (!this.identityForm || this.data.busy) return;
      const now = new Date();
      this.identityAttempted = true;
      this.serverErrors = {};
      this.changeIdentityForm((f) => f);
      if (Object.keys(identityErrors(this.identityForm, now, this.agePolicy())).length > 0) return;
      this.setData({ busy: true });
      const outcome = await call('volunteer', 'changeIdentity', buildChangeIdentity(this.identityForm, now, this.agePolicy()));
      this.setData({ busy: false });
      if (outcome.ok) {
        this.show(outcome.data);
        wechat.showToast('身份信息已重新核验');
        return;
      }
      const field = identityErrorField(outcome.error.code, outcome.error.field);
      if (field) {
        this.serverErrors = { [field]: outcome.error.message };
        this.changeIdentityForm((f) => f);
      } else wechat.showToast(outcome.error.message);
    },

    // ── export, consent, deletion ──
    async onExport() {
      if (this.data.busy) return;
      this.setData({ busy: true, exportInfo: null });
      const outcome = await call('volunteer', 'exportMine', {});
      this.setData({ busy: false });
      if (!outcome.ok) {
        wechat.showToast(outcome.error.message);
        return;
      }
      this.setData({ exportInfo: { sizeText: formatBytes(outcome.data.bytes), url: outcome.data.url } });
    },
    async onOpenExport() {
      const url = this.data.exportInfo?.url;
      if (!url) return;
      const type = documentTypeOf(url);
      if (type) {
        try {
          await wechat.openDocument(await wechat.downloadFile(url), type);
          return;
        } catch {
          // Fall through: the link still lets the person save the file elsewhere.
        }
      }
      try {
        await wechat.setClipboardData(url);
        wechat.showToast('下载链接已复制，请在浏览器中打开');
      } catch {
        wechat.showToast('复制失败，请稍后重试');
      }
    },
    async onWithdrawExtra() {
      if (this.data.busy) return;
      if (!(await wechat.confirm(WITHDRAW_EXTRA_CONFIRMATION))) return;
      this.setData({ busy: true });
      const outcome = await call('volunteer', 'withdrawConsent', { kind: 'extraFields' });
      if (!outcome.ok) {
        this.setData({ busy: false });
        wechat.showToast(outcome.error.message);
        return;
      }
      wechat.showToast('已撤回同意，补充信息已删除');
      await this.load();
    },
    async onGiveExtra() {
      if (this.data.busy) return;
      this.setData({ busy: true });
      // The version of the text this page shows: the server refuses it once the terms have changed.
      const outcome = await call('volunteer', 'giveConsent', { kind: 'extraFields', version: PRIVACY_TERMS_VERSION });
      if (!outcome.ok) {
        this.setData({ busy: false });
        wechat.showToast(outcome.error.message);
        return;
      }
      await this.load();
      // Straight to where the extra fields are filled in.
      this.setMode('edit');
      wechat.showToast('已同意，请填写紧急联系人和个人介绍');
    },
    onDeleteInput(e) {
      this.setData({ deleteText: e.detail.value, deleteReady: canDelete(e.detail.value) });
    },
    async onDelete() {
      if (!canDelete(this.data.deleteText) || this.data.busy) return;
      if (!(await wechat.confirm(DELETE_ACCOUNT_CONFIRMATION))) return;
      this.setData({ busy: true });
      const outcome = await call('volunteer', 'deleteAccount', { confirm: '注销' });
      this.setData({ busy: false });
      if (!outcome.ok) {
        wechat.showToast(outcome.error.message);
        return;
      }
      wechat.showToast('账号已注销');
      wechat.switchTab(routes.me).catch(() => undefined);
    },
  },
});
