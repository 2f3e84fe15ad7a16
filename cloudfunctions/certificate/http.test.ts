// The certificate function over the emulator's HTTP access: the plain-URL verification page (a number in the link,
// typed, or a credential pasted or uploaded), the DID document and status lists; an HTTP-shaped event from a
// mini-program caller is not taken for HTTP access.
import type { Emulator } from '../../emulator/src/server';
import { caller, startTestEmulator } from '../../emulator/test/support';
import { credentialOf } from '../_shared/credentials/credential';
import type { CertificateDoc } from '../_shared/documents/certificate';
import { formatCertificateNo } from '../_shared/rules/certificate-number';
import { issueCertificate, revokeCertificate, VOLUNTEER } from './vc-test-support';

let emu: Emulator;
let issued: CertificateDoc;
let revoked: CertificateDoc;
beforeAll(async () => {
  emu = await startTestEmulator();
  issued = await issueCertificate(emu);
  revoked = await issueCertificate(emu);
  await revokeCertificate(emu, revoked._id, '服务时长登记错误', new Date('2026-12-01T03:00:00Z'));
});
afterAll(async () => emu.stop());

async function page(path: string, init?: RequestInit) {
  const res = await fetch(`${emu.baseUrl}${path}`, init);
  return { status: res.status, headers: res.headers, html: await res.text() };
}

test('GET /verify?no= answers a self-contained Chinese page with the masked snapshot', async () => {
  const { status, headers, html } = await page(`/verify?no=${issued.number}`);
  expect(status).toBe(200);
  expect(headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(headers.get('content-security-policy')).toContain("default-src 'none'");
  expect(html).toContain('<html lang="zh-CN">');
  expect(html).toContain('name="viewport"');
  expect(html).toContain('证明有效');
  expect(html).toContain('林**');
  expect(html).toContain('4.0 小时');
  expect(html).not.toContain(VOLUNTEER.name);
  expect(html).not.toMatch(/<script|<link|src=|https?:\/\//);
  expect(html).not.toMatch(/费用|价格|支付|付款/);
});

test('revoked, unknown, forged and malformed numbers each say so', async () => {
  const gone = await page(`/verify?no=${revoked.number}`);
  expect(gone.html).toContain('证明已被出具组织撤销');
  expect(gone.html).toContain('服务时长登记错误');
  expect(gone.html).toContain('2026-12-01');
  const forged = revoked.number!.slice(0, 19) + (revoked.number![19] === '0' ? '1' : '0');
  expect((await page(`/verify?no=${forged}`)).html).toContain('证明无效');
  const unissued = formatCertificateNo({ regionCode: '350102', year: 2026, sequence: 9_000_000 });
  expect((await page(`/verify?no=${unissued}`)).html).toContain('登记簿中没有这个证明编号');
  const malformed = await page('/verify?no=%3Cscript%3E');
  expect(malformed.status).toBe(400);
  expect(malformed.html).toContain('证明编号');
  expect(malformed.html).not.toContain('<script>');
  expect(malformed.html).toContain('&lt;script&gt;');
});

test('GET /verify alone is the form; a typed number posted as a form is verified', async () => {
  const blank = await page('/verify');
  expect(blank.html).toContain('<form method="get" action="/verify">');
  expect(blank.html).not.toContain('role="status"');
  const posted = await page('/verify', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `no=${issued.number}` });
  expect(posted.html).toContain('证明有效');
});

test('a credential uploaded as a file or pasted verifies; a tampered one is not valid', async () => {
  const vc = credentialOf(issued, emu.functionEnv);
  const upload = new FormData();
  upload.append('file', new Blob([JSON.stringify(vc)], { type: 'application/json' }), 'certificate.json');
  expect((await page('/verify', { method: 'POST', body: upload })).html).toContain('证明有效');

  const pasted = new FormData();
  pasted.append('credential', JSON.stringify(vc, null, 2));
  expect((await page('/verify', { method: 'POST', body: pasted })).html).toContain('证明有效');

  const tampered = structuredClone(vc);
  tampered.credentialSubject.result[0]!.value = '100.0';
  const forged = new FormData();
  forged.append('file', new Blob([JSON.stringify(tampered)]), 'certificate.json');
  const answer = await page('/verify', { method: 'POST', body: forged });
  expect(answer.html).toContain('证明无效');
  expect(answer.html).toContain('签名校验未通过');
});

test('the DID document and a status list are public JSON; other paths and methods are refused', async () => {
  const did = await fetch(`${emu.baseUrl}/.well-known/did.json`);
  expect(did.headers.get('access-control-allow-origin')).toBe('*');
  const document = (await did.json()) as { id: string; assertionMethod: string[] };
  expect(document.id).toBe(`did:web:127.0.0.1%3A${emu.port}`);
  expect(document.assertionMethod).toEqual([`${document.id}#${emu.functionEnv.ZY_SIGNING_KEY_ID}`]);
  const list = await fetch(`${emu.baseUrl}/status/${issued.statusList!.listId}`);
  expect(list.status).toBe(200);
  expect(((await list.json()) as { type: string[] }).type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
  expect((await fetch(`${emu.baseUrl}/status/not-a-list`)).status).toBe(404);
  expect((await fetch(`${emu.baseUrl}/status/350102-2026`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(405);
});

test('an event shaped like HTTP access but sent by a mini-program user is an unknown action, not a page', async () => {
  const res = await caller(emu, 'openid-forger').raw('certificate', { path: '/verify', httpMethod: 'GET', headers: {}, queryStringParameters: { no: issued.number }, body: '', isBase64Encoded: false });
  expect(res.body).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
});

test('HTTP access takes at most 100 KB of text: a larger paste is refused by the platform', async () => {
  const res = await fetch(`${emu.baseUrl}/verify`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `credential=${'a'.repeat(100 * 1024)}` });
  expect(res.status).toBe(413);
  expect(await res.json()).toMatchObject({ code: 'EXCEED_MAX_PAYLOAD_SIZE' });
});
