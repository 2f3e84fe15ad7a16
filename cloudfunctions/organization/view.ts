// What the organization function answers: pure mapping from stored documents to what callers see. Who may see what is decided here in one place:
// the public summary for anyone, the admin part (contact, members, join requests) only when the handler passes it,
// and never a phone number unmasked.
import type {
  ApplicationEvent,
  UsccClaimQueueItem,
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
import type { ApplicationEventDoc, OrganizationDoc } from '../_shared/documents/organization';
import type { OrganizationClaimDoc } from '../_shared/documents/organization-claim';
import { fail } from '../_shared/frame/envelope';
import { maskName } from '../_shared/rules/mask';
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
  options: { admin?: AdminPart; showReview: boolean; handOverTo?: PersonCard | undefined; callerUserId?: string },
): OrganizationDetail {
  const { admin } = options;
  const handOver = org.handOver && (admin || org.handOver.to === options.callerUserId)
    ? { toUserId: org.handOver.to, toName: options.handOverTo?.name ?? UNKNOWN_PERSON.name, toMe: org.handOver.to === options.callerUserId }
    : undefined;
  return {
    ...organizationSummary(org),
    address: org.address,
    // Like every public page (RULES §8): the person in charge is masked for anyone who is not an admin here.
    personInCharge: options.showReview ? org.personInCharge : maskName(org.personInCharge),
    createdAt: toIso(org.createdAt),
    ...(options.showReview && org.status === 'rejected' && org.review?.reason ? { rejectReason: org.review.reason } : {}),
    ...(options.showReview ? { history: historyView(org.history) } : {}),
    ...(handOver ? { handOver } : {}),
    ...relationOf(mine),
    ...(admin
      ? {
          admin: {
            ...(org.status === 'rejected' ? { application: applicationOf(org) } : {}),
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

export function historyView(history: ApplicationEventDoc[] | undefined): ApplicationEvent[] {
  return (history ?? []).map((h) => ({ event: h.event, at: toIso(h.at), ...(h.reason ? { reason: h.reason } : {}) }));
}

/** A rejected application's fields as the form edits them (the contact phone stays masked: it is typed again). */
function applicationOf(org: OrganizationDoc): NonNullable<NonNullable<OrganizationDetail['admin']>['application']> {
  return {
    name: org.name,
    kind: org.kind,
    ...(org.uscc ? { uscc: org.uscc } : {}),
    ...(org.authority ? { authority: org.authority } : {}),
    regionCode: org.regionCode,
    regionNames: org.regionNames,
    address: org.address,
    personInCharge: org.personInCharge,
    contact: { name: org.contact.name, phone: '' },
    ...(org.parentId ? { parentId: org.parentId } : {}),
    ...(org.introduction ? { introduction: org.introduction } : {}),
  };
}

export function reviewQueueItem(org: OrganizationDoc, applicant: PersonCard | undefined, mine: boolean): ReviewQueueItem {
  return {
    ...organizationSummary(org),
    address: org.address,
    ...(org.authority ? { authority: org.authority } : {}),
    personInCharge: org.personInCharge,
    contact: { name: org.contact.name, phoneMasked: org.contact.phone.masked },
    applicant: { name: applicant?.name ?? UNKNOWN_PERSON.name, volunteerNo: applicant?.volunteerNo ?? '' },
    createdAt: toIso(org.createdAt),
    similarNames: org.similarNames ?? [],
    history: historyView(org.history).filter((h) => h.event !== 'submitted'),
    mine,
  };
}

export function claimQueueItem(
  claim: OrganizationClaimDoc,
  holder: OrganizationDoc | null,
  adminCount: number,
  claimant: PersonCard | undefined,
  evidenceUrls: string[],
  evidenceLinkSeconds: number,
  mine: boolean,
): UsccClaimQueueItem {
  const a = claim.application;
  return {
    claimId: claim._id,
    uscc: claim.uscc,
    holder: { orgId: claim.holderOrgId, name: holder?.name ?? '（已不存在）', status: holder?.status ?? 'rejected', adminCount },
    application: { name: a.name, kind: a.kind, regionNames: a.regionNames, personInCharge: a.personInCharge, contact: { name: a.contact.name, phoneMasked: a.contact.phone.masked } },
    claimant: { name: claimant?.name ?? UNKNOWN_PERSON.name, volunteerNo: claimant?.volunteerNo ?? '' },
    ...(claim.statement ? { statement: claim.statement } : {}),
    evidenceUrls,
    evidenceLinkSeconds,
    createdAt: toIso(claim.createdAt),
    mine,
  };
}

/** The queue's cursor: the last item's createdAt and _id (the order it is read in), opaque to the client. */
export function encodeQueueCursor(createdAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([createdAt.getTime(), id]), 'utf8').toString('base64url');
}

export function decodeQueueCursor(cursor: string): { createdAt: Date; id: string } | null {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    return typeof at === 'number' && Number.isFinite(at) && typeof id === 'string' ? { createdAt: new Date(at), id } : null;
  } catch {
    return null;
  }
}

/** Verified organizations are public; a pending, rejected or dissolved one only to its own admins and to platform admins. */
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
