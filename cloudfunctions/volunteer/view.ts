// What the volunteer function answers, from the stored documents. Pure: the key ring and the instant are passed in.
//  - MyProfile and the card: what a volunteer sees of themself. Credential and phone numbers are shown masked even to
//    their owner on screen (the export is where the owner gets them in full).
//  - The "export my data" file (PIPL Art. 45; RULES §8), field set below.
import { hoursSummary } from '../_shared/hours/summary';
import type { CardResponse, ConsentRecord, ExtraFields, MyOrganization, MyProfile } from '../../typings/volunteer';
import { ageBand, ageOn } from '../../miniprogram/domain/age';
import { formatDate, shanghaiDate } from '../../miniprogram/domain/calendar';
import { asDate, iso } from '../_shared/documents/dates';
import type { ExportDoc } from '../_shared/documents/export';
import type { MembershipDoc } from '../_shared/documents/membership';
import type { NotificationDoc } from '../_shared/documents/notification';
import type { UserDoc } from '../_shared/documents/user';
import { CIPHER_PURPOSE, type VolunteerDoc } from '../_shared/documents/volunteer';
import { decryptField, type EncryptedField, type KeyRing } from '../_shared/security/crypto';
import { openBirth, openCredential, openExtra, type StoredConsent } from './rules';
import { readableExport } from './export-readable';
import { maskCredential } from '../_shared/rules/mask';
import { failWith } from '../_shared/messages/answers';

// ── Refusals this function answers in more than one action ───────────────────────────────────────────────────

export const credentialTaken = () => failWith('CREDENTIAL_TAKEN');
export const alreadyRegistered = () => failWith('ALREADY_REGISTERED');
export const extraNeedsConsent = () => failWith('CONSENT_REQUIRED', 'extra');
export const consentNotGiven = () => failWith('CONSENT_NOT_GIVEN');

// ── What a volunteer sees of themself ─────────────────────────────────────────────────────────────────────────

/** YYYY-MM-DD of an instant in Asia/Shanghai. */
export function shanghaiDay(value: unknown): string {
  return formatDate(shanghaiDate(asDate(value)));
}

export function consentRecords(consents: StoredConsent[]): ConsentRecord[] {
  return consents.map((c) => ({
    kind: c.kind,
    version: c.version,
    grantedAt: iso(c.grantedAt),
    ...(c.withdrawnAt ? { withdrawnAt: iso(c.withdrawnAt) } : {}),
  }));
}

export function toMyProfile(doc: VolunteerDoc, organizations: MyOrganization[], ring: KeyRing, now: Date): MyProfile {
  const birth = openBirth(doc, ring);
  return {
    volunteerId: doc._id,
    volunteerNo: doc.volunteerNo,
    name: doc.name,
    // Derived from the decrypted values: nothing read from the number is stored (README, domain notes).
    credential: { type: doc.credential.type, masked: maskCredential(openCredential(doc.credential, ring, CIPHER_PURPOSE.credential)) },
    gender: birth.gender,
    birthDate: birth.birthDate,
    // The band today, not at registration: a minor grows up.
    ageBand: ageBand(ageOn(birth.birthDate, shanghaiDate(now))),
    phone: { masked: doc.phone.masked, verified: doc.phone.verified },
    regionCode: doc.regionCode,
    regionNames: doc.regionNames,
    skills: doc.skills,
    skillTags: doc.skillTags,
    intentions: doc.intentions,
    availability: doc.availability,
    ...(doc.extra ? { extra: openExtra(doc.extra, ring) } : {}),
    consents: consentRecords(doc.consents),
    ...(doc.guardian
      ? {
          guardian: {
            name: doc.guardian.name,
            relation: doc.guardian.relation,
            credentialMasked: maskCredential(openCredential(doc.guardian.credential, ring, CIPHER_PURPOSE.guardianCredential)),
            consentedAt: iso(doc.guardian.consentedAt),
          },
        }
      : {}),
    registeredAt: iso(doc.registeredAt),
    organizations,
  };
}

/** The card: the QR code is issued (and drawn) by the handler; hours and stars as on 我的 and 我的时长. */
export function cardView(
  doc: VolunteerDoc,
  organizations: MyOrganization[],
  code: { payload: string; validUntil: Date; image: string },
  now: Date,
  env: NodeJS.ProcessEnv,
): CardResponse {
  return {
    name: doc.name,
    volunteerNo: doc.volunteerNo,
    organizations: organizations.map((o) => o.name),
    registeredOn: shanghaiDay(doc.registeredAt),
    ...hoursSummary(doc, env),
    qr: {
      payload: code.payload,
      image: code.image,
      validUntil: code.validUntil.toISOString(),
      refreshAfterSeconds: Math.max(1, Math.ceil((code.validUntil.getTime() - now.getTime()) / 1000)),
    },
  };
}

// ── The export file ──────────────────────────────────────────────────────────────────────────────────────────
//
// First the part a person reads (export-readable.ts: 说明, 个人资料, 监护人, 授权同意, 账号, 所在组织, 我创建的组织, 消息 —
// Chinese labels, values in words, Beijing time), then the machine-readable part, format `zhiyuan-plus/my-data`
// version 2 (version 1 without the readable part) — everything stored about the caller, nothing about anyone else:
//   exportedAt
//   account        the users document: userId, openid, unionid, roles, createdAt, earlier exports (file ids, times)
//   volunteer      null for an account that never registered; else the volunteer document in full, encrypted fields given decrypted: name, credential (type, number,
//                  masked form derived from it), gender and birthDate (decrypted), phone (number, masked, verified), region code
//                  and names, skills, skill tags, intentions, availability, extra fields, consents (kind, version,
//                  granted / withdrawn), guardian (name, relation, credential type + number + masked, consent time), volunteer
//                  number, status, registeredAt, updatedAt, and the keyed look-up hashes held for uniqueness
//   memberships    the caller's own membership documents with the organization's name; `decidedBy` is left out (it
//                  identifies the admin who decided, another person)
//   notifications  the caller's own messages: kind, title, body, link, createdAt, readAt, delivery state
//   organizationsCreated  organizations whose `createdBy` is the caller, as stored (a contact phone decrypted)
//   other          any other collection _shared/db/personal-data.ts declares personal, the caller's documents as stored
// Other members of the caller's organizations, other volunteers and anyone else's messages are never read.
export const EXPORT_FORMAT = 'zhiyuan-plus/my-data';
export const EXPORT_VERSION = 2;

export interface ExportSources {
  user: UserDoc;
  /** Earlier exports still on record (their files are removed when their links expire). */
  exports: ExportDoc[];
  /** Null for an account that never registered as a volunteer (it may have asked for help). */
  volunteer: VolunteerDoc | null;
  memberships: MembershipDoc[];
  organizationNames: Map<string, string>;
  notifications: NotificationDoc[];
  organizationsCreated: Array<Record<string, unknown>>;
  /** Personal collections (db/personal-data.ts) this file has no dedicated section for: given as stored. */
  otherCollections: Record<string, unknown[]>;
}

/** The collections buildExport gives a section of their own; any other personal collection goes under `other`. */
export const EXPORT_SECTIONS = ['users', 'volunteers', 'credentials', 'memberships', 'organizations', 'notifications', 'exports'] as const;

function isEncryptedField(v: unknown): v is EncryptedField {
  return typeof v === 'object' && v !== null && ['kid', 'iv', 'ct', 'tag'].every((k) => typeof (v as Record<string, unknown>)[k] === 'string');
}

function optionalIso(v: unknown): string | null {
  return v === undefined || v === null ? null : iso(v);
}

/** Dates to ISO strings and the organization's encrypted contact phone to its number; the rest as stored. */
function plainOrganization(value: unknown, ring: KeyRing): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => plainOrganization(v, ring));
  if (isEncryptedField(value)) {
    try {
      return decryptField(value, ring, CIPHER_PURPOSE.organizationContactPhone);
    } catch {
      return '（加密字段，无法解密）';
    }
  }
  if (typeof value === 'object' && value !== null) {
    if ('$date' in value) return iso(value);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainOrganization(v, ring)]));
  }
  return value;
}

export function buildExport(s: ExportSources, ring: KeyRing, now: Date, linkHours: number): Record<string, unknown> {
  const machine = machineReadable(s, ring, now);
  const { account, volunteer, memberships, notifications, organizationsCreated } = machine;
  return { ...readableExport({ exportedAt: now, linkHours, account: { ...account, earlierExports: account.earlierExports.length }, volunteer, memberships, notifications, organizationsCreated }), ...machine };
}

function machineReadable(s: ExportSources, ring: KeyRing, now: Date) {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    account: {
      userId: s.user._id,
      openid: s.user.openid,
      unionid: s.user.unionid ?? null,
      roles: s.user.roles,
      createdAt: iso(s.user.createdAt),
      volunteerId: s.user.volunteerId ?? null,
      earlierExports: s.exports.map((e) => ({ fileID: e.fileID, createdAt: iso(e.createdAt), expiresAt: iso(e.expiresAt) })),
    },
    // Null for an account that never registered as a volunteer.
    volunteer: s.volunteer ? volunteerSection(s.volunteer, ring) : null,
    memberships: s.memberships.map((m) => ({
      orgId: m.orgId,
      organizationName: s.organizationNames.get(m.orgId) ?? null,
      role: m.role,
      status: m.status,
      message: m.message ?? null,
      requestCount: m.requestCount,
      requestedAt: optionalIso(m.requestedAt),
      since: optionalIso(m.since),
      decidedAt: optionalIso(m.decidedAt),
    })),
    notifications: s.notifications.map((n) => ({
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link ?? null,
      createdAt: optionalIso(n.createdAt),
      readAt: optionalIso(n.readAt),
      delivery: n.delivery?.state ?? null,
    })),
    organizationsCreated: s.organizationsCreated.map((o) => plainOrganization(o, ring) as Record<string, unknown>),
    other: Object.fromEntries(Object.entries(s.otherCollections).map(([name, docs]) => [name, docs.map((d) => plainOrganization(d, ring))])),
  };
}

/** The volunteer document in full, its encrypted fields decrypted. */
function volunteerSection(v: VolunteerDoc, ring: KeyRing) {
  const extra: ExtraFields | null = v.extra ? openExtra(v.extra, ring) : null;
  const credentialNumber = openCredential(v.credential, ring, CIPHER_PURPOSE.credential);
  const guardianNumber = v.guardian ? openCredential(v.guardian.credential, ring, CIPHER_PURPOSE.guardianCredential) : '';
  const birth = openBirth(v, ring);
  return {
    volunteerId: v._id,
    volunteerNo: v.volunteerNo,
    status: v.status,
    name: v.name,
    credential: { type: v.credential.type, number: credentialNumber, masked: maskCredential(credentialNumber) },
    gender: birth.gender,
    birthDate: birth.birthDate,
    phone: { number: decryptField(v.phone.cipher, ring, CIPHER_PURPOSE.phone), masked: v.phone.masked, verified: v.phone.verified },
    regionCode: v.regionCode,
    regionNames: v.regionNames,
    skills: v.skills,
    skillTags: v.skillTags,
    intentions: v.intentions,
    availability: v.availability,
    extra,
    consents: consentRecords(v.consents),
    guardian: v.guardian
      ? {
          name: v.guardian.name,
          relation: v.guardian.relation,
          credential: { type: v.guardian.credential.type, number: guardianNumber, masked: maskCredential(guardianNumber) },
          consentedAt: iso(v.guardian.consentedAt),
        }
      : null,
    registeredAt: iso(v.registeredAt),
    updatedAt: iso(v.updatedAt),
    lookupKeys: { credentialHash: v.credentialHash, phoneHash: v.phoneHash },
  };
}
