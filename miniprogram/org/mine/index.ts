// 我的组织: my organizations, and finding one to join (search by region and name → 申请加入 with a message).
import type { OrganizationSummary } from '../../../typings/organization';
import { routes, withQuery } from '../../domain/routes';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { toOrgCard, type OrgCard } from '../../common/org-labels';
import { MAX_JOIN_MESSAGE_LENGTH } from '../common/join-request';
import { searchRequest, toMyOrgs, type MyOrgItem } from './view-model';

type Dataset = Record<string, string | undefined>;

interface Data {
  status: 'loading' | 'error' | 'ready';
  message: string;
  mine: MyOrgItem[];
  regionText: string;
  regionValue: string[];
  keyword: string;
  searching: boolean;
  searched: boolean;
  results: OrgCard[];
  joiningId: string;
  joinMessage: string;
  maxJoinMessage: number;
  busy: boolean;
}

interface Fields {
  regionCode?: string;
  found?: OrganizationSummary[];
}

Component<
  Data,
  {},
  {
    onShow(): Promise<void>;
    load(): Promise<void>;
    onOpen(e: { currentTarget: { dataset: Dataset } }): void;
    onRegister(): void;
    onRegionChange(e: { detail: { value: string[]; code: string[] } }): void;
    onKeywordInput(e: { detail: { value: string } }): void;
    onSearch(): Promise<void>;
    onStartJoin(e: { currentTarget: { dataset: Dataset } }): void;
    onJoinMessageInput(e: { detail: { value: string } }): void;
    onCancelJoin(): void;
    onSendJoin(): Promise<void>;
  },
  [],
  Fields
>({
  data: {
    status: 'loading',
    message: '',
    mine: [],
    regionText: '',
    regionValue: [],
    keyword: '',
    searching: false,
    searched: false,
    results: [],
    joiningId: '',
    joinMessage: '',
    maxJoinMessage: MAX_JOIN_MESSAGE_LENGTH,
    busy: false,
  },
  methods: {
    onShow() {
      return this.load();
    },
    async load() {
      const outcome = await call('organization', 'mine', {});
      if (!outcome.ok) {
        this.setData({ status: 'error', message: outcome.error.message });
        return;
      }
      this.setData({ status: 'ready', mine: toMyOrgs(outcome.data) });
    },
    onOpen(e) {
      const orgId = e.currentTarget.dataset.id;
      if (orgId) wechat.navigateTo(withQuery(routes.orgHome, { orgId })).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
    onRegister() {
      wechat.navigateTo(routes.orgRegister).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
    onRegionChange(e) {
      const codes = e.detail.code ?? [];
      this.regionCode = codes[codes.length - 1] ?? '';
      this.setData({ regionText: (e.detail.value ?? []).join(' '), regionValue: e.detail.value ?? [] });
    },
    onKeywordInput(e) {
      this.setData({ keyword: e.detail.value });
    },
    async onSearch() {
      const request = searchRequest(this.regionCode ?? '', this.data.keyword);
      if (!request) {
        wechat.showToast('请选择地区或输入组织名称');
        return;
      }
      this.setData({ searching: true, joiningId: '' });
      const outcome = await call('organization', 'search', request);
      this.setData({ searching: false });
      if (!outcome.ok) {
        wechat.showToast(outcome.error.message);
        return;
      }
      this.found = outcome.data.organizations;
      this.setData({ searched: true, results: outcome.data.organizations.map(toOrgCard) });
    },
    onStartJoin(e) {
      this.setData({ joiningId: e.currentTarget.dataset.id ?? '', joinMessage: '' });
    },
    onJoinMessageInput(e) {
      this.setData({ joinMessage: e.detail.value });
    },
    onCancelJoin() {
      this.setData({ joiningId: '', joinMessage: '' });
    },
    async onSendJoin() {
      const orgId = this.data.joiningId;
      if (!orgId || this.data.busy) return;
      const message = this.data.joinMessage.trim();
      this.setData({ busy: true });
      const outcome = await call('organization', 'requestJoin', { orgId, ...(message ? { message } : {}) });
      this.setData({ busy: false });
      if (!outcome.ok) {
        wechat.showToast(outcome.error.message);
        return;
      }
      this.setData({ joiningId: '', joinMessage: '' });
      wechat.showToast(outcome.data.status === 'active' ? '已加入' : '已提交申请，等待管理员审核');
      await this.load();
    },
  },
});
