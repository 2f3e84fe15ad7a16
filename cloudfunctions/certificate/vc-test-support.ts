// Test fixtures of verification: certificates issued through issueInTransaction (THE one way one becomes issued) with
// the emulator's own signing keys, and a revocation written as the organization's revoke writes it. Tests only.
import type { Emulator } from '../../emulator/src/server';
import type { CertificateSettings } from '../../typings/certificate';
import { signingKeyRingFromEnv } from '../_shared/credentials/signing';
import { inTransaction } from '../_shared/db/db';
import type { CertificateDoc } from '../_shared/documents/certificate';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { db, recordOf } from '../hours/test-support';
import type { Volunteer } from '../organization/test-support';
import { issueInTransaction } from './issue';

const settings: CertificateSettings = { personInCharge: '王建国', handler: '陈静', contact: '陈静 0591-87654321', seal: { kind: 'text', text: '鼓楼区阳光志愿服务中心' }, issuePolicy: 'immediate' };
const issuer = { _id: 'org_a', name: '鼓楼区阳光志愿服务中心', kind: 'registered', status: 'verified', regionCode: '350102', certificateSettings: settings } as OrganizationDoc & { certificateSettings: CertificateSettings };

export const VOLUNTEER = { volunteerId: 'v_1', volunteerNo: 'ZY3501022600000017', name: '林晓梅', userId: 'u_1' } as Volunteer;
export const ID_NUMBER = '350102199001011234';

let serial = 0;

/** A certificate of two confirmed records (2.5 h and 1.5 h), issued now by org_a of region 350102. */
export async function issueCertificate(emu: Emulator, now = new Date()): Promise<CertificateDoc> {
  serial++;
  const id = `ct_vc_${serial}_${Date.now().toString(36)}`;
  const records = [recordOf(VOLUNTEER, 'org_a', { status: 'confirmed' }, 150, '2026-11-01'), recordOf(VOLUNTEER, 'org_a', { status: 'confirmed' }, 90, '2026-11-08')];
  const request: CertificateDoc = { _id: id, status: 'reviewing', keyId: `ck_${id}`, volunteerId: VOLUNTEER.volunteerId, issuerOrgId: 'org_a', recordsOrgId: 'org_a', scope: { kind: 'all' }, requestedAt: now, updatedAt: now };
  const volunteer = { name: VOLUNTEER.name, credentialType: 'CN_ID' as const, credentialNoMasked: '3****************4', volunteerNo: VOLUNTEER.volunteerNo };
  return inTransaction(db(emu), (t) => issueInTransaction(t, { certificate: request, issuer, volunteer, volunteerUserId: VOLUNTEER.userId, records, now, ring: signingKeyRingFromEnv(emu.functionEnv) }));
}

/** What the organization's revoke writes: status, reason and date; the snapshot and signature stay. */
export async function revokeCertificate(emu: Emulator, id: string, reason: string, at: Date): Promise<void> {
  await db(emu).collection('certificates').doc(id).update({ data: { status: 'revoked', revoked: { reason, by: 'u_admin', at }, updatedAt: at } });
}
