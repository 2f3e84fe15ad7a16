// The "export my data" file (PIPL Art. 45; RULES §8). Pure: the documents are read by export-mine.ts.
//
// Field set, format `zhiyuan-plus/my-data` version 1 — everything stored about the caller, nothing about anyone else:
//   exportedAt
//   account        the users document: userId, openid, unionid, roles, createdAt, earlier exports (file ids, times)
//   volunteer      the volunteer document in full, encrypted fields given decrypted: name, credential (type, number,
//                  masked), gender, birthDate, ageBandAtRegistration, phone (number, masked, verified), region code
//                  and names, skills, skill tags, intentions, availability, extra fields, consents (kind, version,
//                  granted / withdrawn), guardian (name, relation, credential type + number, consent time), volunteer
//                  number, status, registeredAt, updatedAt, and the keyed look-up hashes held for uniqueness
//   memberships    the caller's own membership documents with the organization's name; `decidedBy` is left out (it
//                  identifies the admin who decided, another person)
//   notifications  the caller's own messages: kind, title, body, link, createdAt, readAt, delivery state
//   organizationsCreated  organizations whose `createdBy` is the caller, as stored (a contact phone decrypted)
// Other members of the caller's organizations, other volunteers and anyone else's messages are never read.
import type { ExtraFields } from '../../typings/volunteer';
import { decryptField, type EncryptedField, type KeyRing } from '../_shared/crypto';
import type { NotificationDoc } from '../_shared/outbox';
import type { MembershipDoc, UserDoc } from '../_shared/people';
import { CIPHER_PURPOSE, type VolunteerDoc } from '../_shared/volunteer-doc';
import { consentRecords, iso } from './profile-view';
import { openExtra } from './volunteer-record';

export const EXPORT_FORMAT = 'zhiyuan-plus/my-data';
export const EXPORT_VERSION = 1;

export interface ExportRecord {
  fileID: string;
  createdAt: Date;
}

export interface UserWithExports extends UserDoc {
  exports?: ExportRecord[];
}

export interface ExportSources {
  user: UserWithExports;
  volunteer: VolunteerDoc;
  memberships: MembershipDoc[];
  organizationNames: Map<string, string>;
  notifications: NotificationDoc[];
  organizationsCreated: Array<Record<string, unknown>>;
}

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

export function buildExport(s: ExportSources, ring: KeyRing, now: Date): Record<string, unknown> {
  const v = s.volunteer;
  const extra: ExtraFields | null = v.extra ? openExtra(v.extra, ring) : null;
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
      earlierExports: (s.user.exports ?? []).map((e) => ({ fileID: e.fileID, createdAt: iso(e.createdAt) })),
    },
    volunteer: {
      volunteerId: v._id,
      volunteerNo: v.volunteerNo,
      status: v.status,
      name: v.name,
      credential: {
        type: v.credential.type,
        number: decryptField(v.credential.cipher, ring, CIPHER_PURPOSE.credential),
        masked: v.credential.masked,
      },
      gender: v.gender,
      birthDate: v.birthDate,
      ageBandAtRegistration: v.ageBandAtRegistration,
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
            credential: {
              type: v.guardian.credential.type,
              number: decryptField(v.guardian.credential.cipher, ring, CIPHER_PURPOSE.guardianCredential),
              masked: v.guardian.credential.masked,
            },
            consentedAt: iso(v.guardian.consentedAt),
          }
        : null,
      registeredAt: iso(v.registeredAt),
      updatedAt: iso(v.updatedAt),
      lookupKeys: { credentialHash: v.credentialHash, phoneHash: v.phoneHash },
    },
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
    organizationsCreated: s.organizationsCreated.map((o) => plainOrganization(o, ring)),
  };
}
