// Contracts of the `organization` cloud function: registration, verification by a platform admin, members and roles.
// Rules: shared/docs/RULES.md §2.
import type { EmptyRequest } from './envelope';

/** registered: holds a unified social credit code; other: runs volunteer activities (条例 Arts 41–42); grassroots: 草根团队. */
export type OrganizationKind = 'registered' | 'other' | 'grassroots';
export type OrganizationStatus = 'pending' | 'verified' | 'rejected';
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
}
export type RegisterOrganizationError =
  | 'NOT_REGISTERED'
  | 'NAME_INVALID'
  | 'USCC_REQUIRED'
  | 'USCC_INVALID'
  | 'USCC_TAKEN'
  | 'AUTHORITY_REQUIRED'
  | 'REGION_INVALID'
  | 'ADDRESS_INVALID'
  | 'PERSON_INVALID'
  | 'PHONE_INVALID'
  | 'PARENT_NOT_FOUND';

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
  personInCharge: string;
  createdAt: string;
  rejectReason?: string;
  /** The caller's relation to the organization. */
  myRole: MemberRole | null;
  myMembership: MembershipStatus | null;
  /** Present for admins of the organization only. */
  admin?: {
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
}
export interface ReviewQueueResponse {
  items: ReviewQueueItem[];
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
export type ReviewError = 'FORBIDDEN' | 'NOT_FOUND' | 'REASON_REQUIRED' | 'ALREADY_REVIEWED';

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

export interface OrganizationActions {
  register: { request: RegisterOrganizationRequest; response: RegisterOrganizationResponse; error: RegisterOrganizationError; mutates: true };
  get: { request: GetOrganizationRequest; response: OrganizationDetail; error: GetOrganizationError; mutates: false };
  members: { request: MemberPageRequest; response: MembersPageResponse; error: MemberPageError; mutates: false };
  joinRequests: { request: MemberPageRequest; response: JoinRequestsPageResponse; error: MemberPageError; mutates: false };
  mine: { request: EmptyRequest; response: MyOrganizationsResponse; error: never; mutates: false };
  search: { request: SearchOrganizationsRequest; response: SearchOrganizationsResponse; error: never; mutates: false };
  reviewQueue: { request: EmptyRequest; response: ReviewQueueResponse; error: ReviewQueueError; mutates: false };
  review: { request: ReviewRequest; response: ReviewResponse; error: ReviewError; mutates: true };
  createInvite: { request: CreateInviteRequest; response: CreateInviteResponse; error: CreateInviteError; mutates: true };
  inviteInfo: { request: InviteInfoRequest; response: InviteInfoResponse; error: InviteInfoError; mutates: false };
  acceptInvite: { request: AcceptInviteRequest; response: AcceptInviteResponse; error: AcceptInviteError; mutates: true };
  requestJoin: { request: RequestJoinRequest; response: RequestJoinResponse; error: RequestJoinError; mutates: true };
  decideJoin: { request: DecideJoinRequest; response: DecideJoinResponse; error: DecideJoinError; mutates: true };
}
