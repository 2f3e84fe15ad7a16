// 我们的项目 (?orgId=…): an organization's projects for its admins, newest first, paged on scroll; a tap opens the
// detail; 批量开具证明 (a project under way or finished) issues everyone who served a certificate, with progress; 发布新项目 and 编辑 (a draft or rejected project) / 修改 (a published one) open 发布项目; 生成海报 makes the mini-program code poster (project.poster) and opens it full screen to save or share.
import { BULK_CERTIFICATE_MESSAGES as B } from '../../domain/messages';
import { routes, withQuery } from '../../domain/routes';
import { call, type CallResult } from '../../services/api';
import * as wechat from '../../services/wechat';
import { toProjectRow, type ProjectRow } from './view-model';

interface Data {
  status: 'loading' | 'error' | 'ready';
  message: string;
  rows: ProjectRow[];
  hasMore: boolean;
  posterBusy: string;
  /** The bulk issue of certificates under way or last finished on this page (projectId '' : none). */
  bulk: { projectId: string; text: string; finished: boolean };
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
    onBulkCertify(e: { currentTarget: { dataset: { id?: string; title?: string } } }): Promise<void>;
  },
  [],
  Fields
>({
  data: { status: 'loading', message: '', rows: [], hasMore: false, posterBusy: '', bulk: { projectId: '', text: '', finished: true } },
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
    // One certificate for everyone who served: the server works within one call's budget and hands over; the page
    // carries the batch on call by call, showing x/y, until it is finished (a closed page leaves it resumable).
    async onBulkCertify(e) {
      const { id: projectId, title } = e.currentTarget.dataset;
      if (!projectId || (this.data.bulk.projectId && !this.data.bulk.finished)) return;
      const go = await wechat.confirm({ title: B.confirmTitle(title ?? ''), content: B.confirmContent, confirmText: B.confirmText });
      if (!go) return;
      this.setData({ bulk: { projectId, text: B.progress(0, 0), finished: false } });
      let outcome: CallResult<'certificate', 'bulkIssue' | 'continueBulkIssue'> = await call('certificate', 'bulkIssue', { projectId });
      while (outcome.ok && !outcome.data.finished) {
        this.setData({ bulk: { projectId, text: B.progress(outcome.data.done, outcome.data.total), finished: false } });
        outcome = await call('certificate', 'continueBulkIssue', { batchId: outcome.data.batchId });
      }
      if (!outcome.ok) {
        this.setData({ bulk: { projectId: '', text: '', finished: true } });
        return wechat.showToast(outcome.error.message);
      }
      const { issued, skipped, total } = outcome.data;
      this.setData({ bulk: { projectId, text: B.summary(issued, total), finished: true } });
      await wechat.notice(B.doneTitle, B.doneContent(issued, skipped.length));
    },
  },
});
