// 发布项目 (?orgId=… new; ?projectId=… a draft or rejected project to edit, or a published one to change).
// The whole form RULES §3 asks for, 保存草稿 (saveDraft, incomplete allowed) and 提交 (saveDraft, then submit); every
// refusal lands under the field the server names. A published project is changed one piece at a time (a shift's
// time or places, a series' times, the place, cancelling a shift or the project, insurance), each after a confirm
// that says the signed-up volunteers will be told. Pure parts: ./form.ts.
import type { ProjectDetail } from '../../../typings/project-actions';
import { SERVICE_CATEGORIES } from '../../domain/codes';
import { routes, withQuery } from '../../domain/routes';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import {
  applyRefusal,
  base64Bytes,
  changeConfirm,
  COVER_MAX_BYTES,
  editFormFrom,
  emptyEditForm,
  emptyShiftRow,
  fieldKeyOf,
  imageTypeOf,
  projectInputOf,
  publishedShiftRows,
  toEditView,
  withoutError,
  type EditForm,
  type EditView,
  type PublishedShiftRow,
} from './form';

type Mode = 'loading' | 'error' | 'edit' | 'published' | 'submitted';

interface Data {
  mode: Mode;
  message: string;
  view: EditView;
  busy: '' | 'draft' | 'submit' | 'cover' | 'change';
  savedNote: string;
  /** The project's status once submitted: recruiting, or waiting for the platform's review. */
  submittedStatus: string;
  // A published project:
  title: string;
  shiftRows: PublishedShiftRow[];
  seriesTimes: { seriesId: string; start: string; end: string } | null;
  cancelReason: string;
  changeErrors: Record<string, string>;
  insurance: { needed: boolean; insurer: string; policyNo: string };
  rejectReason: string;
}

interface Fields {
  orgId?: string;
  projectId?: string;
  form: EditForm;
  detail?: ProjectDetail;
}

type Dataset = { field?: string; index?: number | string; code?: string; id?: string };
type InputEvent = { currentTarget: { dataset: Dataset }; detail: { value: string } };
type TapEvent = { currentTarget: { dataset: Dataset } };

/** Text inputs of the form, by the `data-field` the WXML gives them (EditForm keys; repeat.* inside the rule). */
const TEXT_FIELDS = [
  'title',
  'content',
  'minAge',
  'maxAge',
  'password',
  'guardianConsentNote',
  'address',
  'placeName',
  'checkinRadiusM',
  'riskDisclosure',
  'contactName',
  'contactPhone',
  'cancelCutoffHours',
] as const;
type TextField = (typeof TEXT_FIELDS)[number];

/** The error key each text input clears as it is typed in. */
const ERROR_KEY_OF: Record<TextField, string> = {
  title: 'title',
  content: 'content',
  minAge: 'conditions_minAge',
  maxAge: 'conditions_minAge',
  password: 'conditions_password',
  guardianConsentNote: 'conditions_guardianConsentNote',
  address: 'place_address',
  placeName: 'place_name',
  checkinRadiusM: 'place_checkinRadiusM',
  riskDisclosure: 'risk_disclosure',
  contactName: 'contact_name',
  contactPhone: 'contact_phone',
  cancelCutoffHours: 'cancelCutoffHours',
};

const nowDate = () => new Date();

Component<
  Data,
  {},
  {
    onLoad(query: Record<string, string | undefined>): Promise<void>;
    load(): Promise<void>;
    update(change: (f: EditForm) => EditForm): void;
    onInput(e: InputEvent): void;
    onCategory(e: { detail: { value: string | number } }): void;
    onObjects(e: { detail: { value: string[] } }): void;
    onSkills(e: { detail: { value: string[] } }): void;
    onScope(e: { detail: { value: string } }): void;
    onApproval(e: { detail: { value: string } }): void;
    onMinors(e: { detail: { value: boolean } }): void;
    onRisky(e: { detail: { value: boolean } }): void;
    onGeofence(e: { detail: { value: boolean } }): void;
    onChooseLocation(): Promise<void>;
    onRegion(e: { detail: { value: string[]; code: string[] } }): void;
    onChooseCover(): Promise<void>;
    onRemoveCover(): void;
    onShiftInput(e: InputEvent): void;
    onAddShift(): void;
    onRemoveShift(e: TapEvent): void;
    onRepeatOn(e: { detail: { value: boolean } }): void;
    onRepeatInput(e: InputEvent): void;
    onRepeatWeekdays(e: { detail: { value: string[] } }): void;
    onRepeatUntil(e: { detail: { value: string } }): void;
    onSaveDraft(): Promise<void>;
    onSubmit(): Promise<void>;
    saveDraft(): Promise<boolean>;
    showPublished(detail: ProjectDetail): void;
    onPublishedInput(e: InputEvent): void;
    change(what: string, reach: 'shift' | 'project', errorKey: string, run: () => ReturnType<typeof call>): Promise<void>;
    onUpdateShift(e: TapEvent): Promise<void>;
    onChangePlaces(e: TapEvent): Promise<void>;
    onCancelShift(e: TapEvent): Promise<void>;
    onUpdateSeries(): Promise<void>;
    onChangePlace(): Promise<void>;
    onCancelProject(): Promise<void>;
    onRecordInsurance(): Promise<void>;
    onOpenDetail(): Promise<void>;
  },
  [],
  Fields
>({
  data: {
    mode: 'loading',
    message: '',
    view: toEditView(emptyEditForm(''), nowDate()),
    busy: '',
    savedNote: '',
    submittedStatus: '',
    title: '',
    shiftRows: [],
    seriesTimes: null,
    cancelReason: '',
    changeErrors: {},
    insurance: { needed: false, insurer: '', policyNo: '' },
    rejectReason: '',
  },
  methods: {
    onLoad(query) {
      this.orgId = query?.orgId ? decodeURIComponent(query.orgId) : undefined;
      this.projectId = query?.projectId ? decodeURIComponent(query.projectId) : undefined;
      this.form = emptyEditForm(this.orgId ?? '');
      return this.load();
    },
    async load() {
      if (!this.projectId) {
        if (!this.orgId) {
          this.setData({ mode: 'error', message: '链接不完整，没有指明组织' });
          return;
        }
        this.update(() => emptyEditForm(this.orgId!));
        this.setData({ mode: 'edit' });
        return;
      }
      const outcome = await call('project', 'get', { projectId: this.projectId });
      if (!outcome.ok) {
        this.setData({ mode: 'error', message: outcome.error.message });
        return;
      }
      const d = outcome.data;
      this.detail = d;
      this.orgId = d.orgId;
      if (!d.admin) {
        this.setData({ mode: 'error', message: '只有该组织的管理员可以编辑这个项目' });
        return;
      }
      if (d.status === 'draft' || d.status === 'rejected') {
        wechat.setPageTitle('编辑项目');
        this.update(() => editFormFrom(d.orgId, d.admin!.form, { passwordSet: d.admin!.passwordSet, ...(d.coverUrl ? { coverUrl: d.coverUrl } : {}) }));
        this.setData({ mode: 'edit', rejectReason: d.admin.rejectReason ?? '' });
        return;
      }
      if (d.status === 'recruiting' || d.status === 'in_progress') {
        wechat.setPageTitle('修改已发布的项目');
        this.showPublished(d);
        return;
      }
      this.setData({ mode: 'error', message: '这个项目已结束或已取消，不能再修改' });
    },
    update(change) {
      this.form = change(this.form);
      this.setData({ view: toEditView(this.form, nowDate()) });
    },
    onInput(e) {
      const field = e.currentTarget.dataset.field as TextField | undefined;
      if (!field || !TEXT_FIELDS.includes(field)) return;
      this.update((f) => withoutError({ ...f, [field]: e.detail.value }, ERROR_KEY_OF[field]));
    },
    onCategory(e) {
      const code = SERVICE_CATEGORIES[Number(e.detail.value)]?.code ?? '';
      this.update((f) => withoutError({ ...f, category: code }, 'category'));
    },
    onObjects(e) {
      this.update((f) => withoutError({ ...f, serviceObjects: e.detail.value }, 'serviceObjects'));
    },
    onSkills(e) {
      this.update((f) => withoutError({ ...f, skills: e.detail.value }, 'conditions_skills'));
    },
    onScope(e) {
      const scope = e.detail.value as EditForm['scope'];
      this.update((f) => withoutError(withoutError({ ...f, scope }, 'conditions_password'), 'conditions_teamOrgId'));
    },
    onApproval(e) {
      this.update((f) => withoutError({ ...f, approvalMode: e.detail.value as EditForm['approvalMode'] }, 'approvalMode'));
    },
    onMinors(e) {
      this.update((f) => withoutError(withoutError({ ...f, minorsAllowed: e.detail.value }, 'conditions_minorsAllowed'), 'conditions_guardianConsentNote'));
    },
    onRisky(e) {
      this.update((f) => ({ ...f, risky: e.detail.value }));
    },
    onGeofence(e) {
      this.update((f) => withoutError({ ...f, geofenceOn: e.detail.value }, 'place_checkinRadiusM'));
    },
    async onChooseLocation() {
      let place: wechat.ChosenPlace;
      try {
        place = await wechat.chooseLocation();
      } catch {
        return; // closed without choosing
      }
      this.update((f) =>
        withoutError(
          withoutError({ ...f, longitude: place.longitude, latitude: place.latitude, placeName: place.name, address: f.address || place.address }, 'place_location'),
          'place_address',
        ),
      );
    },
    onRegion(e) {
      const codes = e.detail.code ?? [];
      this.update((f) => withoutError({ ...f, regionCode: codes[codes.length - 1] ?? '', regionNames: [...(e.detail.value ?? [])] }, 'place_regionCode'));
    },
    async onChooseCover() {
      if (!this.orgId || this.data.busy) return;
      let base64: string | undefined;
      try {
        base64 = await wechat.chooseCoverAsBase64();
      } catch {
        this.update((f) => applyRefusal(f, { code: 'COVER_INVALID', message: '没能读取这张图片，请换一张', field: 'coverFileId' }));
        return;
      }
      if (!base64) return;
      const contentType = imageTypeOf(base64);
      if (!contentType) return this.update((f) => applyRefusal(f, { code: 'COVER_INVALID', message: '封面应为 JPG 或 PNG 图片，请重新选择', field: 'coverFileId' }));
      if (base64Bytes(base64) > COVER_MAX_BYTES) {
        return this.update((f) => applyRefusal(f, { code: 'COVER_INVALID', message: '封面压缩后仍超过 70 KB，请换一张或裁剪后再选', field: 'coverFileId' }));
      }
      this.setData({ busy: 'cover' });
      const outcome = await call('project', 'uploadCover', { orgId: this.orgId, photo: { contentType, base64 } });
      this.setData({ busy: '' });
      if (!outcome.ok) return this.update((f) => applyRefusal(f, { ...outcome.error, field: 'coverFileId' }));
      this.update((f) => withoutError({ ...f, coverFileId: outcome.data.fileId, coverUrl: outcome.data.url }, 'coverFileId'));
    },
    onRemoveCover() {
      this.update((f) => ({ ...f, coverFileId: '', coverUrl: '' }));
    },
    onShiftInput(e) {
      const index = Number(e.currentTarget.dataset.index);
      const field = e.currentTarget.dataset.field as 'date' | 'start' | 'end' | 'places' | undefined;
      if (!field || !(index >= 0)) return;
      this.update((f) => withoutError(withoutError({ ...f, shifts: f.shifts.map((s, i) => (i === index ? { ...s, [field]: e.detail.value } : s)) }, `shifts_${index}`), 'shifts'));
    },
    onAddShift() {
      // A new row repeats the last one's times and places: shifts of one project usually share them.
      this.update((f) => {
        const last = f.shifts[f.shifts.length - 1];
        const row = last ? { ...emptyShiftRow(), start: last.start, end: last.end, places: last.places } : emptyShiftRow();
        return withoutError({ ...f, shifts: [...f.shifts, row] }, 'shifts');
      });
    },
    onRemoveShift(e) {
      const index = Number(e.currentTarget.dataset.index);
      // Later rows move up, so their messages no longer match them: clear the shifts' messages.
      this.update((f) => {
        const errors = Object.fromEntries(Object.entries(f.errors).filter(([key]) => !key.startsWith('shifts')));
        return { ...f, shifts: f.shifts.filter((_, i) => i !== index), errors };
      });
    },
    onRepeatOn(e) {
      this.update((f) => withoutError(withoutError({ ...f, repeatOn: e.detail.value }, 'repeat'), 'shifts'));
    },
    onRepeatInput(e) {
      const field = e.currentTarget.dataset.field as 'startTime' | 'endTime' | 'firstDate' | 'weeks' | 'untilDate' | 'places' | undefined;
      if (!field) return;
      this.update((f) => withoutError({ ...f, repeat: { ...f.repeat, [field]: e.detail.value } }, 'repeat'));
    },
    onRepeatWeekdays(e) {
      this.update((f) => withoutError({ ...f, repeat: { ...f.repeat, weekdays: e.detail.value.map(Number) } }, 'repeat'));
    },
    onRepeatUntil(e) {
      this.update((f) => withoutError({ ...f, repeat: { ...f.repeat, until: e.detail.value === 'date' ? 'date' : 'weeks' } }, 'repeat'));
    },
    async saveDraft() {
      if (!this.orgId) return false;
      const outcome = await call('project', 'saveDraft', {
        orgId: this.orgId,
        ...(this.projectId ? { projectId: this.projectId } : {}),
        project: projectInputOf(this.form),
      });
      if (!outcome.ok) {
        this.update((f) => applyRefusal(f, outcome.error));
        return false;
      }
      this.projectId = outcome.data.projectId;
      // A password typed once is stored (as a hash); the field empties and says one is set.
      if (this.form.scope === 'password' && this.form.password.trim() !== '') this.update((f) => ({ ...f, password: '', passwordSet: true }));
      return true;
    },
    async onSaveDraft() {
      if (this.data.busy) return;
      this.setData({ busy: 'draft', savedNote: '' });
      this.update((f) => ({ ...f, errors: {}, banner: '' }));
      const saved = await this.saveDraft();
      this.setData({ busy: '', savedNote: saved ? '草稿已保存，可以稍后继续填写' : '' });
      if (saved) wechat.showToast('草稿已保存');
    },
    async onSubmit() {
      if (this.data.busy) return;
      this.setData({ busy: 'submit', savedNote: '' });
      this.update((f) => ({ ...f, errors: {}, banner: '' }));
      const saved = await this.saveDraft();
      if (!saved || !this.projectId) {
        this.setData({ busy: '' });
        return;
      }
      const outcome = await call('project', 'submit', { projectId: this.projectId });
      this.setData({ busy: '' });
      if (!outcome.ok) {
        this.update((f) => applyRefusal(f, outcome.error));
        return;
      }
      this.setData({ mode: 'submitted', submittedStatus: outcome.data.status });
    },
    showPublished(d) {
      const rows = publishedShiftRows(d);
      const series = rows.find((r) => r.seriesId && !r.cancelled);
      this.setData({
        mode: 'published',
        title: d.title,
        shiftRows: rows,
        seriesTimes: series ? { seriesId: series.seriesId, start: series.start, end: series.end } : null,
        insurance: { needed: d.admin?.insuranceMissing ?? false, insurer: '', policyNo: '' },
        changeErrors: {},
      });
      if (d.admin) this.update(() => editFormFrom(d.orgId, d.admin!.form, { passwordSet: d.admin!.passwordSet }));
    },
    onPublishedInput(e) {
      const { field, index } = e.currentTarget.dataset;
      const value = e.detail.value;
      if (field === 'cancelReason') this.setData({ cancelReason: value, changeErrors: {} });
      else if (field === 'insurer' || field === 'policyNo') this.setData({ [`insurance.${field}`]: value, changeErrors: {} });
      else if (field === 'seriesStart' || field === 'seriesEnd') this.setData({ [`seriesTimes.${field === 'seriesStart' ? 'start' : 'end'}`]: value, changeErrors: {} });
      else if (field && index !== undefined) this.setData({ [`shiftRows[${Number(index)}].${field}`]: value, changeErrors: {} });
    },
    async change(what, reach, errorKey, run) {
      if (this.data.busy) return;
      if (!(await wechat.confirm(changeConfirm(what, reach)))) return;
      this.setData({ busy: 'change', changeErrors: {} });
      const outcome = await run();
      this.setData({ busy: '' });
      if (!outcome.ok) {
        this.setData({ changeErrors: { [errorKey]: outcome.error.message } });
        return;
      }
      const notified = (outcome.data as { notified?: number }).notified;
      wechat.showToast(notified ? `已修改，已通知 ${notified} 位志愿者` : '已修改');
      const fresh = await call('project', 'get', { projectId: this.projectId ?? '' });
      if (fresh.ok) {
        this.detail = fresh.data;
        if (fresh.data.status === 'recruiting' || fresh.data.status === 'in_progress') this.showPublished(fresh.data);
        else this.setData({ mode: 'error', message: '项目已取消，报名的志愿者都已收到通知' });
      }
    },
    async onUpdateShift(e) {
      const index = Number(e.currentTarget.dataset.index);
      const row = this.data.shiftRows[index];
      if (!row || !this.projectId) return;
      const projectId = this.projectId;
      await this.change('修改班次时间', 'shift', `shift_${index}`, () =>
        call('project', 'updateShift', { projectId, shiftId: row.shiftId, startsAt: `${row.date}T${row.start}:00+08:00`, endsAt: `${row.date}T${row.end}:00+08:00` }),
      );
    },
    async onChangePlaces(e) {
      const index = Number(e.currentTarget.dataset.index);
      const row = this.data.shiftRows[index];
      if (!row || !this.projectId) return;
      const projectId = this.projectId;
      const places = /^\d+$/.test(row.places.trim()) ? Number(row.places.trim()) : Number.NaN;
      await this.change('修改招募人数', 'shift', `shift_${index}`, () => call('project', 'changePlaces', { projectId, shiftId: row.shiftId, places }));
    },
    async onCancelShift(e) {
      const index = Number(e.currentTarget.dataset.index);
      const row = this.data.shiftRows[index];
      if (!row || !this.projectId) return;
      const projectId = this.projectId;
      const reason = this.data.cancelReason;
      await this.change('取消这个班次', 'shift', `shift_${index}`, () => call('project', 'cancel', { projectId, shiftId: row.shiftId, reason }));
    },
    async onUpdateSeries() {
      const series = this.data.seriesTimes;
      if (!series || !this.projectId) return;
      const projectId = this.projectId;
      await this.change('修改重复班次的时间', 'project', 'series', () =>
        call('project', 'updateSeries', { projectId, seriesId: series.seriesId, startTime: series.start, endTime: series.end }),
      );
    },
    async onChangePlace() {
      if (!this.projectId) return;
      const projectId = this.projectId;
      const place = projectInputOf(this.form).place;
      await this.change('修改服务地点', 'project', 'place', () => call('project', 'updatePlace', { projectId, place }));
    },
    async onCancelProject() {
      if (!this.projectId) return;
      const projectId = this.projectId;
      const reason = this.data.cancelReason;
      await this.change('取消整个项目', 'project', 'cancel', () => call('project', 'cancel', { projectId, reason }));
    },
    async onRecordInsurance() {
      if (!this.projectId || this.data.busy) return;
      this.setData({ busy: 'change', changeErrors: {} });
      const outcome = await call('project', 'recordInsurance', { projectId: this.projectId, insurer: this.data.insurance.insurer, policyNo: this.data.insurance.policyNo });
      this.setData({ busy: '' });
      if (!outcome.ok) {
        this.setData({ changeErrors: { [outcome.error.field ? fieldKeyOf(outcome.error.field) : 'insurer']: outcome.error.message } });
        return;
      }
      this.setData({ 'insurance.needed': false });
      wechat.showToast('保险已登记');
    },
    async onOpenDetail() {
      if (this.projectId) await wechat.redirectTo(withQuery(routes.projectDetail, { projectId: this.projectId }));
    },
  },
});
