// 登记时长 (?mode=declare|makeup|code): a volunteer declares service for an organization they belong to, asks for a
// 补录 of past service with an evidence photo, or redeems an hour code (时长码). Everything made here is pending
// until the organization confirms it; the page says so. Rules and texts: ./view-model.ts.
import { formatDate, shanghaiDate } from '../../domain/calendar';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { emptyForm, formErrors, hasErrors, intervalOf, KIND_LABELS, MODES, recordedNotice, type DeclareForm, type DeclareMode, type FormErrors } from './view-model';

type Dataset = Record<string, string | undefined>;

interface Data {
  mode: DeclareMode;
  modes: typeof MODES;
  orgNames: string[];
  kindLabels: readonly string[];
  form: DeclareForm;
  errors: FormErrors;
  code: string;
  submitting: boolean;
  notice: string;
  noticeError: boolean;
}

interface Fields {
  orgIds: string[];
}

Component<
  Data,
  {},
  {
    onLoad(query: Record<string, string | undefined>): Promise<void>;
    onMode(e: { currentTarget: { dataset: Dataset } }): void;
    onInput(e: { currentTarget: { dataset: Dataset }; detail: { value: string } }): void;
    onPick(e: { currentTarget: { dataset: Dataset }; detail: { value: string } }): void;
    onChoosePhoto(): Promise<void>;
    onRemovePhoto(): void;
    onSubmit(): Promise<void>;
    onRedeem(): Promise<void>;
  },
  [],
  Fields
>({
  data: {
    mode: 'declare',
    modes: MODES,
    orgNames: [],
    kindLabels: KIND_LABELS,
    form: emptyForm(formatDate(shanghaiDate(new Date()))),
    errors: {},
    code: '',
    submitting: false,
    notice: '',
    noticeError: false,
  },
  methods: {
    async onLoad(query) {
      const mode = MODES.find((m) => m.mode === query?.mode)?.mode ?? 'declare';
      this.orgIds = [];
      this.setData({ mode, form: emptyForm(formatDate(shanghaiDate(new Date()))) });
      const mine = await call('organization', 'mine', {});
      if (!mine.ok) return this.setData({ notice: mine.error.message, noticeError: true });
      const joined = mine.data.organizations.filter((o) => o.membership === 'active' && o.status === 'verified');
      this.orgIds = joined.map((o) => o.orgId);
      this.setData({ orgNames: joined.map((o) => o.name), 'form.orgIndex': joined.length === 1 ? 0 : -1 });
    },
    onMode(e) {
      const mode = e.currentTarget.dataset.mode as DeclareMode | undefined;
      if (mode) this.setData({ mode, errors: {}, notice: '' });
    },
    onInput(e) {
      const field = e.currentTarget.dataset.field;
      if (field === 'code') this.setData({ code: e.detail.value, 'errors.code': '' });
      else if (field) this.setData({ [`form.${field}`]: e.detail.value });
    },
    onPick(e) {
      const field = e.currentTarget.dataset.field;
      if (!field) return;
      const numeric = field === 'orgIndex' || field === 'kindIndex';
      this.setData({ [`form.${field}`]: numeric ? Number(e.detail.value) : e.detail.value });
    },
    async onChoosePhoto() {
      try {
        const [photo] = await wechat.choosePhotosAsBase64(1);
        if (photo) this.setData({ 'form.photo': photo, 'errors.photo': '' });
      } catch {
        wechat.showToast('没能读取照片，请重新选择');
      }
    },
    onRemovePhoto() {
      this.setData({ 'form.photo': '' });
    },
    async onSubmit() {
      const mode = this.data.mode;
      if (mode === 'code' || this.data.submitting) return;
      const form = this.data.form;
      const errors = formErrors(form, mode, new Date());
      this.setData({ errors, notice: '' });
      if (hasErrors(errors)) return;
      const interval = intervalOf(form.date, form.startTime, form.endTime)!;
      const common = {
        orgId: this.orgIds[form.orgIndex]!,
        kind: form.kindIndex === 1 ? ('training' as const) : ('service' as const),
        ...interval,
        activity: { name: form.activityName.trim(), place: form.place.trim(), content: form.content.trim() },
      };
      const photo = form.photo ? { contentType: 'image/jpeg' as const, base64: form.photo } : undefined;
      this.setData({ submitting: true });
      const outcome =
        mode === 'makeup'
          ? await call('records', 'makeup', { ...common, reason: form.reason.trim(), photo: photo! })
          : await call('records', 'declare', { ...common, ...(photo ? { photo } : {}) });
      this.setData({ submitting: false });
      if (!outcome.ok) return this.setData({ notice: outcome.error.message, noticeError: true });
      this.setData({ notice: recordedNotice(outcome.data), noticeError: false, form: { ...emptyForm(form.date), orgIndex: form.orgIndex } });
    },
    async onRedeem() {
      if (this.data.submitting) return;
      if (!this.data.code.trim()) return this.setData({ 'errors.code': '请输入组织发给你的时长码' });
      this.setData({ submitting: true, notice: '' });
      const outcome = await call('records', 'redeemHourCode', { code: this.data.code });
      this.setData({ submitting: false });
      if (!outcome.ok) return this.setData({ 'errors.code': outcome.error.message });
      this.setData({ code: '', notice: recordedNotice(outcome.data), noticeError: false });
    },
  },
});
