// Page-test fixtures for certificates: an issuing organization (verified, with its certificate settings as the
// settings action stores them) and confirmed service records of a registered volunteer there (written pending as
// the record-making functions write them, then marked confirmed, so nothing but the certificate function reads them).
import type { CertificateSettings } from '../../typings/certificate';
import { serverDb, type LocalCloud } from './emulator';
import { organizationWithAdmin, pendingRecords, type SeededRecord } from './hours';

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
