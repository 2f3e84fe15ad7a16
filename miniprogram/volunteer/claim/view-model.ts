// 申诉找回: the form (name and credential as on record, the claimant's phone, a statement, 1–3 photos, the privacy
// terms) and the claimant's own claims. Pure: the page renders what these return and calls the typed client.
import type { ClaimStatus, CredentialType, MyClaim } from '../../../typings/volunteer';
import { shanghaiDateTime } from '../../domain/calendar';
import { CREDENTIAL_TYPES, credentialTypeLabel, validateCredential, validateName } from '../../domain/credential';
import { validateMobile } from '../../domain/phone';

export const MAX_PHOTOS = 3;
export const STATEMENT_MIN = 10;
export const STATEMENT_MAX = 500;
/**
 * A photo is sent as base64 in one call; the server takes at most 70 KB of photo (a function's text request body is
 * at most 100 KB on CloudBase). The page compresses in steps until it fits.
 */
export const MAX_PHOTO_BASE64_CHARS = 95_000;
export const COMPRESSION_STEPS: ReadonlyArray<{ quality: number; width: number }> = [
  { quality: 60, width: 1080 },
  { quality: 40, width: 900 },
  { quality: 25, width: 720 },
];

export const CREDENTIAL_TYPE_OPTIONS: ReadonlyArray<{ type: CredentialType; label: string }> = CREDENTIAL_TYPES.map((type) => ({ type, label: credentialTypeLabel(type) }));

export interface ClaimForm {
  name: string;
  typeIndex: number;
  number: string;
  phone: string;
  statement: string;
  photos: string[];
  agreed: boolean;
}

export const emptyForm = (): ClaimForm => ({ name: '', typeIndex: 0, number: '', phone: '', statement: '', photos: [], agreed: false });

export type FormErrors = Partial<Record<'name' | 'number' | 'phone' | 'statement' | 'photos' | 'agreed', string>>;

/** What the form says before anything is sent: the same rules the server applies. */
export function formErrors(form: ClaimForm, today: Date): FormErrors {
  const errors: FormErrors = {};
  const name = validateName(form.name);
  if (!name.ok) errors.name = name.message;
  const credential = validateCredential({ type: CREDENTIAL_TYPE_OPTIONS[form.typeIndex]!.type, number: form.number }, today);
  if (!credential.ok) errors.number = credential.message;
  const phone = validateMobile(form.phone);
  if (!phone.ok) errors.phone = phone.message;
  const length = Array.from(form.statement.trim()).length;
  if (length < STATEMENT_MIN || length > STATEMENT_MAX) errors.statement = `情况说明请写 ${STATEMENT_MIN}–${STATEMENT_MAX} 个字，当前为 ${length} 个`;
  if (form.photos.length === 0) errors.photos = '请至少上传 1 张证据照片（如手持身份证的照片）';
  if (!form.agreed) errors.agreed = '请阅读并同意隐私条款';
  return errors;
}

export const hasErrors = (errors: FormErrors): boolean => Object.keys(errors).length > 0;

/** The server's field for a refusal, as the form names it. */
export function fieldOfServerError(code: string): keyof FormErrors | null {
  switch (code) {
    case 'NAME_INVALID':
      return 'name';
    case 'CREDENTIAL_INVALID':
      return 'number';
    case 'PHONE_INVALID':
      return 'phone';
    case 'STATEMENT_INVALID':
      return 'statement';
    case 'EVIDENCE_INVALID':
      return 'photos';
    case 'CONSENT_REQUIRED':
      return 'agreed';
    default:
      return null;
  }
}

const STATUS_LABELS: Record<ClaimStatus, string> = {
  awaitingEvidence: '待上传照片',
  pending: '审核中',
  approved: '已通过',
  rejected: '未通过',
};

export interface ClaimItem {
  claimId: string;
  status: ClaimStatus;
  statusLabel: string;
  rows: Array<{ label: string; value: string }>;
  canAddPhotos: boolean;
  evidenceRoom: number;
}

export function toClaimItem(claim: MyClaim): ClaimItem {
  const rows: ClaimItem['rows'] = [
    { label: '证件类型', value: credentialTypeLabel(claim.credentialType) },
    { label: '提交时间', value: shanghaiDateTime(claim.filedAt) },
    { label: '证据照片', value: `${claim.evidenceCount} 张` },
  ];
  if (claim.decidedAt) rows.push({ label: '审核时间', value: shanghaiDateTime(claim.decidedAt) });
  if (claim.reason) rows.push({ label: '审核说明', value: claim.reason });
  if (claim.volunteerNo) rows.push({ label: '志愿者编号', value: claim.volunteerNo });
  return {
    claimId: claim.claimId,
    status: claim.status,
    statusLabel: STATUS_LABELS[claim.status],
    rows,
    canAddPhotos: claim.evidenceRoom > 0,
    evidenceRoom: claim.evidenceRoom,
  };
}

/** What the claimant confirms before filing: the claim reaches a platform admin, and the other account is told on approval. */
export function fileConfirmation(photoCount: number) {
  return {
    title: '提交申诉',
    content: `将提交申诉和 ${photoCount} 张证据照片，由平台管理员审核。通过后档案（编号、时长、所在组织）转入你的账号，原账号会收到通知。`,
    confirmText: '提交',
  };
}
