// Real-identity verification through the built functions: with ZY_IDENTITY_VERIFICATION=tencentcloud-faceid, the
// volunteer function asks Tencent Cloud's IdCardVerification (the emulator's fake, which checks the TC3 signature)
// before registering, changing identity or filing a claim, and refuses a mismatch or an unavailable source in
// Chinese; credentials the source cannot check (passports…) go on unchecked. Off — the default — nothing is asked.
import type { Emulator } from '../../emulator/src/server';
import { FACEID_PATH } from '../../emulator/src/wechat/faceid';
import { caller, startTestEmulator } from '../../emulator/test/support';
import { MESSAGES } from '../_shared/messages/answers';
import { identityVerifierFromEnv, verdictOfFaceIdResult } from '../_shared/security/identity-verification';
import { claimRequest, registeredRecord } from './claim-test-support';
import { allDocs, docById, idNumber, registration } from './test-support';

const refused = (code: keyof typeof MESSAGES) => ({ ok: false, error: { code, message: MESSAGES[code] } });

describe('turned on', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ functionEnv: { ZY_IDENTITY_VERIFICATION: 'tencentcloud-faceid', ZY_IDV_SECRET_ID: 'AKIDlocaltest', ZY_IDV_SECRET_KEY: 'local-test-secret' } });
    // The port is known once started; no function instance has started yet, so every one reads it.
    emu.functionEnv.ZY_IDV_ENDPOINT = `${emu.baseUrl}${FACEID_PATH}`;
  });
  afterAll(async () => emu.stop());

  test('registration passes with a name and number on record, and is refused with a mismatch or an unavailable source', async () => {
    const number = idNumber(1988, 121);
    emu.faceid.enroll('张三', number);
    expect(await caller(emu, 'openid-idv-1').call('volunteer', 'register', registration({ name: '张三', credential: { type: 'CN_ID', number } }))).toMatchObject({ ok: true });
    expect(emu.faceid.calls.at(-1)).toMatchObject({ action: 'IdCardVerification', result: '0', error: null });

    const stranger = idNumber(1988, 123);
    emu.faceid.enroll('李四', stranger);
    const mismatch = await caller(emu, 'openid-idv-2').call('volunteer', 'register', registration({ name: '张三', credential: { type: 'CN_ID', number: stranger } }));
    expect(mismatch).toEqual(refused('IDENTITY_MISMATCH'));
    const unknown = await caller(emu, 'openid-idv-3').call('volunteer', 'register', registration({ name: '王五', credential: { type: 'CN_ID', number: idNumber(1988, 125) } }));
    expect(unknown).toEqual(refused('IDENTITY_MISMATCH'));
    emu.faceid.failNext('-4');
    const unavailable = await caller(emu, 'openid-idv-4').call('volunteer', 'register', registration({ name: '李四', credential: { type: 'CN_ID', number: stranger } }));
    expect(unavailable).toEqual(refused('IDENTITY_UNAVAILABLE'));
    // Nothing was written for any refusal: the number is still free for its owner.
    expect(await caller(emu, 'openid-idv-4').call('volunteer', 'register', registration({ name: '李四', credential: { type: 'CN_ID', number: stranger } }))).toMatchObject({ ok: true });
  });

  test('a passport cannot be checked by the source and registers as before', async () => {
    const before = emu.faceid.calls.length;
    const res = await caller(emu, 'openid-idv-passport').call(
      'volunteer',
      'register',
      registration({ name: 'John Smith', credential: { type: 'PASSPORT', number: 'E12345678' }, gender: 'male', birthDate: '1990-05-01' }),
    );
    expect(res).toMatchObject({ ok: true });
    expect(emu.faceid.calls.length).toBe(before);
  });

  test('a claim needs the check too: a mismatch is refused, a verified claim says so in the record', async () => {
    const number = idNumber(1989, 131);
    emu.faceid.enroll('赵六', number);
    const record = await registeredRecord(emu, 'openid-idv-squatter', '赵六', number);
    const filed = await caller(emu, 'openid-idv-owner').call('volunteer', 'fileClaim', claimRequest(record));
    if (!filed.ok) throw new Error(filed.error.code);
    expect(await docById(emu, 'claims', filed.data.claim.claimId)).toMatchObject({ identityCheck: 'verified' });
    // The source now says the number is someone else's: the same claim from another account is refused.
    emu.faceid.enroll('钱七', number);
    expect(await caller(emu, 'openid-idv-other').call('volunteer', 'fileClaim', claimRequest(record))).toEqual(refused('IDENTITY_MISMATCH'));
    expect((await allDocs(emu, 'claims')).length).toBe(1);
  });

  test('a request signed with another key is refused by the source, and the adapter answers unavailable', async () => {
    const verifier = identityVerifierFromEnv({ ...emu.functionEnv, ZY_IDV_SECRET_KEY: 'not-the-key' });
    expect(await verifier!.verifyIdentity({ name: '张三', credential: { type: 'CN_ID', number: idNumber(1988, 121) } })).toBe('unavailable');
    expect(emu.faceid.calls.at(-1)).toMatchObject({ error: 'AuthFailure.SignatureFailure' });
  });
});

describe('turned off (the default)', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(async () => emu.stop());

  test('registration and claims ask nobody', async () => {
    const record = await registeredRecord(emu, 'openid-off-holder', '孙八');
    expect(await caller(emu, 'openid-off-claimant').call('volunteer', 'fileClaim', claimRequest(record))).toMatchObject({ ok: true });
    expect(emu.faceid.calls).toEqual([]);
  });
});

describe('configuration', () => {
  test('off unless asked; an unknown mode or missing keys is a deployment error, not silent registration', () => {
    expect(identityVerifierFromEnv({})).toBeNull();
    expect(identityVerifierFromEnv({ ZY_IDENTITY_VERIFICATION: 'off' })).toBeNull();
    expect(() => identityVerifierFromEnv({ ZY_IDENTITY_VERIFICATION: 'wechat' })).toThrow(/unknown mode/);
    expect(() => identityVerifierFromEnv({ ZY_IDENTITY_VERIFICATION: 'tencentcloud-faceid' })).toThrow(/ZY_IDV_SECRET_ID/);
  });

  test('FaceID result codes: 0 verified; -1, -2, -3, -5 mismatch; -4, -6, -7 and anything else unavailable', () => {
    expect(['0', '-1', '-2', '-3', '-4', '-5', '-6', '-7', undefined, 0].map(verdictOfFaceIdResult)).toEqual([
      'verified',
      'mismatch',
      'mismatch',
      'mismatch',
      'unavailable',
      'mismatch',
      'unavailable',
      'unavailable',
      'unavailable',
      'unavailable',
    ]);
  });
});
