// Bulk issue at the end of a project, through the built function and the stock SDK, with a budget of 0 ms so each
// call handles exactly one volunteer (ZY_CERTIFICATE_BULK_BUDGET_MS): a project with more volunteers than one call
// handles completes across calls, two calls at once and a repeated first request included, each volunteer issued
// once; those with a live certificate of the period or nothing confirmed are skipped with the reason; only the
// issuing organization's admins (a 草根 team's unit, not the team) may start, continue or read it.
import type { Emulator } from '../../emulator/src/server';
import { caller, serverSdk, startTestEmulator } from '../../emulator/test/support';
import { REQUEST_ID_FIELD } from '../../miniprogram/domain/actions';
import type { BulkIssueView } from '../../typings/certificate-vol';
import type { CertificateDoc } from '../_shared/documents/certificate';
import type { NotificationDoc } from '../_shared/documents/notification';
import { docs, functionEnv, type Volunteer } from '../organization/test-support';
import { projectPeriod } from './bulk';
import { confirmedRecords, issuingWorld, type IssuingWorld } from './test-support';

jest.setTimeout(240_000);

let emu: Emulator;
let w: IssuingWorld;
let volunteers: Volunteer[];
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv: { ...functionEnv, ZY_CERTIFICATE_BULK_BUDGET_MS: '0' } });
  w = await issuingWorld(emu, 'bulk-cert');
  // The project ran in October 2026 (shifts written as the project function keeps its first and last).
  await serverSdk(emu).database().collection('projects').doc(w.project._id).update({ data: { startsAt: new Date('2026-10-02T01:00:00Z'), endsAt: new Date('2026-10-30T09:00:00Z') } });
  volunteers = [];
  for (let i = 0; i < 7; i++) {
    const v = await w.make(`志愿者${i + 1}`);
    await confirmedRecords(emu, w, v, ['2026-10-03', '2026-10-17']);
    volunteers.push(v);
  }
  // A record of another project in the period is certified too (the scope is the period), one outside is not.
  await confirmedRecords(emu, w, volunteers[0]!, ['2026-10-20'], 60, { projectId: 'proj_other' });
  await confirmedRecords(emu, w, volunteers[0]!, ['2026-11-20'], 60);
  await emu.runtime!.provision('certificate', 3);
});
afterAll(async () => emu.stop());

const issuedTo = async (batchId: string) => docs<CertificateDoc>(emu, 'certificates', { batchId });

test('the project period is its first and last day in Shanghai', () => {
  expect(projectPeriod({ startsAt: new Date('2026-10-01T16:30:00Z'), endsAt: new Date('2026-10-30T15:59:00Z') })).toEqual({ kind: 'period', from: '2026-10-02', to: '2026-10-30' });
});

test('more volunteers than a call handles: finished across calls, overlapping ones too, each volunteer issued once', async () => {
  // One volunteer asked for the same period first: skipped, their certificate stands.
  const early = await volunteers[1]!.as.call('certificate', 'request', { orgId: w.orgId, scope: { kind: 'period', from: '2026-10-02', to: '2026-10-30' } });
  if (!early.ok) throw new Error(`request: ${early.error.code}`);

  // The first request sent twice with one request id: one batch.
  const first = { action: 'bulkIssue', projectId: w.project._id, [REQUEST_ID_FIELD]: 'bulk-cert-0001' };
  const twice = await Promise.all([w.admin.as.raw('certificate', first), w.admin.as.raw('certificate', first)]);
  const answered = twice.map((r) => r.body as { ok: true; data: BulkIssueView } | { ok: false; error: { code: string } });
  const started = answered.find((r): r is { ok: true; data: BulkIssueView } => r.ok)!;
  // The other answers the same batch, or that the first is still running (frame/idempotency.ts): never a second batch.
  for (const r of answered) expect(r.ok ? r.data.batchId : r.error.code).toMatch(new RegExp(`^(${started.data.batchId}|BUSY)$`));
  expect(await docs(emu, 'certificateBatches', { projectId: w.project._id })).toHaveLength(1);
  const batchId = started.data.batchId;
  expect(started.data.total).toBe(7);
  expect(started.data.done).toBeLessThan(7);

  let calls = 1;
  let view = started.data;
  while (!view.finished) {
    // Two runs at once: the batch's `done` decides who handles each volunteer.
    const runs = await Promise.all([0, 1].map(() => w.admin.as.call('certificate', 'continueBulkIssue', { batchId })));
    calls += 2;
    for (const r of runs) if (!r.ok) throw new Error(`continueBulkIssue: ${r.error.code}`);
    const progress = await w.admin.as.call('certificate', 'bulkProgress', { batchId });
    if (!progress.ok) throw new Error('bulkProgress');
    view = progress.data;
  }
  expect(calls).toBeGreaterThan(2);
  expect(view).toEqual({
    batchId,
    projectId: w.project._id,
    total: 7,
    done: 7,
    issued: 6,
    skipped: [{ volunteerId: volunteers[1]!.volunteerId, name: '志***', code: 'ALREADY_LIVE', reason: '已有同一时段的有效证明或正在审核的申请' }],
    finished: true,
  });
  const made = await issuedTo(batchId);
  expect(made).toHaveLength(6);
  expect(new Set(made.map((c) => c.volunteerId)).size).toBe(6);
  expect(new Set(made.map((c) => c.number)).size).toBe(6);
  expect(made.every((c) => c.status === 'issued' && c.issuedBy === w.admin.userId && c.scope.kind === 'period')).toBe(true);
  const ofFirst = made.find((c) => c.volunteerId === volunteers[0]!.volunteerId)!;
  expect(ofFirst.snapshot!.records.map((r) => r.date)).toEqual(['2026-10-03', '2026-10-17', '2026-10-20']);
  expect(ofFirst.snapshot!.period).toEqual({ from: '2026-10-02', to: '2026-10-30' });
  for (const v of volunteers) {
    const told = await docs<NotificationDoc>(emu, 'notifications', { recipientUserId: v.userId, kind: 'certificate.issued' });
    expect(told).toHaveLength(1);
  }
  // A finished batch stays finished: continuing issues nothing more.
  expect(await w.admin.as.call('certificate', 'continueBulkIssue', { batchId })).toMatchObject({ ok: true, data: { finished: true, issued: 6 } });
  expect(await issuedTo(batchId)).toHaveLength(6);

  // A second bulk issue of the same project skips everyone: each already holds a live certificate of the period.
  let again = await w.admin.as.call('certificate', 'bulkIssue', { projectId: w.project._id });
  while (again.ok && !again.data.finished) again = await w.admin.as.call('certificate', 'continueBulkIssue', { batchId: again.data.batchId });
  expect(again).toMatchObject({ ok: true, data: { total: 7, issued: 0, finished: true } });
  if (again.ok) expect(again.data.skipped.map((s) => s.code)).toEqual(Array(7).fill('ALREADY_LIVE'));
});

test('only the issuer\'s admins (a 草根 team\'s unit, not the team); unknown projects and batches; an issuer without settings', async () => {
  const member = volunteers[2]!;
  expect(await member.as.call('certificate', 'bulkIssue', { projectId: w.project._id })).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '只有为该项目开具证明的组织的管理员可以批量开具证明' } });
  expect(await w.admin.as.call('certificate', 'bulkIssue', { projectId: 'proj_nowhere' })).toMatchObject({ ok: false, error: { code: 'PROJECT_NOT_FOUND' } });
  expect(await w.admin.as.call('certificate', 'continueBulkIssue', { batchId: 'cb_nowhere' })).toEqual({ ok: false, error: { code: 'CERTIFICATE_BATCH_NOT_FOUND', message: '没有找到这次批量开具，请返回后重新开始', field: 'batchId' } });
  const started = await w.admin.as.call('certificate', 'bulkIssue', { projectId: w.project._id });
  if (!started.ok) throw new Error('bulkIssue');
  expect(await caller(emu, member.openid).call('certificate', 'bulkProgress', { batchId: started.data.batchId })).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_BATCH_NOT_FOUND' } });

  const bare = await issuingWorld(emu, 'bulk-cert-bare');
  await serverSdk(emu).database().collection('organizations').doc(bare.orgId).update({ data: { certificateSettings: serverSdk(emu).database().command.remove() } });
  await confirmedRecords(emu, bare, await bare.make('甲'), ['2026-10-03']);
  expect(await bare.admin.as.call('certificate', 'bulkIssue', { projectId: bare.project._id })).toEqual({
    ok: false,
    error: { code: 'CERTIFICATE_SETTINGS_MISSING', message: `「${bare.orgName}」还没有设置证明的负责人、经办人和印章，设置后才能开具证明` },
  });
  // A 草根 team's project: its unit issues, so the unit's admin may start it and the team's admin may not.
  const unit = await issuingWorld(emu, 'bulk-cert-unit');
  const team = await issuingWorld(emu, 'bulk-cert-team');
  await serverSdk(emu).database().collection('organizations').doc(team.orgId).update({ data: { kind: 'grassroots', parentId: unit.orgId } });
  await confirmedRecords(emu, team, await team.make('乙'), ['2026-10-03']);
  expect(await team.admin.as.call('certificate', 'bulkIssue', { projectId: team.project._id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const byUnit = await unit.admin.as.call('certificate', 'bulkIssue', { projectId: team.project._id });
  expect(byUnit).toMatchObject({ ok: true, data: { total: 1 } });
  if (byUnit.ok) expect(await team.admin.as.call('certificate', 'bulkProgress', { batchId: byUnit.data.batchId })).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_BATCH_NOT_FOUND' } });

  const empty = await issuingWorld(emu, 'bulk-cert-empty');
  expect(await empty.admin.as.call('certificate', 'bulkIssue', { projectId: empty.project._id })).toMatchObject({ ok: false, error: { code: 'NO_CONFIRMED_RECORDS' } });
});
