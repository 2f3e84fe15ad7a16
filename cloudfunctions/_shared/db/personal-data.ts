// Every collection of database/collections.json, declared once with what it holds of a person and how "export my
// data" (PIPL Art. 45) and "delete my account" (PIPL Art. 47) treat it. volunteer.exportMine reads the sections
// listed here and volunteer.deleteAccount runs the erasures listed here, so a new collection is handled the day it
// is declared: personal-data.test.ts fails while a collection of collections.json is missing from this list.
import type * as cloud from 'wx-server-sdk';
import type { CredentialDoc } from '../documents/credential';
import type { ExportDoc } from '../documents/export';
import type { MembershipDoc } from '../documents/membership';
import type { NotificationDoc } from '../documents/notification';
import type { RequestDoc } from '../documents/request';
import type { UserDoc } from '../documents/user';
import type { VolunteerDoc } from '../documents/volunteer';
import { anonymised } from '../rules/anonymise';
import { getOrNull, type Database, type Tx } from './db';
import { allPages, inBatches, PAGE, type Query } from './paging';
import { currentRequest } from './request-scope';

/** The person whose data is exported or deleted: the caller, as registeredVolunteer found them. */
export interface Person {
  userId: string;
  user: UserDoc;
  volunteer: VolunteerDoc;
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

/** A page of `query` (which must have a stable order) for allPages. */
const page = (query: () => Query) => (skip: number) => query().skip(skip).limit(PAGE).get() as Promise<{ data: unknown[] }>;

function membershipsOf(db: Database, userId: string): Promise<MembershipDoc[]> {
  return allPages<MembershipDoc>(page(() => db.collection('memberships').where({ userId })));
}

function exportsOf(db: Database, userId: string): Promise<ExportDoc[]> {
  return allPages<ExportDoc>(page(() => db.collection('exports').where({ userId }).orderBy('_id', 'asc')));
}

/** Organizations the person registered: they were its first admin, so one of their memberships leads to each. */
async function organizationsCreatedBy(db: Database, userId: string): Promise<Array<Record<string, unknown> & { _id: string }>> {
  const orgIds = [...new Set((await membershipsOf(db, userId)).map((m) => m.orgId))];
  const orgs = await Promise.all(orgIds.map((id) => getOrNull<Record<string, unknown> & { _id: string }>(db, 'organizations', id)));
  return orgs.filter((o): o is Record<string, unknown> & { _id: string } => o !== null && o.createdBy === userId);
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
    exportRead: async (_db, p) => [p.volunteer],
    onDelete: 'replaced by its anonymised remainder (rules/anonymise.ts): the volunteer number stays for records',
    erase: async (t, p, ctx) => {
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
      for (const m of await membershipsOf(ctx.db, p.userId)) await t.collection('memberships').doc(m._id).remove();
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
    onDelete: "kept (they are the organization's records); `createdBy` becomes `deleted:<volunteerId>`",
    erase: async (t, p, ctx) => {
      for (const o of await organizationsCreatedBy(ctx.db, p.userId)) {
        await t.collection('organizations').doc(o._id).update({ data: { createdBy: `deleted:${p.volunteer._id}` } });
      }
    },
  },
  notifications: {
    personal: true,
    holds: 'messages to the person, and messages to others about the person (`aboutUserId`)',
    exportRead: (db, p) =>
      allPages<NotificationDoc>(page(() => db.collection('notifications').where({ recipientUserId: p.userId }).orderBy('createdAt', 'desc')), 10_000),
    onDelete: 'removed, both those to the person and those about them',
    sweep: async (ctx, p) => {
      await ctx.db.collection('notifications').where({ recipientUserId: p.userId }).remove();
      await ctx.db.collection('notifications').where({ aboutUserId: p.userId }).remove();
    },
  },
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
      (await allPages<RequestDoc>(page(() => db.collection('requests').where({ userId: p.userId }).orderBy('_id', 'asc')))).map((r) => ({
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
  signups: {
    personal: true,
    holds: "the person's sign-ups for shifts (status, the reason shown, the group chat that led there)",
    // Declared with the publishing slice of issue 8 (the signup function owns the collection and may refine this).
    exportRead: (db, p) => allPages(page(() => db.collection('signups').where({ userId: p.userId }).orderBy('_id', 'asc'))),
    onDelete: 'removed',
    sweep: async (ctx, p, phase) => {
      if (phase === 'after') await ctx.db.collection('signups').where({ userId: p.userId }).remove();
    },
  },
  projectVisits: {
    personal: true,
    holds: 'which group chat (an opaque id) brought the person to which project',
    exportRead: (db, p) => allPages(page(() => db.collection('projectVisits').where({ userId: p.userId }).orderBy('_id', 'asc'))),
    onDelete: 'removed',
    sweep: async (ctx, p) => {
      await ctx.db.collection('projectVisits').where({ userId: p.userId }).remove();
    },
  },
  projects: {
    personal: false,
    why: "an organization's published activities; the contact is the organization's named contact with the phone masked, and `createdBy` is a user id that leads to nobody once the users document is gone",
  },
  shifts: { personal: false, why: "a project's times and places; `capacity` holds counts, not people" },
  projectScenes: { personal: false, why: 'a poster code and the project it opens' },
  counters: { personal: false, why: 'sequence numbers per region and year' },
  rateLimits: {
    personal: false,
    why: 'attempt counts of the current window per hash of a caller and kind of action: no content, worthless once the window ends',
  },
  organizationCodes: { personal: false, why: "an organization's public registration code (USCC) and the organization it belongs to" },
  invitations: {
    personal: false,
    why: "the organization's record of admin invitations; `createdBy` / `usedBy` are user ids that lead to nobody once the users document is gone",
  },
};

export function personalCollections(): Array<[string, PersonalCollection]> {
  return Object.entries(PERSONAL_DATA).filter((e): e is [string, PersonalCollection] => e[1].personal);
}
