// Credential types through the built function (RULES §1): numbers beginning 71/81/82/83 are not 居民身份证 numbers,
// and 居民身份证 and 港澳台居民居住证 are one GB 11643 number space — one number, one person, whichever type it was
// entered under, including against registrations an earlier version stored (a 810000… number accepted as 居民身份证,
// a 港澳台居民居住证 under its former key) and documents in the earlier, plaintext shape.
import type { Emulator } from '../../emulator/src/server';
import { caller, serverSdk, startTestEmulator } from '../../emulator/test/support';
import type { CredentialType } from '../../typings/volunteer';
import { gb11643CheckChar } from '../../miniprogram/domain/checksum';
import { PRIVACY_TERMS_VERSION } from '../../miniprogram/domain/codes';
import { userIdOf } from '../_shared/documents/ids';
import { CIPHER_PURPOSE, credentialHashOf, formerCredentialHashesOf, phoneHashOf } from '../_shared/documents/volunteer';
import { maskCredential, maskPhone } from '../_shared/rules/mask';
import { encryptField } from '../_shared/security/crypto';
import { allDocs, docById, registration, ringOf } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => emu.stop());

const TAKEN = { ok: false, error: { code: 'CREDENTIAL_TAKEN', message: '该证件已注册。如果这是你的证件，请通过“申诉找回”找回志愿者档案' } };

/** A GB 11643 number: area, born 1 January 1990, order `order` (odd = male). */
function gbNumber(area: string, order: number): string {
  const first17 = `${area}19900101${String(order).padStart(3, '0')}`;
  return first17 + gb11643CheckChar(first17);
}

let serial = 0;
/**
 * A registration as the version before this one stored it: plaintext gender, birth date, age band and masked
 * credential beside the ciphertext, and its `credentials` document under `key` (that version's hash).
 */
async function storeEarlierRegistration(openid: string, credential: { type: CredentialType; number: string }, key: string): Promise<string> {
  serial++;
  const ring = ringOf(emu);
  const db = serverSdk(emu).database();
  const userId = userIdOf(openid);
  const volunteerId = `v_earlier_${serial}`;
  const phone = `1370000${String(1000 + serial)}`;
  const now = new Date();
  await db.collection('volunteers').add({
    data: {
      _id: volunteerId,
      userId,
      status: 'active',
      name: '陈港生',
      credential: { type: credential.type, cipher: encryptField(credential.number, ring, CIPHER_PURPOSE.credential), masked: maskCredential(credential.number) },
      credentialHash: key,
      gender: 'male',
      birthDate: '1990-01-01',
      ageBandAtRegistration: 'adult',
      phone: { cipher: encryptField(phone, ring, CIPHER_PURPOSE.phone), masked: maskPhone(phone), verified: false },
      phoneHash: phoneHashOf(phone, ring),
      regionCode: '350102',
      regionNames: ['福建省', '福州市', '鼓楼区'],
      skills: [],
      skillTags: [],
      intentions: ['community'],
      availability: [],
      consents: [{ kind: 'privacy', version: PRIVACY_TERMS_VERSION, grantedAt: now }],
      volunteerNo: `ZY350102${String(now.getUTCFullYear() % 100)}9${String(serial).padStart(6, '0')}X`,
      registeredAt: now,
      updatedAt: now,
    },
  });
  await db.collection('users').add({ data: { _id: userId, openid, roles: [], volunteerId, createdAt: now } });
  await db.collection('credentials').add({ data: { _id: key, volunteerId, userId, createdAt: now } });
  return volunteerId;
}

async function registered(openid: string, order: number): Promise<void> {
  const res = await caller(emu, openid).call('volunteer', 'register', registration({ credential: { type: 'CN_ID', number: gbNumber('350102', order) } }));
  if (!res.ok) throw new Error(`register ${openid}: ${res.error.code}`);
}

describe('numbers that are not 居民身份证 numbers', () => {
  test.each([
    ['810000', /810000.*香港.*港澳台居民居住证/],
    ['820000', /820000.*澳门.*港澳台居民居住证/],
    ['830000', /830000.*台湾.*港澳台居民居住证/],
    ['810101', /81（香港）.*港澳台居民居住证/],
    ['830102', /83（台湾）/],
    ['710000', /71（台湾）.*港澳台居民居住证/],
  ])('%s… as 居民身份证: CREDENTIAL_INVALID pointing to 港澳台居民居住证, nothing written', async (area, message) => {
    const before = (await allDocs(emu, 'volunteers')).length;
    const res = await caller(emu, `openid-not-cn-${area}`).call('volunteer', 'register', registration({ credential: { type: 'CN_ID', number: gbNumber(area, 11) } }));
    expect(res).toEqual({ ok: false, error: { code: 'CREDENTIAL_INVALID', message: expect.stringMatching(message) } });
    expect((await allDocs(emu, 'volunteers')).length).toBe(before);
  });

  test.each(['810000', '820000', '830000'])('%s… as 港澳台居民居住证 registers', async (area) => {
    const res = await caller(emu, `openid-hmt-${area}`).call('volunteer', 'register', registration({ credential: { type: 'HMT_RESIDENCE', number: gbNumber(area, 13) } }));
    expect(res).toMatchObject({ ok: true, data: { ageBand: 'adult' } });
    const profile = await caller(emu, `openid-hmt-${area}`).call('volunteer', 'profile', {});
    expect(profile.ok && profile.data).toMatchObject({ credential: { type: 'HMT_RESIDENCE', masked: `8${'*'.repeat(16)}${gbNumber(area, 13)[17]}` }, birthDate: '1990-01-01', gender: 'male' });
  });

  test('changeIdentity refuses them too', async () => {
    await registered('openid-change-to-81', 21);
    const res = await caller(emu, 'openid-change-to-81').call('volunteer', 'changeIdentity', { name: '张三', credential: { type: 'CN_ID', number: gbNumber('810000', 15) } });
    expect(res).toEqual({ ok: false, error: { code: 'CREDENTIAL_INVALID', message: expect.stringMatching(/港澳台居民居住证/) } });
  });
});

describe('one number, one person, under either type', () => {
  test('a 810000… number an earlier version accepted as 居民身份证 cannot register again as 港澳台居民居住证', async () => {
    const number = gbNumber('810000', 31);
    const holder = await storeEarlierRegistration('openid-earlier-cn', { type: 'CN_ID', number }, credentialHashOf('CN_ID', number, ringOf(emu)));
    expect(await caller(emu, 'openid-second-type').call('volunteer', 'register', registration({ credential: { type: 'HMT_RESIDENCE', number } }))).toEqual(TAKEN);
    // Through changeIdentity, from a registered volunteer.
    await registered('openid-changer', 23);
    expect(await caller(emu, 'openid-changer').call('volunteer', 'changeIdentity', { name: '张三', credential: { type: 'HMT_RESIDENCE', number } })).toEqual(TAKEN);
    // The holder corrects the type: same key, so the same one credentials document, now theirs under the right type.
    const fixed = await caller(emu, 'openid-earlier-cn').call('volunteer', 'changeIdentity', { name: '陈港生', credential: { type: 'HMT_RESIDENCE', number } });
    expect(fixed).toMatchObject({ ok: true, data: { credential: { type: 'HMT_RESIDENCE' }, birthDate: '1990-01-01', gender: 'male' } });
    const held = (await allDocs(emu, 'credentials')).filter((c) => c.volunteerId === holder);
    expect(held.map((c) => c._id)).toEqual([credentialHashOf('HMT_RESIDENCE', number, ringOf(emu))]);
  });

  test('a 港澳台居民居住证 stored under its former key is found: the number is taken, and the key moves on its next change', async () => {
    const number = gbNumber('820000', 33);
    const [former] = formerCredentialHashesOf('HMT_RESIDENCE', number, ringOf(emu));
    expect(former).not.toBe(credentialHashOf('HMT_RESIDENCE', number, ringOf(emu)));
    const holder = await storeEarlierRegistration('openid-earlier-hmt', { type: 'HMT_RESIDENCE', number }, former);
    expect(await caller(emu, 'openid-after-hmt').call('volunteer', 'register', registration({ credential: { type: 'HMT_RESIDENCE', number } }))).toEqual(TAKEN);
    await registered('openid-changer-2', 25);
    expect(await caller(emu, 'openid-changer-2').call('volunteer', 'changeIdentity', { name: '张三', credential: { type: 'HMT_RESIDENCE', number } })).toEqual(TAKEN);
    // The holder re-verifies the same credential: it is theirs, and now held under the shared key only.
    expect((await caller(emu, 'openid-earlier-hmt').call('volunteer', 'changeIdentity', { name: '陈港生', credential: { type: 'HMT_RESIDENCE', number } })).ok).toBe(true);
    expect((await allDocs(emu, 'credentials')).filter((c) => c.volunteerId === holder).map((c) => c._id)).toEqual([credentialHashOf('CN_ID', number, ringOf(emu))]);
    expect(await caller(emu, 'openid-after-hmt').call('volunteer', 'register', registration({ credential: { type: 'HMT_RESIDENCE', number } }))).toEqual(TAKEN);
  });

  test('at the same moment: the holder corrects the type while 6 accounts register the number and 2 volunteers change to it', async () => {
    const number = gbNumber('830000', 35);
    const holder = await storeEarlierRegistration('openid-race-holder', { type: 'CN_ID', number }, credentialHashOf('CN_ID', number, ringOf(emu)));
    await registered('openid-race-changer-0', 27);
    await registered('openid-race-changer-1', 29);
    const hmt = { type: 'HMT_RESIDENCE' as const, number };
    const [fixed, ...others] = await Promise.all([
      caller(emu, 'openid-race-holder').call('volunteer', 'changeIdentity', { name: '陈港生', credential: hmt }),
      ...Array.from({ length: 6 }, (_, i) => caller(emu, `openid-race-hmt-${i}`).call('volunteer', 'register', registration({ credential: hmt }))),
      ...[0, 1].map((i) => caller(emu, `openid-race-changer-${i}`).call('volunteer', 'changeIdentity', { name: '张三', credential: hmt })),
    ]);
    expect(fixed.ok).toBe(true);
    for (const r of others) expect(r).toEqual(TAKEN);
    const key = credentialHashOf('HMT_RESIDENCE', number, ringOf(emu));
    expect(await docById(emu, 'credentials', key)).toMatchObject({ volunteerId: holder });
    expect((await allDocs(emu, 'volunteers')).filter((v) => v.credentialHash === key).map((v) => v._id)).toEqual([holder]);
  });

  test('a fresh number registered at once by 8 accounts, half typing it as 居民身份证: one volunteer', async () => {
    const number = gbNumber('810000', 37);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        caller(emu, `openid-fresh-${i}`).call('volunteer', 'register', registration({ credential: { type: i % 2 ? 'CN_ID' : 'HMT_RESIDENCE', number } })),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    results.forEach((r, i) => {
      if (i % 2) expect(r).toMatchObject({ ok: false, error: { code: 'CREDENTIAL_INVALID' } });
      else if (!r.ok) expect(r).toEqual(TAKEN);
    });
    expect((await allDocs(emu, 'volunteers')).filter((v) => v.credentialHash === credentialHashOf('CN_ID', number, ringOf(emu)))).toHaveLength(1);
  });
});

describe('a document stored by the earlier version (an old data folder)', () => {
  test('profile, card and export read it; the next write leaves nothing read from the number in plaintext', async () => {
    const number = gbNumber('350102', 39);
    const id = await storeEarlierRegistration('openid-old-folder', { type: 'CN_ID', number }, credentialHashOf('CN_ID', number, ringOf(emu)));
    const me = caller(emu, 'openid-old-folder');
    const profile = await me.call('volunteer', 'profile', {});
    expect(profile).toMatchObject({ ok: true, data: { credential: { type: 'CN_ID', masked: maskCredential(number) }, birthDate: '1990-01-01', gender: 'male', ageBand: 'adult' } });
    expect((await me.call('volunteer', 'card', {})).ok).toBe(true);
    const exported = await me.call('volunteer', 'exportMine', {});
    if (!exported.ok) throw new Error(exported.error.code);
    const file = JSON.parse(await (await fetch(exported.data.url)).text());
    expect(file.volunteer).toMatchObject({ credential: { number, masked: maskCredential(number) }, birthDate: '1990-01-01', gender: 'male' });

    expect((await me.call('volunteer', 'updateProfile', { intentions: ['health'] })).ok).toBe(true);
    const upgraded = await docById(emu, 'volunteers', id);
    for (const field of ['gender', 'birthDate', 'ageBandAtRegistration']) expect(upgraded).not.toHaveProperty(field);
    expect(upgraded!.credential).not.toHaveProperty('masked');
    expect(await me.call('volunteer', 'profile', {})).toMatchObject({ ok: true, data: { birthDate: '1990-01-01', gender: 'male', intentions: ['health'] } });
  });
});
