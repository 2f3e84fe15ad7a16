// 申诉找回: someone registered my credential, or I lost the WeChat account I registered with. The form files the
// claim, then sends each photo (compressed until it fits one call); below it, my claims and their state, with a way
// to add photos to one still open. Rules and texts: ./view-model.ts; the server's: cloudfunctions/volunteer/README.md.
import { PRIVACY_TERMS_VERSION } from '../../domain/codes';
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import {
  COMPRESSION_STEPS,
  CREDENTIAL_TYPE_OPTIONS,
  emptyForm,
  fieldOfServerError,
  fileConfirmation,
  formErrors,
  hasErrors,
  MAX_PHOTO_BASE64_CHARS,
  MAX_PHOTOS,
  toClaimItem,
  type ClaimForm,
  type ClaimItem,
  type FormErrors,
} from './view-model';

type Dataset = Record<string, string | undefined>;
type Field = 'name' | 'number' | 'phone' | 'statement';

interface Data {
  status: 'loading' | 'error' | 'ready';
  message: string;
  form: ClaimForm;
  errors: FormErrors;
  typeLabels: string[];
  maxPhotos: number;
  submitting: boolean;
  progress: string;
  notice: string;
  claims: ClaimItem[];
  privacyVersion: string;
}

/** The photo as base64 small enough for one call, or null when no compression step makes it fit. */
async function photoPayload(path: string): Promise<{ contentType: 'image/jpeg'; base64: string } | null> {
  for (const step of COMPRESSION_STEPS) {
    const compressed = await wechat.compressPhoto(path, step.quality, step.width);
    const base64 = await wechat.readFileBase64(compressed);
    if (base64.length <= MAX_PHOTO_BASE64_CHARS) return { contentType: 'image/jpeg', base64 };
  }
  return null;
}

Component<
  Data,
  {},
  {
    onLoad(): Promise<void>;
    loadClaims(): Promise<void>;
    onInput(e: { currentTarget: { dataset: Dataset }; detail: { value: string } }): void;
    onTypeChange(e: { detail: { value: string } }): void;
    onChoosePhotos(): Promise<void>;
    onRemovePhoto(e: { currentTarget: { dataset: Dataset } }): void;
    onToggleAgreed(): void;
    onOpenPrivacy(): void;
    onSubmit(): Promise<void>;
    sendPhotos(claimId: string, paths: string[]): Promise<boolean>;
    onAddPhotos(e: { currentTarget: { dataset: Dataset } }): Promise<void>;
  },
  [],
  {}
>({
  data: {
    status: 'loading',
    message: '',
    form: emptyForm(),
    errors: {},
    typeLabels: CREDENTIAL_TYPE_OPTIONS.map((o) => o.label),
    maxPhotos: MAX_PHOTOS,
    submitting: false,
    progress: '',
    notice: '',
    claims: [],
    privacyVersion: PRIVACY_TERMS_VERSION,
  },
  methods: {
    onLoad() {
      return this.loadClaims();
    },
    async loadClaims() {
      const outcome = await call('volunteer', 'myClaims', {});
      if (!outcome.ok) {
        this.setData({ status: 'error', message: outcome.error.message });
        return;
      }
      this.setData({ status: 'ready', claims: outcome.data.items.map(toClaimItem) });
    },
    onInput(e) {
      const field = e.currentTarget.dataset.field as Field;
      this.setData({ [`form.${field}`]: e.detail.value, [`errors.${field}`]: '' });
    },
    onTypeChange(e) {
      this.setData({ 'form.typeIndex': Number(e.detail.value), 'errors.number': '' });
    },
    async onChoosePhotos() {
      const room = MAX_PHOTOS - this.data.form.photos.length;
      if (room <= 0) return;
      const chosen = await wechat.choosePhotos(room);
      if (chosen.length > 0) this.setData({ 'form.photos': [...this.data.form.photos, ...chosen].slice(0, MAX_PHOTOS), 'errors.photos': '' });
    },
    onRemovePhoto(e) {
      const index = Number(e.currentTarget.dataset.index);
      this.setData({ 'form.photos': this.data.form.photos.filter((_, i) => i !== index) });
    },
    onToggleAgreed() {
      this.setData({ 'form.agreed': !this.data.form.agreed, 'errors.agreed': '' });
    },
    onOpenPrivacy() {
      wechat.openPrivacyContract().catch(() => wechat.showToast('隐私保护指引暂时打不开，请稍后重试'));
    },
    async onSubmit() {
      if (this.data.submitting) return;
      const form = this.data.form;
      const errors = formErrors(form, new Date());
      if (hasErrors(errors)) {
        this.setData({ errors });
        return;
      }
      if (!(await wechat.confirm(fileConfirmation(form.photos.length)))) return;
      this.setData({ submitting: true, progress: '正在提交申诉…', notice: '' });
      const filed = await call('volunteer', 'fileClaim', {
        name: form.name,
        credential: { type: CREDENTIAL_TYPE_OPTIONS[form.typeIndex]!.type, number: form.number },
        phone: { source: 'typed', number: form.phone },
        statement: form.statement,
        privacyVersion: PRIVACY_TERMS_VERSION,
      });
      if (!filed.ok) {
        const field = fieldOfServerError(filed.error.code);
        this.setData({ submitting: false, progress: '', ...(field ? { [`errors.${field}`]: filed.error.message } : { notice: filed.error.message }) });
        return;
      }
      const allSent = await this.sendPhotos(filed.data.claim.claimId, form.photos);
      this.setData({
        submitting: false,
        progress: '',
        form: emptyForm(),
        errors: {},
        notice: allSent ? '申诉已提交，平台管理员审核后会通过消息告诉你结果' : '申诉已提交，但有照片没有上传成功，请在下方“我的申诉”中补充',
      });
      await this.loadClaims();
    },
    async sendPhotos(claimId, paths) {
      let allSent = true;
      for (const [i, path] of paths.entries()) {
        this.setData({ progress: `正在上传第 ${i + 1}/${paths.length} 张照片…` });
        const photo = await photoPayload(path);
        if (!photo) {
          allSent = false;
          continue;
        }
        const added = await call('volunteer', 'addClaimEvidence', { claimId, photo });
        if (!added.ok) {
          allSent = false;
          if (added.error.code !== 'EVIDENCE_INVALID') break;
        }
      }
      return allSent;
    },
    async onAddPhotos(e) {
      const claim = this.data.claims.find((c) => c.claimId === e.currentTarget.dataset.id);
      if (!claim || this.data.submitting) return;
      const chosen = await wechat.choosePhotos(claim.evidenceRoom);
      if (chosen.length === 0) return;
      this.setData({ submitting: true, notice: '' });
      const allSent = await this.sendPhotos(claim.claimId, chosen);
      this.setData({ submitting: false, progress: '', notice: allSent ? '照片已上传' : '有照片没有上传成功，请换一张或稍后重试' });
      await this.loadClaims();
    },
  },
});
