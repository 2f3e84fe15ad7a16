// certificate.download through the built function and the stock SDK: the PDF is made once from the register entry's
// snapshot, stored privately as certificates/<number>.pdf with its sha256, and answered as a temporary link to the
// volunteer it certifies or an admin of its issuer; a revoked one still downloads and says 已撤销; a WeChat failure
// leaves nothing behind; concurrent first downloads make one file; a recorded file that went missing is made again.
import { createHash } from 'node:crypto';
import type { Emulator } from '../../emulator/src/server';
import { serverSdk, startTestEmulator } from '../../emulator/test/support';
import { getOrNull } from '../_shared/db/db';
import type { CertificateDoc } from '../_shared/documents/certificate';
import { db } from '../hours/test-support';
import { functionEnv, registerVolunteer, verifiedOrganization, type Volunteer } from '../organization/test-support';
import { issuedCertificate, publishFonts, revoke } from './pdf-test-support';
import { extractPdf, squeezed } from './pdf/test-support';

let emu: Emulator;
let admin: Volunteer;
let volunteer: Volunteer;
let orgId: string;
let people = 0;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv: { ...functionEnv, ZY_VERIFY_BASE_URL: 'https://zyplus.example.org/' } });
  await publishFonts(emu);
  admin = await registerVolunteer(emu, 'openid-pdf-admin', '王建国');
  orgId = await verifiedOrganization(emu, admin);
  volunteer = await registerVolunteer(emu, 'openid-pdf-volunteer', '林𠮷梅');
});
afterAll(async () => emu.stop());

const fetchBytes = async (url: string) => new Uint8Array(await (await fetch(url)).arrayBuffer());
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const stored = (id: string) => getOrNull<CertificateDoc>(db(emu), 'certificates', id);
const codeCalls = () => emu.wechat.calls.filter((c) => c.api === 'wxacode.getUnlimited' && c.function === 'certificate');

test('the volunteer downloads it: made once from the snapshot, stored privately, sha256 recorded', async () => {
  const c = await issuedCertificate(emu, volunteer, orgId);
  const calls = codeCalls().length;
  const res = await volunteer.as.call('certificate', 'download', { certificateId: c._id });
  if (!res.ok) throw new Error(res.error.code);
  expect(res.data).toMatchObject({ number: c.number, status: 'issued', fileName: `志愿服务记录证明-${c.number}.pdf`, expiresInSeconds: 3600 });
  expect(res.data).not.toHaveProperty('revoked');
  const bytes = await fetchBytes(res.data.url);
  expect(sha(bytes)).toBe(res.data.sha256);
  expect((await stored(c._id))!.files).toEqual({ pdfFileId: expect.stringMatching(new RegExp(`/certificates/${c.number}\\.pdf$`)), pdfSha256: res.data.sha256 });
  expect(emu.storage.paths()).toContain(`certificates/${c.number}.pdf`);
  // The mini-program code opens the verify page with the number as its scene.
  expect(codeCalls().slice(calls)).toEqual([expect.objectContaining({ errcode: 0, data: expect.objectContaining({ scene: c.number, page: 'verify/index', check_path: false }) })]);
  const text = squeezed(extractPdf(bytes).pages.map((p) => p.text).join(''));
  expect(text).toContain(`姓名：林𠮷梅`);
  expect(text).toContain(`核验网址：https://zyplus.example.org/verify?no=${c.number}`);

  // The PDF carries the Verifiable Credential: the same file certificate.credential answers, and it verifies.
  const credential = await volunteer.as.call('certificate', 'credential', { certificateId: c._id });
  if (!credential.ok) throw new Error(credential.error.code);
  expect(credential.data.fileName).toBe(`志愿服务记录证明-${c.number}.json`);
  expect(extractPdf(bytes).attachments).toEqual([{ name: credential.data.fileName, bytes: Buffer.from(credential.data.json, 'utf8').toString('base64') }]);
  const verified = await admin.as.call('certificate', 'verify', { credential: credential.data.json });
  expect(verified).toMatchObject({ ok: true, data: { status: 'valid' } });
  const tampered = credential.data.json.replace(/"name": "志愿服务"/, '"name": "志愿服务（伪造）"');
  expect(tampered).not.toBe(credential.data.json);
  expect(await admin.as.call('certificate', 'verify', { credential: tampered })).toMatchObject({ ok: true, data: { status: 'not_valid' } });

  // Asked again (a new intent): the same file, no second mini-program code.
  const again = await volunteer.as.call('certificate', 'download', { certificateId: c._id });
  expect(again).toMatchObject({ ok: true, data: { sha256: res.data.sha256 } });
  expect(codeCalls().length).toBe(calls + 1);
});

test('an admin of the issuer may download it; anyone else is told it is not found', async () => {
  const c = await issuedCertificate(emu, volunteer, orgId);
  expect(await admin.as.call('certificate', 'download', { certificateId: c._id })).toMatchObject({ ok: true, data: { number: c.number } });
  const stranger = await registerVolunteer(emu, `openid-pdf-stranger-${++people}`);
  expect(await stranger.as.call('certificate', 'download', { certificateId: c._id })).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_NOT_FOUND' } });
  expect(await stranger.as.call('certificate', 'download', { certificateId: 'ct_000000000000000000000000' })).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_NOT_FOUND' } });
  expect(await stranger.as.call('certificate', 'download', { certificateId: '../fonts/x' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
});

test('a certificate under review has no PDF yet', async () => {
  const c = await issuedCertificate(emu, volunteer, orgId);
  await db(emu).collection('certificates').doc(c._id).update({ data: { status: 'reviewing' } });
  expect(await volunteer.as.call('certificate', 'download', { certificateId: c._id })).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_NOT_ISSUED', message: expect.stringContaining('还没有出具') } });
});

test('a revoked certificate still downloads, and the answer says 已撤销 with the reason and date', async () => {
  const c = await issuedCertificate(emu, volunteer, orgId);
  await revoke(emu, c._id, '服务记录有误', new Date('2026-12-01T03:00:00Z'));
  const res = await volunteer.as.call('certificate', 'download', { certificateId: c._id });
  expect(res).toMatchObject({ ok: true, data: { status: 'revoked', revoked: { reason: '服务记录有误', at: '2026-12-01T03:00:00.000Z', notice: expect.stringContaining('已撤销（2026-12-01，原因：服务记录有误）') } } });
});

test('WeChat failing to make the code leaves nothing behind; the next try makes the file', async () => {
  const c = await issuedCertificate(emu, volunteer, orgId);
  emu.wechat.failNext('wxacode.getUnlimited', { errcode: 45009, errmsg: 'reach max api daily quota limit' });
  expect(await volunteer.as.call('certificate', 'download', { certificateId: c._id })).toMatchObject({ ok: false, error: { code: 'WECHAT_FAILED' } });
  expect((await stored(c._id))!.files).toBeUndefined();
  expect(emu.storage.paths()).not.toContain(`certificates/${c.number}.pdf`);
  expect(await volunteer.as.call('certificate', 'download', { certificateId: c._id })).toMatchObject({ ok: true });
});

test('five first downloads at once record one file, and all answer its sha256', async () => {
  const c = await issuedCertificate(emu, volunteer, orgId);
  const answers = await Promise.all([volunteer, volunteer, admin, volunteer, admin].map((p) => p.as.call('certificate', 'download', { certificateId: c._id })));
  const hashes = new Set(answers.map((a) => (a.ok ? a.data.sha256 : a.error.code)));
  expect(hashes.size).toBe(1);
  const doc = (await stored(c._id))!;
  expect([...hashes]).toEqual([doc.files!.pdfSha256]);
  const url = answers.find((a) => a.ok)!;
  expect(sha(await fetchBytes(url.ok ? url.data.url : ''))).toBe(doc.files!.pdfSha256);
});

test('a recorded file that went missing is made again with the same bytes', async () => {
  const c = await issuedCertificate(emu, volunteer, orgId);
  const first = await volunteer.as.call('certificate', 'download', { certificateId: c._id });
  if (!first.ok) throw new Error(first.error.code);
  await serverSdk(emu).deleteFile({ fileList: [(await stored(c._id))!.files!.pdfFileId!] });
  const again = await volunteer.as.call('certificate', 'download', { certificateId: c._id });
  expect(again).toMatchObject({ ok: true, data: { sha256: first.data.sha256 } });
  expect(sha(await fetchBytes(again.ok ? again.data.url : ''))).toBe(first.data.sha256);
});

test('the answer and the file name carry no fee, price or payment (RULES §5: free)', async () => {
  const c = await issuedCertificate(emu, volunteer, orgId);
  const res = await volunteer.as.call('certificate', 'download', { certificateId: c._id });
  if (!res.ok) throw new Error(res.error.code);
  // The words only: the link's signature and the sha256 are hex, where "fee" turns up by chance.
  const { url, sha256, ...words } = res.data;
  expect(url).toMatch(/^http/);
  expect(sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(JSON.stringify(words)).not.toMatch(/fee|price|pay|amount|收费|费用|付费|支付|价格|金额/i);
});

test('detail: the summary from the snapshot, to the same people, and the revocation once revoked', async () => {
  const c = await issuedCertificate(emu, volunteer, orgId, 2);
  const s = c.snapshot!;
  expect(await volunteer.as.call('certificate', 'detail', { certificateId: c._id })).toEqual({
    ok: true,
    data: { certificateId: c._id, number: c.number, status: 'issued', issuerName: s.issuer.name, period: s.period, totalMinutes: s.totalMinutes, recordCount: 2, issueDate: s.issueDate },
  });
  expect(await admin.as.call('certificate', 'detail', { certificateId: c._id })).toMatchObject({ ok: true });
  const stranger = await registerVolunteer(emu, `openid-pdf-stranger-${++people}`);
  expect(await stranger.as.call('certificate', 'detail', { certificateId: c._id })).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_NOT_FOUND' } });
  await revoke(emu, c._id, '重复出具', new Date('2026-12-01T03:00:00Z'));
  expect(await volunteer.as.call('certificate', 'detail', { certificateId: c._id })).toMatchObject({ ok: true, data: { status: 'revoked', revoked: { reason: '重复出具', at: '2026-12-01T03:00:00.000Z' } } });
});
