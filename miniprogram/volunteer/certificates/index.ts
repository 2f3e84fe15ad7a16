// 证明 (from 我的时长): the organizations that recorded confirmed hours for me, who issues for each, 申请证明 for all
// records or a chosen period, the answer (issued → the certificate's page; reviewing; refused with the reason), and
// 我的证明 with each certificate's state. Free: nothing here costs anything. Rules and texts: ./view-model.ts.
import { formatDate, shanghaiDate } from '../../domain/calendar';
import { certificateDetailPath, routes } from '../../domain/routes';
import { call } from '../../services/api';
import { subscribePrompt, type SubscribePrompt } from '../../services/subscribe';
import * as wechat from '../../services/wechat';
import { askFormFor, askOutcome, loadingCertificatesView, SCOPE_LABELS, scopeOf, toCertificatesView, withMoreCertificates, type AskForm, type AskOutcome, type CertificatesView } from './view-model';

interface TapEvent {
  currentTarget: { dataset: { id?: string; field?: string } };
}
interface PickEvent extends TapEvent {
  detail: { value: string | number };
}

Component<
  { view: CertificatesView; form: AskForm | null; outcome: AskOutcome | null; scopeLabels: string[]; loadingMore: boolean },
  {},
  {
    onLoad(): Promise<void>;
    onShow(): Promise<void>;
    onReachBottom(): Promise<void>;
    onRetry(): Promise<void>;
    load(): Promise<void>;
    onAsk(e: TapEvent): void;
    onPick(e: PickEvent): void;
    onCancel(): void;
    onSubmit(): Promise<void>;
    onOpenCertificate(e: TapEvent): void;
    onRegister(): void;
  },
  [],
  { latestRequest?: number; subscribe?: SubscribePrompt }
>({
  data: { view: loadingCertificatesView, form: null, outcome: null, scopeLabels: SCOPE_LABELS, loadingMore: false },
  methods: {
    onLoad() {
      // The subscription popup needs its template ids before 提交申请 is tapped (services/subscribe.ts).
      this.subscribe = subscribePrompt('certificate');
      return this.subscribe.load();
    },
    onShow() {
      return this.load();
    },
    async load() {
      // Only the latest load may set the view (returning from a certificate's page overlaps them).
      const request = (this.latestRequest ?? 0) + 1;
      this.latestRequest = request;
      const [issuable, mine] = await Promise.all([call('certificate', 'issuable', {}), call('certificate', 'mine', {})]);
      if (request !== this.latestRequest) return;
      this.setData({ view: toCertificatesView(issuable, mine) });
    },
    async onReachBottom() {
      const { view, loadingMore } = this.data;
      if (view.status !== 'ready' || !view.nextCursor || loadingMore) return;
      this.setData({ loadingMore: true });
      const more = await call('certificate', 'mine', { cursor: view.nextCursor });
      if (!more.ok) {
        this.setData({ loadingMore: false });
        wechat.showToast(more.error.message);
        return;
      }
      this.setData({ view: withMoreCertificates(this.data.view, more.data), loadingMore: false });
    },
    onRetry() {
      this.setData({ view: loadingCertificatesView });
      return this.load();
    },
    onAsk(e) {
      const row = this.data.view.orgs.find((o) => o.orgId === e.currentTarget.dataset.id);
      if (row) this.setData({ form: askFormFor(row, formatDate(shanghaiDate(new Date()))), outcome: null });
    },
    onPick(e) {
      const { form } = this.data;
      const field = e.currentTarget.dataset.field;
      if (!form || !field) return;
      if (field === 'scopeIndex') this.setData({ form: { ...form, scopeIndex: Number(e.detail.value), error: '' } });
      else if (field === 'from' || field === 'to') this.setData({ form: { ...form, [field]: String(e.detail.value), error: '' } });
    },
    onCancel() {
      this.setData({ form: null });
    },
    async onSubmit() {
      const { form } = this.data;
      if (!form || form.sending) return;
      // Inside the tap, before any await, or WeChat shows no popup; the request goes on whatever the answer.
      void this.subscribe?.ask();
      this.setData({ form: { ...form, sending: true, error: '' } });
      const answer = await call('certificate', 'request', { orgId: form.orgId, scope: scopeOf(form) });
      const outcome = askOutcome(answer);
      if (outcome.kind === 'refused') {
        this.setData({ form: { ...form, sending: false, error: outcome.text } });
        return;
      }
      this.setData({ form: null, outcome });
      await this.load();
    },
    onOpenCertificate(e) {
      const certificateId = e.currentTarget.dataset.id;
      if (certificateId) wechat.navigateTo(certificateDetailPath(certificateId)).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
    onRegister() {
      wechat.navigateTo(routes.register).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
  },
});
