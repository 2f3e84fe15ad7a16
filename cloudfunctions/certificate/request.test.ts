// The volunteer asks, through the built function and the stock SDK: which organizations I can ask and who issues
// for them; a request issued at once (numbered, signed, the volunteer told once) or left for review (the issuer's
// admins told); refusals for bad periods, nothing confirmed, nobody who can issue and missing settings (the admins told
// once); a retry and many requests at once make one certificate with one number; 我的证明 lists them newest first.
import type { Emulator } from '../../emulator/src/server';
import { serverSdk, startTestEmulator, wordsOf } from '../../emulator/test/support';
import { REQUEST_ID_FIELD } from '../../miniprogram/domain/actions';
import { signingKeyRingFromEnv, verifySnapshot } from '../_shared/credentials/signing';
import type { CertificateDoc } from '../_shared/documents/certificate';
import type { NotificationDoc } from '../_shared/documents/notification';
import { validateCertificateNo } from '../_shared/rules/certificate-number';
import { docs, functionEnv } from '../organization/test-support';
import { confirmedRecords, issuingWorld } from './test-support';

// Twelve warm instances start before the race (cold starts are paced, emulator/src/runtime/README.md).
jest.setTimeout(240_000);

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

const db = () => serverSdk(emu).database();
const all = { kind: 'all' as const };

test('issuable lists each organization with my confirmed hours, who issues, and my live certificate once I ask', async () => {
  const w = await issuingWorld(emu, 'cert-list');
  const v = await w.make('林晓梅');
  await confirmedRecords(emu, w, v, ['2026-09-05', '2026-10-03']);
  // A pending record counts for nothing yet.
  await confirmedRecords(emu, w, v, ['2026-10-17'], 60, { status: 'pending' });

  const before = await v.as.call('certificate', 'issuable', {});
  expect(before).toEqual({
    ok: true,
    data: {
      organizations: [
        {
          orgId: w.orgId,
          orgName: w.orgName,
          confirmedMinutes: 240,
          confirmedRecords: 2,
          firstDate: '2026-09-05',
          lastDate: '2026-10-03',
          issuer: { canIssue: true, orgId: w.orgId, name: w.orgName, settingsReady: true },
        },
      ],
    },
  });
  const asked = await v.as.call('certificate', 'request', { orgId: w.orgId, scope: all });
  expect(asked.ok).toBe(true);
  const after = await v.as.call('certificate', 'issuable', {});
  if (!after.ok || !asked.ok) throw new Error('expected answers');
  expect(after.data.organizations[0]!.live).toEqual(asked.data.certificate);
  expect(after.data.organizations[0]!.latest).toEqual(asked.data.certificate);
});

test('an organization that issues at once: numbered, signed, only its confirmed records, the volunteer told once', async () => {
  const w = await issuingWorld(emu, 'cert-now');
  const other = await issuingWorld(emu, 'cert-other');
  const v = await w.make('林晓梅');
  await confirmedRecords(emu, w, v, ['2026-09-05', '2026-10-03']);
  await confirmedRecords(emu, other, v, ['2026-10-04']);

  const res = await v.as.call('certificate', 'request', { orgId: w.orgId, scope: all });
  if (!res.ok) throw new Error(`request: ${res.error.code}`);
  const c = res.data.certificate;
  expect(c).toEqual({
    certificateId: expect.stringMatching(/^ct_[0-9a-f]{24}$/),
    status: 'issued',
    number: expect.stringMatching(/^ZM3501022026\d{7}[0-9X]$/),
    recordsOrgId: w.orgId,
    recordsOrgName: w.orgName,
    issuerOrgId: w.orgId,
    issuerName: w.orgName,
    scope: all,
    period: { from: '2026-09-05', to: '2026-10-03' },
    totalMinutes: 240,
    requestedAt: expect.any(String),
    issuedAt: expect.any(String),
  });
  expect(validateCertificateNo(c.number!).ok).toBe(true);
  const [doc] = await docs<CertificateDoc>(emu, 'certificates', { _id: c.certificateId });
  expect(doc!.snapshot!.records.map((r) => r.date)).toEqual(['2026-09-05', '2026-10-03']);
  expect(doc!.snapshot!.volunteer).toEqual({ name: '林晓梅', credentialType: 'CN_ID', credentialNoMasked: expect.stringMatching(/^1\*{16}X$/), volunteerNo: v.volunteerNo });
  expect(doc!.requestedBy).toBe(v.userId);
  expect(verifySnapshot(signingKeyRingFromEnv(emu.functionEnv), doc!.snapshot, doc!.signature!)).toBe(true);

  const told = await docs<NotificationDoc>(emu, 'notifications', { recipientUserId: v.userId, kind: 'certificate.issued' });
  expect(told).toHaveLength(1);
  expect(told[0]!.body).toContain(c.number!);
  expect(told[0]!.body).toContain('4.0 小时');
  expect(told[0]!.link).toBe(`/pages/certificate/index?certificateId=${c.certificateId}`);

  // Asking again answers the same certificate and tells nobody again.
  const again = await v.as.call('certificate', 'request', { orgId: w.orgId, scope: all });
  expect(again).toEqual(res);
  expect(await docs(emu, 'notifications', { recipientUserId: v.userId, kind: 'certificate.issued' })).toHaveLength(1);
});

test('a period certifies only the records in it, and is a certificate of its own', async () => {
  const w = await issuingWorld(emu, 'cert-period');
  const v = await w.make('陈志强');
  await confirmedRecords(emu, w, v, ['2026-09-05', '2026-10-03', '2026-10-24']);
  const whole = await v.as.call('certificate', 'request', { orgId: w.orgId, scope: all });
  const october = await v.as.call('certificate', 'request', { orgId: w.orgId, scope: { kind: 'period', from: '2026-10-01', to: '2026-10-31' } });
  if (!whole.ok || !october.ok) throw new Error('expected both issued');
  expect(october.data.certificate.certificateId).not.toBe(whole.data.certificate.certificateId);
  expect(october.data.certificate.totalMinutes).toBe(240);
  expect(october.data.certificate.period).toEqual({ from: '2026-10-01', to: '2026-10-31' });
  expect(whole.data.certificate.totalMinutes).toBe(360);
});

test('refusals: a bad or future period, nothing confirmed, another organization, an unregistered caller', async () => {
  const w = await issuingWorld(emu, 'cert-refuse');
  const v = await w.make('黄思琪');
  await confirmedRecords(emu, w, v, ['2026-09-05']);
  await confirmedRecords(emu, w, v, ['2026-10-10'], 60, { status: 'pending' });
  const ask = (scope: object, orgId = w.orgId) => v.as.call('certificate', 'request', { orgId, scope } as never);

  expect(await ask({ kind: 'period', from: '2026-10-31', to: '2026-10-01' })).toEqual({ ok: false, error: { code: 'PERIOD_INVALID', message: '开始日期不能晚于结束日期', field: 'scope' } });
  expect(await ask({ kind: 'period', from: '2026-10-01', to: '2999-01-01' })).toEqual({ ok: false, error: { code: 'PERIOD_INVALID', message: '结束日期不能晚于今天', field: 'scope' } });
  expect(await ask({ kind: 'period', from: '2026-02-30', to: '2026-03-01' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  expect(await ask({ kind: 'some' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  // Only a pending record in October: nothing to certify.
  expect(await ask({ kind: 'period', from: '2026-10-01', to: '2026-10-31' })).toEqual({ ok: false, error: { code: 'NO_CONFIRMED_RECORDS', message: '所选范围内没有该组织确认的服务记录，暂不能开具证明' } });
  const elsewhere = await issuingWorld(emu, 'cert-refuse-b');
  expect(await ask(all, elsewhere.orgId)).toMatchObject({ ok: false, error: { code: 'NO_CONFIRMED_RECORDS' } });
  expect(await ask(all, 'org_nowhere')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'orgId' } });
  const stranger = await w.make('路人');
  await db().collection('volunteers').doc(stranger.volunteerId).update({ data: { status: 'deleted' } });
  expect(await stranger.as.call('certificate', 'request', { orgId: w.orgId, scope: all })).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
  expect(await stranger.as.call('certificate', 'issuable', {})).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
  expect(await docs(emu, 'certificates', { volunteerId: v.volunteerId })).toEqual([]);
});

test('nobody can issue for a 草根 team without a unit or a dissolved organization without successor; a unit and a successor can', async () => {
  const unit = await issuingWorld(emu, 'cert-unit');
  const team = await issuingWorld(emu, 'cert-team');
  const gone = await issuingWorld(emu, 'cert-gone');
  const v = await unit.make('郑浩然');
  await confirmedRecords(emu, team, v, ['2026-09-05']);
  await confirmedRecords(emu, gone, v, ['2026-09-12']);
  await db().collection('organizations').doc(team.orgId).update({ data: { kind: 'grassroots' } });
  await db().collection('organizations').doc(gone.orgId).update({ data: { status: 'dissolved' } });

  const list = await v.as.call('certificate', 'issuable', {});
  if (!list.ok) throw new Error('issuable');
  const issuerOf = (orgId: string) => list.data.organizations.find((o) => o.orgId === orgId)!.issuer;
  expect(issuerOf(team.orgId)).toEqual({ canIssue: false, reason: 'grassroots_without_unit', message: '该团队没有挂靠具有法人资格的单位，暂时无人能为这些记录开具证明' });
  expect(issuerOf(gone.orgId)).toEqual({ canIssue: false, reason: 'dissolved_without_successor', message: '该组织已解散且没有指定承接单位，暂时无人能为这些记录开具证明' });
  expect(await v.as.call('certificate', 'request', { orgId: team.orgId, scope: all })).toEqual({ ok: false, error: { code: 'ISSUER_UNAVAILABLE', message: '该团队没有挂靠具有法人资格的单位，暂时无人能为这些记录开具证明' } });

  await db().collection('organizations').doc(team.orgId).update({ data: { parentId: unit.orgId } });
  await db().collection('organizations').doc(gone.orgId).update({ data: { successorId: unit.orgId } });
  const viaUnit = await v.as.call('certificate', 'request', { orgId: team.orgId, scope: all });
  const viaSuccessor = await v.as.call('certificate', 'request', { orgId: gone.orgId, scope: all });
  expect(viaUnit).toMatchObject({ ok: true, data: { certificate: { status: 'issued', issuerOrgId: unit.orgId, issuerName: unit.orgName, recordsOrgId: team.orgId, recordsOrgName: team.orgName } } });
  expect(viaSuccessor).toMatchObject({ ok: true, data: { certificate: { status: 'issued', issuerOrgId: unit.orgId, recordsOrgId: gone.orgId, recordsOrgName: gone.orgName } } });
  const doc = (await docs<CertificateDoc>(emu, 'certificates', { volunteerId: v.volunteerId })).find((c) => c.recordsOrgId === gone.orgId);
  expect(doc!.snapshot!.issuer.onBehalfOf).toEqual({ orgId: gone.orgId, name: gone.orgName, relation: 'successor' });
});

test('an issuer without settings: refused, its admins told once however often volunteers ask', async () => {
  const w = await issuingWorld(emu, 'cert-nosettings');
  await db().collection('organizations').doc(w.orgId).update({ data: { certificateSettings: db().command.remove() } });
  const [a, b] = [await w.make('甲'), await w.make('乙')];
  for (const v of [a, b]) await confirmedRecords(emu, w, v, ['2026-09-05']);
  const listed = await a.as.call('certificate', 'issuable', {});
  expect(listed).toMatchObject({ ok: true, data: { organizations: [{ issuer: { canIssue: true, settingsReady: false } }] } });
  for (const v of [a, b, a]) {
    expect(await v.as.call('certificate', 'request', { orgId: w.orgId, scope: all })).toEqual({
      ok: false,
      error: { code: 'CERTIFICATE_SETTINGS_MISSING', message: `「${w.orgName}」还没有设置证明的负责人、经办人和印章，已通知其管理员，设置后即可申请` },
    });
  }
  const told = await docs<NotificationDoc>(emu, 'notifications', { recipientUserId: w.admin.userId, kind: 'certificate.settingsNeeded' });
  expect(told).toHaveLength(1);
  for (const v of [a, b]) expect(await docs(emu, 'certificates', { volunteerId: v.volunteerId })).toEqual([]);
});

test('an organization that reviews first: reviewing, no number, its admins told; asking again is the same request', async () => {
  const w = await issuingWorld(emu, 'cert-review', { issuePolicy: 'review' });
  const v = await w.make('王秀英');
  await confirmedRecords(emu, w, v, ['2026-09-05']);
  const res = await v.as.call('certificate', 'request', { orgId: w.orgId, scope: all });
  if (!res.ok) throw new Error(`request: ${res.error.code}`);
  expect(res.data.certificate).toMatchObject({ status: 'reviewing', issuerName: w.orgName, recordsOrgName: w.orgName });
  expect(res.data.certificate.number).toBeUndefined();
  const told = await docs<NotificationDoc>(emu, 'notifications', { recipientUserId: w.admin.userId, kind: 'certificate.requested' });
  expect(told).toHaveLength(1);
  expect(told[0]!.body).toBe('王** 申请开具志愿服务记录证明，请在组织主页审核。');
  expect(told[0]!.aboutUserId).toBe(v.userId);
  expect(await v.as.call('certificate', 'request', { orgId: w.orgId, scope: all })).toEqual(res);
  expect(await docs(emu, 'notifications', { kind: 'certificate.issued', recipientUserId: v.userId })).toEqual([]);
});

test('a rejected or revoked certificate frees the request: asking again makes a new one', async () => {
  const w = await issuingWorld(emu, 'cert-again');
  const v = await w.make('李明轩');
  await confirmedRecords(emu, w, v, ['2026-09-05']);
  const first = await v.as.call('certificate', 'request', { orgId: w.orgId, scope: all });
  if (!first.ok) throw new Error('request');
  // Revoked as the organization's side does it: status and reason on the certificate, the key cleared.
  const id = first.data.certificate.certificateId;
  await db().collection('certificates').doc(id).update({ data: { status: 'revoked', revoked: { reason: '记录有误', by: w.admin.userId, at: new Date() } } });
  const second = await v.as.call('certificate', 'request', { orgId: w.orgId, scope: all });
  if (!second.ok) throw new Error('request again');
  expect(second.data.certificate.certificateId).not.toBe(id);
  expect(second.data.certificate.number).not.toBe(first.data.certificate.number);
  const mine = await v.as.call('certificate', 'mine', {});
  expect(mine).toMatchObject({ ok: true, data: { certificates: [{ certificateId: second.data.certificate.certificateId, status: 'issued' }, { certificateId: id, status: 'revoked', revoked: { reason: '记录有误' } }] } });
  const listed = await v.as.call('certificate', 'issuable', {});
  expect(listed).toMatchObject({ ok: true, data: { organizations: [{ live: { certificateId: second.data.certificate.certificateId } }] } });
});

test('a retried request (same request id) and twelve requests at once: one certificate, one number', async () => {
  const w = await issuingWorld(emu, 'cert-race');
  const v = await w.make('欧阳娜娜');
  await confirmedRecords(emu, w, v, ['2026-09-05', '2026-09-12']);
  await emu.runtime!.provision('certificate', 12);
  const answers = await Promise.all(
    Array.from({ length: 12 }, (_, i) => v.as.raw('certificate', { action: 'request', orgId: w.orgId, scope: all, ...(i < 3 ? { [REQUEST_ID_FIELD]: 'retry-cert-0001' } : {}) })),
  );
  const ids = new Set(answers.map((a) => (a.body.ok ? a.body.data.certificate.certificateId : a.body.error.code)));
  expect([...ids]).toHaveLength(1);
  expect([...ids][0]).toMatch(/^ct_/);
  const made = await docs<CertificateDoc>(emu, 'certificates', { volunteerId: v.volunteerId });
  expect(made).toHaveLength(1);
  expect(made[0]!.number).toBeDefined();
  expect(await docs(emu, 'notifications', { kind: 'certificate.issued', recipientUserId: v.userId })).toHaveLength(1);
});

test('mine: newest request first; a made-up cursor is refused', async () => {
  const w = await issuingWorld(emu, 'cert-mine');
  const v = await w.make('林晓梅');
  await confirmedRecords(emu, w, v, ['2026-01-05', '2026-02-05', '2026-03-05']);
  const months = ['01', '02', '03'];
  for (const m of months) {
    const res = await v.as.call('certificate', 'request', { orgId: w.orgId, scope: { kind: 'period', from: `2026-${m}-01`, to: `2026-${m}-28` } });
    expect(res.ok).toBe(true);
  }
  const mine = await v.as.call('certificate', 'mine', {});
  if (!mine.ok) throw new Error('mine');
  expect(mine.data.certificates.map((c) => c.period?.from)).toEqual(['2026-03-01', '2026-02-01', '2026-01-01']);
  expect(mine.data.next).toBeUndefined();
  expect(await v.as.call('certificate', 'mine', { cursor: 'bm90LWEtY3Vyc29y' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', field: 'cursor' } });
});

test('no fee, price or payment anywhere in what a volunteer is answered or told', async () => {
  const w = await issuingWorld(emu, 'cert-free', { issuePolicy: 'review' });
  const v = await w.make('免费');
  await confirmedRecords(emu, w, v, ['2026-09-05']);
  const answers = [await v.as.call('certificate', 'issuable', {}), await v.as.call('certificate', 'request', { orgId: w.orgId, scope: all }), await v.as.call('certificate', 'mine', {})];
  const told = await docs(emu, 'notifications', { recipientUserId: w.admin.userId, kind: 'certificate.requested' });
  const text = wordsOf([answers, told]);
  expect(text).not.toMatch(/费|价|付款|支付|收款|¥|￥|元\b|fee|price|pay/i);
});

test('my certificates are in my export; deleting my account keeps the issued one in the register and removes a waiting request', async () => {
  const now = await issuingWorld(emu, 'cert-delete-now');
  const later = await issuingWorld(emu, 'cert-delete-review', { issuePolicy: 'review' });
  const v = await now.make('注销者');
  await confirmedRecords(emu, now, v, ['2026-09-05']);
  await confirmedRecords(emu, later, v, ['2026-09-06']);
  const issued = await v.as.call('certificate', 'request', { orgId: now.orgId, scope: all });
  const waiting = await v.as.call('certificate', 'request', { orgId: later.orgId, scope: all });
  if (!issued.ok || !waiting.ok) throw new Error('requests');

  const exported = await v.as.call('volunteer', 'exportMine', {});
  if (!exported.ok) throw new Error(exported.error.code);
  const file = (await (await fetch(exported.data.url)).json()) as { other: { certificates: Array<{ _id: string }> } };
  expect(file.other.certificates.map((c) => c._id).sort()).toEqual([issued.data.certificate.certificateId, waiting.data.certificate.certificateId].sort());

  expect(await v.as.call('volunteer', 'deleteAccount', { confirm: '注销' })).toMatchObject({ ok: true });
  const left = await docs<CertificateDoc>(emu, 'certificates', { volunteerId: v.volunteerId });
  expect(left.map((c) => [c._id, c.status])).toEqual([[issued.data.certificate.certificateId, 'issued']]);
});
