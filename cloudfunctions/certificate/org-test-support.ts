// Test support for the organization's certificate actions: an issuing organization with saved settings and a
// volunteer with confirmed records there, a request under review as the volunteer's request writes it, another admin.
import { randomBytes } from 'node:crypto';
import type { Emulator } from '../../emulator/src/server';
import { getOrNull } from '../_shared/db/db';
import type { CertificateDoc, CertificateKeyDoc } from '../_shared/documents/certificate';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { certificateKeyIdOf } from '../_shared/documents/certificate';
import { addRecords, db, recordOf } from '../hours/test-support';
import { addMember, registerVolunteer, verifiedOrganization, type Volunteer } from '../organization/test-support';
import type { RegisterOrganizationRequest } from '../../typings/organization';

export { pngOf } from './seal-fixture';

let serial = 0;

export interface IssuerWorld {
  admin: Volunteer;
  orgId: string;
  orgName: string;
  volunteer: Volunteer;
  /** The volunteer's confirmed minutes at the organization. */
  minutes: number;
}

/** A verified organization whose admin saved `issuePolicy` settings (text seal), and a member with 4 h confirmed. */
export async function issuerWorld(emu: Emulator, issuePolicy: 'immediate' | 'review' = 'review', over: Partial<RegisterOrganizationRequest> = {}): Promise<IssuerWorld> {
  serial++;
  const admin = await registerVolunteer(emu, `openid-cert-admin-${serial}`, '王建国');
  const orgId = await verifiedOrganization(emu, admin, over);
  const volunteer = await registerVolunteer(emu, `openid-cert-vol-${serial}`, '林晓梅');
  await addMember(admin, volunteer, orgId);
  await addRecords(emu, [
    recordOf(volunteer, orgId, { status: 'confirmed' }, 150, '2026-11-01'),
    recordOf(volunteer, orgId, { status: 'confirmed' }, 90, '2026-11-08'),
    recordOf(volunteer, orgId, { status: 'pending' }, 60, '2026-11-15'),
  ]);
  const orgName = (await getOrNull<OrganizationDoc>(db(emu), 'organizations', orgId))!.name;
  const saved = await admin.as.call('certificate', 'saveSettings', {
    orgId,
    personInCharge: '王建国',
    handler: '陈静',
    contact: '陈静 0591-87654321',
    seal: { kind: 'text', text: orgName },
    issuePolicy,
  });
  if (!saved.ok) throw new Error(`saveSettings: ${saved.error.code} ${saved.error.message}`);
  return { admin, orgId, orgName, volunteer, minutes: 240 };
}

/** A request under review, written as the volunteer's request writes it: the certificate and its key naming it. */
export async function reviewingRequest(emu: Emulator, w: Pick<IssuerWorld, 'orgId' | 'volunteer'>, over: Partial<CertificateDoc> = {}): Promise<string> {
  const _id = `ct_${randomBytes(12).toString('hex')}`;
  const now = new Date();
  const scope = over.scope ?? { kind: 'all' as const };
  const recordsOrgId = over.recordsOrgId ?? w.orgId;
  const keyId = certificateKeyIdOf(w.volunteer.volunteerId, recordsOrgId, scope);
  const doc: Omit<CertificateDoc, '_id'> = {
    status: 'reviewing',
    keyId,
    volunteerId: w.volunteer.volunteerId,
    requestedBy: w.volunteer.userId,
    issuerOrgId: w.orgId,
    recordsOrgId,
    scope,
    requestedAt: now,
    updatedAt: now,
    ...over,
  };
  const key: Omit<CertificateKeyDoc, '_id'> = { current: _id, updatedAt: now };
  await db(emu).collection('certificates').doc(_id).set({ data: doc });
  await db(emu).collection('certificateKeys').doc(keyId).set({ data: key });
  return _id;
}

/** Another admin of the organization, through an invitation. */
export async function secondAdmin(emu: Emulator, w: Pick<IssuerWorld, 'admin' | 'orgId'>): Promise<Volunteer> {
  serial++;
  const other = await registerVolunteer(emu, `openid-cert-admin2-${serial}`, '赵敏');
  const code = await w.admin.as.call('organization', 'createInvite', { orgId: w.orgId });
  if (!code.ok) throw new Error(`createInvite: ${code.error.code}`);
  const accepted = await other.as.call('organization', 'acceptInvite', { code: code.data.code });
  if (!accepted.ok) throw new Error(`acceptInvite: ${accepted.error.code}`);
  return other;
}
