// 消息设置 (from 消息): which kinds reach me on WeChat, quiet hours, new-project recommendations, and whether I follow
// the 志愿+ official account. A change shows at once and is saved on its own; a refused or failed save puts back what
// the server last confirmed. Rules and texts: ./view-model.ts.
import type { NotificationKind } from '../../../typings/inbox';
import type { PreferencesResponse, SavePreferencesRequest } from '../../../typings/notify';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { applyChange, hiddenOffKinds, loadingSettingsView, refusalText, toSettingsView, type SettingsChange, type SettingsView } from './view-model';

interface SwitchEvent {
  currentTarget: { dataset: { kind?: NotificationKind; field?: string } };
  detail: { value: boolean | string };
}

interface Fields {
  /** What the server last answered: a failed save goes back to it. */
  confirmed?: PreferencesResponse;
  /** Only the latest save's answer sets the page (a quick second change overlaps the first). */
  latestSave?: number;
}

Component<
  { view: SettingsView },
  {},
  {
    onLoad(): Promise<void>;
    onRetry(): Promise<void>;
    load(): Promise<void>;
    onToggleKind(e: SwitchEvent): Promise<void>;
    onToggleQuiet(e: SwitchEvent): Promise<void>;
    onPickQuiet(e: SwitchEvent): Promise<void>;
    onToggleRecommendations(e: SwitchEvent): Promise<void>;
    change(change: SettingsChange): Promise<void>;
    save(request: SavePreferencesRequest): Promise<void>;
  },
  [],
  Fields
>({
  data: { view: loadingSettingsView },
  methods: {
    onLoad() {
      return this.load();
    },
    onRetry() {
      this.setData({ view: loadingSettingsView });
      return this.load();
    },
    async load() {
      const outcome = await call('notify', 'preferences', {});
      if (!outcome.ok) {
        this.setData({ view: { ...loadingSettingsView, status: 'error', message: outcome.error.message } });
        return;
      }
      this.confirmed = outcome.data;
      this.setData({ view: toSettingsView(outcome.data) });
    },
    onToggleKind(e) {
      const kind = e.currentTarget.dataset.kind;
      if (!kind) return Promise.resolve();
      return this.change({ field: 'kind', kind, on: e.detail.value === true });
    },
    onToggleQuiet(e) {
      return this.change({ field: 'quietOn', on: e.detail.value === true });
    },
    onPickQuiet(e) {
      const field = e.currentTarget.dataset.field === 'end' ? 'quietEnd' : 'quietStart';
      return this.change({ field, time: String(e.detail.value) });
    },
    onToggleRecommendations(e) {
      return this.change({ field: 'recommendations', on: e.detail.value === true });
    },
    async change(change) {
      const { view } = this.data;
      if (view.status !== 'ready' || !this.confirmed) return;
      const next = applyChange(view, change, hiddenOffKinds(this.confirmed.preferences, view));
      this.setData({ view: next.view });
      if (next.save) await this.save(next.save);
    },
    async save(request) {
      const serial = (this.latestSave ?? 0) + 1;
      this.latestSave = serial;
      const outcome = await call('notify', 'savePreferences', request);
      if (outcome.ok) this.confirmed = outcome.data;
      if (serial !== this.latestSave) return; // a later save is under way and carries the page from here
      if (outcome.ok) {
        this.setData({ view: toSettingsView(outcome.data, this.data.view.quiet) });
        return;
      }
      const refusal = refusalText(outcome.error.code, outcome.error.message);
      const restored = this.confirmed ? toSettingsView(this.confirmed, this.data.view.quiet) : this.data.view;
      if ('quietError' in refusal) this.setData({ view: { ...restored, quiet: { ...restored.quiet, error: refusal.quietError } } });
      else {
        this.setData({ view: restored });
        wechat.showToast(refusal.toast);
      }
    },
  },
});
