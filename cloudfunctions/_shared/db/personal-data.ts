// Every collection of database/collections.json, declared once with what it holds of a person and how "export my
// data" (PIPL Art. 45) and "delete my account" (PIPL Art. 47) treat it. volunteer.exportMine reads the sections
// listed here and volunteer.deleteAccount runs the erasures listed here, so a new collection is handled the day it
// is declared: personal-data.test.ts fails while a collection of collections.json is missing from this list.
import type * as cloud from 'wx-server-sdk';
import { CLAIM_CIPHER_PURPOSE, type ClaimDoc } from '../documents/claim';
import { HELP_CONTACT_PURPOSE, HELP_CONTACT_VIEWS, type ContactViewDoc, type HelpRequestDoc } from '../documents/help';
import type { CertificateDoc } from '../documents/certificate';
import type { CredentialDoc } from '../documents/credential';
import type { ExportDoc } from '../documents/export';
import type { MembershipDoc } from '../documents/membership';
import type { FollowerDoc, NotificationDoc, NotificationPreferencesDoc, SubscribeGrantDoc } from '../documents/notification';
import type { OrganizationDoc } from '../documents/organization';
import type { OrganizationClaimDoc } from '../documents/organization-claim';
import type { SignupDoc } from '../documents/project';
import type { RequestDoc } from '../documents/request';
import { withdrawAndAnonymiseSignups } from '../signup/places';
import type { UserDoc } from '../documents/user';
import type { VolunteerDoc } from '../documents/volunteer';
import { anonymised, DELETED_NAME } from '../rules/anonymise';
import { decryptField, keyRingFromEnv } from '../security/crypto';
import { getOrNull, type Database, type Tx } from './db';
import { everyRow, inBatches } from './paging';
import { currentRequest } from './request-scope';

/**
 * The person whose data is exported or deleted: the caller's account (people.ts accountHolder) and, once they
 * registered, their active volunteer profile. An account that never registered may still hold data here: help
 * requests (anyone may ask for help), claims, messages.
 */
export interface Person {
  userId: string;
  user: UserDoc;
  volunteer: VolunteerDoc | null;
}

/** What a kept need of an account that never registered names instead of it: nobody (no account has this id). */
export const DELETED_ACCOUNT = 'deleted:account';

/**
 * What records kept after deletion name instead of the person: the anonymised volunteer document (it keeps the
 * volunteer number, so certificates stay verifiable), or, for an account without one, nobody.
 */
export function deletedIdOf(p: Person): string {
  return p.volunteer ? `deleted:${p.volunteer._id}` : DELETED_ACCOUNT;
}

export interface ErasureContext {
  db: Database;
  cloud: typeof cloud;
  now: Date;
}

export interface PersonalCollection {
  personal: true;
  /** What of this collection is the person's. */
  holds: string;
  /** The person's documents, for the export file (its section is named after the collection). */
  exportRead(db: Database, person: Person): Promise<unknown[]>;
  /** What deleting the account does here, in words (README, export notes). */
  onDelete: string;
  /**
   * Bulk removal outside the deletion transaction (a transaction works on single documents): run `before` it and
   * again `after` it, for anything that arrived meanwhile. Only what is harmless to lose should a failed transaction
   * leave the account in place is removed `before`.
   */
  sweep?(ctx: ErasureContext, person: Person, phase: 'before' | 'after'): Promise<void>;
  /** Single-document changes inside the deletion transaction: all of them happen, or none. */
  erase?(t: Tx, person: Person, ctx: ErasureContext): Promise<void>;
}

export interface NotPersonalCollection {
  personal: false;
  /** Why nothing here is a person's data. */
  why: string;
}

/** CloudBase's deleteFile takes at most 50 files per call. */
export const DELETE_FILE_BATCH = 50;

/** Remove storage files in calls of at most 50. */
export async function deleteFiles(c: typeof cloud, fileIds: string[]): Promise<void> {
  for (const batch of inBatches([...new Set(fileIds)], DELETE_FILE_BATCH)) await c.deleteFile({ fileList: batch });
}

function certificatesOf(db: Database, volunteerId: string): Promise<CertificateDoc[]> {
  return everyRow<CertificateDoc>(db, 'certificates', { volunteerId }, { field: 'requestedAt', direction: 'desc' }, 10_000);
}

function membershipsOf(db: Database, userId: string): Promise<MembershipDoc[]> {
  return everyRow<MembershipDoc>(db, 'memberships', { userId });
}

function claimsFiledBy(db: Database, userId: string): Promise<ClaimDoc[]> {
  return everyRow<ClaimDoc>(db, 'claims', { claimantUserId: userId }, { field: 'filedAt', direction: 'desc' });
}

function exportsOf(db: Database, userId: string): Promise<ExportDoc[]> {
  return everyRow<ExportDoc>(db, 'exports', { userId });
}

/** Organizations the person registered: they were its first admin, so one of their memberships leads to each. */
async function organizationsCreatedBy(db: Database, userId: string): Promise<Array<Record<string, unknown> & { _id: string }>> {
  const orgIds = [...new Set((await membershipsOf(db, userId)).map((m) => m.orgId))];
  const orgs = await Promise.all(orgIds.map((id) => getOrNull<Record<string, unknown> & { _id: string }>(db, 'organizations', id)));
  return orgs.filter((o): o is Record<string, unknown> & { _id: string } => o !== null && o.createdBy === userId);
}

function needsOf(db: Database, userId: string): Promise<HelpRequestDoc[]> {
  return everyRow<HelpRequestDoc>(db, 'helpRequests', { requesterUserId: userId }, { field: 'submittedAt', direction: 'desc', idDirection: 'asc' }, 10_000);
}

/** Statuses of a need an organization made a project of: the need stays as that project's origin. */
const NEED_KEPT_STATUSES: readonly string[] = ['accepted', 'served', 'rated'];

/** Every reveal of one need's phone, newest first (index helpRequestId_at). */
function contactViewsOf(db: Database, helpRequestId: string): Promise<ContactViewDoc[]> {
  return everyRow<ContactViewDoc>(db, HELP_CONTACT_VIEWS, { helpRequestId }, { field: 'at', direction: 'desc', idDirection: 'desc' }, 10_000);
}

export const PERSONAL_DATA: Record<string, PersonalCollection | NotPersonalCollection> = {
  users: {
    personal: true,
    holds: 'the account: OPENID, UNIONID, roles, the link to the volunteer profile',
    exportRead: async (_db, p) => [p.user],
    onDelete: 'removed',
    erase: async (t, p) => {
      await t.collection('users').doc(p.userId).remove();
    },
  },
  volunteers: {
    personal: true,
    holds: 'the real-name profile (encrypted credential and phone, preferences, consents, guardian)',
    exportRead: async (_db, p) => (p.volunteer ? [p.volunteer] : []),
    onDelete: 'replaced by its anonymised remainder (rules/anonymise.ts): the volunteer number stays for records',
    erase: async (t, p, ctx) => {
      if (!p.volunteer) return;
      const current = (await getOrNull<VolunteerDoc>(t, 'volunteers', p.volunteer._id)) ?? p.volunteer;
      const { _id, ...remainder } = anonymised(current, ctx.now);
      await t.collection('volunteers').doc(_id).set({ data: remainder });
    },
  },
  credentials: {
    personal: true,
    holds: "the credential's keyed hash (the document id) and the volunteer it belongs to",
    // The hash is exported with the volunteer (lookupKeys); the document adds nothing else about the person.
    exportRead: async () => [],
    onDelete: 'removed, so the same credential can register again',
    erase: async (t, p) => {
      if (!p.volunteer) return;
      const held = await getOrNull<CredentialDoc>(t, 'credentials', p.volunteer.credentialHash);
      if (held?.volunteerId === p.volunteer._id) await t.collection('credentials').doc(p.volunteer.credentialHash).remove();
    },
  },
  memberships: {
    personal: true,
    holds: "the person's relations to organizations (role, status, the request message)",
    exportRead: (db, p) => membershipsOf(db, p.userId),
    onDelete: 'removed',
    erase: async (t, p, ctx) => {
      for (const m of await membershipsOf(ctx.db, p.userId)) {
        await t.collection('memberships').doc(m._id).remove();
        // A change of an admin set writes its organization (organization/store.ts activeAdminIds): races conflict.
        if (m.role === 'admin' && m.status === 'active') {
          if (await getOrNull(t, 'organizations', m.orgId)) await t.collection('organizations').doc(m.orgId).update({ data: { adminsChangedAt: ctx.now } });
        }
      }
    },
    // Only after: the memberships lead to the organizations the person registered (erased in the transaction).
    sweep: async (ctx, p, phase) => {
      if (phase === 'after') await ctx.db.collection('memberships').where({ userId: p.userId }).remove();
    },
  },
  organizations: {
    personal: true,
    holds: 'organizations the person registered (`createdBy`), with the contact they gave',
    exportRead: (db, p) => organizationsCreatedBy(db, p.userId),
    onDelete: "kept (they are the organization's records); `createdBy` and the person's entries in `history` become `deleted:<volunteerId>`, a hand-over to or from them is withdrawn",
    erase: async (t, p, ctx) => {
      const gone = deletedIdOf(p);
      const orgIds = [...new Set((await membershipsOf(ctx.db, p.userId)).map((m) => m.orgId))];
      for (const orgId of orgIds) {
        const o = await getOrNull<OrganizationDoc>(t, 'organizations', orgId);
        if (!o) continue;
        // Who acted in an application's history, and a hand-over's ends, name the person too.
        const history = (o.history ?? []).map((h) => (h.by === p.userId ? { ...h, by: gone } : h));
        const handOver = o.handOver && (o.handOver.from === p.userId || o.handOver.to === p.userId) ? null : o.handOver;
        const data = { ...(o.createdBy === p.userId ? { createdBy: gone } : {}), ...(o.history ? { history } : {}), ...(o.handOver ? { handOver } : {}) };
        if (Object.keys(data).length > 0) await t.collection('organizations').doc(orgId).update({ data });
      }
    },
  },
  notifications: {
    personal: true,
    holds: 'messages to the person, and messages to others about the person (`aboutUserId`)',
    exportRead: (db, p) =>
      everyRow<NotificationDoc>(db, 'notifications', { recipientUserId: p.userId }, { field: 'createdAt', direction: 'desc' }, 10_000),
    onDelete: 'removed, both those to the person and those about them',
    sweep: async (ctx, p) => {
      await ctx.db.collection('notifications').where({ recipientUserId: p.userId }).remove();
      await ctx.db.collection('notifications').where({ aboutUserId: p.userId }).remove();
    },
  },
  subscribeGrants: {
    personal: true,
    holds: 'how many subscribe messages the person still allows per template, and at which moment they last agreed',
    exportRead: (db, p) => everyRow<SubscribeGrantDoc>(db, 'subscribeGrants', { userId: p.userId }),
    onDelete: 'removed',
    sweep: async (ctx, p) => {
      await ctx.db.collection('subscribeGrants').where({ userId: p.userId }).remove();
    },
  },
  notificationPreferences: {
    personal: true,
    holds: 'which kinds of message the person turned off, their quiet hours, and whether they want new-project recommendations',
    exportRead: async (db, p) => {
      const doc = await getOrNull<NotificationPreferencesDoc>(db, 'notificationPreferences', p.userId);
      return doc ? [doc] : [];
    },
    onDelete: 'removed',
    sweep: async (ctx, p) => {
      await ctx.db.collection('notificationPreferences').where({ _id: p.userId }).remove();
    },
  },
  followers: {
    personal: true,
    holds: "the person's follow of the volunteer official account: its openid there, the unionid, since when",
    exportRead: (db, p) => (p.user.unionid ? everyRow<FollowerDoc>(db, 'followers', { unionid: p.user.unionid }) : Promise.resolve([])),
    // They still follow the account (that is between them and WeChat); the link to the deleted account goes.
    onDelete: 'the unionid that links the follow to the account is removed; the follow itself stays until they unfollow',
    sweep: async (ctx, p) => {
      if (!p.user.unionid) return;
      await ctx.db.collection('followers').where({ unionid: p.user.unionid }).update({ data: { unionid: ctx.db.command.remove() } });
    },
  },
  wechatTokens: { personal: false, why: "the official account's access token: the platform's credential, nobody's data" },
  exports: {
    personal: true,
    holds: 'earlier export files (plaintext ID and phone inside) and when their links expire',
    exportRead: (db, p) => exportsOf(db, p.userId),
    onDelete: 'the files are deleted from storage (50 per call) and their records removed',
    sweep: async (ctx, p) => {
      const records = await exportsOf(ctx.db, p.userId);
      await deleteFiles(ctx.cloud, records.map((r) => r.fileID));
      await ctx.db.collection('exports').where({ userId: p.userId }).remove();
    },
  },
  requests: {
    personal: true,
    holds: "the person's recent mutating requests and their stored answers (a profile, a phone proof, an export link), kept 24 h so a retry answers the same",
    exportRead: async (db, p) =>
      (await everyRow<RequestDoc>(db, 'requests', { userId: p.userId })).map((r) => ({
        fn: r.fn,
        action: r.action,
        state: r.state,
        answer: r.answer === undefined ? undefined : (JSON.parse(r.answer) as unknown),
        createdAt: r.createdAt,
        expiresAt: r.expiresAt,
      })),
    onDelete: "removed, except the deletion's own request: it keeps only the deletion's answer (the instant) until it expires, so a retried deletion answers the same",
    sweep: async (ctx, p) => {
      const own = currentRequest()?.id;
      const _ = ctx.db.command;
      await ctx.db
        .collection('requests')
        .where(own ? { userId: p.userId, _id: _.neq(own) } : { userId: p.userId })
        .remove();
    },
  },
  claims: {
    personal: true,
    holds: 'claims the person filed (申诉找回): the statement and phone they gave (encrypted), their evidence photos (private files), the decision',
    // The statement decrypted, the photos named by file id (the person sent them); the phone is in the volunteer section once moved.
    exportRead: async (db, p) =>
      (await claimsFiledBy(db, p.userId)).map((c) => ({
        claimId: c._id,
        status: c.status,
        credentialType: c.credentialType,
        statement: decryptField(c.statement, keyRingFromEnv(process.env), CLAIM_CIPHER_PURPOSE.statement),
        phoneMasked: c.phone.masked,
        evidence: c.evidence.map((e) => e.fileID),
        filedAt: c.filedAt,
        decision: c.decision ? { decision: c.decision.decision, reason: c.decision.reason, decidedAt: c.decision.decidedAt } : null,
      })),
    onDelete: 'the evidence files are deleted from storage and the claims removed; the audit trail (claimEvents) keeps the steps without personal data',
    sweep: async (ctx, p, phase) => {
      if (phase !== 'after') return;
      const claims = await claimsFiledBy(ctx.db, p.userId);
      await deleteFiles(ctx.cloud, claims.flatMap((c) => c.evidence.map((e) => e.fileID)));
      await ctx.db.collection('claims').where({ claimantUserId: p.userId }).remove();
    },
  },
  claimCredentials: {
    personal: false,
    why: 'per credential hash, when recent claims were filed and by which user id: hashes and ids that lead to nobody without the keys and the users documents',
  },
  claimEvents: {
    personal: false,
    why: "the audit trail of claims (step, instant, region, volunteer number, a reviewer's reason): user ids that lead to nobody once the users document is gone",
  },
  signups: {
    personal: true,
    holds: "the person's sign-ups for shifts: status, the reason they were shown, history, no-show marks, the group chat that led there",
    exportRead: (db, p) => everyRow<SignupDoc>(db, 'signups', { userId: p.userId }, null, 10_000),
    onDelete:
      "every sign-up still in play is withdrawn (a held place goes to the next in line); all are kept for the organization's records with `userId` `deleted:<volunteerId>` and no group",
    // Only after: until the account is gone, a failed deletion must leave the person's places as they were.
    sweep: async (ctx, p, phase) => {
      if (phase === 'after') await withdrawAndAnonymiseSignups(ctx.db, p.userId, deletedIdOf(p), ctx.now);
    },
  },
  attendanceSessions: {
    personal: true,
    holds: "the person's on-site check-ins and check-outs: times, how each was made (station, card, by hand with the reason), distances from the place",
    exportRead: async (db, p) => (p.volunteer ? everyRow(db, 'attendanceSessions', { volunteerId: p.volunteer._id }, null, 50_000) : []),
    // They back the on-site service records, which are kept (办法67); the account link goes, as on the sign-ups.
    onDelete: "kept with the service records they made, for the organization's records, with `userId` `deleted:<volunteerId>`",
    sweep: async (ctx, p, phase) => {
      if (phase === 'after' && p.volunteer) await ctx.db.collection('attendanceSessions').where({ volunteerId: p.volunteer._id }).update({ data: { userId: `deleted:${p.volunteer._id}` } });
    },
  },
  attendanceDays: {
    personal: true,
    holds: "the person's check-in and check-out times of one day (the overlap and daily-limit check)",
    // The same facts are in the exported sessions.
    exportRead: async () => [],
    onDelete: 'removed',
    sweep: async (ctx, p, phase) => {
      if (phase === 'after' && p.volunteer) await ctx.db.collection('attendanceDays').where({ volunteerId: p.volunteer._id }).remove();
    },
  },
  attendanceStations: { personal: false, why: 'a station opened for a shift on a day and the admin who opened it: an act of the organization, as in its history' },
  signupSchedules: {
    personal: true,
    holds: 'the times of the places the person holds (the overlap check)',
    // The same facts are in the exported sign-ups.
    exportRead: async () => [],
    onDelete: 'removed',
    erase: async (t, p) => {
      if (await getOrNull(t, 'signupSchedules', p.userId)) await t.collection('signupSchedules').doc(p.userId).remove();
      },
    },
  serviceRecords: {
    personal: true,
    holds: "the person's service and training records, every revision: activity, times, minutes, status, who decided, reasons",
    exportRead: async (db, p) => (p.volunteer ? everyRow(db, 'serviceRecords', { volunteerId: p.volunteer._id }, null, 50_000) : []),
    // 办法67: records are never deleted; RULES §8: retained without identity. The name is the one field replaced in
    // place (the volunteer number stays, as on the anonymised volunteer document).
    onDelete: 'kept for the organizations\' records and certificates already issued, every revision\'s name replaced by 已注销; the volunteer id leads only to the anonymised volunteer document',
    sweep: async (ctx, p, phase) => {
      if (phase === 'after' && p.volunteer) await ctx.db.collection('serviceRecords').where({ volunteerId: p.volunteer._id }).update({ data: { volunteerName: DELETED_NAME } });
    },
  },
  corrections: {
    personal: true,
    holds: "the person's reports that a record is wrong or missing, what they proposed, and the organization's answer",
    exportRead: async (db, p) => (p.volunteer ? everyRow(db, 'corrections', { volunteerId: p.volunteer._id }, null, 10_000) : []),
    onDelete: "kept with the records they changed, the name replaced by 已注销 and `userId` `deleted:<volunteerId>`",
    sweep: async (ctx, p, phase) => {
      if (phase === 'after' && p.volunteer) {
        await ctx.db.collection('corrections').where({ volunteerId: p.volunteer._id }).update({ data: { volunteerName: DELETED_NAME, userId: `deleted:${p.volunteer._id}` } });
      }
    },
  },
  hourTotals: {
    personal: false,
    why: "confirmed minutes summed per organization or project shard: totals of many volunteers, naming none",
  },
  totalsChecks: {
    personal: false,
    why: 'the consistency sweep: which counters differ from their records, by volunteer, organization or project id and minutes; no name, phone or credential (a volunteer id stays with the records kept after deletion)',
  },
  projectVisits: {
    personal: true,
    holds: 'which group chat (an opaque id) brought the person to which project',
    exportRead: (db, p) => everyRow(db, 'projectVisits', { userId: p.userId }),
    onDelete: 'removed',
    sweep: async (ctx, p) => {
      await ctx.db.collection('projectVisits').where({ userId: p.userId }).remove();
    },
  },
  projects: {
    personal: false,
    why: "an organization's published projects; the contact is the one the organization gives the public, `createdBy` a user id that leads to nobody once the users document is gone",
  },
  shifts: { personal: false, why: "a project's times and places" },
  capacityShards: { personal: false, why: 'counts of places taken per slice of a shift' },
  projectScenes: { personal: false, why: 'a poster code and the project it opens' },
  projectCovers: { personal: false, why: "an organization's project cover images: the file id and the organization, no person" },
  mediaChecks: { personal: false, why: "WeChat's content-check verdict on a project's cover and the project it belongs to" },
  counters: { personal: false, why: 'sequence numbers per region and year' },
  certificateBatches: {
    personal: false,
    why: "an organization's bulk issue at the end of a project: volunteer ids, progress and skips with masked names (张*); the certificates it made are in the register",
  },
  recordBatches: {
    personal: false,
    why: "an organization's bulk entry: user ids, progress and refusals with masked names (张*); the records it made are the ledger's",
  },
  hourCodeBatches: {
    personal: false,
    why: 'a batch of hour codes: the activity, its duration and expiry, the creating admin\'s user id',
  },
  hourCodes: {
    personal: false,
    why: 'keyed hashes of hour codes with their state; a redeemed one names the volunteer id and a masked name (张*)',
  },
  recordLocks: {
    personal: false,
    why: 'one document per volunteer id holding the instant a record was last made (a transaction lock), nothing else',
  },
  rateLimits: {
    personal: false,
    why: 'attempt counts of the current window per hash of a caller and kind of action: no content, worthless once the window ends',
  },
  organizationClaims: {
    personal: true,
    holds: 'claims of a USCC the person made: the application they gave (contact phone encrypted), their statement, evidence photos',
    exportRead: async (db, p) =>
      (await everyRow<OrganizationClaimDoc>(db, 'organizationClaims', { claimantUserId: p.userId })).map(
        ({ evidenceFileIds, application, ...claim }) => ({
          ...claim,
          application: { ...application, contact: { name: application.contact.name, phone: application.contact.phone.masked } },
          evidencePhotos: evidenceFileIds.length,
        }),
      ),
    onDelete: 'removed, with their evidence photos',
    sweep: async (ctx, p, phase) => {
      if (phase !== 'after') return;
      const claims = await everyRow<OrganizationClaimDoc>(ctx.db, 'organizationClaims', { claimantUserId: p.userId });
      await deleteFiles(ctx.cloud, claims.flatMap((c) => c.evidenceFileIds));
      await ctx.db.collection('organizationClaims').where({ claimantUserId: p.userId }).remove();
    },
  },
  // Certificates (issue 10). An issued certificate is the issuer's register entry with its archived snapshot, which
  // the issuer keeps (RULES §5, 意见149) and which must go on answering verification of the copies already handed
  // out: it is the kept record of RULES §8 — the account link is cut and the files made from it are deleted, while
  // the signed snapshot stays as issued (its signature covers it; verification shows the name masked). A request
  // that was never numbered certified nothing and is removed. Sweeps run in this order: keys, then certificates.
  certificateKeys: {
    personal: true,
    holds: 'which of the person\'s certificates is live per organization and scope (ids only)',
    // The certificate ids are exported with the certificates; the key adds nothing about the person.
    exportRead: async () => [],
    onDelete: 'removed, with the person\'s certificates read to find them',
    sweep: async (ctx, p, phase) => {
      if (phase !== 'after' || !p.volunteer) return;
      const keyIds = new Set((await certificatesOf(ctx.db, p.volunteer._id)).map((c) => c.keyId));
      for (const keyId of keyIds) await ctx.db.collection('certificateKeys').doc(keyId).remove();
    },
  },
  certificates: {
    personal: true,
    holds: "the person's certificate requests and issued certificates: the snapshot (name, masked credential, records, hours), number, status, reasons",
    exportRead: async (db, p) => (p.volunteer ? certificatesOf(db, p.volunteer._id) : []),
    onDelete:
      "an issued or revoked certificate is kept in the issuer's register with its signed snapshot unchanged, `requestedBy` becomes `deleted:<volunteerId>` and its PDF and credential files are deleted; a request never numbered (under review or rejected) is removed",
    sweep: async (ctx, p, phase) => {
      if (phase !== 'after' || !p.volunteer) return;
      const _ = ctx.db.command;
      for (const c of await certificatesOf(ctx.db, p.volunteer._id)) {
        if (!c.number) {
          await ctx.db.collection('certificates').doc(c._id).remove();
          continue;
        }
        const files = [c.files?.pdfFileId, c.files?.credentialFileId].filter((f): f is string => typeof f === 'string');
        if (files.length > 0) await deleteFiles(ctx.cloud, files);
        await ctx.db.collection('certificates').doc(c._id).update({ data: { requestedBy: `deleted:${p.volunteer._id}`, files: _.remove(), updatedAt: ctx.now } });
      }
    },
  },
  certificateSeals: { personal: false, why: "an organization's uploaded seal image: the file, its size, the organization and the admin's user id" },
  organizationCodes: { personal: false, why: "an organization's public registration code (USCC) and the organization it belongs to" },
  invitations: {
    personal: false,
    why: "the organization's record of admin invitations; `createdBy` / `usedBy` are user ids that lead to nobody once the users document is gone",
  },
  followerSync: {
    personal: false,
    // The follows themselves are in `followers`, whose entry says what an account's deletion does to them.
    why: "the follower reconciliation's cursor: while a walk is under way, official-account openids of the page being walked, linked to no account (the link is the unionid in followers), dropped as the walk moves on",
  },
  reminderRuns: {
    personal: false,
    why: "where the reminder timer stands: a window's instants, a day, and the shift, organization or user id to resume after; an id leads to nobody once its account is gone",
  },
  // Matching (issue 12, the match function).
  matchInvitations: {
    personal: true,
    holds: 'the invitations to shifts the person received: which shift, from which organization, when, and which admin sent it',
    exportRead: (db, p) => everyRow(db, 'matchInvitations', { userId: p.userId }),
    // An invitation names only its recipient; the admin who sent it is a user id that leads to nobody once deleted.
    onDelete: 'removed',
    sweep: async (ctx, p) => {
      await ctx.db.collection('matchInvitations').where({ userId: p.userId }).remove();
    },
  },
  inviteLedgers: {
    personal: true,
    holds: 'how many invitations the person received this week and when the last one came (the weekly cap and the fair order)',
    exportRead: async (db, p) => {
      const doc = await getOrNull(db, 'inviteLedgers', p.userId);
      return doc ? [doc] : [];
    },
    onDelete: 'removed',
    sweep: async (ctx, p) => {
      await ctx.db.collection('inviteLedgers').where({ _id: p.userId }).remove();
    },
  },
  // Help requests (issue 12, the help function).
  // Before helpRequests: deletion sweeps in this order, and these records are found through the needs it removes.
  helpContactViews: {
    personal: true,
    holds: "who reached for the phone of the person's help requests in full, as which part, for which organization, and when (never the phone)",
    // Exported with the needs they belong to (helpRequests' section, `contactViews`).
    exportRead: async () => [],
    onDelete: "the records of every need that is removed go with it; those of a need an organization keeps stay with it, the organization's record of reaching for a contact that is no longer there",
    sweep: async (ctx, p, phase) => {
      if (phase !== 'after') return;
      for (const need of await needsOf(ctx.db, p.userId)) {
        if (!NEED_KEPT_STATUSES.includes(need.status)) await ctx.db.collection(HELP_CONTACT_VIEWS).where({ helpRequestId: need._id }).remove();
      }
    },
  },
  helpRequests: {
    personal: true,
    holds: "the person's help requests: what, for whom, where and when, the contact they gave (encrypted at rest), the verification, the organizations' answers, the rating they gave, who viewed the contact's phone and when",
    exportRead: async (db, p) =>
      Promise.all(
        (await needsOf(db, p.userId)).map(async ({ contact, ...need }) => ({
          ...need,
          contact: contact ? (JSON.parse(decryptField(contact.cipher, keyRingFromEnv(process.env), HELP_CONTACT_PURPOSE)) as unknown) : null,
          // Who reached for the phone (helpContactViews), every time, newest first, as 我的求助 shows it: the
          // organization (or 平台) and when, not the staff's accounts.
          contactViews: (need.contactViewCount ?? 0) > 0 ? (await contactViewsOf(db, need._id)).map((r) => ({ byName: r.byName, at: r.at })) : [],
        })),
      ),
    onDelete:
      "a need no organization accepted is removed; one an organization accepted (its draft or published project came from it) is kept for the organization without the contact, `requesterUserId` becoming `deleted:<volunteerId>` (`deleted:account` for an account that never registered)",
    sweep: async (ctx, p, phase) => {
      if (phase !== 'after') return;
      const _ = ctx.db.command;
      for (const need of await needsOf(ctx.db, p.userId)) {
        if (!NEED_KEPT_STATUSES.includes(need.status)) await ctx.db.collection('helpRequests').doc(need._id).remove();
        else await ctx.db.collection('helpRequests').doc(need._id).update({ data: { contact: _.remove(), requesterUserId: deletedIdOf(p), updatedAt: ctx.now } });
      }
    },
  },
  helpRequesters: {
    personal: true,
    holds: 'how many of the person\'s help requests wait for verification and when recent ones were rejected (the submission limit)',
    exportRead: async (db, p) => {
      const doc = await getOrNull(db, 'helpRequesters', p.userId);
      return doc ? [doc] : [];
    },
    onDelete: 'removed',
    sweep: async (ctx, p) => {
      await ctx.db.collection('helpRequesters').where({ _id: p.userId }).remove();
    },
  },
  helpWilling: {
    personal: true,
    holds: 'where the person usually is and how far they would go for an urgent help request, while they are willing',
    exportRead: async (db, p) => {
      const doc = await getOrNull(db, 'helpWilling', p.userId);
      return doc ? [doc] : [];
    },
    onDelete: 'removed',
    sweep: async (ctx, p) => {
      await ctx.db.collection('helpWilling').where({ _id: p.userId }).remove();
    },
  },
  helpResponders: { personal: false, why: "an organization's part in help dispatch: categories, its base, its open needs" },
  helpRatings: {
    personal: false,
    why: "an organization's ratings summed, with the latest stars and comments and the need they rate: no name or user id (a deleted requester's need no longer leads to them)",
  },
};

export function personalCollections(): Array<[string, PersonalCollection]> {
  return Object.entries(PERSONAL_DATA).filter((e): e is [string, PersonalCollection] => e[1].personal);
}
