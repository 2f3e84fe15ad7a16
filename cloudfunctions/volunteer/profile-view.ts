// What a volunteer sees of themself (MyProfile) and on their card, from the stored document. Pure: the key ring and
// the instant are passed in. Credential and phone numbers are shown masked even to their owner on screen (the
// export is where the owner gets them in full).
import type { ConsentRecord, MyOrganization, MyProfile } from '../../typings/volunteer';
import { ageBand, ageOn } from '../../miniprogram/domain/age';
import { formatDate, shanghaiDate } from '../../miniprogram/domain/calendar';
import type { KeyRing } from '../_shared/crypto';
import type { VolunteerDoc } from '../_shared/volunteer-doc';
import { openExtra, type StoredConsent } from './volunteer-record';

/** The SDK gives stored dates back as Date; tolerate the EJSON and string forms too. */
export function asDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string' || typeof value === 'number') return new Date(value);
  if (value && typeof value === 'object' && '$date' in value) {
    const d = (value as { $date: unknown }).$date;
    if (typeof d === 'object' && d !== null && '$numberLong' in d) return new Date(Number((d as { $numberLong: string }).$numberLong));
    return new Date(d as string | number);
  }
  throw new TypeError('asDate: not a date');
}

export function iso(value: unknown): string {
  return asDate(value).toISOString();
}

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
  return {
    volunteerId: doc._id,
    volunteerNo: doc.volunteerNo,
    name: doc.name,
    credential: { type: doc.credential.type, masked: doc.credential.masked },
    gender: doc.gender,
    birthDate: doc.birthDate,
    // The band today, not at registration: a minor grows up.
    ageBand: ageBand(ageOn(doc.birthDate, shanghaiDate(now))),
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
            credentialMasked: doc.guardian.credential.masked,
            consentedAt: iso(doc.guardian.consentedAt),
          },
        }
      : {}),
    registeredAt: iso(doc.registeredAt),
    organizations,
  };
}
