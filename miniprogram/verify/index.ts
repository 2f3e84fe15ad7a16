// 证明核验 (?scene=<number> from the mini-program code on a certificate, or ?no=<number>): anyone — registered or
// not — types or scans a certificate number and sees whether it is valid, revoked, unknown or not valid, with the
// archived content, the name masked. The answer is the register's (certificate.verify).
import { VERIFY_MESSAGES } from '../domain/messages';
import { call } from '../services/api';
import * as wechat from '../services/wechat';
import { numberFromQuery, numberFromScan, toVerifyView, type VerifyView } from './view-model';

Component<
  { view: VerifyView; number: string; texts: typeof VERIFY_MESSAGES },
  {},
  {
    onLoad(query: Record<string, string | undefined>): Promise<void>;
    onInput(e: WechatMiniprogram.Input): void;
    onVerify(): Promise<void>;
    onScan(): Promise<void>;
    verify(number: string): Promise<void>;
  },
  []
>({
  data: { view: { kind: 'idle' }, number: '', texts: VERIFY_MESSAGES },
  methods: {
    async onLoad(query) {
      const number = numberFromQuery(query);
      if (number) await this.verify(number);
    },
    onInput(e) {
      this.setData({ number: e.detail.value });
    },
    onVerify() {
      return this.verify(this.data.number);
    },
    async onScan() {
      let scan: { result: string; path?: string };
      try {
        scan = await wechat.scanCertificateCode();
      } catch {
        return; // closed the camera: nothing changes
      }
      const number = numberFromScan(scan);
      if (!number) return wechat.showToast(VERIFY_MESSAGES.scanUnrecognised);
      await this.verify(number);
    },
    async verify(number) {
      if (this.data.view.kind === 'checking') return;
      this.setData({ number, view: { kind: 'checking' } });
      const outcome = await call('certificate', 'verify', { number });
      // The number as the register writes it (typed in lower case or with spaces, it is shown normalised).
      const normalised = outcome.ok && 'number' in outcome.data && outcome.data.number ? outcome.data.number : number;
      this.setData({ number: normalised, view: toVerifyView(outcome) });
    },
  },
});
