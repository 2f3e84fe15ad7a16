// 注册组织: the registering volunteer becomes the organization's first admin; a platform admin verifies it.
import type { OrganizationSummary } from '../../../typings/organization';
import { routes, withQuery } from '../../domain/routes';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { ORGANIZATION_KINDS, toOrgCard, type OrgCard } from '../../common/org-labels';
import {
  ORG_TEXT_FIELDS,
  applyOrgError,
  emptyOrgForm,
  prepareOrgSubmit,
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

Component<
  { view: OrgFormView; parentResults: OrgCard[]; searching: boolean; submitting: boolean },
  {},
  {
    onLoad(): void;
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
  data: { view: toOrgFormView(emptyOrgForm()), parentResults: [], searching: false, submitting: false },
  methods: {
    onLoad() {
      this.form = emptyOrgForm();
      this.update((f) => f);
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
      const outcome = await call('organization', 'register', check.request);
      this.setData({ submitting: false });
      if (outcome.ok) {
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
