// 切换演示身份 (local mode only): whom the emulator's gateway takes the developer for. Outside local mode the page says
// so and changes nothing: the identity is only a header the local gateway trusts, and cloud mode has none.
import { routes } from '../../domain/routes';
import { devOpenid, setDevOpenid } from '../../services/api';
import { activeConfig } from '../../services/runtime-config';
import * as wechat from '../../services/wechat';
import { DEMO_IDENTITIES, type DemoIdentity } from './identities';

interface Data {
  local: boolean;
  gateway: string;
  current: string;
  identities: Array<DemoIdentity & { selected: boolean }>;
}

Component<Data, {}, { onLoad(): void; show(): void; onPick(e: { currentTarget: { dataset: { openid?: string } } }): void }, []>({
  data: { local: false, gateway: '', current: '', identities: [] },
  methods: {
    onLoad() {
      this.show();
    },
    show() {
      const config = activeConfig();
      const current = devOpenid();
      this.setData({
        local: config.mode === 'local',
        gateway: config.localGateway,
        current,
        identities: DEMO_IDENTITIES.map((i) => ({ ...i, selected: i.openid === current })),
      });
    },
    onPick(e) {
      const openid = e.currentTarget.dataset.openid;
      if (!this.data.local || !openid || openid === this.data.current) return;
      setDevOpenid(openid);
      // Every page starts again as the new person: 我的 reads the session afresh.
      wechat.reLaunch(routes.me).catch(() => this.show());
    },
  },
});
