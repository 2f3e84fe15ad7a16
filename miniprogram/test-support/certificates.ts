// Page-test fixtures for certificates: the fonts in cloud storage, an issued certificate of a registered volunteer
// (made the one way certificates are issued, the certificate function's issueInTransaction), and an issuing
// organization with confirmed records of a volunteer (written pending as the record-making functions write them, then
// marked confirmed). The server fixtures are loaded with require, so the mini-program's type check does not also
// check the server code.
import type { CertificateSettings } from '../../typings/certificate';
import { userIdOf } from '../../cloudfunctions/_shared/documents/ids';
import { serverDb, type LocalCloud } from './emulator';
import { organizationWithAdmin, pendingRecords, type SeededRecord } from './hours';

interface CertificateFixtures {
  publishFonts(emu: LocalCloud): Promise<void>;
  issuedCertificate(emu: LocalCloud, v: { userId: string; volunteerId: string; name: string; volunteerNo: string }, orgId: string, records?: number): Promise<{ _id: string; number: string }>;
  revoke(emu: LocalCloud, certificateId: string, reason: string, at: Date): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const fixtures = require('../../cloudfunctions/certificate/pdf-test-support') as CertificateFixtures;

export const publishCertificateFonts = (emu: LocalCloud) => fixtures.publishFonts(emu);
export const revokeCertificate = (emu: LocalCloud, id: string, reason: string, at: Date) => fixtures.revoke(emu, id, reason, at);

/** An issued certificate of the volunteer registered as `openid`, from `orgId`, over `records` confirmed records. */
export async function issuedCertificate(emu: LocalCloud, openid: string, orgId: string, records = 3): Promise<{ _id: string; number: string }> {
  const userId = userIdOf(openid);
  const v = (await serverDb(emu).collection('volunteers').where({ userId }).get()).data[0] as { _id: string; name: string; volunteerNo: string } | undefined;
  if (!v) throw new Error(`no volunteer for ${openid}`);
  return fixtures.issuedCertificate(emu, { userId, volunteerId: v._id, name: v.name, volunteerNo: v.volunteerNo }, orgId, records);
}

export const PAGE_SETTINGS: CertificateSettings = {
  personInCharge: '王建国',
  handler: '陈静',
  contact: '陈静 0591-87654321',
  seal: { kind: 'text', text: '鼓楼区阳光志愿服务中心' },
  issuePolicy: 'immediate',
};

/** A verified organization with `adminOpenid` as admin; `settings` null leaves it without certificate settings. */
export async function issuingOrganization(
  emu: LocalCloud,
  orgId: string,
  name: string,
  adminOpenid: string,
  settings: Partial<CertificateSettings> | null = {},
  over: Record<string, unknown> = {},
): Promise<void> {
  await organizationWithAdmin(emu, orgId, name, adminOpenid);
  await serverDb(emu).collection('organizations').doc(orgId).update({ data: { kind: 'registered', ...(settings ? { certificateSettings: { ...PAGE_SETTINGS, ...settings } } : {}), ...over } });
}

export async function confirmedRecords(emu: LocalCloud, openid: string, records: SeededRecord[]): Promise<string[]> {
  const ids = await pendingRecords(emu, openid, records);
  for (const id of ids) await serverDb(emu).collection('serviceRecords').doc(`${id}.r1`).update({ data: { status: 'confirmed' } });
  return ids;
}
