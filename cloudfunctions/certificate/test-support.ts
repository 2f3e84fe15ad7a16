// Test fixtures of the certificate function's volunteer side: a verified organization with its certificate settings
// (written as the settings action stores them), a project of it, and volunteers with confirmed records there,
// written through the ledger. Tests only.
import type { Emulator } from '../../emulator/src/server';
import { serverSdk } from '../../emulator/test/support';
import type { CertificateSettings } from '../../typings/certificate';
import type { ServiceRecordDoc } from '../_shared/documents/service-record';
import { addRecords, recordOf } from '../hours/test-support';
import type { Volunteer } from '../organization/test-support';
import { organizationWithProject, volunteerMaker, type World } from '../records/test-support';

export const SETTINGS: CertificateSettings = {
  personInCharge: '王建国',
  handler: '陈静',
  contact: '陈静 0591-87654321',
  seal: { kind: 'text', text: '鼓楼区阳光志愿服务中心' },
  issuePolicy: 'immediate',
};

export async function setCertificateSettings(emu: Emulator, orgId: string, over: Partial<CertificateSettings> = {}): Promise<void> {
  await serverSdk(emu).database().collection('organizations').doc(orgId).update({ data: { certificateSettings: { ...SETTINGS, ...over } } });
}

/** Confirmed records of `v` at the world's organization and project, one per day given (120 minutes each by default). */
export async function confirmedRecords(emu: Emulator, world: World, v: Volunteer, days: string[], minutes = 120, over: Partial<ServiceRecordDoc> = {}): Promise<string[]> {
  return addRecords(
    emu,
    days.map((day) => recordOf(v, world.orgId, { status: 'confirmed', orgName: world.orgName, projectId: world.project._id, activity: { name: world.project.title, date: day, place: '福州市鼓楼区西湖公园', serviceObjects: ['community'], content: world.project.content, leader: '王五' }, ...over }, minutes, day)),
  );
}

export interface IssuingWorld extends World {
  make: (name?: string) => Promise<Volunteer>;
}

/** A verified organization with settings of `policy` and a project, and a maker of volunteers. */
export async function issuingWorld(emu: Emulator, prefix: string, over: Partial<CertificateSettings> = {}): Promise<IssuingWorld> {
  const world = await organizationWithProject(emu, prefix);
  await setCertificateSettings(emu, world.orgId, over);
  return { ...world, make: volunteerMaker(emu, `${prefix}-v`) };
}
