// Page-test fixtures for certificates: the fonts in cloud storage and an issued certificate of a registered volunteer,
// made the one way certificates are issued (the certificate function's issueInTransaction). Loaded with require, so
// the mini-program's type check does not also check the server code.
import { userIdOf } from '../../cloudfunctions/_shared/documents/ids';
import { serverDb, type LocalCloud } from './emulator';

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
