// 扫码核验 (?orgId=…): an organization admin scans the QR on a volunteer's 志愿服务证 and sees who it belongs to,
// masked; the server checks the signature, the minute and that the caller administers this verified organization.
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { toScanView, type ScanView } from './view-model';

interface Fields {
  orgId?: string;
}

Component<
  { view: ScanView },
  {},
  {
    onLoad(query: Record<string, string | undefined>): void;
    onScan(): Promise<void>;
  },
  [],
  Fields
>({
  data: { view: { kind: 'idle' } },
  methods: {
    onLoad(query) {
      this.orgId = query?.orgId ? decodeURIComponent(query.orgId) : '';
    },
    async onScan() {
      if (!this.orgId || this.data.view.kind === 'checking') return;
      let payload: string;
      try {
        payload = await wechat.scanQrCode();
      } catch {
        return; // closed the camera: nothing changes
      }
      this.setData({ view: { kind: 'checking' } });
      const outcome = await call('volunteer', 'scanCard', { orgId: this.orgId, payload });
      this.setData({ view: toScanView(outcome) });
    },
  },
});
