// 发现: recruiting projects, nearest first when the phone's location is known, soonest first without it; filters
// (sort, category, keyword, 仅看有空位), pages loaded as the list scrolls (a cursor from the server, so nothing repeats).
// Location is asked for only when the person taps to allow it; the list works without it.
// 为你推荐 (project.forYou) sits above the list once there is a location: a few projects chosen for a registered
// volunteer, each with its shift and reasons. It is asked for beside the list, never before it, and whatever it
// answers (not registered, nothing, a failure) the list is the same.
import { routes, withQuery } from '../../domain/routes';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { CATEGORY_LABELS, DEFAULT_FILTERS, emptyText, requestOf, SORTS, toCardView, type CardView, type Filters } from './list-model';
import {
  FOR_YOU_NONE,
  forYouSectionOf,
  stateAfterLocationFailure,
  toDiscoverView,
  type DiscoverView,
  type ForYouSection,
  type LocationState,
} from './view-model';

interface Data {
  view: DiscoverView;
  forYou: ForYouSection;
  filters: Filters;
  sortLabels: string[];
  categoryLabels: readonly string[];
  items: CardView[];
  listStatus: 'loading' | 'ready' | 'error';
  listMessage: string;
  emptyText: string;
  hasMore: boolean;
  loadingMore: boolean;
}

interface DiscoverFields {
  location?: LocationState;
  coordinates?: wechat.Coordinates;
  cursor?: string;
  /** Each reload counts up, so a page answered after a newer reload is dropped. */
  generation?: number;
  /** The same for 为你推荐: an answer for a place left behind is dropped. */
  forYouGeneration?: number;
}

Component<
  Data,
  {},
  {
    onShow(): Promise<void>;
    onLocationAction(): Promise<void>;
    onChoosePlace(): Promise<void>;
    locate(): Promise<void>;
    show(state: LocationState): void;
    reload(): Promise<void>;
    recommend(): Promise<void>;
    onOpenForYou(e: { currentTarget: { dataset: { id?: string; shift?: string } } }): Promise<void>;
    onRegister(): Promise<void>;
    onReachBottom(): Promise<void>;
    onPullDownRefresh(): Promise<void>;
    onSortChange(e: { detail: { value: string } }): Promise<void>;
    onCategoryChange(e: { detail: { value: string } }): Promise<void>;
    onKeywordConfirm(e: { detail: { value: string } }): Promise<void>;
    onPlacesOnlyChange(e: { detail: { value: boolean } }): Promise<void>;
    onOpenProject(e: { currentTarget: { dataset: { id?: string } } }): Promise<void>;
  },
  [],
  DiscoverFields
>({
  data: {
    view: toDiscoverView({ kind: 'checking' }),
    forYou: FOR_YOU_NONE,
    filters: DEFAULT_FILTERS,
    sortLabels: SORTS.map((s) => s.label),
    categoryLabels: CATEGORY_LABELS,
    items: [],
    listStatus: 'loading',
    listMessage: '',
    emptyText: emptyText(DEFAULT_FILTERS),
    hasMore: false,
    loadingMore: false,
  },
  methods: {
    async onShow() {
      // Back on the tab after registering: the invitation line becomes recommendations.
      if (this.location?.kind === 'located') return this.data.forYou.kind === 'invite' ? this.recommend() : undefined;
      const permission = await wechat.getLocationPermission();
      if (permission === 'granted') return this.locate();
      this.show({ kind: permission });
      return this.reload();
    },
    async onLocationAction() {
      const prompt = this.data.view.prompt;
      if (prompt?.action === 'openSetting') {
        const permission = await wechat.openLocationSetting();
        if (permission !== 'granted') return;
      }
      return this.locate();
    },
    async onChoosePlace() {
      try {
        const place = await wechat.chooseLocation();
        this.coordinates = place;
        this.show({ kind: 'located', placeName: place.name || place.address });
        await Promise.all([this.reload(), this.recommend()]);
      } catch {
        // Cancelled: keep the current place.
      }
    },
    async locate() {
      try {
        this.coordinates = await wechat.getLocation();
        this.show({ kind: 'located', placeName: null });
      } catch (err) {
        this.show(stateAfterLocationFailure((err as wechat.PlatformError).errMsg));
      }
      await Promise.all([this.reload(), this.recommend()]);
    },
    show(state) {
      this.location = state;
      this.setData({ view: toDiscoverView(state) });
    },
    async reload() {
      const generation = (this.generation ?? 0) + 1;
      this.generation = generation;
      this.cursor = undefined;
      this.setData({ listStatus: 'loading', items: [], hasMore: false, emptyText: emptyText(this.data.filters) });
      const outcome = await call('project', 'discover', requestOf(this.data.filters, this.coordinates));
      if (generation !== this.generation) return;
      wechat.stopPullDownRefresh();
      if (!outcome.ok) {
        this.setData({ listStatus: 'error', listMessage: outcome.error.message });
        return;
      }
      this.cursor = outcome.data.nextCursor;
      this.setData({ listStatus: 'ready', items: outcome.data.items.map(toCardView), hasMore: this.cursor !== undefined });
    },
    async recommend() {
      const generation = (this.forYouGeneration ?? 0) + 1;
      this.forYouGeneration = generation;
      const at = this.location?.kind === 'located' ? this.coordinates : undefined;
      if (!at) {
        this.setData({ forYou: FOR_YOU_NONE });
        return;
      }
      const outcome = await call('project', 'forYou', { near: { longitude: at.longitude, latitude: at.latitude } });
      if (generation !== this.forYouGeneration) return;
      this.setData({ forYou: forYouSectionOf(outcome) });
    },
    async onReachBottom() {
      if (!this.cursor || this.data.loadingMore) return;
      const generation = this.generation;
      this.setData({ loadingMore: true });
      const outcome = await call('project', 'discover', requestOf(this.data.filters, this.coordinates, this.cursor));
      if (generation !== this.generation) return;
      if (!outcome.ok) {
        this.setData({ loadingMore: false });
        wechat.showToast(outcome.error.message);
        return;
      }
      this.cursor = outcome.data.nextCursor;
      this.setData({ loadingMore: false, items: [...this.data.items, ...outcome.data.items.map(toCardView)], hasMore: this.cursor !== undefined });
    },
    async onPullDownRefresh() {
      await Promise.all([this.reload(), this.recommend()]);
    },
    onSortChange(e) {
      this.setData({ filters: { ...this.data.filters, sortIndex: Number(e.detail.value) } });
      return this.reload();
    },
    onCategoryChange(e) {
      this.setData({ filters: { ...this.data.filters, categoryIndex: Number(e.detail.value) } });
      return this.reload();
    },
    onKeywordConfirm(e) {
      this.setData({ filters: { ...this.data.filters, keyword: e.detail.value } });
      return this.reload();
    },
    onPlacesOnlyChange(e) {
      this.setData({ filters: { ...this.data.filters, placesOnly: e.detail.value } });
      return this.reload();
    },
    async onOpenProject(e) {
      const projectId = e.currentTarget.dataset.id;
      if (projectId) await wechat.navigateTo(withQuery(routes.projectDetail, { projectId }));
    },
    async onOpenForYou(e) {
      const { id: projectId, shift: shiftId } = e.currentTarget.dataset;
      if (projectId) await wechat.navigateTo(withQuery(routes.projectDetail, shiftId ? { projectId, shiftId } : { projectId }));
    },
    async onRegister() {
      await wechat.navigateTo(routes.register);
    },
  },
});
