// 组织主页 (?orgId=…): profile for everyone; members, join requests and admin invitations for its admins;
// 申请加入 for volunteers outside a verified organization. Every action is checked again by the server.
import { routes, withQuery } from '../../domain/routes';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { joinErrorMessage, MAX_JOIN_MESSAGE_LENGTH } from '../common/join-request';
import { MAX_REASON_LENGTH, homeErrorMessage, shareOf, toHomeView, toInviteView, type HomeView, type InviteView } from './view-model';

type Dataset = Record<string, string | undefined>;

interface Data {
  status: 'loading' | 'error' | 'ready';
  message: string;
  org: HomeView | null;
  invite: InviteView | null;
  decliningId: string;
  declineReason: string;
  maxReason: number;
  joinOpen: boolean;
  joinMessage: string;
  maxJoinMessage: number;
  busy: boolean;
}

interface Fields {
  orgId?: string;
}

Component<
  Data,
  {},
  {
    onLoad(query: Record<string, string | undefined>): Promise<void>;
    load(): Promise<void>;
    onApprove(e: { currentTarget: { dataset: Dataset } }): Promise<void>;
    onStartDecline(e: { currentTarget: { dataset: Dataset } }): void;
    onDeclineReasonInput(e: { detail: { value: string } }): void;
    onCancelDecline(): void;
    onConfirmDecline(): Promise<void>;
    decide(userId: string, decision: 'approve' | 'decline', reason?: string): Promise<void>;
    onInvite(): Promise<void>;
    onScan(): void;
    onOpenProjects(): void;
    onShareAppMessage(): WechatMiniprogram.Page.ICustomShareContent;
    onOpenJoin(): void;
    onJoinMessageInput(e: { detail: { value: string } }): void;
    onSendJoin(): Promise<void>;
  },
  [],
  Fields
>({
  data: {
    status: 'loading',
    message: '',
    org: null,
    invite: null,
    decliningId: '',
    declineReason: '',
    maxReason: MAX_REASON_LENGTH,
    joinOpen: false,
    joinMessage: '',
    maxJoinMessage: MAX_JOIN_MESSAGE_LENGTH,
    busy: false,
  },
  methods: {
    onLoad(query) {
      this.orgId = query?.orgId ? decodeURIComponent(query.orgId) : '';
      return this.load();
    },
    async load() {
      if (!this.orgId) {
        this.setData({ status: 'error', message: '链接不完整，没有指明组织' });
        return;
      }
      const outcome = await call('organization', 'get', { orgId: this.orgId });
      if (!outcome.ok) {
        this.setData({ status: 'error', message: outcome.error.code === 'NOT_FOUND' ? '没有找到这个组织' : outcome.error.message });
        return;
      }
      this.setData({ status: 'ready', org: toHomeView(outcome.data) });
    },
    onApprove(e) {
      const userId = e.currentTarget.dataset.id;
      return userId ? this.decide(userId, 'approve') : Promise.resolve();
    },
    onStartDecline(e) {
      this.setData({ decliningId: e.currentTarget.dataset.id ?? '', declineReason: '' });
    },
    onDeclineReasonInput(e) {
      this.setData({ declineReason: e.detail.value });
    },
    onCancelDecline() {
      this.setData({ decliningId: '', declineReason: '' });
    },
    onConfirmDecline() {
      const reason = this.data.declineReason.trim();
      return this.decide(this.data.decliningId, 'decline', reason || undefined);
    },
    async decide(userId, decision, reason) {
      if (!this.orgId || !userId || this.data.busy) return;
      this.setData({ busy: true });
      const outcome = await call('organization', 'decideJoin', {
        orgId: this.orgId,
        userId,
        decision,
        ...(reason ? { reason } : {}),
      });
      this.setData({ busy: false, decliningId: '', declineReason: '' });
      if (!outcome.ok) {
        wechat.showToast(homeErrorMessage(outcome.error.code, outcome.error.message));
        return;
      }
      wechat.showToast(decision === 'approve' ? '已同意加入' : '已拒绝');
      await this.load();
    },
    onOpenProjects() {
      if (!this.orgId) return;
      wechat.navigateTo(withQuery(routes.orgProjects, { orgId: this.orgId })).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
    onScan() {
      if (!this.orgId) return;
      wechat.navigateTo(withQuery(routes.orgScan, { orgId: this.orgId })).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
    async onInvite() {
      if (!this.orgId || this.data.busy) return;
      this.setData({ busy: true });
      const outcome = await call('organization', 'createInvite', { orgId: this.orgId });
      this.setData({ busy: false });
      if (!outcome.ok) {
        wechat.showToast(homeErrorMessage(outcome.error.code, outcome.error.message));
        return;
      }
      this.setData({ invite: toInviteView(outcome.data) });
      wechat.showShareMenu();
    },
    onShareAppMessage() {
      const org = this.data.org;
      return shareOf(org?.name ?? '', this.data.invite) ?? { title: org?.name ?? '志愿+' };
    },
    onOpenJoin() {
      this.setData({ joinOpen: true, joinMessage: '' });
    },
    onJoinMessageInput(e) {
      this.setData({ joinMessage: e.detail.value });
    },
    async onSendJoin() {
      if (!this.orgId || this.data.busy) return;
      const message = this.data.joinMessage.trim();
      this.setData({ busy: true });
      const outcome = await call('organization', 'requestJoin', { orgId: this.orgId, ...(message ? { message } : {}) });
      this.setData({ busy: false });
      if (!outcome.ok) {
        wechat.showToast(joinErrorMessage(outcome.error.code, outcome.error.message));
        return;
      }
      this.setData({ joinOpen: false });
      wechat.showToast('已提交申请，等待管理员审核');
      await this.load();
    },
  },
});
