// 记录详情 (from 我的时长): one record with its history and corrections; 报告错误 sends what is wrong and, optionally,
// the hours it should be.
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { loadingDetail, minutesFromHoursText, toDetailView, type RecordDetailView } from './view-model';

interface InputEvent {
  detail: { value: string };
}

Component<
  { view: RecordDetailView; recordId: string; description: string; hoursText: string; busy: boolean },
  {},
  {
    onLoad(query: Record<string, string | undefined>): Promise<void>;
    load(): Promise<void>;
    onDescriptionInput(e: InputEvent): void;
    onHoursInput(e: InputEvent): void;
    onReport(): Promise<void>;
  },
  [],
  {}
>({
  data: { view: loadingDetail, recordId: '', description: '', hoursText: '', busy: false },
  methods: {
    onLoad(query) {
      this.setData({ recordId: query.recordId ?? '' });
      return this.load();
    },
    async load() {
      const outcome = await call('hours', 'history', { recordId: this.data.recordId });
      this.setData({ view: outcome.ok ? toDetailView(outcome.data) : { ...loadingDetail, status: 'error', message: outcome.error.message } });
    },
    onDescriptionInput(e) {
      this.setData({ description: e.detail.value });
    },
    onHoursInput(e) {
      this.setData({ hoursText: e.detail.value });
    },
    async onReport() {
      if (this.data.busy) return;
      const description = this.data.description.trim();
      if (!description) {
        wechat.showToast('请写明哪里有误');
        return;
      }
      const proposedMinutes = minutesFromHoursText(this.data.hoursText);
      if (proposedMinutes === null) {
        wechat.showToast('时长请填写小时数，最多一位小数，例如 2.5');
        return;
      }
      this.setData({ busy: true });
      const outcome = await call('hours', 'reportCorrection', {
        kind: 'error',
        recordId: this.data.recordId,
        description,
        ...(proposedMinutes !== undefined ? { proposedMinutes } : {}),
      });
      this.setData({ busy: false });
      if (!outcome.ok) {
        wechat.showToast(outcome.error.message);
        return;
      }
      wechat.showToast('已提交，组织处理后会通知你');
      this.setData({ description: '', hoursText: '' });
      await this.load();
    },
  },
});
