// 签到看板 (?shiftId=…): for the organization's admins on the day — expected, on site, checked out, missing, one row
// per person; 标记未到 for someone expected who never came (the sign-up's no-show rule); 扫证签到 / 扫证签退 scans a
// volunteer's card (for crowds, or someone without location); 打开签到站 shows the station's QR.
import type { AdminCheckResponse, CheckIntent } from '../../../typings/attendance';
import { routes, withQuery } from '../../domain/routes';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { boardView, type BoardView } from './view-model';

type Notice = { kind: 'ok' | 'refused'; text: string } | null;

interface Fields {
  shiftId?: string;
}

const cardNotice = (intent: CheckIntent, r: AdminCheckResponse): Notice => ({
  kind: 'ok',
  text: `${r.nameMasked}（${r.volunteerNo}）${intent === 'checkIn' ? '签到成功' : '签退成功'}`,
});

Component<
  { view: BoardView; notice: Notice; busy: boolean },
  {},
  {
    onLoad(query: Record<string, string | undefined>): void;
    onShow(): Promise<void>;
    load(): Promise<void>;
    onCardCheckIn(): Promise<void>;
    onCardCheckOut(): Promise<void>;
    cardCheck(intent: CheckIntent): Promise<void>;
    onMarkAbsent(e: { currentTarget: { dataset: { signupId?: string; name?: string } } }): Promise<void>;
    onOpenStation(): void;
  },
  [],
  Fields
>({
  data: { view: { kind: 'loading' }, notice: null, busy: false },
  methods: {
    onLoad(query) {
      this.shiftId = query?.shiftId ? decodeURIComponent(query.shiftId) : '';
    },
    onShow() {
      return this.load();
    },
    async load() {
      const board = await call('attendance', 'dashboard', { shiftId: this.shiftId ?? '' });
      this.setData({ view: board.ok ? boardView(board.data) : { kind: 'error', message: board.error.message } });
    },
    onCardCheckIn() {
      return this.cardCheck('checkIn');
    },
    onCardCheckOut() {
      return this.cardCheck('checkOut');
    },
    async cardCheck(intent) {
      if (this.data.busy) return;
      let cardPayload: string;
      try {
        cardPayload = await wechat.scanQrCode();
      } catch {
        return;
      }
      this.setData({ busy: true });
      const res = await call('attendance', 'cardCheck', { shiftId: this.shiftId ?? '', cardPayload, intent });
      this.setData({ busy: false, notice: res.ok ? cardNotice(intent, res.data) : { kind: 'refused', text: res.error.message } });
      await this.load();
    },
    async onMarkAbsent(e) {
      const { signupId, name } = e.currentTarget.dataset;
      if (!signupId) return;
      const sure = await wechat.confirm({ title: '标记未到', content: `确认 ${name ?? ''} 没有到场？未到记录会计入本组织的爽约规则。`, confirmText: '标记' });
      if (!sure) return;
      const res = await call('attendance', 'markAbsent', { signupId });
      this.setData({ notice: res.ok ? { kind: 'ok', text: `已将 ${res.data.name} 标记为未到` } : { kind: 'refused', text: res.error.message } });
      await this.load();
    },
    onOpenStation() {
      wechat.navigateTo(withQuery(routes.orgStation, { shiftId: this.shiftId ?? '' })).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
  },
});
