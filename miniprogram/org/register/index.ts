// 注册组织: the registering volunteer becomes the organization's first admin; a platform admin verifies it. Opened with
// ?orgId= by the admin of a rejected application, the same form corrects and resubmits it. When the USCC is held by
// someone else's organization, its real holder claims it here: the same form plus photos of the licence.
import type { OrganizationSummary } from '../../../typings/organization';
import { routes, withQuery } from '../../domain/routes';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { ORGANIZATION_KINDS, toOrgCard, type OrgCard } from '../../common/org-labels';
import {
  ORG_TEXT_FIELDS,
  applyOrgError,
  emptyOrgForm,
  orgFormFrom,
  prepareOrgSubmit,
  similarNamesNotice,
  setKind,
  setOrgRegion,
  setOrgText,
  setParent,
  toOrgFormView,
  touchOrg,
  type OrgField,
  type OrgForm,
  type OrgFormView,
  type OrgTextField,
} from './form';

type Dataset = Record<string, string | undefined>;
interface FieldEvent {
  detail: { value: string };
  currentTarget: { dataset: Dataset };
}

interface Fields {
  form: OrgForm;
  parentResults?: OrganizationSummary[];
}

function textField(e: { currentTarget: { dataset: Dataset } }): OrgTextField | undefined {
  const field = e.currentTarget.dataset.field as OrgTextField | undefined;
  return field && ORG_TEXT_FIELDS.includes(field) ? field : undefined;
}

interface Data {
  view: OrgFormView;
  parentResults: OrgCard[];
  searching: boolean;
  submitting: boolean;
  /** The rejected application being corrected, '' for a new registration. */
  resubmitId: string;
  rejectReason: string;
  claiming: boolean;
  evidence: string[];
  evidenceError: string;
  statement: string;
  claimSent: boolean;
}

Component<
  Data,
  {},
  {
    onLoad(query?: Record<string, string | undefined>): Promise<void>;
    onStartClaim(): void;
    onCancelClaim(): void;
    onPickEvidence(): Promise<void>;
    onRemoveEvidence(e: { currentTarget: { dataset: Dataset } }): void;
    onStatementInput(e: { detail: { value: string } }): void;
    onSubmitClaim(): Promise<void>;
    onOpenMine(): void;
    update(change: (f: OrgForm) => OrgForm): void;
    onInput(e: FieldEvent): void;
    onBlur(e: FieldEvent): void;
    onKindChange(e: { detail: { value: string | number } }): void;
    onRegionChange(e: { detail: { value: string[]; code: string[] } }): void;
    onSearchParent(): Promise<void>;
    onPickParent(e: { currentTarget: { dataset: Dataset } }): void;
    onClearParent(): void;
    onSubmit(): Promise<void>;
    onRegisterVolunteer(): void;
  },
  [],
  Fields
>({
  data: {
    view: toOrgFormView(emptyOrgForm()),
    parentResults: [],
    searching: false,
    submitting: false,
    resubmitId: '',
    rejectReason: '',
    claiming: false,
    evidence: [],
    evidenceError: '',
    statement: '',
    claimSent: false,
  },
  methods: {
    async onLoad(query) {
      this.form = emptyOrgForm();
      this.update((f) => f);
      const orgId = query?.orgId;
      if (!orgId) return;
      const outcome = await call('organization', 'get', { orgId });
      const application = outcome.ok ? outcome.data.admin?.application : undefined;
      if (!outcome.ok || !application) {
        wechat.showToast(outcome.ok ? '只有未通过审核的申请可以修改' : outcome.error.message);
        return;
      }
      wx.setNavigationBarTitle({ title: '修改并重新提交' });
      this.setData({ resubmitId: orgId, rejectReason: outcome.data.rejectReason ?? '' });
      this.update(() => orgFormFrom(application));
    },
    onStartClaim() {
      this.setData({ claiming: true, evidenceError: '' });
    },
    onCancelClaim() {
      this.setData({ claiming: false, evidence: [], evidenceError: '', statement: '' });
    },
    async onPickEvidence() {
      try {
        const photos = await wechat.choosePhotosAsBase64(2 - this.data.evidence.length);
        this.setData({ evidence: [...this.data.evidence, ...photos].slice(0, 2), evidenceError: '' });
      } catch {
        // Closing the album is not an error.
      }
    },
    onRemoveEvidence(e) {
      const index = Number(e.currentTarget.dataset.index);
      this.setData({ evidence: this.data.evidence.filter((_, i) => i !== index) });
    },
    onStatementInput(e) {
      this.setData({ statement: e.detail.value });
    },
    async onSubmitClaim() {
      if (this.data.submitting) return;
      if (this.data.evidence.length === 0) {
        this.setData({ evidenceError: '请上传营业执照或登记证书的照片' });
        return;
      }
      const check = prepareOrgSubmit(this.form);
      if (!check.ok) {
        this.update(() => check.form);
        return;
      }
      const confirmed = await wechat.confirm({
        title: '提交申诉',
        content: '平台会核对你上传的证明材料。申诉成立后，该代码交给你的组织，现持有方会收到通知。',
        confirmText: '提交',
      });
      if (!confirmed) return;
      this.setData({ submitting: true });
      const outcome = await call('organization', 'claimUscc', {
        application: check.request,
        evidence: this.data.evidence,
        ...(this.data.statement.trim() ? { statement: this.data.statement.trim() } : {}),
      });
      this.setData({ submitting: false });
      if (outcome.ok) {
        this.setData({ claimSent: true, claiming: false, evidence: [] });
        return;
      }
      if (outcome.error.code === 'EVIDENCE_INVALID') this.setData({ evidenceError: outcome.error.message });
      else {
        const error = outcome.error;
        this.update((f) => applyOrgError(f, error.code === 'USCC_CLAIM_NOT_NEEDED' || error.code === 'ALREADY_CLAIMED' ? { code: 'BANNER', message: error.message } : error));
      }
    },
    onOpenMine() {
      if (this.form.mineOrgId) wechat.navigateTo(withQuery(routes.orgHome, { orgId: this.form.mineOrgId })).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
    update(change) {
      this.form = change(this.form ?? emptyOrgForm());
      this.setData({ view: toOrgFormView(this.form) });
    },
    onInput(e) {
      const field = textField(e);
      if (field) this.update((f) => setOrgText(f, field, e.detail.value));
    },
    onBlur(e) {
      const field = textField(e);
      if (field && field !== 'parentKeyword') this.update((f) => touchOrg(f, field as OrgField));
    },
    onKindChange(e) {
      const kind = ORGANIZATION_KINDS[Number(e.detail.value)];
      if (kind) this.update((f) => setKind(f, kind));
    },
    onRegionChange(e) {
      this.update((f) => setOrgRegion(f, e.detail.code ?? [], e.detail.value ?? []));
    },
    async onSearchParent() {
      const keyword = this.form.parentKeyword.trim();
      if (keyword === '') return;
      this.setData({ searching: true });
      const outcome = await call('organization', 'search', { keyword });
      this.setData({ searching: false });
      if (!outcome.ok) {
        wechat.showToast(outcome.error.message);
        return;
      }
      this.parentResults = outcome.data.organizations;
      this.setData({ parentResults: outcome.data.organizations.map(toOrgCard) });
      if (outcome.data.organizations.length === 0) wechat.showToast('没有找到匹配的组织');
    },
    onPickParent(e) {
      const picked = this.parentResults?.find((o) => o.orgId === e.currentTarget.dataset.id);
      if (!picked) return;
      this.update((f) => setParent(f, { orgId: picked.orgId, name: picked.name }));
      this.setData({ parentResults: [] });
    },
    onClearParent() {
      this.update((f) => setParent(f, null));
    },
    onRegisterVolunteer() {
      wechat.navigateTo(routes.register).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
    async onSubmit() {
      if (this.data.submitting) return;
      const check = prepareOrgSubmit(this.form);
      if (!check.ok) {
        this.update(() => check.form);
        return;
      }
      this.setData({ submitting: true });
      const outcome = this.data.resubmitId
        ? await call('organization', 'resubmit', { ...check.request, orgId: this.data.resubmitId })
        : await call('organization', 'register', check.request);
      this.setData({ submitting: false });
      if (outcome.ok) {
        const similar = similarNamesNotice(outcome.data.similarNames);
        if (similar) await wechat.notice(similar.title, similar.content);
        wechat
          .redirectTo(withQuery(routes.orgHome, { orgId: outcome.data.orgId }))
          .catch(() => wechat.showToast('已提交，请在“我的组织”中查看'));
        return;
      }
      const error = outcome.error;
      this.update((f) => applyOrgError(f, error));
    },
  },
});
