// What the organization function answers: pure mapping from stored documents to what callers see. Who may see what is decided here in one place:
// the public summary for anyone, the admin part (contact, members, join requests) only when the handler passes it,
// and never a phone number unmasked.
import type {
  JoinRequestView,
  MemberView,
  MembershipStatus,
  MemberRole,
  OrganizationDetail,
  OrganizationSummary,
  ReviewQueueItem,
} from '../../typings/organization';
import { iso as toIso } from '../_shared/documents/dates';
import type { MembershipDoc } from '../_shared/documents/membership';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { fail } from '../_shared/frame/envelope';
import { routes, withQuery } from '../../miniprogram/domain/routes';
import { FORBIDDEN_MESSAGES, INVITE_INVALID_MESSAGES } from '../_shared/messages/answers';

/** What a member listing needs of a volunteer; the rest of the profile stays out of this function. */
export interface PersonCard {
  userId: string;
  name: string;
  volunteerNo: string;
  phoneMasked: string;
}

export function organizationSummary(org: OrganizationDoc): OrganizationSummary {
  return {
    orgId: org._id,
    name: org.name,
    kind: org.kind,
    status: org.status,
    regionCode: org.regionCode,
    regionNames: org.regionNames,
    ...(org.uscc ? { uscc: org.uscc } : {}),
    ...(org.civilAffairsType ? { civilAffairsType: org.civilAffairsType } : {}),
    ...(org.parentId ? { parent: { orgId: org.parentId, name: org.parentName ?? '' } } : {}),
    ...(org.introduction ? { introduction: org.introduction } : {}),
  };
}

/** The caller's relation to the organization: a role only while the membership is active. */
export function relationOf(m: MembershipDoc | null): { myRole: MemberRole | null; myMembership: MembershipStatus | null } {
  if (!m) return { myRole: null, myMembership: null };
  return { myRole: m.status === 'active' ? m.role : null, myMembership: m.status };
}

export function isActiveAdmin(m: MembershipDoc | null): boolean {
  return m !== null && m.role === 'admin' && m.status === 'active';
}

/** A person whose volunteer profile is gone (deleted account) is still listed, without identity. */
const UNKNOWN_PERSON = { name: '（已注销）', volunteerNo: '', phoneMasked: '' };

export function memberView(m: MembershipDoc, person: PersonCard | undefined): MemberView {
  const p = person ?? UNKNOWN_PERSON;
  return {
    userId: m.userId,
    name: p.name,
    volunteerNo: p.volunteerNo,
    phoneMasked: p.phoneMasked,
    role: m.role,
    since: toIso(m.since ?? m.requestedAt),
  };
}

export function joinRequestView(m: MembershipDoc, person: PersonCard | undefined): JoinRequestView {
  const p = person ?? UNKNOWN_PERSON;
  return {
    userId: m.userId,
    name: p.name,
    volunteerNo: p.volunteerNo,
    ...(m.message ? { message: m.message } : {}),
    requestedAt: toIso(m.requestedAt),
  };
}

/** The first page of each list, in the order the store read it, and where the next page starts. */
export interface AdminPart {
  members: MembershipDoc[];
  joinRequests: MembershipDoc[];
  people: Map<string, PersonCard>;
  membersNext?: string;
  joinRequestsNext?: string;
}

/**
 * The organization page. `admin` is given only for the organization's active admins; the reject reason only to
 * those who may see a non-verified organization at all (its admins and platform admins).
 */
export function organizationDetail(
  org: OrganizationDoc,
  mine: MembershipDoc | null,
  options: { admin?: AdminPart; showReview: boolean },
): OrganizationDetail {
  const { admin } = options;
  return {
    ...organizationSummary(org),
    address: org.address,
    personInCharge: org.personInCharge,
    createdAt: toIso(org.createdAt),
    ...(options.showReview && org.status === 'rejected' && org.review?.reason ? { rejectReason: org.review.reason } : {}),
    ...relationOf(mine),
    ...(admin
      ? {
          admin: {
            contact: { name: org.contact.name, phoneMasked: org.contact.phone.masked },
            members: admin.members.map((m) => memberView(m, admin.people.get(m.userId))),
            ...(admin.membersNext ? { membersNext: admin.membersNext } : {}),
            joinRequests: admin.joinRequests.map((m) => joinRequestView(m, admin.people.get(m.userId))),
            ...(admin.joinRequestsNext ? { joinRequestsNext: admin.joinRequestsNext } : {}),
          },
        }
      : {}),
  };
}

export function reviewQueueItem(org: OrganizationDoc, applicant: PersonCard | undefined): ReviewQueueItem {
  return {
    ...organizationSummary(org),
    address: org.address,
    ...(org.authority ? { authority: org.authority } : {}),
    personInCharge: org.personInCharge,
    contact: { name: org.contact.name, phoneMasked: org.contact.phone.masked },
    applicant: { name: applicant?.name ?? UNKNOWN_PERSON.name, volunteerNo: applicant?.volunteerNo ?? '' },
    createdAt: toIso(org.createdAt),
  };
}

/** Verified organizations are public; a pending or rejected one only to its own admins and to platform admins. */
export function mayView(org: Pick<OrganizationDoc, 'status'>, isOrgAdmin: boolean, isPlatformAdmin: boolean): boolean {
  return org.status === 'verified' || isOrgAdmin || isPlatformAdmin;
}

/** The mini-program page an invitation's share card opens. */
export function invitePath(code: string): string {
  return withQuery(routes.orgInvite, { code });
}

// ── Refusals answered by more than one action ─────────────────────────────────────────────────────────────────

export const notPlatformAdmin = () => fail('FORBIDDEN' as const, FORBIDDEN_MESSAGES.review);
export const badInviteCode = () => fail('INVITE_INVALID' as const, INVITE_INVALID_MESSAGES.format);
export const inviteOrganizationGone = () => fail('INVITE_INVALID' as const, INVITE_INVALID_MESSAGES.organizationGone);
