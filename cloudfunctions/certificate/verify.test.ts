// certificate.verify through the stock SDK against the emulator: valid, revoked (reason and date), unknown, and not
// valid for a forged check character, an altered snapshot, a tampered or re-signed credential; the name masked, the
// ID number never in full; bad input refused; limited per caller; no fee anywhere.
import canonicalize from 'canonicalize';
import type { Emulator } from '../../emulator/src/server';
import { caller, startTestEmulator } from '../../emulator/test/support';
import { credentialOf } from '../_shared/credentials/credential';
import { addProof } from '../_shared/credentials/data-integrity';
import { generateSigningKeyEnv, signingKeyRingFromEnv } from '../_shared/credentials/signing';
import type { CertificateDoc } from '../_shared/documents/certificate';
import { formatCertificateNo } from '../_shared/rules/certificate-number';
import { rateLimitDocId, VERIFY } from '../_shared/security/rate-limit';
import { db } from '../hours/test-support';
import { ID_NUMBER, issueCertificate, revokeCertificate, VOLUNTEER } from './vc-test-support';

let emu: Emulator;
let valid: CertificateDoc;
let revoked: CertificateDoc;
let altered: CertificateDoc;
const anyone = () => caller(emu, `openid-verifier-${Math.random().toString(36).slice(2)}`);

beforeAll(async () => {
  emu = await startTestEmulator();
  valid = await issueCertificate(emu);
  revoked = await issueCertificate(emu);
  altered = await issueCertificate(emu);
  await revokeCertificate(emu, revoked._id, '服务记录有误，已重新出具', new Date('2026-12-01T03:00:00Z'));
  // Someone with database access raises the hours of an issued certificate: its signature no longer matches.
  await db(emu).collection('certificates').doc(altered._id).update({ data: { 'snapshot.totalMinutes': 6000 } });
});
afterAll(async () => emu.stop());

test('a valid number answers the snapshot with the name masked and the ID number masked, however it is typed', async () => {
  const typed = ` ${valid.number!.toLowerCase().slice(0, 10)} ${valid.number!.toLowerCase().slice(10)} `;
  const res = await anyone().call('certificate', 'verify', { number: typed });
  if (!res.ok) throw new Error(res.error.message);
  expect(res.data).toMatchObject({ status: 'valid', number: valid.number, certificate: { totalMinutes: 240, volunteer: { nameMasked: '林**', volunteerNo: VOLUNTEER.volunteerNo } } });
  const text = JSON.stringify(res.data);
  expect(text).not.toContain(VOLUNTEER.name);
  expect(text).not.toContain(ID_NUMBER);
  expect(text).not.toContain('seal');
  expect(text).not.toMatch(/费|价格|支付|付款/);
});

test('the mini-program code’s scene (URL-encoded or not) verifies like the number', async () => {
  for (const scene of [valid.number!, encodeURIComponent(valid.number!)]) {
    const res = await anyone().call('certificate', 'verify', { scene });
    expect(res).toMatchObject({ ok: true, data: { status: 'valid', number: valid.number } });
  }
});

test('a revoked certificate answers revoked with its reason and date, and still its snapshot', async () => {
  const res = await anyone().call('certificate', 'verify', { number: revoked.number! });
  expect(res).toMatchObject({ ok: true, data: { status: 'revoked', revoked: { reason: '服务记录有误，已重新出具', at: '2026-12-01T03:00:00.000Z' }, certificate: { number: revoked.number } } });
});

test('a well-formed number not in the register is unknown; a wrong check character is not valid; a malformed one is refused', async () => {
  const unissued = formatCertificateNo({ regionCode: '350102', year: 2026, sequence: 9_000_000 });
  expect(await anyone().call('certificate', 'verify', { number: unissued })).toEqual({ ok: true, data: { status: 'unknown', number: unissued } });
  const forged = valid.number!.slice(0, 19) + (valid.number![19] === '0' ? '1' : '0');
  expect(await anyone().call('certificate', 'verify', { number: forged })).toEqual({ ok: true, data: { status: 'not_valid', reason: 'number_checksum' } });
  const res = await anyone().call('certificate', 'verify', { number: 'ZM123' });
  expect(res).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_NO_FORMAT', message: expect.stringContaining('20位') } });
});

test('a snapshot changed after issuance fails its signature: not valid', async () => {
  const res = await anyone().call('certificate', 'verify', { number: altered.number! });
  expect(res).toEqual({ ok: true, data: { status: 'not_valid', reason: 'snapshot_signature', number: altered.number } });
});

test('the credential verifies as an object and as pasted text; tampered, re-signed or altered copies are not valid', async () => {
  const vc = credentialOf(valid, emu.functionEnv);
  const who = anyone();
  expect(await who.call('certificate', 'verify', { credential: vc as never })).toMatchObject({ ok: true, data: { status: 'valid', number: valid.number } });
  expect(await who.call('certificate', 'verify', { credential: JSON.stringify(vc, null, 2) })).toMatchObject({ ok: true, data: { status: 'valid' } });

  const tampered = structuredClone(vc);
  tampered.credentialSubject.result[0]!.value = '400.0';
  expect(await who.call('certificate', 'verify', { credential: tampered as never })).toMatchObject({ ok: true, data: { status: 'not_valid', reason: 'credential_proof' } });

  // Signed by a key that is not the deployment's, naming the deployment's verification method.
  const stranger = signingKeyRingFromEnv(generateSigningKeyEnv()).current;
  const forged = addProof(tampered, { created: vc.proof.created, verificationMethod: vc.proof.verificationMethod }, stranger.privateKey);
  expect(await who.call('certificate', 'verify', { credential: forged as never })).toMatchObject({ ok: true, data: { status: 'not_valid', reason: 'credential_proof' } });

  // A correct proof over content the register never issued (as a leaked key could make): the register decides.
  const key = signingKeyRingFromEnv(emu.functionEnv).current;
  const reSigned = addProof(tampered, { created: vc.proof.created, verificationMethod: vc.proof.verificationMethod }, key.privateKey);
  expect(canonicalize(reSigned)).not.toBe(canonicalize(vc));
  expect(await who.call('certificate', 'verify', { credential: reSigned as never })).toMatchObject({ ok: true, data: { status: 'not_valid', reason: 'credential_mismatch', number: valid.number } });

  expect(await who.call('certificate', 'verify', { credential: '{"not": "a credential"' })).toMatchObject({ ok: true, data: { status: 'not_valid', reason: 'credential_form' } });
  const revokedVc = credentialOf(revoked, emu.functionEnv);
  expect(await who.call('certificate', 'verify', { credential: revokedVc as never })).toMatchObject({ ok: true, data: { status: 'revoked' } });
});

test('bad input is refused before any look-up', async () => {
  const who = anyone();
  for (const payload of [{}, { number: 5 }, { number: valid.number, scene: valid.number }, { credential: '' }, { number: 'x'.repeat(65) }]) {
    const res = await who.raw('certificate', { action: 'verify', ...payload });
    expect(res.body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  }
});

test('30 look-ups a minute per caller, then RATE_LIMITED with when to try again', async () => {
  // The limit counts in fixed minutes: start well inside one, with 27 look-ups already counted in it.
  const untilNextMinute = 60_000 - (Date.now() % 60_000);
  if (untilNextMinute < 20_000) await new Promise((resolve) => setTimeout(resolve, untilNextMinute + 100));
  const who = anyone();
  const windowStart = Math.floor(Date.now() / 60_000) * 60_000;
  await db(emu).collection('rateLimits').doc(rateLimitDocId(who.openid, VERIFY.bucket)).set({ data: { windowStart: new Date(windowStart), count: 27, expiresAt: new Date(windowStart + 60_000) } });
  const answers = [];
  for (let i = 0; i < 4; i++) answers.push(await who.call('certificate', 'verify', { number: valid.number! }));
  expect(answers.map((a) => a.ok)).toEqual([true, true, true, false]);
  expect(answers[3]).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) } });
  expect(await anyone().call('certificate', 'verify', { number: valid.number! })).toMatchObject({ ok: true });
});
