// 身边的求助 (?regionCode= a county to open with): verified needs of a region, without contact or requester; a need
// shows here only once verified (the server lists nothing else). The region starts as the person's registration
// county and can be changed, or widened to the whole city. Texts: ./view-model.ts.
import { routes } from '../../domain/routes';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { listedCode, regionText, toPublicView, type PublicView, type RegionChoice } from './view-model';

interface Data {
  view: PublicView;
  region: RegionChoice | null;
  regionLabel: string;
}

interface Fields {
  /** Only the latest list request may set the page (a quick change of region overlaps the first). */
  latest?: number;
}

Component<
  Data,
  {},
  {
    onLoad(query: Record<string, string | undefined>): Promise<void>;
    onPullDownRefresh(): Promise<void>;
    list(): Promise<void>;
    choose(region: RegionChoice): Promise<void>;
    onRegion(e: { detail: { value: string[]; code: string[] } }): Promise<void>;
    onWholeCity(e: { detail: { value: boolean } }): Promise<void>;
    onSubmitNeed(): void;
  },
  [],
  Fields
>({
  data: { view: { status: 'loading' }, region: null, regionLabel: '' },
  methods: {
    async onLoad(query) {
      const code = query?.regionCode ? decodeURIComponent(query.regionCode) : '';
      if (/^\d{6}$/.test(code)) return this.choose({ countyCode: code, names: [], wholeCity: false });
      // Registered: their own county; anyone else picks one.
      const profile = await call('volunteer', 'profile', {});
      if (profile.ok && /^\d{6}$/.test(profile.data.regionCode)) return this.choose({ countyCode: profile.data.regionCode, names: [...profile.data.regionNames], wholeCity: false });
      this.setData({ view: { status: 'choose' } });
    },
    async onPullDownRefresh() {
      await this.list();
      wechat.stopPullDownRefresh();
    },
    choose(region) {
      this.setData({ region, regionLabel: regionText(region) });
      return this.list();
    },
    async list() {
      const region = this.data.region;
      if (!region) return;
      const serial = (this.latest ?? 0) + 1;
      this.latest = serial;
      this.setData({ view: { status: 'loading' } });
      const outcome = await call('help', 'publicList', { regionCode: listedCode(region) });
      if (serial !== this.latest) return;
      if (!outcome.ok) {
        this.setData({ view: { status: 'error', message: outcome.error.message } });
        return;
      }
      // Opened with a code only (a link): the county's names come with its needs.
      const named = region.names.length === 0 && !region.wholeCity && outcome.data.items[0] ? { ...region, names: [...outcome.data.items[0].regionNames] } : region;
      this.setData({ region: named, regionLabel: regionText(named), view: toPublicView(outcome.data.items, named) });
    },
    onRegion(e) {
      const codes = e.detail.code ?? [];
      const countyCode = codes[codes.length - 1] ?? '';
      if (!/^\d{6}$/.test(countyCode)) return Promise.resolve();
      return this.choose({ countyCode, names: [...(e.detail.value ?? [])], wholeCity: this.data.region?.wholeCity ?? false });
    },
    onWholeCity(e) {
      const region = this.data.region;
      if (!region) return Promise.resolve();
      return this.choose({ ...region, wholeCity: e.detail.value === true });
    },
    onSubmitNeed() {
      wechat.navigateTo(routes.helpSubmit).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
  },
});
