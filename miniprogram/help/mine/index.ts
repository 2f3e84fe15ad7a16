// 我的求助 (?helpRequestId= scrolls to and marks one, as the help messages link it): every need I submitted with its
// status, the verification note, declines with reasons and the accepting organization; 撤回 after a confirm while no
// organization accepted; 评价 (1–5 stars, a short comment) once served. Rules and texts: ./view-model.ts.
import { routes } from '../../domain/routes';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { emptyRating, ratingProblem, STAR_CHOICES, toMineView, withdrawConfirm, type MineView, type RatingDraft } from './view-model';

interface Data {
  view: MineView;
  ratings: Record<string, RatingDraft>;
  /** The need an action is under way for. */
  busyId: string;
  /** A refusal shown on its need's card. */
  rowErrors: Record<string, string>;
  starChoices: typeof STAR_CHOICES;
}

interface Fields {
  highlightId: string;
}

type TapEvent = { currentTarget: { dataset: { id?: string; stars?: number | string } } };

Component<
  Data,
  {},
  {
    onLoad(query: Record<string, string | undefined>): Promise<void>;
    onPullDownRefresh(): Promise<void>;
    onRetry(): Promise<void>;
    load(): Promise<void>;
    onWithdraw(e: TapEvent): Promise<void>;
    onStar(e: TapEvent): void;
    onComment(e: { currentTarget: { dataset: { id?: string } }; detail: { value: string } }): void;
    onRate(e: TapEvent): Promise<void>;
    onSubmitNew(): void;
  },
  [],
  Fields
>({
  data: { view: { status: 'loading' }, ratings: {}, busyId: '', rowErrors: {}, starChoices: STAR_CHOICES },
  methods: {
    onLoad(query) {
      this.highlightId = query?.helpRequestId ? decodeURIComponent(query.helpRequestId) : '';
      return this.load();
    },
    async onPullDownRefresh() {
      await this.load();
      wechat.stopPullDownRefresh();
    },
    onRetry() {
      this.setData({ view: { status: 'loading' } });
      return this.load();
    },
    async load() {
      const outcome = await call('help', 'mine', {});
      if (!outcome.ok) {
        this.setData({ view: { status: 'error', message: outcome.error.message } });
        return;
      }
      const view = toMineView(outcome.data.items, this.highlightId);
      const ratings: Record<string, RatingDraft> = {};
      for (const row of view.rows) if (row.canRate) ratings[row.id] = this.data.ratings[row.id] ?? emptyRating();
      this.setData({ view, ratings, rowErrors: {} });
      if (this.highlightId && view.rows.some((r) => r.highlighted)) wechat.pageScrollTo(`#need-${this.highlightId}`);
    },
    async onWithdraw(e) {
      const id = e.currentTarget.dataset.id ?? '';
      const view = this.data.view;
      const row = view.status === 'ready' ? view.rows.find((r) => r.id === id) : undefined;
      if (!row || this.data.busyId) return;
      if (!(await wechat.confirm(withdrawConfirm(row)))) return;
      this.setData({ busyId: id, rowErrors: {} });
      const outcome = await call('help', 'withdraw', { helpRequestId: id });
      this.setData({ busyId: '' });
      if (!outcome.ok) {
        this.setData({ rowErrors: { [id]: outcome.error.message } });
        return;
      }
      wechat.showToast('已撤回');
      await this.load();
    },
    onStar(e) {
      const id = e.currentTarget.dataset.id ?? '';
      if (!this.data.ratings[id]) return;
      this.setData({ [`ratings.${id}.stars`]: Number(e.currentTarget.dataset.stars), [`ratings.${id}.error`]: '' });
    },
    onComment(e) {
      const id = e.currentTarget.dataset.id ?? '';
      if (!this.data.ratings[id]) return;
      this.setData({ [`ratings.${id}.comment`]: e.detail.value, [`ratings.${id}.error`]: '' });
    },
    async onRate(e) {
      const id = e.currentTarget.dataset.id ?? '';
      const draft = this.data.ratings[id];
      if (!draft || this.data.busyId) return;
      const problem = ratingProblem(draft);
      if (problem) {
        this.setData({ [`ratings.${id}.error`]: problem });
        return;
      }
      this.setData({ busyId: id });
      const comment = draft.comment.trim();
      const outcome = await call('help', 'rate', { helpRequestId: id, stars: draft.stars, ...(comment ? { comment } : {}) });
      this.setData({ busyId: '' });
      if (!outcome.ok) {
        this.setData({ [`ratings.${id}.error`]: outcome.error.message });
        return;
      }
      wechat.showToast('感谢你的评价');
      await this.load();
    },
    onSubmitNew() {
      wechat.navigateTo(routes.helpSubmit).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
  },
});
