// 签到签退: the volunteer scans the station's QR to check in, and again to check out, sending the phone's location
// (the project's check-in radius; a project without one is not asked for it). Without signal the scan is kept on the phone with its request id and its time,
// and synced when the network returns (wx.onNetworkStatusChange) — counted once however often it is sent.
import type { GeoLocation, SessionView } from '../../../typings/attendance';
import { call } from '../../services/api';
import { subscribePrompt, type SubscribePrompt } from '../../services/subscribe';
import * as wechat from '../../services/wechat';
import { enqueueScan, KEEP_QUEUED, queuedScans, removeScan, type QueuedScan, type TextStorage } from './offline-scans';
import { queuedBanner, queuedText, resultBanner, sessionRow, type Banner, type SessionRow } from './view-model';

const storage: TextStorage = { read: wechat.readStorage, write: wechat.writeStorage };

interface Fields {
  shiftId?: string;
  /** The shift's project checks no location (mySessions said so): scans go without asking for it. */
  locationNotRequired?: boolean;
  listener?: wechat.NetworkListener;
  syncing?: boolean;
  subscribe?: SubscribePrompt;
}

let scanSerial = 0;
const newRequestId = () => `scan-${Date.now().toString(36)}-${(++scanSerial).toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`;

Component<
  { busy: boolean; banner: Banner; sessions: SessionRow[]; queuedText: string },
  {},
  {
    onLoad(query: Record<string, string | undefined>): Promise<void>;
    onShow(): Promise<void>;
    onUnload(): void;
    onCheckIn(): Promise<void>;
    onCheckOut(): Promise<void>;
    scan(action: 'checkIn' | 'checkOut'): Promise<void>;
    send(scan: QueuedScan): Promise<{ ok: true; data: SessionView } | { ok: false; error: { code: string; message: string } }>;
    sync(): Promise<void>;
    loadSessions(): Promise<void>;
  },
  [],
  Fields
>({
  data: { busy: false, banner: null, sessions: [], queuedText: '' },
  methods: {
    onLoad(query) {
      this.shiftId = query?.shiftId ? decodeURIComponent(query.shiftId) : undefined;
      this.listener = ({ isConnected }) => {
        if (isConnected) void this.sync();
      };
      wechat.onNetworkStatusChange(this.listener);
      // The subscription popup needs its template ids before 扫码签到 is tapped (services/subscribe.ts).
      this.subscribe = subscribePrompt('checkin');
      return this.subscribe.load();
    },
    async onShow() {
      this.setData({ queuedText: queuedText(queuedScans(storage).length) });
      await this.sync();
      await this.loadSessions();
    },
    onUnload() {
      if (this.listener) wechat.offNetworkStatusChange(this.listener);
    },
    async onCheckIn() {
      if (this.data.busy) return;
      // Inside the tap, before any await, or WeChat shows no popup; the camera opens once the popup is closed
      // (two of WeChat's own screens at once would clash), whatever the answer.
      await this.subscribe?.ask();
      return this.scan('checkIn');
    },
    onCheckOut() {
      return this.scan('checkOut');
    },
    async scan(action) {
      if (this.data.busy) return;
      let token: string;
      try {
        token = await wechat.scanQrCode();
      } catch {
        return; // closed the camera
      }
      const scannedAt = new Date().toISOString();
      this.setData({ busy: true, banner: null });
      // Without permission the scan goes without a location; the server then says to ask the admin. A project
      // without a check-in radius is never asked for one.
      const location: GeoLocation | undefined = this.locationNotRequired ? undefined : await wechat.getLocation().catch(() => undefined);
      const scan: QueuedScan = { action, token, scannedAt, requestId: newRequestId(), ...(location ? { location } : {}), ...(this.shiftId ? { shiftId: this.shiftId } : {}) };
      const outcome = await this.send({ ...scan, scannedAt: '' });
      if (!outcome.ok && KEEP_QUEUED.has(outcome.error.code)) {
        const queued = enqueueScan(storage, scan);
        this.setData({ busy: false, banner: queuedBanner(queued.length), queuedText: queuedText(queued.length) });
        return;
      }
      this.setData({ busy: false, banner: resultBanner(action, outcome) });
      await this.loadSessions();
    },
    /** An empty scannedAt sends the scan as made now (online); a queued one carries its recorded time. */
    async send(scan) {
      const payload = {
        token: scan.token,
        ...(scan.scannedAt ? { scannedAt: scan.scannedAt } : {}),
        ...(scan.location ? { location: scan.location } : {}),
        ...(scan.shiftId ? { shiftId: scan.shiftId } : {}),
      };
      return call('attendance', scan.action, payload, { intent: { requestId: scan.requestId } });
    },
    async sync() {
      if (this.syncing) return;
      this.syncing = true;
      try {
        let last: Banner = null;
        for (const scan of queuedScans(storage)) {
          const outcome = await this.send(scan);
          if (!outcome.ok && KEEP_QUEUED.has(outcome.error.code)) break;
          removeScan(storage, scan.requestId);
          last = resultBanner(scan.action, outcome);
        }
        const left = queuedScans(storage).length;
        this.setData({ queuedText: queuedText(left), ...(last ? { banner: last } : {}) });
        if (last) await this.loadSessions();
      } finally {
        this.syncing = false;
      }
    },
    async loadSessions() {
      const mine = await call('attendance', 'mySessions', this.shiftId ? { shiftId: this.shiftId } : {});
      if (!mine.ok) return;
      this.locationNotRequired = mine.data.locationRequired === false;
      this.setData({ sessions: mine.data.items.map(sessionRow) });
    },
  },
});
