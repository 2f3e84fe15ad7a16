// 组织主页 (?orgId=…): profile for everyone; members, join requests and admin invitations for its admins;
// 申请加入 for volunteers outside a verified organization. Every action is checked again by the server.
import { routes, withQuery } from '../../domain/routes';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { MAX_JOIN_MESSAGE_LENGTH, approveJoinConfirmation, declineJoinConfirmation } from '../common/join-request';
import {
  MAX_REASON_LENGTH,
  homeErrorMessage,
  shareOf,
  toHomeView,
  toInviteView,
  toJoinRequestRow,
  toMemberRow,
  toRatingsView,
  type HomeView,
  type InviteView,
  type RatingsView,
} from './view-model';
import {
  acceptHandOverConfirmation,
  dissolveConfirmation,
  handOverConfirmation,
  leaveConfirmation,
  toStewardshipView,
  type StewardshipView,
} from './stewardship';

type Dataset = Record<string, string | undefined>;

interface Data {
  status: 'loading' | 'error' | 'ready';
  message: string;
  org: HomeView | null;
  /** 求助评价; null until read (or when it could not be: the rest of the page does not wait for it). */
  ratings: RatingsView | null;
  stewardship: StewardshipView | null;
  invite: InviteView | null;
  decliningId: string;
  declineReason: string;
  maxReason: number;
  joinOpen: boolean;
  joinMessage: string;
  maxJoinMessage: number;
  busy: boolean;
  /** A next page of members or join requests is being read. */
  loadingMore: boolean;
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
    onMoreMembers(): Promise<void>;
    onMoreRequests(): Promise<void>;
    onApprove(e: { currentTarget: { dataset: Dataset } }): Promise<void>;
    onStartDecline(e: { currentTarget: { dataset: Dataset } }): void;
    onDeclineReasonInput(e: { detail: { value: string } }): void;
    onCancelDecline(): void;
    onConfirmDecline(): Promise<void>;
    applicantName(userId: string): string;
    decide(userId: string, decision: 'approve' | 'decline', reason?: string): Promise<void>;
    onInvite(): Promise<void>;
    onScan(): void;
    onOpenProjects(): void;
    onOpenHours(): void;
    onOpenHourEntry(): void;
    onOpenCertificates(): void;
    onOpenHelpOffers(): void;
    onOpenHelpVerify(): void;
    onShareAppMessage(): WechatMiniprogram.Page.ICustomShareContent;
    onOpenJoin(): void;
    onJoinMessageInput(e: { detail: { value: string } }): void;
    onSendJoin(): Promise<void>;
    onResubmit(): void;
    onHandOver(e: { currentTarget: { dataset: Dataset } }): Promise<void>;
    onAcceptHandOver(): Promise<void>;
    onLeave(): Promise<void>;
    onDissolve(): Promise<void>;
  },
  [],
  Fields
>({
  data: {
    status: 'loading',
    message: '',
    org: null,
    ratings: null,
    stewardship: null,
    invite: null,
    decliningId: '',
    declineReason: '',
    maxReason: MAX_REASON_LENGTH,
    joinOpen: false,
    joinMessage: '',
    maxJoinMessage: MAX_JOIN_MESSAGE_LENGTH,
    busy: false,
    loadingMore: false,
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
      const [outcome, ratings] = await Promise.all([call('organization', 'get', { orgId: this.orgId }), call('help', 'orgRatings', { orgId: this.orgId })]);
      if (ratings.ok) this.setData({ ratings: toRatingsView(ratings.data) });
      if (!outcome.ok) {
        this.setData({ status: 'error', message: outcome.error.code === 'NOT_FOUND' ? '没有找到这个组织' : outcome.error.message });
        return;
      }
      this.setData({ status: 'ready', org: toHomeView(outcome.data), stewardship: toStewardshipView(outcome.data) });
    },
    onResubmit() {
      if (!this.orgId) return;
      wechat.navigateTo(withQuery(routes.orgRegister, { orgId: this.orgId })).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
    async onHandOver(e) {
      const member = this.data.stewardship?.candidates.find((c) => c.userId === e.currentTarget.dataset.id);
      if (!this.orgId || !member || this.data.busy) return;
      if (!(await wechat.confirm(handOverConfirmation(this.data.org?.name ?? '', member.name)))) return;
      this.setData({ busy: true });
      const outcome = await call('organization', 'handOver', { orgId: this.orgId, userId: member.userId });
      this.setData({ busy: false });
      wechat.showToast(outcome.ok ? `已发出，等待${member.name}接受` : outcome.error.message);
      if (outcome.ok) await this.load();
    },
    async onAcceptHandOver() {
      if (!this.orgId || this.data.busy) return;
      if (!(await wechat.confirm(acceptHandOverConfirmation(this.data.org?.name ?? '')))) return;
      this.setData({ busy: true });
      const outcome = await call('organization', 'acceptHandOver', { orgId: this.orgId });
      this.setData({ busy: false });
      wechat.showToast(outcome.ok ? '你已成为管理员' : outcome.error.message);
      await this.load();
    },
    async onLeave() {
      if (!this.orgId || this.data.busy) return;
      if (!(await wechat.confirm(leaveConfirmation(this.data.org?.name ?? '')))) return;
      this.setData({ busy: true });
      const outcome = await call('organization', 'leave', { orgId: this.orgId });
      this.setData({ busy: false });
      wechat.showToast(outcome.ok ? '已退出' : outcome.error.message);
      if (outcome.ok) await this.load();
    },
    async onDissolve() {
      if (!this.orgId || this.data.busy) return;
      if (!(await wechat.confirm(dissolveConfirmation(this.data.org?.name ?? '')))) return;
      this.setData({ busy: true });
      const outcome = await call('organization', 'dissolve', { orgId: this.orgId });
      this.setData({ busy: false });
      wechat.showToast(outcome.ok ? '组织已解散' : outcome.error.message);
      if (outcome.ok) await this.load();
    },
    async onMoreMembers() {
      const org = this.data.org;
      if (!org?.membersNext || this.data.loadingMore) return;
      this.setData({ loadingMore: true });
      const outcome = await call('organization', 'members', { orgId: org.orgId, after: org.membersNext });
      this.setData({ loadingMore: false });
      if (!outcome.ok) {
        wechat.showToast(homeErrorMessage(outcome.error.code, outcome.error.message));
        return;
      }
      this.setData({ 'org.members': [...org.members, ...outcome.data.members.map(toMemberRow)], 'org.membersNext': outcome.data.next ?? '' });
    },
    async onMoreRequests() {
      const org = this.data.org;
      if (!org?.joinRequestsNext || this.data.loadingMore) return;
      this.setData({ loadingMore: true });
      const outcome = await call('organization', 'joinRequests', { orgId: org.orgId, after: org.joinRequestsNext });
      this.setData({ loadingMore: false });
      if (!outcome.ok) {
        wechat.showToast(homeErrorMessage(outcome.error.code, outcome.error.message));
        return;
      }
      this.setData({ 'org.joinRequests': [...org.joinRequests, ...outcome.data.joinRequests.map(toJoinRequestRow)], 'org.joinRequestsNext': outcome.data.next ?? '' });
    },
    async onApprove(e) {
      const userId = e.currentTarget.dataset.id;
      if (!userId || this.data.busy) return;
      if (!(await wechat.confirm(approveJoinConfirmation(this.applicantName(userId))))) return;
      await this.decide(userId, 'approve');
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
    async onConfirmDecline() {
      const userId = this.data.decliningId;
      if (!userId || this.data.busy) return;
      const reason = this.data.declineReason.trim();
      if (!(await wechat.confirm(declineJoinConfirmation(this.applicantName(userId), reason)))) return;
      await this.decide(userId, 'decline', reason || undefined);
    },
    applicantName(userId) {
      return this.data.org?.joinRequests.find((r) => r.userId === userId)?.name ?? '该志愿者';
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
    onOpenHours() {
      if (!this.orgId) return;
      wechat.navigateTo(withQuery(routes.orgHours, { orgId: this.orgId })).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
    onOpenHourEntry() {
      if (!this.orgId) return;
      wechat.navigateTo(withQuery(routes.orgHourEntry, { orgId: this.orgId })).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
    onOpenCertificates() {
      if (!this.orgId) return;
      wechat.navigateTo(withQuery(routes.orgCertificates, { orgId: this.orgId })).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
    onOpenHelpOffers() {
      if (!this.orgId) return;
      wechat.navigateTo(withQuery(routes.helpOffers, { orgId: this.orgId })).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
    onOpenHelpVerify() {
      if (!this.orgId) return;
      wechat.navigateTo(withQuery(routes.helpVerify, { orgId: this.orgId })).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
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
        wechat.showToast(outcome.error.message);
        return;
      }
      this.setData({ joinOpen: false });
      wechat.showToast('已提交申请，等待管理员审核');
      await this.load();
    },
  },
});
