// 签到站 (?shiftId=…): an admin opens the check-in station for a shift; the phone then shows a QR that changes every
// step (10 s), made here from the station key the server gave — without a network too, for the rest of the day.
// The station is kept in wx storage so a restart without signal shows it again. The screen stays bright and on.
import type { OpenStationResponse } from '../../../typings/attendance';
import { routes, withQuery } from '../../domain/routes';
import { call } from '../../services/api';
import { phoneHmac, qrImage } from '../../services/station-code';
import * as wechat from '../../services/wechat';
import { msToNextStep, stationStorageKey, stationView, usable, type StationView } from './view-model';

interface Fields {
  shiftId?: string;
  station?: OpenStationResponse;
  offline?: boolean;
  timer?: ReturnType<typeof setTimeout>;
  visible?: boolean;
  brightness?: number;
}

function storedStation(shiftId: string): OpenStationResponse | undefined {
  const text = wechat.readStorage(stationStorageKey(shiftId));
  if (!text) return undefined;
  try {
    return JSON.parse(text) as OpenStationResponse;
  } catch {
    return undefined;
  }
}

Component<
  { view: StationView },
  {},
  {
    onLoad(query: Record<string, string | undefined>): void;
    onShow(): Promise<void>;
    onHide(): void;
    onUnload(): void;
    open(): Promise<void>;
    draw(): void;
    stop(): void;
    onDashboard(): void;
  },
  [],
  Fields
>({
  data: { view: { kind: 'loading' } },
  lifetimes: {
    detached() {
      this.stop();
    },
  },
  methods: {
    onLoad(query) {
      this.shiftId = query?.shiftId ? decodeURIComponent(query.shiftId) : '';
    },
    async onShow() {
      this.visible = true;
      if (this.brightness === undefined) this.brightness = await wechat.getScreenBrightness();
      void wechat.setScreenBrightness(1);
      wechat.setKeepScreenOn(true);
      await this.open();
      this.draw();
    },
    onHide() {
      this.visible = false;
      this.stop();
      if (this.brightness !== undefined) void wechat.setScreenBrightness(this.brightness);
      this.brightness = undefined;
      wechat.setKeepScreenOn(false);
    },
    onUnload() {
      this.onHide();
    },
    async open() {
      if (!this.shiftId) return this.setData({ view: { kind: 'error', message: '缺少班次信息，请从签到看板打开签到站' } });
      const opened = await call('attendance', 'openStation', { shiftId: this.shiftId });
      if (opened.ok) {
        this.station = opened.data;
        this.offline = false;
        wechat.writeStorage(stationStorageKey(this.shiftId), JSON.stringify(opened.data));
        return;
      }
      const kept = storedStation(this.shiftId);
      if (opened.error.code === 'NETWORK' && kept && usable(kept, Date.now())) {
        this.station = kept;
        this.offline = true;
        return;
      }
      this.station = undefined;
      this.setData({ view: { kind: 'error', message: opened.error.message } });
    },
    draw() {
      this.stop();
      if (!this.station || !this.visible) return;
      const now = Date.now();
      this.setData({ view: stationView(this.station, now, this.offline === true, phoneHmac, qrImage) });
      if (this.data.view.kind === 'showing') this.timer = setTimeout(() => this.draw(), msToNextStep(now));
    },
    stop() {
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = undefined;
    },
    onDashboard() {
      wechat.navigateTo(withQuery(routes.orgAttendance, { shiftId: this.shiftId ?? '' })).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
  },
});
