// A volunteer's certificates in "export my data" and "delete my account" (RULES §8, personal-data.ts): exported
// with their snapshots; on deletion an issued or revoked certificate stays in the issuer's register with its signed
// snapshot unchanged and the account link cut, a request never numbered is removed, and the request keys go.
import type { Emulator } from '../../emulator/src/server';
import { startTestEmulator } from '../../emulator/test/support';
import { signingKeyRingFromEnv, verifySnapshot } from '../_shared/credentials/signing';
import { getOrNull } from '../_shared/db/db';
import type { CertificateDoc } from '../_shared/documents/certificate';
import { db } from '../hours/test-support';
import { functionEnv } from '../organization/test-support';
import { issuerWorld, reviewingRequest } from './org-test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

test('exported with the snapshot; on deletion the issued one is kept unchanged without the account, the request removed', async () => {
  const w = await issuerWorld(emu);
  const issuedId = await reviewingRequest(emu, w);
  const approved = await w.admin.as.call('certificate', 'review', { certificateId: issuedId, decision: 'approve' });
  if (!approved.ok) throw new Error(approved.error.message);
  const pendingId = await reviewingRequest(emu, w, { scope: { kind: 'period', from: '2026-11-01', to: '2026-11-05' } });
  const issued = (await getOrNull<CertificateDoc>(db(emu), 'certificates', issuedId))!;
  const pending = (await getOrNull<CertificateDoc>(db(emu), 'certificates', pendingId))!;

  const exported = await w.volunteer.as.call('volunteer', 'exportMine', {});
  if (!exported.ok) throw new Error(exported.error.code);
  const file = JSON.stringify(await (await fetch(exported.data.url)).json());
  expect(file).toContain(issued.number!);
  expect(file).toContain(pendingId);

  expect(await w.volunteer.as.call('volunteer', 'deleteAccount', { confirm: '注销' })).toMatchObject({ ok: true });
  const kept = (await getOrNull<CertificateDoc>(db(emu), 'certificates', issuedId))!;
  expect(kept).toMatchObject({ status: 'issued', number: issued.number, requestedBy: `deleted:${w.volunteer.volunteerId}` });
  expect(kept.snapshot).toEqual(issued.snapshot);
  expect(verifySnapshot(signingKeyRingFromEnv(emu.functionEnv), kept.snapshot, kept.signature!)).toBe(true);
  expect(await getOrNull(db(emu), 'certificates', pendingId)).toBeNull();
  expect(await getOrNull(db(emu), 'certificateKeys', issued.keyId)).toBeNull();
  expect(await getOrNull(db(emu), 'certificateKeys', pending.keyId)).toBeNull();
  // The register still lists it for the issuer.
  const register = await w.admin.as.call('certificate', 'register', { orgId: w.orgId });
  expect(register.ok && register.data.entries.map((e) => e.number)).toEqual([issued.number]);
});
