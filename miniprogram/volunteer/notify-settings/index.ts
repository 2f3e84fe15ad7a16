// 消息设置 (from 消息): which kinds reach me on WeChat, quiet hours, new-project recommendations, and whether I follow
// the 志愿+ official account. A change shows at once and is saved on its own; a refused or failed save puts back what
// the server last confirmed. Rules and texts: ./view-model.ts.
import type { NotificationKind } from '../../../typings/inbox';
import type { PreferencesResponse, SavePreferencesRequest } from '../../../typings/notify';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { applyChange, hiddenOffKinds, loadingSettingsView, refusalText, toSettingsView, type SettingsChange, type SettingsView } from './view-model';
import { NEEDS_PLACE, applyWillingChange, toWillingSection, willingFormOf, willingRequestOf, type WillingChange, type WillingForm, type WillingSection } from './willing';

interface SwitchEvent {
  currentTarget: { dataset: { kind?: NotificationKind; field?: string } };
  detail: { value: boolean | string };
}

interface Fields {
  /** What the server last answered: a failed save goes back to it. */
  confirmed?: PreferencesResponse;
  /** Only the latest save's answer sets the page (a quick second change overlaps the first). */
  latestSave?: number;
  /** 紧急求助: what the server last answered, and the form as the person left it. */
  willingConfirmed?: WillingForm;
  willingForm?: WillingForm;
  latestWillingSave?: number;
}

Component<
  { view: SettingsView; willing: WillingSection | null },
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
    loadWilling(): Promise<void>;
    onToggleWilling(e: SwitchEvent): Promise<void>;
    onChooseNear(): Promise<void>;
    onRadius(e: { detail: { value: number } }): Promise<void>;
    chooseNear(): Promise<WillingChange | undefined>;
    changeWilling(change: WillingChange): Promise<void>;
  },
  [],
  Fields
>({
  data: { view: loadingSettingsView, willing: null },
  methods: {
    onLoad() {
      return this.load();
    },
    onRetry() {
      this.setData({ view: loadingSettingsView });
      return this.load();
    },
    async load() {
      const preferences = call('notify', 'preferences', {});
      void this.loadWilling();
      const outcome = await preferences;
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
    async loadWilling() {
      const outcome = await call('help', 'willing', {});
      if (!outcome.ok) return; // the section waits for the next visit; the rest of the page does not depend on it
      this.willingConfirmed = willingFormOf(outcome.data);
      this.willingForm = this.willingConfirmed;
      this.setData({ willing: toWillingSection(this.willingForm) });
    },
    async onToggleWilling(e) {
      const on = e.detail.value === true;
      // Turning it on asks where I usually am first, when that is not known yet.
      if (!this.willingForm) return;
      if (on && !this.willingForm.near) {
        const near = await this.chooseNear();
        if (!near) {
          this.setData({ willing: toWillingSection({ ...this.willingForm, willing: false, error: NEEDS_PLACE }) });
          return;
        }
        this.willingForm = applyWillingChange(this.willingForm, near);
      }
      await this.changeWilling({ field: 'willing', on });
    },
    async onChooseNear() {
      const near = await this.chooseNear();
      if (near) await this.changeWilling(near);
    },
    async chooseNear() {
      try {
        const place = await wechat.chooseLocation();
        return { field: 'near', near: { longitude: place.longitude, latitude: place.latitude }, name: place.name || place.address };
      } catch {
        return undefined; // closed without choosing
      }
    },
    onRadius(e) {
      return this.changeWilling({ field: 'radius', km: Number(e.detail.value) });
    },
    async changeWilling(change) {
      if (!this.willingForm) return;
      const form = applyWillingChange(this.willingForm, change);
      this.willingForm = form;
      this.setData({ willing: toWillingSection(form) });
      const checked = willingRequestOf(form);
      if (!checked.ok) {
        this.setData({ willing: toWillingSection({ ...form, error: checked.message }) });
        return;
      }
      // Off stays off: a new place or radius is kept for when it is turned on, and saved then.
      if (change.field !== 'willing' && !form.willing) return;
      const serial = (this.latestWillingSave ?? 0) + 1;
      this.latestWillingSave = serial;
      const outcome = await call('help', 'setWilling', checked.request);
      if (outcome.ok) this.willingConfirmed = willingFormOf(outcome.data, form.nearName);
      if (serial !== this.latestWillingSave) return;
      if (outcome.ok) {
        // Off, the server forgets the place; the page keeps it, so turning it on again needs no new pick.
        this.willingForm = outcome.data.willing ? this.willingConfirmed! : { ...form, willing: false };
        this.setData({ willing: toWillingSection(this.willingForm) });
        return;
      }
      this.willingForm = { ...(this.willingConfirmed ?? form), error: outcome.error.message };
      this.setData({ willing: toWillingSection(this.willingForm) });
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
