// Contracts of the `volunteer` cloud function: real-name registration, the volunteer card, and "my data".
// Rules: shared/docs/RULES.md §1 (registration, minors) and §8 (privacy).
import type { VolunteerCardActions } from './certificate-card';
import type { EmptyRequest } from './envelope';

/**
 * CN_ID 居民身份证 (GB 11643) · HMT_RESIDENCE 港澳台居民居住证 · HK_MO_PERMIT 港澳居民来往内地通行证 ·
 * TW_PERMIT 台湾居民来往大陆通行证 · PASSPORT 护照 · FOREIGN_PERMANENT 外国人永久居留身份证
 */
export type CredentialType = 'CN_ID' | 'HMT_RESIDENCE' | 'HK_MO_PERMIT' | 'TW_PERMIT' | 'PASSPORT' | 'FOREIGN_PERMANENT';
export type Gender = 'male' | 'female';
/** child: under 14 · minor: 14–17 (guardian consent) · adult: 18 and over. Computed in Asia/Shanghai. */
export type AgeBand = 'child' | 'minor' | 'adult';

export interface CredentialInput {
  type: CredentialType;
  /** As typed: spaces and a lower-case x are accepted and normalised by the server. */
  number: string;
}

/**
 * A verified number is the proof `verifyPhone` answered (the phone button's one-time code, exchanged at once);
 * otherwise the number is typed (unverified).
 */
export type PhoneInput = { source: 'wechat'; proof: string } | { source: 'typed'; number: string };

/**
 * `volunteer.verifyPhone`: the phone-number button's one-time code lasts 5 minutes and is charged when tapped, so the
 * page sends it here as soon as the button answers. The proof stands for the verified number for 30 minutes, for
 * this WeChat account only; the form keeps it for the submit, so one registration never asks for two taps.
 */
export interface VerifyPhoneRequest {
  code: string;
}
export interface VerifyPhoneResponse {
  proof: string;
  phoneMasked: string;
  /** ISO instant after which `register` / `updateProfile` refuse the proof. */
  expiresAt: string;
}
export type VerifyPhoneError = 'PHONE_INVALID';

export type TimeOfDay = 'morning' | 'afternoon' | 'evening';
/** Weekly availability: ISO weekday (1 = Monday … 7 = Sunday) and the parts of that day. */
export interface AvailabilitySlot {
  weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  times: TimeOfDay[];
}

export type GuardianRelation = 'father' | 'mother' | 'other_guardian';

export interface GuardianConsentInput {
  name: string;
  relation: GuardianRelation;
  credential: CredentialInput;
  /** The guardian ticked "我已阅读并同意" on the minor's device; the server records the time. */
  agreed: true;
}

/** Fields beyond what 条例 Art. 7 requires; kept only with the separate consent `extraFields` (办法2012 Art. 6). */
export interface ExtraFields {
  emergencyContact?: { name: string; phone: string };
  introduction?: string;
}

export interface RegisterRequest {
  name: string;
  credential: CredentialInput;
  /** Only for credentials that do not carry them (passports, permits); derived from ID numbers otherwise. */
  gender?: Gender;
  birthDate?: string; // YYYY-MM-DD
  phone: PhoneInput;
  /** GB/T 2260 code of the residence region, as WeChat's region picker gives it (6 digits). */
  regionCode: string;
  /** The picker's names, e.g. ['福建省', '福州市', '鼓楼区'], kept for display. */
  regionNames: string[];
  /** Codes from the skill code list (domain/codes.ts). */
  skills: string[];
  /** Free tags, at most 10 of at most 12 characters. */
  skillTags: string[];
  /** Service-category codes (RULES §10). */
  intentions: string[];
  availability: AvailabilitySlot[];
  consents: {
    /** Version of the privacy terms agreed to (must be the current one). */
    privacyVersion: string;
    extraFields?: boolean;
  };
  extra?: ExtraFields;
  guardian?: GuardianConsentInput;
}

export interface RegisterResponse {
  volunteerId: string;
  volunteerNo: string;
  ageBand: AgeBand;
}

export type RegisterError =
  | 'NAME_INVALID'
  | 'CREDENTIAL_INVALID'
  | 'CREDENTIAL_TAKEN'
  | 'ALREADY_REGISTERED'
  | 'BIRTH_INFO_REQUIRED'
  | 'PHONE_INVALID'
  | 'REGION_INVALID'
  | 'SKILL_INVALID'
  | 'INTENTION_INVALID'
  | 'AVAILABILITY_INVALID'
  | 'CONSENT_REQUIRED'
  | 'TOO_YOUNG'
  | 'GUARDIAN_CONSENT_REQUIRED'
  | 'GUARDIAN_INVALID'
  | 'IDENTITY_MISMATCH'
  | 'IDENTITY_UNAVAILABLE';

export interface ConsentRecord {
  kind: 'privacy' | 'extraFields' | 'guardian';
  version: string;
  grantedAt: string; // ISO instant
  withdrawnAt?: string;
}

export interface MyOrganization {
  orgId: string;
  name: string;
  role: 'admin' | 'member';
}

/** Everything the volunteer may see about themself, masked where it is shown. */
export interface MyProfile {
  volunteerId: string;
  volunteerNo: string;
  name: string;
  credential: { type: CredentialType; masked: string };
  gender: Gender;
  birthDate: string;
  ageBand: AgeBand;
  phone: { masked: string; verified: boolean };
  regionCode: string;
  regionNames: string[];
  skills: string[];
  skillTags: string[];
  intentions: string[];
  availability: AvailabilitySlot[];
  extra?: ExtraFields;
  consents: ConsentRecord[];
  guardian?: { name: string; relation: GuardianRelation; credentialMasked: string; consentedAt: string };
  registeredAt: string;
  organizations: MyOrganization[];
}

export type ProfileRequest = EmptyRequest;
export type ProfileError = 'NOT_REGISTERED';

/** What may change without re-verification. */
export interface UpdateProfileRequest {
  phone?: PhoneInput;
  regionCode?: string;
  regionNames?: string[];
  skills?: string[];
  skillTags?: string[];
  intentions?: string[];
  availability?: AvailabilitySlot[];
  /** Only with the extraFields consent in force. */
  extra?: ExtraFields;
}
export type UpdateProfileError = 'NOT_REGISTERED' | 'NAME_INVALID' | 'PHONE_INVALID' | 'REGION_INVALID' | 'SKILL_INVALID' | 'INTENTION_INVALID' | 'AVAILABILITY_INVALID' | 'CONSENT_REQUIRED';

/** A change of name or credential is a re-verification: the same checks as registration, and uniqueness. */
export interface ChangeIdentityRequest {
  name: string;
  credential: CredentialInput;
  gender?: Gender;
  birthDate?: string;
  guardian?: GuardianConsentInput;
}
export type ChangeIdentityError =
  | 'IDENTITY_MISMATCH'
  | 'IDENTITY_UNAVAILABLE'
  | 'NOT_REGISTERED'
  | 'NAME_INVALID'
  | 'CREDENTIAL_INVALID'
  | 'CREDENTIAL_TAKEN'
  | 'BIRTH_INFO_REQUIRED'
  | 'TOO_YOUNG'
  | 'GUARDIAN_CONSENT_REQUIRED'
  | 'GUARDIAN_INVALID';

/** The electronic volunteer card (志愿服务证). */
export interface CardResponse {
  name: string;
  volunteerNo: string;
  organizations: string[];
  registeredOn: string; // YYYY-MM-DD, Asia/Shanghai
  /** Null until the volunteer has confirmed hours. */
  starLevel: number | null;
  confirmedHours: number;
  /** Signed, short-lived QR payload: it changes every minute, so a screenshot is useless. */
  qr: {
    payload: string;
    /** The payload as a QR code, `data:image/png;base64,…`, rendered by the server so the client ships no QR library. */
    image: string;
    validUntil: string;
    refreshAfterSeconds: number;
  };
}
export type CardError = 'NOT_REGISTERED';

/** An organization admin scans a card. */
export interface ScanCardRequest {
  orgId: string;
  payload: string;
}
export interface ScanCardResponse {
  volunteerId: string;
  volunteerNo: string;
  nameMasked: string;
}
export type ScanCardError = 'CARD_INVALID' | 'CARD_EXPIRED' | 'FORBIDDEN';

export interface ExportResponse {
  fileID: string;
  /** Temporary download URL. */
  url: string;
  /** When the link stops working; the file itself (plaintext ID and phone) is deleted from then on. */
  validUntil: string;
  bytes: number;
}
export type ExportError = 'NOT_REGISTERED';

/** 我的资料: consent to the extra fields given after registration, to the same text and version as there. */
export interface GiveConsentRequest {
  kind: 'extraFields';
  /** The version of the terms the person was shown (domain/codes.ts PRIVACY_TERMS_VERSION); an older one is refused. */
  version: string;
}
export interface GiveConsentResponse {
  consents: ConsentRecord[];
}
export type GiveConsentError = 'NOT_REGISTERED' | 'TERMS_OUTDATED';

export interface WithdrawConsentRequest {
  kind: 'extraFields';
}
export interface WithdrawConsentResponse {
  consents: ConsentRecord[];
}
export type WithdrawConsentError = 'NOT_REGISTERED' | 'CONSENT_NOT_GIVEN';

export interface DeleteAccountRequest {
  /** The person typed 注销 to confirm. */
  confirm: '注销';
}
export interface DeleteAccountResponse {
  deletedAt: string;
}
/** LAST_ADMIN: the caller is the only admin of a live organization and must hand it over or dissolve it first. */
export type DeleteAccountError = 'NOT_REGISTERED' | 'LAST_ADMIN';

/** The rules the registration form applies before the server applies them again: they are configuration per region. */
export interface RegistrationRulesResponse {
  minimumAge: number;
  guardianConsentUnder: number;
  privacyVersion: string;
}

// ── 申诉找回: identity claims ──────────────────────────────────────────────────────────────────────────────────
// Someone else registered my credential, or I lost the WeChat account I registered with: I prove the record is mine
// (name and credential as on record, a statement, 1–3 photos), a platform admin reviews, and on approval the record
// (volunteer number, hours, memberships) moves to my account. cloudfunctions/volunteer/README.md, "Claims".

/**
 * awaitingEvidence: filed, no photo yet (reviewers do not see it) · pending: in the review queue ·
 * approved: the record moved to the claimant · rejected: nothing changed, the reason is given.
 */
export type ClaimStatus = 'awaitingEvidence' | 'pending' | 'approved' | 'rejected';

export interface FileClaimRequest {
  /** Name and credential exactly as the record holds them. */
  name: string;
  credential: CredentialInput;
  /** The claimant's own phone: it replaces the record's when the claim is approved. */
  phone: PhoneInput;
  /** What happened, in the claimant's words (10–500 characters). */
  statement: string;
  /** The privacy terms the claimant agrees to (must be the current version). */
  privacyVersion: string;
}

/** A claim as its claimant sees it. */
export interface MyClaim {
  claimId: string;
  status: ClaimStatus;
  credentialType: CredentialType;
  evidenceCount: number;
  /** Photos still allowed (at most 3 in all). */
  evidenceRoom: number;
  filedAt: string;
  decidedAt?: string;
  /** The reviewer's reason, once decided. */
  reason?: string;
  /** The moved record's volunteer number, once approved. */
  volunteerNo?: string;
}

export interface FileClaimResponse {
  claim: MyClaim;
}
export type FileClaimError =
  | 'NAME_INVALID'
  | 'CREDENTIAL_INVALID'
  | 'PHONE_INVALID'
  | 'CONSENT_REQUIRED'
  | 'STATEMENT_INVALID'
  | 'CLAIM_MISMATCH'
  | 'CLAIM_NOT_NEEDED'
  | 'CLAIMANT_HAS_RECORD'
  | 'CLAIM_ALREADY_OPEN'
  | 'CLAIM_LIMIT'
  | 'IDENTITY_MISMATCH'
  | 'IDENTITY_UNAVAILABLE';

/** One photo per call: a function's request body is at most 100 KB as text (EXCEED_MAX_PAYLOAD_SIZE). */
export interface AddClaimEvidenceRequest {
  claimId: string;
  photo: { contentType: 'image/jpeg' | 'image/png'; base64: string };
}
export interface AddClaimEvidenceResponse {
  claim: MyClaim;
}
export type AddClaimEvidenceError = 'CLAIM_NOT_FOUND' | 'CLAIM_DECIDED' | 'EVIDENCE_INVALID' | 'EVIDENCE_LIMIT';

export interface MyClaimsResponse {
  items: MyClaim[];
}

/** What a reviewer sees of an account, masked: enough to tell an old owner from a new squatter. */
export interface ClaimAccountSummary {
  /** When this WeChat account first used 志愿+ (null: never before the claim). */
  accountCreatedAt: string | null;
  phoneMasked: string | null;
  phoneVerified: boolean;
  /** Active memberships of organizations. */
  organizations: number;
}

export interface ClaimQueueItem {
  claimId: string;
  filedAt: string;
  nameMasked: string;
  credentialType: CredentialType;
  credentialMasked: string;
  evidenceCount: number;
}

export interface ClaimQueueRequest {
  /** From the previous page's `nextCursor`. */
  cursor?: string;
}
export interface ClaimQueueResponse {
  items: ClaimQueueItem[];
  nextCursor?: string;
}

export interface ClaimDetailRequest {
  claimId: string;
}
export interface ClaimDetail extends ClaimQueueItem {
  status: ClaimStatus;
  statement: string;
  volunteerNo: string;
  registeredAt: string;
  /** The account that files the claim. */
  claimant: ClaimAccountSummary;
  /** The account that holds the record now. */
  holder: ClaimAccountSummary;
  /** Short-lived signed links (5 minutes), for reviewers only. */
  evidence: Array<{ url: string; validUntil: string }>;
  /** The audit trail so far. */
  events: Array<{ step: ClaimStep; at: string }>;
  decidedAt?: string;
  reason?: string;
}

/** Steps recorded in the audit trail (collection claimEvents). */
export type ClaimStep = 'filed' | 'evidenceAdded' | 'approved' | 'rejected' | 'moved';

export interface DecideClaimRequest {
  claimId: string;
  decision: 'approve' | 'reject';
  /** Why, for the audit trail and the people told (2–200 characters). */
  reason: string;
}
export interface DecideClaimResponse {
  claimId: string;
  status: 'approved' | 'rejected';
}
export type DecideClaimError =
  | 'CLAIM_NOT_FOUND'
  | 'CLAIM_DECIDED'
  | 'CLAIM_AWAITING_EVIDENCE'
  | 'CLAIM_STALE'
  | 'CLAIMANT_HAS_RECORD'
  | 'REASON_REQUIRED';

/** The card as an image (issue 10): typings/certificate-card.ts. */
export interface VolunteerActions extends VolunteerCardActions {
  registrationRules: { request: EmptyRequest; response: RegistrationRulesResponse; error: never; mutates: false };
  verifyPhone: { request: VerifyPhoneRequest; response: VerifyPhoneResponse; error: VerifyPhoneError; mutates: true };
  register: { request: RegisterRequest; response: RegisterResponse; error: RegisterError; mutates: true };
  profile: { request: ProfileRequest; response: MyProfile; error: ProfileError; mutates: false };
  updateProfile: { request: UpdateProfileRequest; response: MyProfile; error: UpdateProfileError; mutates: true };
  changeIdentity: { request: ChangeIdentityRequest; response: MyProfile; error: ChangeIdentityError; mutates: true };
  card: { request: EmptyRequest; response: CardResponse; error: CardError; mutates: false };
  scanCard: { request: ScanCardRequest; response: ScanCardResponse; error: ScanCardError; mutates: false };
  exportMine: { request: EmptyRequest; response: ExportResponse; error: ExportError; mutates: true };
  giveConsent: { request: GiveConsentRequest; response: GiveConsentResponse; error: GiveConsentError; mutates: true };
  withdrawConsent: { request: WithdrawConsentRequest; response: WithdrawConsentResponse; error: WithdrawConsentError; mutates: true };
  deleteAccount: { request: DeleteAccountRequest; response: DeleteAccountResponse; error: DeleteAccountError; mutates: true };
  fileClaim: { request: FileClaimRequest; response: FileClaimResponse; error: FileClaimError; mutates: true };
  addClaimEvidence: { request: AddClaimEvidenceRequest; response: AddClaimEvidenceResponse; error: AddClaimEvidenceError; mutates: true };
  myClaims: { request: EmptyRequest; response: MyClaimsResponse; error: never; mutates: false };
  claimQueue: { request: ClaimQueueRequest; response: ClaimQueueResponse; error: 'FORBIDDEN'; mutates: false };
  claimDetail: { request: ClaimDetailRequest; response: ClaimDetail; error: 'FORBIDDEN' | 'CLAIM_NOT_FOUND'; mutates: false };
  decideClaim: { request: DecideClaimRequest; response: DecideClaimResponse; error: DecideClaimError; mutates: true };
}
