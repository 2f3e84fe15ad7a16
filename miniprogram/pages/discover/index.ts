// 发现: nearby volunteer projects. Projects are published in a later issue; this page already
// gets the location permission right, which the project list will need.
import * as wechat from '../../services/wechat';
import { stateAfterLocationFailure, toDiscoverView, type DiscoverView, type LocationState } from './view-model';

interface DiscoverFields {
  location?: LocationState;
  coordinates?: wechat.Coordinates;
}

Component<
  { view: DiscoverView },
  {},
  {
    onShow(): Promise<void>;
    onLocationAction(): Promise<void>;
    onChoosePlace(): Promise<void>;
    locate(): Promise<void>;
    show(state: LocationState): void;
  },
  [],
  DiscoverFields
>({
  data: { view: toDiscoverView({ kind: 'checking' }) },
  methods: {
    async onShow() {
      if (this.location?.kind === 'located') return;
      const permission = await wechat.getLocationPermission();
      if (permission === 'granted') return this.locate();
      this.show({ kind: permission });
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
    },
    show(state) {
      this.location = state;
      this.setData({ view: toDiscoverView(state) });
    },
  },
});
