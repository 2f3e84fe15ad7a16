// A dissolved organization's records are certified by its designated successor (RULES §5): a platform admin names
// it (organization.designateSuccessor, refused for anyone else, a live organization, itself, a 草根 team or a loop);
// the successor's admins then see the requests for the old records and issue them on its behalf. A 草根 team's
// requests are decided by its attached unit's admins.
import type { Emulator } from '../../emulator/src/server';
import { caller, startTestEmulator } from '../../emulator/test/support';
import { getOrNull } from '../_shared/db/db';
import type { CertificateDoc } from '../_shared/documents/certificate';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { addRecords, db, recordOf } from '../hours/test-support';
import { functionEnv, PLATFORM_ADMIN, registerVolunteer, verifiedOrganization } from '../organization/test-support';
import { checkSuccessor } from '../organization/designate-successor';
import { issuerWorld, reviewingRequest } from './org-test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

const platform = () => caller(emu, PLATFORM_ADMIN);

test('a platform admin names a successor; its admins issue for the old records, on its behalf', async () => {
  const successor = await issuerWorld(emu);
  const oldAdmin = await registerVolunteer(emu, 'openid-succ-old-admin', '韩梅');
  const oldOrgId = await verifiedOrganization(emu, oldAdmin);
  await addRecords(emu, [recordOf(successor.volunteer, oldOrgId, { status: 'confirmed' }, 180, '2026-03-14')]);

  expect(await platform().call('organization', 'designateSuccessor', { orgId: oldOrgId, successorId: successor.orgId })).toMatchObject({ ok: false, error: { code: 'NOT_DISSOLVED' } });
  expect(await oldAdmin.as.call('organization', 'dissolve', { orgId: oldOrgId })).toMatchObject({ ok: true });
  expect(await oldAdmin.as.call('organization', 'designateSuccessor', { orgId: oldOrgId, successorId: successor.orgId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await platform().call('organization', 'designateSuccessor', { orgId: oldOrgId, successorId: oldOrgId })).toMatchObject({ ok: false, error: { code: 'SUCCESSOR_INVALID', field: 'successorId' } });
  const named = await platform().call('organization', 'designateSuccessor', { orgId: oldOrgId, successorId: successor.orgId });
  expect(named).toEqual({ ok: true, data: { orgId: oldOrgId, successor: { orgId: successor.orgId, name: successor.orgName } } });
  expect(await platform().call('organization', 'designateSuccessor', { orgId: oldOrgId, successorId: successor.orgId })).toEqual(named);
  expect((await getOrNull<OrganizationDoc>(db(emu), 'organizations', oldOrgId))).toMatchObject({ successorId: successor.orgId, successorDesignated: { by: expect.any(String) } });

  const id = await reviewingRequest(emu, successor, { recordsOrgId: oldOrgId });
  const queue = await successor.admin.as.call('certificate', 'reviewQueue', { orgId: successor.orgId });
  expect(queue.ok && queue.data.items.find((i) => i.certificateId === id)).toMatchObject({ onBehalfOf: { orgId: oldOrgId }, totalMinutes: 180 });
  expect(await oldAdmin.as.call('certificate', 'review', { certificateId: id, decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await successor.admin.as.call('certificate', 'review', { certificateId: id, decision: 'approve' })).toMatchObject({ ok: true, data: { status: 'issued' } });
  const issued = (await getOrNull<CertificateDoc>(db(emu), 'certificates', id))!;
  expect(issued.snapshot!.issuer).toMatchObject({ orgId: successor.orgId, name: successor.orgName, handler: '陈静', onBehalfOf: { orgId: oldOrgId, relation: 'successor' } });
  expect(issued.snapshot!.records.map((r) => r.minutes)).toEqual([180]);
  const register = await successor.admin.as.call('certificate', 'register', { orgId: successor.orgId });
  expect(register.ok && register.data.entries[0]).toMatchObject({ number: issued.number, onBehalfOf: { orgId: oldOrgId } });
});

test('a successor must be able to issue, and succession cannot loop', async () => {
  const a = await registerVolunteer(emu, 'openid-succ-a', '甲一');
  const b = await registerVolunteer(emu, 'openid-succ-b', '乙二');
  const first = await verifiedOrganization(emu, a);
  const second = await verifiedOrganization(emu, b);
  const team = await verifiedOrganization(emu, await registerVolunteer(emu, 'openid-succ-team', '丙三'), { kind: 'grassroots', uscc: undefined } as never);
  await a.as.call('organization', 'dissolve', { orgId: first });
  expect(await platform().call('organization', 'designateSuccessor', { orgId: first, successorId: team })).toMatchObject({ ok: false, error: { code: 'SUCCESSOR_INVALID', message: expect.stringContaining('草根') } });
  expect(await platform().call('organization', 'designateSuccessor', { orgId: first, successorId: 'org_missing' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'successorId' } });
  expect(await platform().call('organization', 'designateSuccessor', { orgId: first, successorId: second })).toMatchObject({ ok: true });
  // Once second dissolves too, first (dissolved) cannot succeed it.
  await b.as.call('organization', 'dissolve', { orgId: second });
  expect(await platform().call('organization', 'designateSuccessor', { orgId: second, successorId: first })).toMatchObject({ ok: false, error: { code: 'SUCCESSOR_INVALID' } });
});

test('the rule: a successor whose own successors lead back is a loop', () => {
  const org = (over: Partial<OrganizationDoc>) => ({ _id: 'o', name: 'n', kind: 'registered', status: 'verified', ...over }) as OrganizationDoc;
  const gone = org({ _id: 'gone', status: 'dissolved' });
  const mid = org({ _id: 'mid', status: 'dissolved', successorId: 'gone' });
  const heir = org({ _id: 'heir', successorId: 'mid' });
  const all = new Map([gone, mid, heir].map((o) => [o._id, o]));
  expect(checkSuccessor(gone, heir, (id) => all.get(id))).toMatchObject({ ok: false, code: 'SUCCESSOR_INVALID', message: expect.stringContaining('循环') });
  expect(checkSuccessor(gone, org({ _id: 'fresh' }), (id) => all.get(id))).toMatchObject({ ok: true });
  expect(checkSuccessor(org({ _id: 'live' }), heir, (id) => all.get(id))).toMatchObject({ ok: false, code: 'NOT_DISSOLVED' });
});

test('a 草根 team’s requests are decided by its attached unit’s admins', async () => {
  const unit = await issuerWorld(emu);
  const lead = await registerVolunteer(emu, 'openid-succ-teamlead', '孔亮');
  const teamId = await verifiedOrganization(emu, lead, { kind: 'grassroots', uscc: undefined, parentId: unit.orgId } as never);
  await addRecords(emu, [recordOf(unit.volunteer, teamId, { status: 'confirmed' }, 75, '2026-10-10')]);
  const id = await reviewingRequest(emu, unit, { recordsOrgId: teamId });
  expect(await lead.as.call('certificate', 'review', { certificateId: id, decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await unit.admin.as.call('certificate', 'review', { certificateId: id, decision: 'approve' })).toMatchObject({ ok: true });
  expect((await getOrNull<CertificateDoc>(db(emu), 'certificates', id))!.snapshot!.issuer).toMatchObject({ orgId: unit.orgId, onBehalfOf: { orgId: teamId, relation: 'attached' } });
});
