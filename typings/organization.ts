// Contracts of the `organization` cloud function: registration, verification by a platform admin, members and roles.
// Rules: shared/docs/RULES.md §2.
import type { EmptyRequest } from './envelope';

/** registered: holds a unified social credit code; other: runs volunteer activities (条例 Arts 41–42); grassroots: 草根团队. */
export type OrganizationKind = 'registered' | 'other' | 'grassroots';
/** dissolved: its last admin ended it — not public, no join requests, its USCC released. */
export type OrganizationStatus = 'pending' | 'verified' | 'rejected' | 'dissolved';
export type MemberRole = 'admin' | 'member';
export type MembershipStatus = 'active' | 'pending' | 'declined';
/** 民政 registration, read from a USCC beginning 51/52/53: 社会团体 / 社会服务机构 / 基金会. */
export type CivilAffairsType = 'social_group' | 'social_service' | 'foundation';

export interface RegisterOrganizationRequest {
  name: string;
  kind: OrganizationKind;
  /** Required for `registered`, optional for `other`, absent for `grassroots`. */
  uscc?: string;
  /** 登记管理机关, e.g. 福州市鼓楼区民政局. Required for `registered`. */
  authority?: string;
  regionCode: string;
  regionNames: string[];
  address: string;
  personInCharge: string;
  contact: { name: string; phone: string };
  parentId?: string;
  introduction?: string;
}
export interface RegisterOrganizationResponse {
  orgId: string;
  status: OrganizationStatus;
  /** Live organizations whose names look like this one: a warning shown to the applicant and to the reviewer. */
  similarNames: SimilarName[];
}
export type RegisterOrganizationError =
  | 'NOT_REGISTERED'
  | 'NAME_INVALID'
  /** A live organization in the same region has exactly this (normalised) name. */
  | 'NAME_TAKEN'
  | 'USCC_REQUIRED'
  | 'USCC_INVALID'
  /** Another person's organization holds the USCC: the answer says how to claim it. */
  | 'USCC_TAKEN'
  /** The caller's own application holds it: the error's `orgId` leads to it. */
  | 'USCC_MINE'
  | 'AUTHORITY_REQUIRED'
  | 'REGION_INVALID'
  | 'ADDRESS_INVALID'
  | 'PERSON_INVALID'
  | 'PHONE_INVALID'
  | 'PARENT_NOT_FOUND';

export type NameSimilarity = 'same' | 'suffix' | 'oneCharacter';
export interface SimilarName {
  orgId: string;
  name: string;
  regionNames: string[];
  similarity: NameSimilarity;
}

/** One step in an application's life, kept in order (a decision never overwrites an earlier one). */
export interface ApplicationEvent {
  event: 'submitted' | 'resubmitted' | 'approved' | 'rejected' | 'expired' | 'claimed' | 'dissolved';
  at: string;
  reason?: string;
}

/** What anyone may see of an organization. */
export interface OrganizationSummary {
  orgId: string;
  name: string;
  kind: OrganizationKind;
  status: OrganizationStatus;
  regionCode: string;
  regionNames: string[];
  /** The USCC is public registration data; shown in full. */
  uscc?: string;
  civilAffairsType?: CivilAffairsType;
  parent?: { orgId: string; name: string };
  introduction?: string;
}

export interface MemberView {
  userId: string;
  name: string;
  volunteerNo: string;
  /** An admin sees members' phones masked only. */
  phoneMasked: string;
  role: MemberRole;
  since: string;
}

export interface JoinRequestView {
  userId: string;
  name: string;
  volunteerNo: string;
  message?: string;
  requestedAt: string;
}

export interface OrganizationDetail extends OrganizationSummary {
  address: string;
  /** Masked (张*) for anyone but the organization's admins and platform admins, like every public page. */
  personInCharge: string;
  createdAt: string;
  rejectReason?: string;
  /** For its admins and platform admins: every submission and decision, oldest first. */
  history?: ApplicationEvent[];
  /** A hand-over of the admin role waiting for its recipient: shown to the admins and to the recipient. */
  handOver?: { toUserId: string; toName: string; toMe: boolean };
  /** The caller's relation to the organization. */
  myRole: MemberRole | null;
  myMembership: MembershipStatus | null;
  /** Present for admins of the organization only. */
  admin?: {
    /** Editable fields of a rejected application, for correcting and resubmitting. */
    application?: RegisterOrganizationRequest;
    contact: { name: string; phoneMasked: string };
    /** The first page: admins first, then by joining date. `membersNext` continues it (organization.members). */
    members: MemberView[];
    membersNext?: string;
    /** The first page, oldest first. `joinRequestsNext` continues it (organization.joinRequests). */
    joinRequests: JoinRequestView[];
    joinRequestsNext?: string;
  };
}

/** The next page of an organization's members or join requests: `after` is the opaque `…Next` of the last page. */
export interface MemberPageRequest {
  orgId: string;
  after: string;
}
export interface MembersPageResponse {
  members: MemberView[];
  /** Absent on the last page. */
  next?: string;
}
export interface JoinRequestsPageResponse {
  joinRequests: JoinRequestView[];
  next?: string;
}
export type MemberPageError = 'NOT_FOUND';

export interface GetOrganizationRequest {
  orgId: string;
}
export type GetOrganizationError = 'NOT_FOUND';

export interface MyOrganizationsResponse {
  organizations: Array<OrganizationSummary & { role: MemberRole | null; membership: MembershipStatus }>;
}

export interface SearchOrganizationsRequest {
  /** A prefix of a GB/T 2260 code: 2 (province), 4 (city) or 6 (county) digits. */
  regionCode?: string;
  keyword?: string;
}
export interface SearchOrganizationsResponse {
  organizations: OrganizationSummary[];
}

/** Platform admin: the verification queue. */
export interface ReviewQueueItem extends OrganizationSummary {
  address: string;
  authority?: string;
  personInCharge: string;
  contact: { name: string; phoneMasked: string };
  applicant: { name: string; volunteerNo: string };
  createdAt: string;
  similarNames: SimilarName[];
  /** Earlier rejections of this application (it was corrected and resubmitted). */
  history: ApplicationEvent[];
  /** The reviewer registered or administers it: they may not decide it. */
  mine: boolean;
}
/** A claim of a USCC held by someone else's organization, with the claimant's evidence. */
export interface UsccClaimQueueItem {
  claimId: string;
  uscc: string;
  /** The organization holding the code now. */
  holder: { orgId: string; name: string; status: OrganizationStatus; adminCount: number };
  /** What the claimant registers, or the organization they take over. */
  application: { name: string; kind: OrganizationKind; regionNames: string[]; personInCharge: string; contact: { name: string; phoneMasked: string } };
  claimant: { name: string; volunteerNo: string };
  statement?: string;
  /** Signed links to the evidence photos, valid `evidenceLinkSeconds`; the files stay private. */
  evidenceUrls: string[];
  evidenceLinkSeconds: number;
  createdAt: string;
  mine: boolean;
}
export interface ReviewQueueRequest {
  /** nextCursor of the previous page; absent for the first page. */
  cursor?: string;
}
export interface ReviewQueueResponse {
  items: ReviewQueueItem[];
  /** null on the last page. */
  nextCursor: string | null;
  /** The oldest waiting claims, on the first page only. */
  claims: UsccClaimQueueItem[];
  claimsWaiting: number;
}
export type ReviewQueueError = 'FORBIDDEN';

export interface ReviewRequest {
  orgId: string;
  decision: 'approve' | 'reject';
  /** Required when rejecting: the applicant is told it. */
  reason?: string;
}
export interface ReviewResponse {
  orgId: string;
  status: OrganizationStatus;
}
/** SELF_REVIEW: a platform admin cannot decide an organization they registered or administer. */
export type ReviewError = 'FORBIDDEN' | 'NOT_FOUND' | 'REASON_REQUIRED' | 'ALREADY_REVIEWED' | 'SELF_REVIEW';

/** The admin of a rejected application corrects it and sends it back to the queue. */
export type ResubmitRequest = RegisterOrganizationRequest & { orgId: string };
export interface ResubmitResponse {
  orgId: string;
  status: OrganizationStatus;
  similarNames: SimilarName[];
}
export type ResubmitError = RegisterOrganizationError | 'FORBIDDEN' | 'NOT_FOUND' | 'NOT_REJECTED';

/** The real holder of a USCC someone else's organization holds: evidence for the platform to decide. */
export interface ClaimUsccRequest {
  /** The claimant's organization as they register it; its `uscc` is the code claimed. */
  application: RegisterOrganizationRequest;
  /** 1–2 photos of the 营业执照 / 登记证书, JPEG or PNG, base64 (the whole request stays under 100 KB). */
  evidence: string[];
  statement?: string;
}
export interface ClaimUsccResponse {
  claimId: string;
  status: 'pending';
}
export type ClaimUsccError = RegisterOrganizationError | 'EVIDENCE_INVALID' | 'USCC_CLAIM_NOT_NEEDED' | 'ALREADY_CLAIMED';

export interface DecideUsccClaimRequest {
  claimId: string;
  decision: 'approve' | 'reject';
  reason?: string;
}
export interface DecideUsccClaimResponse {
  claimId: string;
  status: 'approved' | 'rejected';
  /** On approval: the organization the claimant now administers. */
  orgId?: string;
}
export type DecideUsccClaimError = 'FORBIDDEN' | 'NOT_FOUND' | 'REASON_REQUIRED' | 'ALREADY_REVIEWED' | 'SELF_REVIEW';

export interface OrgRequest {
  orgId: string;
}
export interface LeaveResponse {
  orgId: string;
}
/** LAST_ADMIN: the only admin of a live organization hands over or dissolves first. */
export type LeaveError = 'NOT_FOUND' | 'NOT_MEMBER' | 'LAST_ADMIN';

export interface HandOverRequest {
  orgId: string;
  /** An active member of the organization. */
  userId: string;
}
export interface HandOverResponse {
  orgId: string;
  toUserId: string;
}
export type HandOverError = 'NOT_REGISTERED' | 'FORBIDDEN' | 'NOT_FOUND' | 'NOT_MEMBER';

export interface AcceptHandOverResponse {
  orgId: string;
  role: 'admin';
}
export type AcceptHandOverError = 'NOT_REGISTERED' | 'NOT_FOUND' | 'NO_HAND_OVER';

export interface DissolveResponse {
  orgId: string;
  status: 'dissolved';
}
export type DissolveError = 'FORBIDDEN' | 'NOT_FOUND';


export interface CreateInviteRequest {
  orgId: string;
}
export interface CreateInviteResponse {
  code: string;
  validUntil: string;
  /** Mini-program path to put in a share card. */
  sharePath: string;
}
export type CreateInviteError = 'FORBIDDEN' | 'NOT_FOUND' | 'NOT_VERIFIED';

/** What an invitation is for, shown on its landing page before anyone accepts it. */
export interface InviteInfoRequest {
  code: string;
}
export interface InviteInfoResponse {
  orgId: string;
  name: string;
  regionNames: string[];
  validUntil: string;
  /** usable: can be accepted now; mine: the caller already accepted it. */
  state: 'usable' | 'mine';
}
export type InviteInfoError = 'INVITE_INVALID' | 'INVITE_EXPIRED' | 'INVITE_USED';

export interface AcceptInviteRequest {
  code: string;
}
export interface AcceptInviteResponse {
  orgId: string;
  name: string;
  role: 'admin';
}
export type AcceptInviteError = 'NOT_REGISTERED' | 'INVITE_INVALID' | 'INVITE_EXPIRED' | 'INVITE_USED' | 'ALREADY_ADMIN';

export interface RequestJoinRequest {
  orgId: string;
  message?: string;
}
export interface RequestJoinResponse {
  status: MembershipStatus;
}
export type RequestJoinError = 'NOT_REGISTERED' | 'NOT_FOUND' | 'NOT_VERIFIED' | 'ALREADY_MEMBER' | 'ALREADY_REQUESTED';

export interface DecideJoinRequest {
  orgId: string;
  userId: string;
  decision: 'approve' | 'decline';
  reason?: string;
}
export interface DecideJoinResponse {
  status: MembershipStatus;
}
export type DecideJoinError = 'FORBIDDEN' | 'NOT_FOUND' | 'NOT_PENDING';

/**
 * A platform admin names the organization that issues certificates for a dissolved or merged organization's records
 * (RULES §5, 意见149: "its successor or superior issues"): a verified organization with legal status.
 */
export interface DesignateSuccessorRequest {
  orgId: string;
  successorId: string;
}
export interface DesignateSuccessorResponse {
  orgId: string;
  successor: { orgId: string; name: string };
}
/** NOT_DISSOLVED: only a dissolved organization has a successor; SUCCESSOR_INVALID: itself, not verified, a 草根 team, or a loop. */
export type DesignateSuccessorError = 'NOT_FOUND' | 'NOT_DISSOLVED' | 'SUCCESSOR_INVALID';

export interface OrganizationActions {
  register: { request: RegisterOrganizationRequest; response: RegisterOrganizationResponse; error: RegisterOrganizationError; mutates: true };
  get: { request: GetOrganizationRequest; response: OrganizationDetail; error: GetOrganizationError; mutates: false };
  members: { request: MemberPageRequest; response: MembersPageResponse; error: MemberPageError; mutates: false };
  joinRequests: { request: MemberPageRequest; response: JoinRequestsPageResponse; error: MemberPageError; mutates: false };
  mine: { request: EmptyRequest; response: MyOrganizationsResponse; error: never; mutates: false };
  search: { request: SearchOrganizationsRequest; response: SearchOrganizationsResponse; error: never; mutates: false };
  reviewQueue: { request: ReviewQueueRequest; response: ReviewQueueResponse; error: ReviewQueueError; mutates: false };
  review: { request: ReviewRequest; response: ReviewResponse; error: ReviewError; mutates: true };
  resubmit: { request: ResubmitRequest; response: ResubmitResponse; error: ResubmitError; mutates: true };
  claimUscc: { request: ClaimUsccRequest; response: ClaimUsccResponse; error: ClaimUsccError; mutates: true };
  decideClaim: { request: DecideUsccClaimRequest; response: DecideUsccClaimResponse; error: DecideUsccClaimError; mutates: true };
  leave: { request: OrgRequest; response: LeaveResponse; error: LeaveError; mutates: true };
  handOver: { request: HandOverRequest; response: HandOverResponse; error: HandOverError; mutates: true };
  acceptHandOver: { request: OrgRequest; response: AcceptHandOverResponse; error: AcceptHandOverError; mutates: true };
  dissolve: { request: OrgRequest; response: DissolveResponse; error: DissolveError; mutates: true };
  designateSuccessor: { request: DesignateSuccessorRequest; response: DesignateSuccessorResponse; error: DesignateSuccessorError; mutates: true };
  createInvite: { request: CreateInviteRequest; response: CreateInviteResponse; error: CreateInviteError; mutates: true };
  inviteInfo: { request: InviteInfoRequest; response: InviteInfoResponse; error: InviteInfoError; mutates: false };
  acceptInvite: { request: AcceptInviteRequest; response: AcceptInviteResponse; error: AcceptInviteError; mutates: true };
  requestJoin: { request: RequestJoinRequest; response: RequestJoinResponse; error: RequestJoinError; mutates: true };
  decideJoin: { request: DecideJoinRequest; response: DecideJoinResponse; error: DecideJoinError; mutates: true };
}
