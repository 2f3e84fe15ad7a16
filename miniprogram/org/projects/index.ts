// 我们的项目 (?orgId=…): an organization's projects for its admins, newest first, paged on scroll; a tap opens the
// detail; 发布新项目 and 编辑 (a draft or rejected project) / 修改 (a published one) open 发布项目; 生成海报 makes the mini-program code poster (project.poster) and opens it full screen to save or share.
import { routes, withQuery } from '../../domain/routes';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { toProjectRow, type ProjectRow } from './view-model';

interface Data {
  status: 'loading' | 'error' | 'ready';
  message: string;
  rows: ProjectRow[];
  hasMore: boolean;
  posterBusy: string;
}

interface Fields {
  orgId?: string;
  cursor?: string;
  /** Shown once already: coming back from 发布项目, the list is read again (a draft saved, a project published). */
  shownBefore?: boolean;
}

Component<
  Data,
  {},
  {
    onLoad(query: Record<string, string | undefined>): Promise<void>;
    onShow(): Promise<void>;
    load(): Promise<void>;
    onReachBottom(): Promise<void>;
    onOpen(e: { currentTarget: { dataset: { id?: string } } }): Promise<void>;
    onPoster(e: { currentTarget: { dataset: { id?: string } } }): Promise<void>;
    onEdit(e: { currentTarget: { dataset: { id?: string } } }): Promise<void>;
    onNew(): Promise<void>;
  },
  [],
  Fields
>({
  data: { status: 'loading', message: '', rows: [], hasMore: false, posterBusy: '' },
  methods: {
    onLoad(query) {
      this.orgId = query?.orgId ? decodeURIComponent(query.orgId) : '';
      return this.load();
    },
    async onShow() {
      if (this.shownBefore) await this.load();
      this.shownBefore = true;
    },
    async load() {
      if (!this.orgId) {
        this.setData({ status: 'error', message: '链接不完整，没有指明组织' });
        return;
      }
      const outcome = await call('project', 'mine', { orgId: this.orgId });
      if (!outcome.ok) {
        this.setData({ status: 'error', message: outcome.error.message });
        return;
      }
      this.cursor = outcome.data.nextCursor;
      this.setData({ status: 'ready', rows: outcome.data.items.map(toProjectRow), hasMore: this.cursor !== undefined });
    },
    async onReachBottom() {
      if (!this.cursor || !this.orgId) return;
      const outcome = await call('project', 'mine', { orgId: this.orgId, cursor: this.cursor });
      if (!outcome.ok) return wechat.showToast(outcome.error.message);
      this.cursor = outcome.data.nextCursor;
      this.setData({ rows: [...this.data.rows, ...outcome.data.items.map(toProjectRow)], hasMore: this.cursor !== undefined });
    },
    async onOpen(e) {
      const projectId = e.currentTarget.dataset.id;
      if (projectId) await wechat.navigateTo(withQuery(routes.projectDetail, { projectId }));
    },
    async onEdit(e) {
      const projectId = e.currentTarget.dataset.id;
      if (projectId) await wechat.navigateTo(withQuery(routes.orgProjectEdit, { projectId }));
    },
    async onNew() {
      if (this.orgId) await wechat.navigateTo(withQuery(routes.orgProjectEdit, { orgId: this.orgId }));
    },
    async onPoster(e) {
      const projectId = e.currentTarget.dataset.id;
      if (!projectId || this.data.posterBusy) return;
      this.setData({ posterBusy: projectId });
      const outcome = await call('project', 'poster', { projectId });
      this.setData({ posterBusy: '' });
      if (!outcome.ok) return wechat.showToast(outcome.error.message);
      wechat.previewImage(outcome.data.url);
    },
  },
});
