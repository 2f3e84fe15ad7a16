// 录入时长 (?orgId=…): an organization's admins record hours besides on-site check-in. 批量录入: pick members (or
// all), the time and content; the batch is recorded chunk by chunk and the page shows 已处理 done/total until it is
// finished, then who was not recorded and why. 时长码: N single-use codes for a project, shown once to copy, and the
// project's batches with how many are used. 补录: past service of one member, with the reason and an evidence photo.
// Everything made here is pending until the organization confirms it (确认时长). Rules and texts: ./view-model.ts.
import type { MemberView } from '../../../typings/organization';
import type { BulkBatchView, BulkRefusal, IssuedHourCode } from '../../../typings/records';
import { formatDate, shanghaiDate } from '../../domain/calendar';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { activityPlaceholderOf, codeBatchRow, codesText, intervalError, intervalOf, KIND_LABELS, minutesOf, MODES, progressText, type EntryMode } from './view-model';

type Dataset = Record<string, string | undefined>;

interface MemberRow {
  userId: string;
  name: string;
  volunteerNo: string;
  picked: boolean;
}

interface Data {
  status: 'loading' | 'error' | 'ready';
  message: string;
  orgName: string;
  mode: EntryMode;
  modes: typeof MODES;
  kindLabels: readonly string[];
  projectTitles: string[];
  projectIndex: number;
  activityPlaceholder: string;
  members: MemberRow[];
  memberNames: string[];
  pickedCount: number;
  date: string;
  startTime: string;
  endTime: string;
  kindIndex: number;
  activityName: string;
  content: string;
  codeCount: string;
  codeHours: string;
  expiryDays: string;
  makeupMemberIndex: number;
  reason: string;
  photo: string;
  error: string;
  busy: boolean;
  progress: string;
  refused: BulkRefusal[];
  issued: IssuedHourCode[];
  batches: Array<{ id: string; title: string; detail: string }>;
  notice: string;
}

interface Fields {
  orgId: string;
  projectIds: string[];
}

const today = () => formatDate(shanghaiDate(new Date()));

Component<
  Data,
  {},
  {
    onLoad(query: Record<string, string | undefined>): Promise<void>;
    load(): Promise<void>;
    loadBatches(): Promise<void>;
    onMode(e: { currentTarget: { dataset: Dataset } }): void;
    onInput(e: { currentTarget: { dataset: Dataset }; detail: { value: string } }): void;
    onPick(e: { currentTarget: { dataset: Dataset }; detail: { value: string } }): void;
    onProject(e: { detail: { value: string } }): Promise<void>;
    onToggleMember(e: { currentTarget: { dataset: Dataset } }): void;
    onPickAll(): void;
    onBulk(): Promise<void>;
    onCodes(): Promise<void>;
    onCopyCodes(): Promise<void>;
    onChoosePhoto(): Promise<void>;
    onMakeup(): Promise<void>;
  },
  [],
  Fields
>({
  data: {
    status: 'loading',
    message: '',
    orgName: '',
    mode: 'bulk',
    modes: MODES,
    kindLabels: KIND_LABELS,
    projectTitles: [],
    projectIndex: 0,
    activityPlaceholder: '如：社区敬老院陪伴',
    members: [],
    memberNames: [],
    pickedCount: 0,
    date: today(),
    startTime: '09:00',
    endTime: '11:00',
    kindIndex: 0,
    activityName: '',
    content: '',
    codeCount: '20',
    codeHours: '2',
    expiryDays: '7',
    makeupMemberIndex: -1,
    reason: '',
    photo: '',
    error: '',
    busy: false,
    progress: '',
    refused: [],
    issued: [],
    batches: [],
    notice: '',
  },
  methods: {
    onLoad(query) {
      this.orgId = query?.orgId ? decodeURIComponent(query.orgId) : '';
      this.projectIds = [];
      if (query?.mode && MODES.some((m) => m.mode === query.mode)) this.setData({ mode: query.mode as EntryMode });
      return this.load();
    },
    async load() {
      if (!this.orgId) return this.setData({ status: 'error', message: '链接不完整，没有指明组织' });
      const [org, projects] = await Promise.all([call('organization', 'get', { orgId: this.orgId }), call('project', 'mine', { orgId: this.orgId })]);
      if (!org.ok) return this.setData({ status: 'error', message: org.error.message });
      if (!org.data.admin) return this.setData({ status: 'error', message: '只有该组织的管理员可以录入时长' });
      const items = projects.ok ? projects.data.items.filter((p) => p.status !== 'draft' && p.status !== 'submitted' && p.status !== 'rejected' && p.status !== 'cancelled') : [];
      this.projectIds = ['', ...items.map((p) => p.projectId)];
      const members = org.data.admin.members.map((m: MemberView) => ({ userId: m.userId, name: m.name, volunteerNo: m.volunteerNo, picked: false }));
      this.setData({
        status: 'ready',
        orgName: org.data.name,
        projectTitles: ['不关联项目', ...items.map((p) => p.title)],
        projectIndex: items.length ? 1 : 0,
        activityPlaceholder: activityPlaceholderOf(items.length ? 1 : 0),
        members,
        memberNames: members.map((m) => m.name),
      });
      await this.loadBatches();
    },
    async loadBatches() {
      const projectId = this.projectIds[this.data.projectIndex];
      if (!projectId) return this.setData({ batches: [] });
      const listed = await call('records', 'hourCodeBatches', { projectId });
      this.setData({ batches: listed.ok ? listed.data.batches.map(codeBatchRow) : [] });
    },
    onMode(e) {
      const mode = e.currentTarget.dataset.mode as EntryMode | undefined;
      if (mode) this.setData({ mode, error: '', notice: '' });
    },
    onInput(e) {
      const field = e.currentTarget.dataset.field;
      if (field) this.setData({ [field]: e.detail.value, error: '' });
    },
    onPick(e) {
      const field = e.currentTarget.dataset.field;
      if (!field) return;
      const numeric = field === 'kindIndex' || field === 'makeupMemberIndex';
      this.setData({ [field]: numeric ? Number(e.detail.value) : e.detail.value, error: '' });
    },
    async onProject(e) {
      const projectIndex = Number(e.detail.value);
      this.setData({ projectIndex, activityPlaceholder: activityPlaceholderOf(projectIndex), issued: [] });
      await this.loadBatches();
    },
    onToggleMember(e) {
      const index = Number(e.currentTarget.dataset.index);
      const members = this.data.members.map((m, i) => (i === index ? { ...m, picked: !m.picked } : m));
      this.setData({ members, pickedCount: members.filter((m) => m.picked).length });
    },
    onPickAll() {
      const all = this.data.pickedCount < this.data.members.length;
      const members = this.data.members.map((m) => ({ ...m, picked: all }));
      this.setData({ members, pickedCount: all ? members.length : 0 });
    },
    async onBulk() {
      if (this.data.busy) return;
      const interval = intervalOf(this.data.date, this.data.startTime, this.data.endTime);
      const timeError = intervalError(interval, new Date());
      const userIds = this.data.members.filter((m) => m.picked).map((m) => m.userId);
      const error = !userIds.length ? '请至少选择一位志愿者' : timeError;
      this.setData({ error, notice: '', refused: [], progress: '' });
      if (error) return;
      const projectId = this.projectIds[this.data.projectIndex];
      this.setData({ busy: true });
      let outcome: { ok: true; data: BulkBatchView } | { ok: false; error: { message: string } } = await call('records', 'bulkEntry', {
        orgId: this.orgId,
        ...(projectId ? { projectId } : {}),
        userIds,
        kind: this.data.kindIndex === 1 ? 'training' : 'service',
        ...interval!,
        activity: { name: this.data.activityName.trim(), content: this.data.content.trim() },
      });
      // A call records what fits its time; the page carries on until the batch is finished, showing the progress.
      while (outcome.ok && !outcome.data.finished) {
        this.setData({ progress: progressText(outcome.data) });
        outcome = await call('records', 'continueBulkEntry', { batchId: outcome.data.batchId });
      }
      this.setData({ busy: false });
      if (!outcome.ok) return this.setData({ error: outcome.error.message });
      const members = this.data.members.map((m) => ({ ...m, picked: false }));
      this.setData({ progress: progressText(outcome.data), refused: outcome.data.refused, members, pickedCount: 0 });
    },
    async onCodes() {
      if (this.data.busy) return;
      const projectId = this.projectIds[this.data.projectIndex];
      const minutes = minutesOf(this.data.codeHours);
      const count = Number(this.data.codeCount);
      const days = Number(this.data.expiryDays);
      const interval = intervalOf(this.data.date, this.data.startTime, this.data.startTime);
      const error = !projectId
        ? '时长码需要选择一个项目'
        : !Number.isInteger(count) || count < 1 || count > 500
          ? '一次可生成 1 到 500 个时长码'
          : minutes === null
            ? '每个时长码的时长应为 0 到 24 小时'
            : !Number.isInteger(days) || days < 1 || days > 90
              ? '有效期应为 1 到 90 天'
              : '';
      this.setData({ error, issued: [] });
      if (error || !interval) return;
      this.setData({ busy: true });
      const outcome = await call('records', 'createHourCodes', {
        projectId: projectId!,
        count,
        minutes: minutes!,
        startsAt: interval.startsAt,
        kind: this.data.kindIndex === 1 ? 'training' : 'service',
        expiresAt: new Date(Date.now() + days * 86_400_000).toISOString(),
      });
      this.setData({ busy: false });
      if (!outcome.ok) return this.setData({ error: outcome.error.message });
      this.setData({ issued: outcome.data.codes });
      await this.loadBatches();
    },
    async onCopyCodes() {
      await wechat.setClipboardData(codesText(this.data.issued));
    },
    async onChoosePhoto() {
      try {
        const [photo] = await wechat.choosePhotosAsBase64(1);
        if (photo) this.setData({ photo, error: '' });
      } catch {
        wechat.showToast('没能读取照片，请重新选择');
      }
    },
    async onMakeup() {
      if (this.data.busy) return;
      const member = this.data.members[this.data.makeupMemberIndex];
      const interval = intervalOf(this.data.date, this.data.startTime, this.data.endTime);
      const error = !member
        ? '请选择补录的志愿者'
        : intervalError(interval, new Date()) ||
          (!this.data.activityName.trim() ? '请填写活动名称' : this.data.reason.trim().length < 2 ? '请填写补录原因' : !this.data.photo ? '补录需要上传证据照片（如活动照片、签到表）' : '');
      this.setData({ error, notice: '' });
      if (error) return;
      const projectId = this.projectIds[this.data.projectIndex];
      this.setData({ busy: true });
      const outcome = await call('records', 'makeup', {
        orgId: this.orgId,
        userId: member!.userId,
        ...(projectId ? { projectId } : {}),
        kind: this.data.kindIndex === 1 ? 'training' : 'service',
        ...interval!,
        activity: { name: this.data.activityName.trim(), content: this.data.content.trim() },
        reason: this.data.reason.trim(),
        photo: { contentType: 'image/jpeg', base64: this.data.photo },
      });
      this.setData({ busy: false });
      if (!outcome.ok) return this.setData({ error: outcome.error.message });
      this.setData({ notice: `已为${member!.name}补录，待确认`, reason: '', photo: '' });
    },
  },
});
