// The issuance core through the stock SDK against the emulator: concurrent issuances in one region and year take
// consecutive numbers, none twice; the snapshot lists only the records organization's current confirmed records
// and its signature verifies; the issuer rule for 草根 teams and dissolved organizations.
import type { Emulator } from '../../emulator/src/server';
import { startTestEmulator } from '../../emulator/test/support';
import type { CertificateSettings } from '../../typings/certificate';
import { generateSigningKeyEnv, signingKeyRingFromEnv, verifySnapshot } from '../_shared/credentials/signing';
import { getOrNull, inTransaction } from '../_shared/db/db';
import type { CertificateDoc } from '../_shared/documents/certificate';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { validateCertificateNo } from '../_shared/rules/certificate-number';
import { db, recordOf } from '../hours/test-support';
import type { Volunteer } from '../organization/test-support';
import { issueInTransaction } from './issue';
import { issuerOf } from './issuer';
import { certifiedRecords } from './snapshot';

const ring = signingKeyRingFromEnv(generateSigningKeyEnv());
const settings: CertificateSettings = { personInCharge: '王建国', handler: '陈静', contact: '陈静 0591-87654321', seal: { kind: 'text', text: '鼓楼区阳光志愿服务中心' }, issuePolicy: 'immediate' };
const NOW = new Date('2026-11-30T02:00:00Z');

function org(over: Partial<OrganizationDoc> = {}): OrganizationDoc {
  return { _id: 'org_a', name: '鼓楼区阳光志愿服务中心', kind: 'registered', status: 'verified', regionCode: '350102', certificateSettings: settings, ...over } as OrganizationDoc;
}
const v = { volunteerId: 'v_1', volunteerNo: 'ZY3501022600000017', name: '林晓梅', userId: 'u_1' } as Volunteer;
const volunteerLine = { name: '林晓梅', credentialType: 'CN_ID' as const, credentialNoMasked: '3****************X', volunteerNo: v.volunteerNo };

function request(id: string): CertificateDoc {
  return { _id: id, status: 'reviewing', keyId: `ck_${id}`, volunteerId: v.volunteerId, issuerOrgId: 'org_a', recordsOrgId: 'org_a', scope: { kind: 'all' }, requestedAt: NOW, updatedAt: NOW };
}

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => emu.stop());

test('only current confirmed records of the records organization, in the period, oldest first', () => {
  const records = [
    recordOf(v, 'org_a', { status: 'confirmed' }, 60, '2026-10-02'),
    recordOf(v, 'org_a', { status: 'confirmed' }, 90, '2026-09-01'),
    recordOf(v, 'org_a', { status: 'pending' }, 30, '2026-09-05'),
    recordOf(v, 'org_a', { status: 'confirmed', current: false }, 30, '2026-09-06'),
    recordOf(v, 'org_b', { status: 'confirmed' }, 45, '2026-09-07'),
  ];
  expect(certifiedRecords(records, 'org_a', { kind: 'all' }).map((r) => r.minutes)).toEqual([90, 60]);
  expect(certifiedRecords(records, 'org_a', { kind: 'period', from: '2026-10-01', to: '2026-10-31' }).map((r) => r.minutes)).toEqual([60]);
});

test('twelve issuances at once take numbers 1–12 of the region and year, each signed', async () => {
  const records = [recordOf(v, 'org_a', { status: 'confirmed' }, 150, '2026-11-01'), recordOf(v, 'org_a', { status: 'confirmed' }, 90, '2026-11-08')];
  const issued = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      inTransaction(db(emu), (t) => issueInTransaction(t, { certificate: request(`ct_${i}`), issuer: org() as never, volunteer: volunteerLine, volunteerUserId: v.userId, records, now: NOW, ring })),
    ),
  );
  const sequences = issued.map((c) => validateCertificateNo(c.number!)).map((r) => (r.ok ? r.value.sequence : -1));
  expect([...sequences].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  const doc = (await getOrNull<CertificateDoc>(db(emu), 'certificates', 'ct_3'))!;
  expect(doc.status).toBe('issued');
  expect(doc.snapshot!.totalMinutes).toBe(240);
  expect(doc.snapshot!.period).toEqual({ from: '2026-11-01', to: '2026-11-08' });
  const parts = validateCertificateNo(doc.number!);
  expect(doc.statusList).toEqual({ listId: '350102-2026', index: parts.ok ? parts.value.sequence : -1 });
  expect(verifySnapshot(ring, doc.snapshot, doc.signature!)).toBe(true);
  expect(verifySnapshot(ring, { ...doc.snapshot!, totalMinutes: 241 }, doc.signature!)).toBe(false);
  // Every issuance tells the volunteer once, in its own transaction (the outbox).
  const told = ((await db(emu).collection('notifications').where({ recipientUserId: v.userId, readAt: null }).limit(100).get()) as unknown as { data: Array<{ kind: string; link: string }> }).data;
  expect(told.filter((n) => n.kind === 'certificate.issued').map((n) => n.link).sort()).toEqual(issued.map((c) => `/pages/certificate/index?certificateId=${c._id}`).sort());
});

test('who issues: itself, the unit a 草根 team is attached to, a dissolved organization’s successor', () => {
  const unit = org({ _id: 'org_unit', name: '鼓楼区志愿者协会' });
  const team = org({ _id: 'org_team', kind: 'grassroots', parentId: 'org_unit' });
  const gone = org({ _id: 'org_gone', status: 'dissolved', successorId: 'org_mid' });
  const mid = org({ _id: 'org_mid', status: 'dissolved', successorId: 'org_unit' });
  const all = new Map([unit, team, gone, mid].map((o) => [o._id, o]));
  const lookup = (id: string) => all.get(id);
  expect(issuerOf(unit, lookup)).toMatchObject({ ok: true, issuer: { _id: 'org_unit' } });
  expect(issuerOf(team, lookup)).toMatchObject({ ok: true, issuer: { _id: 'org_unit' }, onBehalfOf: { orgId: 'org_team', relation: 'attached' } });
  expect(issuerOf(gone, lookup)).toMatchObject({ ok: true, issuer: { _id: 'org_unit' }, onBehalfOf: { orgId: 'org_gone', relation: 'successor' } });
  expect(issuerOf(org({ kind: 'grassroots' }), lookup)).toEqual({ ok: false, reason: 'grassroots_without_unit' });
  expect(issuerOf(org({ status: 'dissolved' }), lookup)).toEqual({ ok: false, reason: 'dissolved_without_successor' });
  expect(issuerOf(org({ status: 'pending' }), lookup)).toEqual({ ok: false, reason: 'not_verified' });
});
