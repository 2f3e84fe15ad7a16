// 管理员邀请: someone shared an organization's admin invitation; accepting makes the caller an admin of it.
import { routes, withQuery } from '../../domain/routes';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { codeFromQuery, validUntilText } from './view-model';

interface Data {
  code: string;
  state: 'loading' | 'ready' | 'accepting' | 'accepted' | 'failed';
  message: string;
  orgName: string;
  orgId: string;
  /** 福建省 福州市 鼓楼区, and until when the invitation can be accepted. */
  orgRegion: string;
  validUntilText: string;
  needsRegistration: boolean;
}

Component<
  Data,
  {},
  {
    onLoad(query: Record<string, string | undefined>): Promise<void>;
    onAccept(): Promise<void>;
    onOpenOrg(): void;
    onRegister(): void;
    onHome(): void;
  },
  [],
  {}
>({
  data: { code: '', state: 'loading', message: '', orgName: '', orgId: '', orgRegion: '', validUntilText: '', needsRegistration: false },
  methods: {
    async onLoad(query) {
      const code = codeFromQuery(query);
      if (code === '') {
        this.setData({ state: 'failed', message: '邀请链接不完整，请向管理员重新索取' });
        return;
      }
      this.setData({ code });
      // Show who invites before anyone accepts (or has to register first).
      const info = await call('organization', 'inviteInfo', { code });
      if (!info.ok) {
        this.setData({ state: 'failed', message: info.error.message });
        return;
      }
      this.setData({
        state: info.data.state === 'mine' ? 'accepted' : 'ready',
        orgId: info.data.orgId,
        orgName: info.data.name,
        orgRegion: info.data.regionNames.join(' '),
        validUntilText: validUntilText(info.data.validUntil),
      });
    },
    async onAccept() {
      if (this.data.state === 'accepting' || !this.data.code) return;
      this.setData({ state: 'accepting' });
      const outcome = await call('organization', 'acceptInvite', { code: this.data.code });
      if (!outcome.ok) {
        this.setData({
          state: 'failed',
          message: outcome.error.message,
          needsRegistration: outcome.error.code === 'NOT_REGISTERED',
        });
        return;
      }
      this.setData({ state: 'accepted', orgName: outcome.data.name, orgId: outcome.data.orgId });
    },
    onOpenOrg() {
      wechat.redirectTo(withQuery(routes.orgHome, { orgId: this.data.orgId })).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
    onRegister() {
      wechat.navigateTo(routes.register).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
    onHome() {
      wechat.switchTab(routes.me).catch(() => undefined);
    },
  },
});
