// The reads of the organization function that go beyond one document: members' name cards, member lists, admins,
// alike names.
import type { MemberRole } from '../../typings/organization';
import { decodeCursor, encodeCursor } from '../_shared/db/cursor';
import type { Database } from '../_shared/db/db';
import { keysetPage, PAGE, rows, type Position } from '../_shared/db/paging';
import type { MembershipDoc } from '../_shared/documents/membership';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { nameSignatures } from '../../miniprogram/domain/org-name';
import type { PersonCard } from './view';

/** Name, volunteer number and masked phone of each given user that has a volunteer profile. */
export async function peopleByUserId(db: Database, userIds: string[]): Promise<Map<string, PersonCard>> {
  const out = new Map<string, PersonCard>();
  const ids = [...new Set(userIds)];
  const _ = db.command;
  for (let i = 0; i < ids.length; i += PAGE) {
    const found = await rows<Pick<VolunteerDoc, 'userId' | 'name' | 'volunteerNo'> & { phone?: { masked?: string } }>(
      db
        .collection('volunteers')
        .where({ userId: _.in(ids.slice(i, i + PAGE)) })
        .field({ userId: true, name: true, volunteerNo: true, 'phone.masked': true })
        .limit(PAGE),
    );
    for (const v of found) {
      out.set(v.userId, { userId: v.userId, name: v.name, volunteerNo: v.volunteerNo, phoneMasked: v.phone?.masked ?? '' });
    }
  }
  return out;
}

// ── Member lists, a page at a time (keyset paging on indexes orgId_status_role_since_id and
// orgId_status_requestedAt_id): a page reads what it answers, however large the organization ──────────────────

/** Members or join requests on one page: the first render and each 加载更多. */
export const MEMBER_PAGE = 20;
const ROLES_IN_ORDER: MemberRole[] = ['admin', 'member'];

/** Where a member page ended: role, joining date and id of its last member. */
export interface MemberCursor {
  role: MemberRole;
  since: Date;
  id: string;
}

export function encodeMemberCursor(c: MemberCursor): string {
  return encodeCursor([c.role, c.since.toISOString(), c.id]);
}

export function decodeMemberCursor(cursor: string): MemberCursor | null {
  const parts = decodeCursor(cursor, 3);
  if (!parts) return null;
  const [role, since, id] = parts;
  const at = new Date(since);
  if (!(ROLES_IN_ORDER as string[]).includes(role) || Number.isNaN(at.getTime()) || at.toISOString() !== since) return null;
  return { role: role as MemberRole, since: at, id };
}

/** Active members, admins first, each role by joining date (then id), after `after`. */
export async function memberPage(db: Database, orgId: string, after: MemberCursor | null): Promise<{ members: MembershipDoc[]; next: MemberCursor | null }> {
  const members: MembershipDoc[] = [];
  const roles = after ? ROLES_IN_ORDER.slice(ROLES_IN_ORDER.indexOf(after.role)) : ROLES_IN_ORDER;
  for (const role of roles) {
    const from = after?.role === role ? { value: after.since, id: after.id } : null;
    const page = await keysetPage<MembershipDoc>(db, 'memberships', { orgId, status: 'active', role }, { field: 'since', direction: 'asc' }, from, MEMBER_PAGE - members.length);
    members.push(...page.rows);
    if (page.next) return { members, next: { role, since: page.next.value as Date, id: page.next.id } };
  }
  return { members, next: null };
}

export function encodeRequestCursor(c: Position): string {
  return encodeCursor([(c.value as Date).toISOString(), c.id]);
}

export function decodeRequestCursor(cursor: string): Position | null {
  const parts = decodeCursor(cursor, 2);
  if (!parts) return null;
  const at = new Date(parts[0]);
  return Number.isNaN(at.getTime()) || at.toISOString() !== parts[0] ? null : { value: at, id: parts[1] };
}

/** Pending join requests, oldest first (then id), after `after`. */
export async function joinRequestPage(db: Database, orgId: string, after: Position | null): Promise<{ joinRequests: MembershipDoc[]; next: Position | null }> {
  const page = await keysetPage<MembershipDoc>(db, 'memberships', { orgId, status: 'pending' }, { field: 'requestedAt', direction: 'asc' }, after, MEMBER_PAGE);
  return { joinRequests: page.rows, next: page.next };
}

/**
 * The active admins of an organization (index orgId_status_role). Read inside a transaction's body after it read
 * the organization, and every change of the admin set writes the organization (`adminsChangedAt`): two changes at
 * once conflict, and the one that runs again counts what the other committed.
 */
export async function activeAdminIds(db: Database, orgId: string): Promise<string[]> {
  const admins = await rows<Pick<MembershipDoc, 'userId'>>(
    db.collection('memberships').where({ orgId, status: 'active', role: 'admin' }).field({ userId: true }).limit(PAGE),
  );
  return admins.map((m) => m.userId);
}

/** Live organizations sharing a similarity key with `name` (index nameSignatures_status), at most 20. */
export async function similarNameCandidates(db: Database, name: string): Promise<OrganizationDoc[]> {
  const _ = db.command;
  return rows<OrganizationDoc>(
    db
      .collection('organizations')
      .where({ nameSignatures: _.in(nameSignatures(name)), status: _.in(['pending', 'verified']) })
      .field({ _id: true, name: true, regionCode: true, regionNames: true, status: true })
      .limit(20),
  );
}
