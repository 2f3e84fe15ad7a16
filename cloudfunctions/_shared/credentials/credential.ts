// A certificate as a W3C Verifiable Credential (VC Data Model 2.0) in the shape of an Open Badges 3.0
// OpenBadgeCredential, secured with a Data Integrity proof (eddsa-jcs-2022) by the deployment's key. It is made from
// the register entry only — the frozen snapshot, the number, the status list entry and the key that signed the
// snapshot — so it can be rebuilt byte for byte at any time (Ed25519 is deterministic) and a record corrected after
// issuance changes nothing in it.
//
// Open Badges 3.0 choices (1EdTech OB 3.0 §B data model):
// - issuer: a Profile for the organization, id under the deployment's DID (`<did>/organizations/<orgId>`);
// - credentialSubject: AchievementSubject whose `identifier` is an IdentityObject with the volunteer number hashed
//   (`sha256$` of the number followed by a salt, hashed: true) — the name is not in the credential;
//   activityStartDate/EndDate are the certified period;
// - achievement: achievementType CommunityService (in the AchievementType enumeration), name 志愿服务, a criteria
//   narrative, and one ResultDescription for the hours; resultType `ext:Hours` since ResultType has no term for a
//   duration and is extensible with `ext:` terms; the Result points at it by id and carries the hours as a string;
// - evidence: one Evidence per certified record (date, project, content, hours);
// - credentialStatus: BitstringStatusListEntry (revocation) at the certificate's index of its region-year list.
import { createHmac, createHash } from 'node:crypto';
import { formatHours } from '../../../miniprogram/common/service-hours';
import type { CertificateSnapshot } from '../../../typings/certificate';
import type { CertificateDoc } from '../documents/certificate';
import { CREDENTIAL_TEXTS_V1 as T } from '../messages/answers';
import { addProof, type DataIntegrityProof } from './data-integrity';
import { didWebOf, verificationMethodOf, verifyBaseUrlOf } from './did';
import { signingKeyRingFromEnv } from './signing';

export const VC_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

type Env = NodeJS.ProcessEnv | Record<string, string | undefined>;

export interface OpenBadgeCredential {
  '@context': [typeof VC_CONTEXT, typeof OB_CONTEXT];
  id: string;
  type: ['VerifiableCredential', 'OpenBadgeCredential'];
  name: string;
  description: string;
  issuer: { id: string; type: ['Profile']; name: string; description?: string };
  validFrom: string;
  credentialSubject: {
    type: ['AchievementSubject'];
    identifier: Array<{ type: 'IdentityObject'; identityHash: string; identityType: 'identifier'; hashed: true; salt: string }>;
    activityStartDate: string;
    activityEndDate: string;
    achievement: {
      id: string;
      type: ['Achievement'];
      achievementType: 'CommunityService';
      name: typeof T.achievementName;
      description: string;
      criteria: { narrative: string };
      resultDescription: Array<{ id: string; type: ['ResultDescription']; name: string; resultType: 'ext:Hours' }>;
    };
    result: Array<{ type: ['Result']; resultDescription: string; value: string }>;
  };
  evidence: Array<{ type: ['Evidence']; name: string; description: string; narrative: string }>;
  credentialStatus: BitstringStatusListEntry;
  proof: DataIntegrityProof;
}

export interface BitstringStatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: 'revocation';
  statusListIndex: string;
  statusListCredential: string;
}

/** Where the status list of `listId` is served (HTTP access of the certificate function). */
export function statusListUrlOf(baseUrl: string, listId: string): string {
  return `${baseUrl}/status/${listId}`;
}

/** The plain-URL verification page of a number (also the credential's id: it resolves to the register's answer). */
export function verifyPageUrlOf(baseUrl: string, number: string): string {
  return `${baseUrl}/verify?no=${number}`;
}

export function organizationIdOf(did: string, orgId: string): string {
  return `${did}/organizations/${orgId}`;
}

/**
 * The salt of the volunteer-number hash: keyed by the deployment's hash key, so it is stable (the credential can be
 * rebuilt) yet cannot be derived by anyone hoping to test guessed numbers against many certificates at once.
 */
function identitySaltOf(env: Env, number: string): string {
  const key = env.ZY_HASH_KEY;
  if (!key) throw new Error('credentials need ZY_HASH_KEY for the identity salt');
  return createHmac('sha256', Buffer.from(key, 'base64')).update(`credential-identity-salt:${number}`).digest('hex').slice(0, 32);
}

/** OB 3.0 IdentityHash: the algorithm, '$', and the hex SHA-256 of the identifier followed by the salt. */
export function identityHashOf(identifier: string, salt: string): string {
  return `sha256$${createHash('sha256').update(identifier + salt, 'utf8').digest('hex')}`;
}

function dayStartOf(date: string): string {
  return `${date}T00:00:00+08:00`;
}
function dayEndOf(date: string): string {
  return `${date}T23:59:59+08:00`;
}

export type IssuedCertificate = CertificateDoc & Required<Pick<CertificateDoc, 'number' | 'snapshot' | 'signature' | 'statusList'>>;

export function isIssuedEntry(doc: CertificateDoc): doc is IssuedCertificate {
  return (doc.status === 'issued' || doc.status === 'revoked') && !!doc.number && !!doc.snapshot && !!doc.signature && !!doc.statusList;
}

function issuerProfileOf(did: string, snapshot: CertificateSnapshot): OpenBadgeCredential['issuer'] {
  const { issuer } = snapshot;
  const onBehalf = issuer.onBehalfOf ? T.onBehalfOf(issuer.onBehalfOf.relation, issuer.onBehalfOf.name) : undefined;
  return { id: organizationIdOf(did, issuer.orgId), type: ['Profile'], name: issuer.name, ...(onBehalf ? { description: onBehalf } : {}) };
}

/** The unsigned credential of an issued (or revoked) register entry. */
export function unsignedCredentialOf(doc: IssuedCertificate, env: Env): Omit<OpenBadgeCredential, 'proof'> {
  const baseUrl = verifyBaseUrlOf(env);
  const did = didWebOf(baseUrl);
  const { snapshot, number } = doc;
  const achievementId = `${baseUrl}/achievements/volunteer-service`;
  const hoursId = `${achievementId}#hours`;
  const salt = identitySaltOf(env, number);
  return {
    '@context': [VC_CONTEXT, OB_CONTEXT],
    id: verifyPageUrlOf(baseUrl, number),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: T.credentialName,
    description: T.credentialDescription(number, formatHours(snapshot.totalMinutes), snapshot.period.from, snapshot.period.to),
    issuer: issuerProfileOf(did, snapshot),
    validFrom: snapshot.issuedAt,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityHash: identityHashOf(snapshot.volunteer.volunteerNo, salt), identityType: 'identifier', hashed: true, salt }],
      activityStartDate: dayStartOf(snapshot.period.from),
      activityEndDate: dayEndOf(snapshot.period.to),
      achievement: {
        id: achievementId,
        type: ['Achievement'],
        achievementType: 'CommunityService',
        name: T.achievementName,
        description: T.achievementDescription,
        criteria: { narrative: T.criteria },
        resultDescription: [{ id: hoursId, type: ['ResultDescription'], name: T.hoursResultName, resultType: 'ext:Hours' }],
      },
      result: [{ type: ['Result'], resultDescription: hoursId, value: formatHours(snapshot.totalMinutes) }],
    },
    evidence: snapshot.records.map((r) => ({ type: ['Evidence'], name: `${r.date} ${r.project}`, description: r.content, narrative: T.recordHours(formatHours(r.minutes)) })),
    credentialStatus: {
      id: `${statusListUrlOf(baseUrl, doc.statusList.listId)}#${doc.statusList.index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(doc.statusList.index),
      statusListCredential: statusListUrlOf(baseUrl, doc.statusList.listId),
    },
  };
}

/**
 * The signed credential of an issued (or revoked) register entry, by the key that signed its snapshot (so rebuilding
 * after a key rotation gives the same bytes). Throws for an entry that was never issued (a bug in the caller).
 */
export function credentialOf(doc: CertificateDoc, env: Env): OpenBadgeCredential {
  if (!isIssuedEntry(doc)) throw new Error(`credentialOf: certificate ${doc._id} was never issued`);
  const ring = signingKeyRingFromEnv(env);
  const key = ring.byId.get(doc.signature.keyId);
  if (!key) throw new Error(`credentialOf: signing key ${doc.signature.keyId} is no longer in ZY_SIGNING_KEYS`);
  const did = didWebOf(verifyBaseUrlOf(env));
  return addProof(unsignedCredentialOf(doc, env), { created: doc.snapshot.issuedAt, verificationMethod: verificationMethodOf(did, key.keyId) }, key.privateKey) as OpenBadgeCredential;
}
