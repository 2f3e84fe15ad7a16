// 提交求助: what is needed, for whom, where (the map and its county), when, how many volunteers, urgent or not, and
// whom to reach. The phone checks what it can first (./form.ts, in the server's words); the server's refusals land
// under the field it names, or at the top (the submission limit). Anyone may ask, registered as a volunteer or not; a
// need is public only after verification, which the page says before anything is typed.
import { SERVICE_CATEGORIES, SERVICE_OBJECTS } from '../../domain/codes';
import { routes, withQuery } from '../../domain/routes';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { applyRefusal, checkSubmitForm, emptySubmitForm, submitRequestOf, toSubmitView, withoutError, type SubmitForm, type SubmitView } from './form';

interface Data {
  mode: 'edit' | 'submitted';
  view: SubmitView;
  busy: boolean;
  submittedId: string;
}

interface Fields {
  form: SubmitForm;
}

type InputEvent = { currentTarget: { dataset: { field?: string } }; detail: { value: string } };

/** Text inputs by their data-field, and the error each clears as it is typed in. */
const TEXT_FIELDS: Record<string, { key: keyof SubmitForm; error: string }> = {
  what: { key: 'what', error: 'what' },
  description: { key: 'forWhomDescription', error: 'forWhom_description' },
  address: { key: 'address', error: 'place_address' },
  volunteers: { key: 'volunteersWanted', error: 'volunteersWanted' },
  contactName: { key: 'contactName', error: 'contact_name' },
  contactPhone: { key: 'contactPhone', error: 'contact_phone' },
};

const now = () => new Date();

Component<
  Data,
  {},
  {
    onLoad(): void;
    update(change: (f: SubmitForm) => SubmitForm): void;
    onInput(e: InputEvent): void;
    onCategory(e: { detail: { value: string | number } }): void;
    onObject(e: { detail: { value: string | number } }): void;
    onChooseLocation(): Promise<void>;
    onRegion(e: { detail: { value: string[]; code: string[] } }): void;
    onDate(e: { detail: { value: string } }): void;
    onTime(e: { currentTarget: { dataset: { field?: string } }; detail: { value: string } }): void;
    onUrgent(e: { detail: { value: boolean } }): void;
    onSubmit(): Promise<void>;
    onOpenMine(): void;
  },
  [],
  Fields
>({
  data: { mode: 'edit', view: toSubmitView(emptySubmitForm(), now()), busy: false, submittedId: '' },
  methods: {
    onLoad() {
      this.form = emptySubmitForm();
      this.update((f) => f);
    },
    update(change) {
      this.form = change(this.form ?? emptySubmitForm());
      this.setData({ view: toSubmitView(this.form, now()) });
    },
    onInput(e) {
      const field = TEXT_FIELDS[e.currentTarget.dataset.field ?? ''];
      if (!field) return;
      this.update((f) => withoutError({ ...f, [field.key]: e.detail.value }, field.error));
    },
    onCategory(e) {
      const code = SERVICE_CATEGORIES[Number(e.detail.value)]?.code ?? '';
      this.update((f) => withoutError({ ...f, category: code }, 'category'));
    },
    onObject(e) {
      const code = SERVICE_OBJECTS[Number(e.detail.value)]?.code ?? '';
      this.update((f) => withoutError({ ...f, forWhomObject: code }, 'forWhom_object'));
    },
    async onChooseLocation() {
      let place: wechat.ChosenPlace;
      try {
        place = await wechat.chooseLocation();
      } catch {
        return; // closed without choosing
      }
      this.update((f) =>
        withoutError({ ...f, longitude: place.longitude, latitude: place.latitude, placeName: place.name, address: f.address || place.address }, 'place_location', 'place_address'),
      );
    },
    onRegion(e) {
      const codes = e.detail.code ?? [];
      this.update((f) => withoutError({ ...f, regionCode: codes[codes.length - 1] ?? '', regionNames: [...(e.detail.value ?? [])] }, 'place_regionCode'));
    },
    onDate(e) {
      this.update((f) => withoutError({ ...f, date: e.detail.value }, 'startsAt', 'endsAt'));
    },
    onTime(e) {
      const field = e.currentTarget.dataset.field === 'end' ? 'end' : 'start';
      this.update((f) => withoutError({ ...f, [field]: e.detail.value }, 'startsAt', 'endsAt'));
    },
    onUrgent(e) {
      this.update((f) => ({ ...f, urgent: e.detail.value === true }));
    },
    async onSubmit() {
      if (this.data.busy) return;
      const errors = checkSubmitForm(this.form, now());
      if (Object.keys(errors).length > 0) {
        this.update((f) => ({ ...f, errors, banner: '' }));
        return;
      }
      this.setData({ busy: true });
      this.update((f) => ({ ...f, errors: {}, banner: '' }));
      // Tapped again after 网络不稳定, the same need is the same intent (services/api.ts): it is submitted once.
      const outcome = await call('help', 'submit', submitRequestOf(this.form));
      this.setData({ busy: false });
      if (!outcome.ok) {
        this.update((f) => applyRefusal(f, outcome.error));
        return;
      }
      this.setData({ mode: 'submitted', submittedId: outcome.data.helpRequestId });
    },
    onOpenMine() {
      const id = this.data.submittedId;
      wechat.redirectTo(id ? withQuery(routes.helpMine, { helpRequestId: id }) : routes.helpMine).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
  },
});
