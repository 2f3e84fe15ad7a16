// The organization's side of certificates through the built certificate function and the stock SDK: settings and
// their refusals (each names its field), the seal image, the review queue and decisions (two admins at once → one
// outcome), the register and revocation (the snapshot and signature untouched, twice is one effect), and no fee.
import type { Emulator } from '../../emulator/src/server';
import { caller, startTestEmulator, wordsOf } from '../../emulator/test/support';
import { signingKeyRingFromEnv, verifySnapshot } from '../_shared/credentials/signing';
import { getOrNull } from '../_shared/db/db';
import type { CertificateDoc, CertificateKeyDoc } from '../_shared/documents/certificate';
import type { NotificationDoc } from '../_shared/documents/notification';
import { validateCertificateNo } from '../_shared/rules/certificate-number';
import { rateLimitOf } from '../_shared/security/rate-limit';
import { addRecords, db, recordOf } from '../hours/test-support';
import { functionEnv, registerVolunteer, TINY_JPEG, verifiedOrganization } from '../organization/test-support';
import { issuerWorld, pngOf, reviewingRequest, secondAdmin, type IssuerWorld } from './org-test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

const certificate = (id: string) => getOrNull<CertificateDoc>(db(emu), 'certificates', id);
const keyOf = (c: CertificateDoc) => getOrNull<CertificateKeyDoc>(db(emu), 'certificateKeys', c.keyId);
async function inboxOf(userId: string): Promise<NotificationDoc[]> {
  return ((await db(emu).collection('notifications').where({ recipientUserId: userId }).limit(100).get()) as unknown as { data: NotificationDoc[] }).data;
}

function settingsOf(w: IssuerWorld, over: Record<string, unknown> = {}) {
  return { orgId: w.orgId, personInCharge: '王建国', handler: '陈静', contact: '陈静 0591-87654321', seal: { kind: 'text' as const, text: w.orgName }, issuePolicy: 'review' as const, ...over };
}

async function approve(w: IssuerWorld): Promise<CertificateDoc> {
  const id = await reviewingRequest(emu, w);
  const res = await w.admin.as.call('certificate', 'review', { certificateId: id, decision: 'approve' });
  if (!res.ok) throw new Error(`review: ${res.error.code} ${res.error.message}`);
  return (await certificate(id))!;
}

describe('settings', () => {
  test('before saving: none, with a text seal of the organization’s name suggested; after: what was saved', async () => {
    const admin = await registerVolunteer(emu, 'openid-settings-fresh', '周文');
    const orgId = await verifiedOrganization(emu, admin);
    const before = await admin.as.call('certificate', 'settings', { orgId });
    if (!before.ok) throw new Error(before.error.code);
    expect(before.data).toMatchObject({ orgId, settings: null, issuesItself: true, suggested: { seal: { kind: 'text', text: before.data.orgName }, issuePolicy: 'immediate', personInCharge: '李四' } });
    const saved = await admin.as.call('certificate', 'saveSettings', { orgId, personInCharge: ' 李四 ', handler: '阿依古丽·买买提', contact: '王五 13900001111', seal: { kind: 'text', text: before.data.orgName }, issuePolicy: 'immediate' });
    expect(saved).toMatchObject({ ok: true, data: { settings: { personInCharge: '李四', handler: '阿依古丽·买买提', contact: '王五 13900001111', seal: { kind: 'text', text: before.data.orgName }, issuePolicy: 'immediate' } } });
    expect(await admin.as.call('certificate', 'settings', { orgId })).toEqual(saved);
  });

  test('every refusal names the field in Chinese', async () => {
    const w = await issuerWorld(emu);
    const save = (over: Record<string, unknown>) => w.admin.as.call('certificate', 'saveSettings', settingsOf(w, over) as never);
    expect(await save({ handler: '陈2' })).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_FIELD_INVALID', field: 'handler', message: expect.stringContaining('经办人') } });
    expect(await save({ personInCharge: '王' })).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_FIELD_INVALID', field: 'personInCharge', message: expect.stringContaining('负责人') } });
    expect(await save({ personInCharge: '王'.repeat(21) })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', field: 'personInCharge', message: '负责人太长，最多 20 个字' } });
    expect(await save({ contact: '陈静 请在工作日联系' })).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_FIELD_INVALID', field: 'contact', message: expect.stringContaining('电话') } });
    expect(await save({ contact: '陈静\n13900001111' })).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_FIELD_INVALID', field: 'contact', message: expect.stringContaining('联系方式') } });
    expect(await save({ contact: '' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', field: 'contact', message: '请填写联系方式' } });
    expect(await save({ seal: { kind: 'text', text: '别的单位' } })).toMatchObject({ ok: false, error: { code: 'SEAL_INVALID', field: 'seal.text', message: expect.stringContaining(w.orgName) } });
    expect(await save({ issuePolicy: 'later' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', field: 'issuePolicy', message: '出具方式填写不正确' } });
    // Nothing refused was stored.
    expect((await w.admin.as.call('certificate', 'settings', { orgId: w.orgId })).ok && (await w.admin.as.call('certificate', 'settings', { orgId: w.orgId }))).toMatchObject({ data: { settings: { handler: '陈静' } } });
  });

  test('only the organization’s admins; a 草根 team is told who issues for it, or that it cannot', async () => {
    const w = await issuerWorld(emu);
    expect(await w.volunteer.as.call('certificate', 'settings', { orgId: w.orgId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await w.volunteer.as.call('certificate', 'saveSettings', settingsOf(w))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const lead = await registerVolunteer(emu, 'openid-settings-team', '吴芳');
    const teamId = await verifiedOrganization(emu, lead, { kind: 'grassroots', uscc: undefined, parentId: w.orgId } as never);
    const team = await lead.as.call('certificate', 'settings', { orgId: teamId });
    expect(team).toMatchObject({ ok: true, data: { issuesItself: false, issuedBy: { orgId: w.orgId, name: w.orgName }, settings: null } });
    const teamName = team.ok ? team.data.orgName : '';
    expect(await lead.as.call('certificate', 'saveSettings', { ...settingsOf(w), orgId: teamId, seal: { kind: 'text', text: teamName } })).toMatchObject({
      ok: false,
      error: { code: 'CANNOT_ISSUE', message: expect.stringContaining(w.orgName) },
    });
    const alone = await registerVolunteer(emu, 'openid-settings-alone', '郑洁');
    const aloneId = await verifiedOrganization(emu, alone, { kind: 'grassroots', uscc: undefined } as never);
    expect(await alone.as.call('certificate', 'uploadSeal', { orgId: aloneId, base64: pngOf(200).toString('base64') })).toMatchObject({ ok: false, error: { code: 'CANNOT_ISSUE', message: expect.stringContaining('挂靠') } });
  });

  test('no fee, price or payment anywhere: the settings hold none and a fee field is refused (RULES §5)', async () => {
    const w = await issuerWorld(emu);
    const read = await w.admin.as.call('certificate', 'settings', { orgId: w.orgId });
    expect(wordsOf(read)).not.toMatch(/fee|price|pay|amount|费用|收费|价格|支付|元/i);
    expect(await w.admin.as.call('certificate', 'saveSettings', { ...settingsOf(w), fee: 10 } as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});

describe('seal image', () => {
  test('a transparent PNG is stored privately under the organization, and saveSettings takes it', async () => {
    const w = await issuerWorld(emu);
    const up = await w.admin.as.call('certificate', 'uploadSeal', { orgId: w.orgId, base64: pngOf(240).toString('base64') });
    if (!up.ok) throw new Error(up.error.message);
    expect(up.data.fileId).toMatch(new RegExp(`^cloud://[^/]+/certificate-seals/${w.orgId}/[0-9a-f]{20}\\.png$`));
    expect(up.data.url).toMatch(/^https?:\/\//);
    const saved = await w.admin.as.call('certificate', 'saveSettings', settingsOf(w, { seal: { kind: 'image', fileId: up.data.fileId } }));
    expect(saved).toMatchObject({ ok: true, data: { settings: { seal: { kind: 'image', fileId: up.data.fileId, url: expect.stringMatching(/^https?:\/\//) } } } });
    // Grey + alpha is transparent too.
    expect(await w.admin.as.call('certificate', 'uploadSeal', { orgId: w.orgId, base64: pngOf(120, 4).toString('base64') })).toMatchObject({ ok: true });
  });

  test('refused: no alpha channel, a JPEG, too large, too small, not base64 — each names the image', async () => {
    const w = await issuerWorld(emu);
    const up = (base64: string) => w.admin.as.call('certificate', 'uploadSeal', { orgId: w.orgId, base64 });
    expect(await up(pngOf(200, 2).toString('base64'))).toMatchObject({ ok: false, error: { code: 'SEAL_INVALID', field: 'base64', message: expect.stringContaining('透明') } });
    expect(await up(TINY_JPEG)).toMatchObject({ ok: false, error: { code: 'SEAL_INVALID', message: expect.stringContaining('PNG') } });
    expect(await up(pngOf(60).toString('base64'))).toMatchObject({ ok: false, error: { code: 'SEAL_INVALID', message: expect.stringContaining('像素') } });
    // Just past 70 KB decoded, still inside the request's text limit.
    const png = pngOf(200);
    const big = Buffer.concat([png, Buffer.alloc(70 * 1024 + 100 - png.length, 7)]).toString('base64');
    expect(await up(big)).toMatchObject({ ok: false, error: { code: 'SEAL_INVALID', message: expect.stringContaining('70 KB') } });
    expect(await up('not-base64!')).toMatchObject({ ok: false, error: { code: 'SEAL_INVALID', message: expect.stringContaining('PNG') } });
    expect(await w.volunteer.as.call('certificate', 'uploadSeal', { orgId: w.orgId, base64: pngOf(200).toString('base64') })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('uploads are limited per admin (each one is a file in storage)', () => {
    expect(rateLimitOf('certificate', 'uploadSeal')).toEqual({ bucket: 'certificateSeal', limit: 20, windowSeconds: 86_400 });
  });

  test('saveSettings takes only an image uploaded for this organization', async () => {
    const a = await issuerWorld(emu);
    const b = await issuerWorld(emu);
    const theirs = await b.admin.as.call('certificate', 'uploadSeal', { orgId: b.orgId, base64: pngOf(200).toString('base64') });
    if (!theirs.ok) throw new Error(theirs.error.message);
    const forged = theirs.data.fileId.replace(`/${b.orgId}/`, `/${a.orgId}/`);
    for (const fileId of [theirs.data.fileId, forged, 'cloud://env.bucket/project-covers/x/0123456789abcdef0123.png']) {
      expect(await a.admin.as.call('certificate', 'saveSettings', settingsOf(a, { seal: { kind: 'image', fileId } }))).toMatchObject({
        ok: false,
        error: { code: 'SEAL_INVALID', field: 'seal.fileId', message: expect.stringContaining('重新上传') },
      });
    }
  });
});

describe('review', () => {
  test('the queue: oldest first with the volunteer’s name, hours and period; keyset paged; admins only', async () => {
    const w = await issuerWorld(emu);
    const ids: string[] = [];
    for (let i = 0; i < 21; i++) {
      ids.push(await reviewingRequest(emu, w, { scope: i === 0 ? { kind: 'all' } : { kind: 'period', from: `2026-10-${String(i).padStart(2, '0')}`, to: '2026-11-05' }, requestedAt: new Date(Date.UTC(2026, 10, 20, 0, i)) }));
    }
    const first = await w.admin.as.call('certificate', 'reviewQueue', { orgId: w.orgId });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.data.items.map((i) => i.certificateId)).toEqual(ids.slice(0, 20));
    expect(first.data.items[0]).toMatchObject({ volunteerName: '林晓梅', volunteerNo: w.volunteer.volunteerNo, totalMinutes: 240, recordCount: 2, period: { from: '2026-11-01', to: '2026-11-08' }, scope: { kind: 'all' } });
    expect(first.data.items[1]).toMatchObject({ totalMinutes: 150, recordCount: 1, period: { from: '2026-10-01', to: '2026-11-05' } });
    const second = await w.admin.as.call('certificate', 'reviewQueue', { orgId: w.orgId, cursor: first.data.next! });
    expect(second).toEqual({ ok: true, data: { items: [expect.objectContaining({ certificateId: ids[20] })] } });
    expect(await w.admin.as.call('certificate', 'reviewQueue', { orgId: w.orgId, cursor: 'bm90LWEtY3Vyc29y' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', field: 'cursor' } });
    expect(await w.volunteer.as.call('certificate', 'reviewQueue', { orgId: w.orgId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('approve: numbered, signed, the admin as issuedBy, only confirmed records; it leaves the queue', async () => {
    const w = await issuerWorld(emu);
    const issued = await approve(w);
    expect(issued).toMatchObject({ status: 'issued', issuedBy: w.admin.userId, totalMinutes: 240, handler: '陈静' });
    expect(validateCertificateNo(issued.number!).ok).toBe(true);
    expect(issued.snapshot!.records.map((r) => r.minutes)).toEqual([150, 90]);
    expect(issued.snapshot!.volunteer).toMatchObject({ name: '林晓梅', credentialNoMasked: expect.stringMatching(/^1\*{16}X$/) });
    expect(verifySnapshot(signingKeyRingFromEnv(emu.functionEnv), issued.snapshot, issued.signature!)).toBe(true);
    expect((await keyOf(issued))?.current).toBe(issued._id);
    const queue = await w.admin.as.call('certificate', 'reviewQueue', { orgId: w.orgId });
    expect(queue.ok && queue.data.items.map((i) => i.certificateId)).not.toContain(issued._id);
  });

  test('reject: a reason is required; the volunteer is told and may ask again (the key is released)', async () => {
    const w = await issuerWorld(emu);
    const id = await reviewingRequest(emu, w);
    expect(await w.admin.as.call('certificate', 'review', { certificateId: id, decision: 'reject' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', field: 'reason', message: '请填写原因' } });
    expect(await w.admin.as.call('certificate', 'review', { certificateId: id, decision: 'reject', reason: '时长需先核对' })).toEqual({ ok: true, data: { certificateId: id, status: 'rejected' } });
    const c = (await certificate(id))!;
    expect(c).toMatchObject({ status: 'rejected', rejected: { reason: '时长需先核对', by: w.admin.userId } });
    expect(c.number).toBeUndefined();
    expect((await keyOf(c))?.current).toBeNull();
    const told = (await inboxOf(w.volunteer.userId)).filter((n) => n.kind === 'certificate.rejected');
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain('时长需先核对');
    // The same decision again is the same outcome; the other is refused.
    expect(await w.admin.as.call('certificate', 'review', { certificateId: id, decision: 'reject', reason: '再次' })).toEqual({ ok: true, data: { certificateId: id, status: 'rejected' } });
    expect(await w.admin.as.call('certificate', 'review', { certificateId: id, decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_DECIDED' } });
    expect((await inboxOf(w.volunteer.userId)).filter((n) => n.kind === 'certificate.rejected')).toHaveLength(1);
  });

  test('two admins deciding one request at once: one outcome, at most one number', async () => {
    const w = await issuerWorld(emu);
    const other = await secondAdmin(emu, w);
    for (let round = 0; round < 3; round++) {
      const id = await reviewingRequest(emu, w, { scope: { kind: 'period', from: `2026-0${round + 1}-01`, to: '2026-11-30' } });
      const [a, b] = await Promise.all([
        w.admin.as.call('certificate', 'review', { certificateId: id, decision: 'approve' }),
        other.as.call('certificate', 'review', { certificateId: id, decision: 'reject', reason: '记录有误' }),
      ]);
      const won = [a, b].filter((r) => r.ok);
      expect(won).toHaveLength(1);
      expect([a, b].filter((r) => !r.ok)).toEqual([expect.objectContaining({ error: expect.objectContaining({ code: 'CERTIFICATE_DECIDED' }) })]);
      const c = (await certificate(id))!;
      expect(c.status).toBe(won[0]!.ok ? won[0]!.data.status : 'none');
      expect(c.status === 'issued' ? c.rejected : c.number).toBeUndefined();
    }
    const id = await reviewingRequest(emu, w, { scope: { kind: 'period', from: '2026-06-01', to: '2026-11-30' } });
    const both = await Promise.all([w.admin, other].map((x) => x.as.call('certificate', 'review', { certificateId: id, decision: 'approve' })));
    expect(both.every((r) => r.ok)).toBe(true);
    expect(new Set(both.map((r) => (r.ok ? r.data.number : '')))).toEqual(new Set([(await certificate(id))!.number]));
  });

  test('nothing left to certify, or no settings: refused, nothing numbered', async () => {
    const w = await issuerWorld(emu);
    const id = await reviewingRequest(emu, w, { scope: { kind: 'period', from: '2025-01-01', to: '2025-12-31' } });
    expect(await w.admin.as.call('certificate', 'review', { certificateId: id, decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'NO_CONFIRMED_RECORDS' } });
    expect((await certificate(id))!).toMatchObject({ status: 'reviewing' });
    const admin = await registerVolunteer(emu, 'openid-review-nosettings', '孙立');
    const orgId = await verifiedOrganization(emu, admin);
    const member = await registerVolunteer(emu, 'openid-review-nosettings-vol', '冯雪');
    await addRecords(emu, [recordOf(member, orgId, { status: 'confirmed' }, 120, '2026-11-02')]);
    const bare = await reviewingRequest(emu, { orgId, volunteer: member });
    expect(await admin.as.call('certificate', 'review', { certificateId: bare, decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_SETTINGS_MISSING', message: expect.stringContaining('证明设置') } });
    expect((await certificate(bare))!).toMatchObject({ status: 'reviewing' });
    expect((await certificate(bare))!.number).toBeUndefined();
  });
});

describe('register and revocation', () => {
  test('newest first, filtered by status; revoke keeps the snapshot and signature, releases the key, tells the volunteer, once', async () => {
    const w = await issuerWorld(emu);
    const older = await approve(w);
    const newer = await (async () => {
      const id = await reviewingRequest(emu, w, { scope: { kind: 'period', from: '2026-11-01', to: '2026-11-05' } });
      await w.admin.as.call('certificate', 'review', { certificateId: id, decision: 'approve' });
      return (await certificate(id))!;
    })();
    const all = await w.admin.as.call('certificate', 'register', { orgId: w.orgId });
    if (!all.ok) throw new Error(all.error.message);
    expect(all.data.entries.map((e) => e.number)).toEqual([newer.number, older.number]);
    expect(all.data.entries[1]).toEqual({
      certificateId: older._id,
      number: older.number,
      volunteerName: '林晓梅',
      volunteerNo: w.volunteer.volunteerNo,
      credentialType: 'CN_ID',
      issueDate: older.snapshot!.issueDate,
      totalMinutes: 240,
      handler: '陈静',
      status: 'issued',
    });

    expect(await w.admin.as.call('certificate', 'revoke', { certificateId: older._id, reason: '' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', field: 'reason' } });
    const revoked = await w.admin.as.call('certificate', 'revoke', { certificateId: older._id, reason: '记录更正后重新出具' });
    expect(revoked).toMatchObject({ ok: true, data: { certificateId: older._id, number: older.number, status: 'revoked' } });
    const again = await w.admin.as.call('certificate', 'revoke', { certificateId: older._id, reason: '另一个原因' });
    expect(again).toEqual(revoked);
    const after = (await certificate(older._id))!;
    expect(after).toMatchObject({ status: 'revoked', revoked: { reason: '记录更正后重新出具', by: w.admin.userId } });
    expect(after.snapshot).toEqual(older.snapshot);
    expect(after.signature).toEqual(older.signature);
    expect(verifySnapshot(signingKeyRingFromEnv(emu.functionEnv), after.snapshot, after.signature!)).toBe(true);
    expect((await keyOf(after))?.current).toBeNull();
    const told = (await inboxOf(w.volunteer.userId)).filter((n) => n.kind === 'certificate.revoked');
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain(older.number!);

    const onlyRevoked = await w.admin.as.call('certificate', 'register', { orgId: w.orgId, status: 'revoked' });
    expect(onlyRevoked).toMatchObject({ ok: true, data: { entries: [{ number: older.number, status: 'revoked', revoked: { reason: '记录更正后重新出具' } }] } });
    const onlyIssued = await w.admin.as.call('certificate', 'register', { orgId: w.orgId, status: 'issued' });
    expect(onlyIssued.ok && onlyIssued.data.entries.map((e) => e.number)).toEqual([newer.number]);
    expect(wordsOf(all)).not.toMatch(/fee|price|pay|费用|收费|价格|支付/i);
  });

  test('a request not issued cannot be revoked; only the issuer’s admins revoke or read the register', async () => {
    const w = await issuerWorld(emu);
    const id = await reviewingRequest(emu, w);
    expect(await w.admin.as.call('certificate', 'revoke', { certificateId: id, reason: '错误' })).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_NOT_ISSUED' } });
    const issued = await approve({ ...w, volunteer: await registeredMember(w) });
    const stranger = await registerVolunteer(emu, 'openid-register-stranger', '钱多');
    expect(await stranger.as.call('certificate', 'revoke', { certificateId: issued._id, reason: '错误' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await stranger.as.call('certificate', 'register', { orgId: w.orgId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await caller(emu, 'openid-nobody').call('certificate', 'revoke', { certificateId: 'ct_missing', reason: '错误' })).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_NOT_FOUND' } });
  });
});

/** Another volunteer with confirmed records at the organization. */
async function registeredMember(w: IssuerWorld) {
  const v = await registerVolunteer(emu, `openid-member-${Date.now().toString(36)}`, '冯雪');
  await addRecords(emu, [recordOf(v, w.orgId, { status: 'confirmed' }, 120, '2026-11-02')]);
  return v;
}
