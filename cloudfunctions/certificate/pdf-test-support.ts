// Test fixtures for the certificate PDF through the emulator: the fonts in cloud storage as the deploy puts them, and
// issued certificates made the one way certificates are issued (issueInTransaction), for a registered volunteer and
// a verified organization whose admin is `admin`. Tests only.
import { randomBytes } from 'node:crypto';
import type { Emulator } from '../../emulator/src/server';
import { serverSdk } from '../../emulator/test/support';
import type { CertificateSettings } from '../../typings/certificate';
import { signingKeyRingFromEnv } from '../_shared/credentials/signing';
import { getOrNull, inTransaction } from '../_shared/db/db';
import type { CertificateDoc } from '../_shared/documents/certificate';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { db, recordOf } from '../hours/test-support';
import type { Volunteer } from '../organization/test-support';
import { issueInTransaction } from './issue';
import { publishCertificateFonts } from './pdf/publish-fonts';

export const SETTINGS: CertificateSettings = {
  personInCharge: '王建国',
  handler: '陈静',
  contact: '陈静 0591-87654321',
  seal: { kind: 'text', text: '福州市鼓楼区阳光志愿服务中心' },
  issuePolicy: 'immediate',
};

export async function publishFonts(emu: Emulator): Promise<void> {
  await publishCertificateFonts(serverSdk(emu), (p) => emu.storage.paths().includes(p));
}

/** An issued certificate of `v` from `orgId` over `records` confirmed records (60–180 minutes each). */
export async function issuedCertificate(emu: Emulator, v: Volunteer, orgId: string, records = 3): Promise<CertificateDoc> {
  const org = (await getOrNull<OrganizationDoc>(db(emu), 'organizations', orgId))!;
  const issuer = { ...org, certificateSettings: SETTINGS };
  const now = new Date();
  const lines = Array.from({ length: records }, (_, i) => recordOf(v, orgId, { status: 'confirmed' }, 60 + (i % 5) * 30, `2026-0${1 + (i % 9)}-1${i % 10}`));
  const id = `ct_${randomBytes(12).toString('hex')}`;
  const request: CertificateDoc = { _id: id, status: 'reviewing', keyId: `ck_${id}`, volunteerId: v.volunteerId, requestedBy: v.userId, issuerOrgId: orgId, recordsOrgId: orgId, scope: { kind: 'all' }, requestedAt: now, updatedAt: now };
  const volunteer = { name: v.name, credentialType: 'CN_ID' as const, credentialNoMasked: '1****************X', volunteerNo: v.volunteerNo };
  return inTransaction(db(emu), (t) => issueInTransaction(t, { certificate: request, issuer, volunteer, volunteerUserId: v.userId, records: lines, now, ring: signingKeyRingFromEnv(emu.functionEnv) }));
}

/** Revoke as the organization side does: status, reason and date; the snapshot stays. */
export async function revoke(emu: Emulator, certificateId: string, reason: string, at: Date): Promise<void> {
  await db(emu).collection('certificates').doc(certificateId).update({ data: { status: 'revoked', revoked: { reason, by: 'u_admin', at }, updatedAt: at } });
}
