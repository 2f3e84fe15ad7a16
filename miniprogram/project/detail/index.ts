// 项目详情 (?projectId=…, or ?scene=… from a poster's mini-program code): shifts with places left, the place on
// WeChat's map, the organization, conditions, risk, who is going, and sharing to chats and 朋友圈. Opened from a
// card in a group chat, it tells the server which group (attributeGroup) so a sign-up can be credited to it; the page
// never waits for that, and sharing never relies on a success callback (WeChat no longer gives one). 我要报名 stays in
// a bar at the bottom; a shift I hold a confirmed place in offers 添加到日历 (my sign-ups come with project.get, so the
// first render is one call).
import { routes, withQuery } from '../../domain/routes';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import type { ProjectDetail } from '../../../typings/project-actions';
import { calendarEventOf, entryOf, shareCardOf, timelineOf, toDetailView, type DetailView } from './view-model';

interface Data {
  status: 'loading' | 'error' | 'ready';
  message: string;
  view: DetailView | null;
}

interface Fields {
  projectId?: string;
  /** The shift a recommendation (发现's 为你推荐) chose: 我要报名 opens the sign-up page with it selected. */
  preferredShiftId?: string;
  location?: { latitude: number; longitude: number; name: string; address: string };
  /** The group attribution under way; the page never waits for it. */
  attribution?: Promise<void>;
  detail?: ProjectDetail;
}

Component<
  Data,
  {},
  {
    onLoad(query: Record<string, string | undefined>): Promise<void>;
    load(): Promise<void>;
    attributeGroup(): Promise<void>;
    onOpenMap(): Promise<void>;
    onOpenOrg(): Promise<void>;
    onSignUp(): Promise<void>;
    onAddToCalendar(e: { currentTarget: { dataset: { id?: string } } }): Promise<void>;
    onSuggest(e: { currentTarget: { dataset: { id?: string } } }): Promise<void>;
    onSeries(e: { currentTarget: { dataset: { id?: string } } }): Promise<void>;
    onShareAppMessage(): WechatMiniprogram.Page.ICustomShareContent;
    onShareTimeline(): WechatMiniprogram.Page.ICustomTimelineContent;
  },
  [],
  Fields
>({
  data: { status: 'loading', message: '', view: null },
  methods: {
    async onLoad(query) {
      wechat.showShareMenuWithTimeline();
      const entry = entryOf(query);
      if (!entry) {
        this.setData({ status: 'error', message: '链接不完整，没有指明项目' });
        return;
      }
      if ('scene' in entry) {
        const resolved = await call('project', 'resolveScene', { scene: entry.scene });
        if (!resolved.ok) {
          this.setData({ status: 'error', message: resolved.error.message });
          return;
        }
        this.projectId = resolved.data.projectId;
      } else {
        this.projectId = entry.projectId;
        if (query.shiftId) this.preferredShiftId = decodeURIComponent(query.shiftId);
      }
      await this.load();
      this.attribution = this.attributeGroup();
    },
    async load() {
      const outcome = await call('project', 'get', { projectId: this.projectId ?? '' });
      if (!outcome.ok) {
        this.setData({ status: 'error', message: outcome.error.message });
        return;
      }
      const d = outcome.data;
      this.detail = d;
      this.location = { latitude: d.place.latitude, longitude: d.place.longitude, name: d.place.name ?? d.title, address: d.place.address };
      this.setData({ status: 'ready', view: toDetailView(d) });
    },
    async attributeGroup() {
      const cloudID = await wechat.groupEnterCloudId();
      // A group that cannot be identified changes nothing for the visitor.
      if (cloudID && this.projectId) await call('project', 'attributeGroup', { projectId: this.projectId, cloudID });
    },
    async onOpenMap() {
      if (!this.location) return;
      try {
        await wechat.openLocation(this.location);
      } catch {
        wechat.showToast('无法打开地图');
      }
    },
    async onSignUp() {
      if (!this.data.view) return;
      const { projectId } = this.data.view;
      await wechat.navigateTo(withQuery(routes.projectSignup, this.preferredShiftId ? { projectId, shiftId: this.preferredShiftId } : { projectId }));
    },
    async onAddToCalendar(e) {
      const event = this.detail && e.currentTarget.dataset.id ? calendarEventOf(this.detail, e.currentTarget.dataset.id) : undefined;
      if (!event) return;
      const added = await wechat.addPhoneCalendar(event);
      wechat.showToast(added ? '已添加到手机日历' : '没有添加到日历（可在设置中允许小程序使用日历）');
    },
    // The organization's admins, for a shift still recruiting: 推荐志愿者, and for its series 排班助手 (issue 12).
    async onSuggest(e) {
      const shiftId = e.currentTarget.dataset.id;
      if (shiftId) await wechat.navigateTo(withQuery(routes.orgSuggest, { shiftId }));
    },
    async onSeries(e) {
      const seriesId = e.currentTarget.dataset.id;
      if (seriesId) await wechat.navigateTo(withQuery(routes.orgSeries, { seriesId }));
    },
    async onOpenOrg() {
      if (this.data.view) await wechat.navigateTo(withQuery(routes.orgHome, { orgId: this.data.view.orgId }));
    },
    onShareAppMessage() {
      return this.data.view ? shareCardOf(this.data.view) : { title: '志愿+' };
    },
    onShareTimeline() {
      return this.data.view ? timelineOf(this.data.view) : { title: '志愿+' };
    },
  },
});
