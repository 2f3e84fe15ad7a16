// volunteer.register through the emulator: the built function, the stock SDK, a real (in-memory, strict) database.
import { PRIVACY_TERMS_VERSION } from '../../miniprogram/domain/codes';
import type { Emulator } from '../../emulator/src/server';
import { caller, startTestEmulator } from '../../emulator/test/support';
import type { RegisterRequest } from '../../typings/volunteer';
import { validateVolunteerNo } from '../_shared/rules/volunteer-number';
import { decryptField } from '../_shared/security/crypto';
import { userIdOf } from '../_shared/documents/ids';
import { CIPHER_PURPOSE, type VolunteerDoc } from '../_shared/documents/volunteer';
import { openBirth } from './rules';
import {
  ADULT_BIRTH_YEAR,
  CHILD_BIRTH_YEAR,
  MINOR_BIRTH_YEAR,
  THIS_YEAR,
  allDocs,
  counts,
  docById,
  guardianFor,
  idNumber,
  registration,
  ringOf,
  verifiedPhone,
} from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => emu.stop());

const yy = String(THIS_YEAR % 100).padStart(2, '0');

describe('happy paths', () => {
  test('an adult with an ID number and a typed phone: number, encrypted fields, user document created', async () => {
    const number = idNumber(ADULT_BIRTH_YEAR, 101);
    const res = await caller(emu, 'openid-adult').call('volunteer', 'register', registration({ credential: { type: 'CN_ID', number: ` ${number.toLowerCase()} ` } }));
    expect(res).toEqual({
      ok: true,
      data: { volunteerId: expect.stringMatching(/^v_[0-9a-f]{24}$/), volunteerNo: expect.stringMatching(new RegExp(`^ZY350102${yy}\\d{7}[0-9X]$`)), ageBand: 'adult' },
    });
    if (!res.ok) return;
    expect(validateVolunteerNo(res.data.volunteerNo).ok).toBe(true);
    expect(res.data.volunteerNo).not.toContain(number.slice(6, 14));

    const doc = (await docById(emu, 'volunteers', res.data.volunteerId)) as unknown as VolunteerDoc;
    const raw = JSON.stringify(doc);
    expect(raw).not.toContain(number);
    expect(raw).not.toContain('13812345678');
    const ring = ringOf(emu);
    expect(decryptField(doc.credential.cipher, ring, CIPHER_PURPOSE.credential)).toBe(number);
    expect(decryptField(doc.phone.cipher, ring, CIPHER_PURPOSE.phone)).toBe('13812345678');
    expect(doc).toMatchObject({
      userId: userIdOf('openid-adult'),
      status: 'active',
      name: '张三',
      credential: { type: 'CN_ID' },
      phone: { masked: '138****5678', verified: false },
      consents: [{ kind: 'privacy', version: expect.any(String), grantedAt: expect.any(Date) }],
    });
    expect(doc.guardian).toBeUndefined();
    expect(doc.extra).toBeUndefined();

    // The user never called user.session: their user document exists now, linked to the volunteer.
    expect(await docById(emu, 'users', userIdOf('openid-adult'))).toMatchObject({ openid: 'openid-adult', roles: [], volunteerId: res.data.volunteerId });
    const session = await caller(emu, 'openid-adult').call('user', 'session', {});
    expect(session.ok && session.data).toMatchObject({ registered: true, roles: ['volunteer'], volunteer: { nameMasked: '张*', volunteerNo: res.data.volunteerNo } });
  });

  test('a user who called user.session first keeps their user document', async () => {
    const wang = caller(emu, 'openid-session-first');
    await wang.call('user', 'session', {});
    const res = await wang.call('volunteer', 'register', registration({ name: '王五', credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, 103) } }));
    expect(res.ok).toBe(true);
    expect((await allDocs(emu, 'users')).filter((u) => u.openid === 'openid-session-first')).toHaveLength(1);
  });

  test('the WeChat button: the code is exchanged at once for a proof, which registration takes; verified', async () => {
    emu.wechat.issuePhoneCode('code-verified', '13900001111');
    const me = caller(emu, 'openid-wechat-phone');
    const asked = Date.now();
    const verified = await me.call('volunteer', 'verifyPhone', { code: 'code-verified' });
    const answered = Date.now();
    expect(verified).toEqual({
      ok: true,
      data: { proof: expect.stringMatching(/^ZYP1\./), phoneMasked: '139****1111', expiresAt: expect.any(String) },
    });
    if (!verified.ok) return;
    expect(verified.data.proof).not.toContain('13900001111');
    // 30 minutes from the exchange (whole seconds).
    expect(Date.parse(verified.data.expiresAt)).toBeGreaterThanOrEqual(Math.floor(asked / 1000) * 1000 + 30 * 60_000);
    expect(Date.parse(verified.data.expiresAt)).toBeLessThanOrEqual(answered + 30 * 60_000);
    expect(emu.wechat.calls.filter((c) => c.api === 'phonenumber.getPhoneNumber' && c.data.code === 'code-verified')).toHaveLength(1);

    const res = await me.call(
      'volunteer',
      'register',
      registration({ name: '赵六', credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, 105) }, phone: { source: 'wechat', proof: verified.data.proof } }),
    );
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const doc = (await docById(emu, 'volunteers', res.data.volunteerId)) as unknown as VolunteerDoc;
    expect(doc.phone).toMatchObject({ masked: '139****1111', verified: true });
    expect(decryptField(doc.phone.cipher, ringOf(emu), CIPHER_PURPOSE.phone)).toBe('13900001111');
    // The registration itself asked WeChat nothing: the one tap was spent once, by verifyPhone.
    expect(emu.wechat.calls.filter((c) => c.api === 'phonenumber.getPhoneNumber' && c.data.code === 'code-verified')).toHaveLength(1);
  });

  test('a refused registration keeps the proof usable: correcting the form needs no second tap', async () => {
    const me = caller(emu, 'openid-retry-phone');
    const proof = await verifiedPhone(emu, 'openid-retry-phone', '13900002222');
    const person = { name: '孙八', credential: { type: 'CN_ID' as const, number: idNumber(ADULT_BIRTH_YEAR, 119) }, phone: { source: 'wechat' as const, proof } };
    const refused = await me.call('volunteer', 'register', registration({ ...person, skills: ['juggling'] }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'SKILL_INVALID' } });
    const res = await me.call('volunteer', 'register', registration(person));
    expect(res.ok).toBe(true);
  });

  test('a used, unknown or empty code is PHONE_INVALID from verifyPhone; a proof of another account or a forged one from register', async () => {
    const before = await counts(emu);
    const me = caller(emu, 'openid-phone-used');
    expect(await me.call('volunteer', 'verifyPhone', { code: 'code-verified' })).toEqual({
      ok: false,
      error: { code: 'PHONE_INVALID', message: '手机号获取失败，请重新授权或手动填写' },
    });
    expect(await me.call('volunteer', 'verifyPhone', { code: '  ' })).toEqual({ ok: false, error: { code: 'PHONE_INVALID', message: expect.stringMatching(/手机号/) } });
    const person = (proof: string, order: number) =>
      registration({ name: '钱七', credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, order) }, phone: { source: 'wechat', proof } });
    const someoneElses = await verifiedPhone(emu, 'openid-someone-else', '13900003333');
    expect(await me.call('volunteer', 'register', person(someoneElses, 107))).toEqual({
      ok: false,
      error: { code: 'PHONE_INVALID', message: expect.stringMatching(/无效/) },
    });
    expect(await me.call('volunteer', 'register', person('ZYP1.forged', 107))).toMatchObject({ ok: false, error: { code: 'PHONE_INVALID' } });
    expect(await counts(emu)).toEqual(before);
    // `fake:<11 digits>` codes work without set-up (DevTools sessions against the emulator).
    const fake = await me.call('volunteer', 'verifyPhone', { code: 'fake:13700002222' });
    expect(fake).toMatchObject({ ok: true, data: { phoneMasked: '137****2222' } });
    if (!fake.ok) return;
    expect((await me.call('volunteer', 'register', person(fake.data.proof, 107))).ok).toBe(true);
  });

  test('a passport: birth date and gender are asked for, and required', async () => {
    const passport = { type: 'PASSPORT' as const, number: 'e12345678' };
    const missing = await caller(emu, 'openid-passport').call('volunteer', 'register', registration({ name: 'John Smith', credential: passport }));
    expect(missing).toEqual({ ok: false, error: { code: 'BIRTH_INFO_REQUIRED', message: expect.stringMatching(/出生日期/) } });
    const res = await caller(emu, 'openid-passport').call(
      'volunteer',
      'register',
      registration({ name: 'John Smith', credential: passport, birthDate: '1985-06-30', gender: 'male' }),
    );
    expect(res).toEqual({ ok: true, data: expect.objectContaining({ ageBand: 'adult' }) });
    if (!res.ok) return;
    const doc = (await docById(emu, 'volunteers', res.data.volunteerId)) as unknown as VolunteerDoc;
    expect(doc).toMatchObject({ credential: { type: 'PASSPORT' } });
    // Asked for, so kept, and kept encrypted like everything read from a number.
    expect(openBirth(doc, ringOf(emu))).toEqual({ birthDate: '1985-06-30', gender: 'male' });
    expect(JSON.stringify(doc)).not.toMatch(/1985|E\*+8/);
    expect(JSON.stringify(doc)).not.toContain('E12345678');
  });

  test('a minor of 16 with a guardian: the guardian consent is recorded with the registration', async () => {
    const guardian = guardianFor(33);
    const res = await caller(emu, 'openid-minor').call(
      'volunteer',
      'register',
      registration({ name: '孙小美', credential: { type: 'CN_ID', number: idNumber(MINOR_BIRTH_YEAR, 202) }, guardian }),
    );
    expect(res).toEqual({ ok: true, data: expect.objectContaining({ ageBand: 'minor' }) });
    if (!res.ok) return;
    const doc = (await docById(emu, 'volunteers', res.data.volunteerId)) as unknown as VolunteerDoc;
    expect(doc.guardian).toMatchObject({ name: '李监护', relation: 'mother', credential: { type: 'CN_ID' }, consentedAt: expect.any(Date) });
    expect(decryptField(doc.guardian!.credential.cipher, ringOf(emu), CIPHER_PURPOSE.guardianCredential)).toBe(guardian.credential.number);
    expect(JSON.stringify(doc)).not.toContain(guardian.credential.number);
    expect(doc.consents.map((c) => c.kind)).toEqual(['privacy', 'guardian']);
    expect(openBirth(doc, ringOf(emu)).birthDate).toBe(`${MINOR_BIRTH_YEAR}-01-01`);
  });

  test('extra fields are kept, encrypted, only with their own consent', async () => {
    const extra = { emergencyContact: { name: '周紧急', phone: '13600003333' }, introduction: '喜欢和老人聊天' };
    const refused = await caller(emu, 'openid-extra').call(
      'volunteer',
      'register',
      registration({ name: '吴九', credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, 109) }, extra }),
    );
    expect(refused).toEqual({ ok: false, error: { code: 'CONSENT_REQUIRED', message: expect.stringMatching(/同意/), field: 'extra' } });
    const res = await caller(emu, 'openid-extra').call(
      'volunteer',
      'register',
      registration({
        name: '吴九',
        credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, 109) },
        extra,
        consents: registration().consents && { ...registration().consents, extraFields: true },
      }),
    );
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const doc = (await docById(emu, 'volunteers', res.data.volunteerId)) as unknown as VolunteerDoc;
    expect(doc.extra).toBeDefined();
    expect(JSON.stringify(doc)).not.toContain('13600003333');
    expect(JSON.stringify(doc)).not.toContain('周紧急');
    expect(doc.consents.map((c) => c.kind)).toEqual(['privacy', 'extraFields']);
  });
});

describe('refusals: a Chinese message, and nothing written', () => {
  // [code, what is wrong, the request field the error names when the code alone does not say]
  const refusals: Array<[string, Partial<RegisterRequest>, string?]> = [
    ['NAME_INVALID', { name: '张3' }],
    ['CREDENTIAL_INVALID', { credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, 301).slice(0, 17) + 'Y' } }],
    ['CREDENTIAL_INVALID', { credential: { type: 'CN_ID', number: '350102199002301234' } }],
    ['BIRTH_INFO_REQUIRED', { credential: { type: 'TW_PERMIT', number: '12345678' } }],
    ['PHONE_INVALID', { phone: { source: 'typed', number: '1381234567' } }],
    ['REGION_INVALID', { regionCode: '990102' }],
    ['SKILL_INVALID', { skills: ['juggling'] }],
    ['INTENTION_INVALID', { intentions: [] }],
    ['AVAILABILITY_INVALID', { availability: [{ weekday: 8 as 1, times: ['morning'] }] }],
    ['CONSENT_REQUIRED', { consents: { privacyVersion: '2020-01-01' } }],
    ['TOO_YOUNG', { credential: { type: 'CN_ID', number: idNumber(CHILD_BIRTH_YEAR, 302) }, guardian: guardianFor(35) }],
    ['GUARDIAN_CONSENT_REQUIRED', { credential: { type: 'CN_ID', number: idNumber(MINOR_BIRTH_YEAR, 304) } }],
    [
      'GUARDIAN_INVALID',
      { credential: { type: 'CN_ID', number: idNumber(MINOR_BIRTH_YEAR, 306) }, guardian: { ...guardianFor(), credential: { type: 'CN_ID', number: idNumber(MINOR_BIRTH_YEAR - 1, 37) } } },
      'guardian.credential',
    ],
    [
      'NAME_INVALID',
      { consents: { privacyVersion: PRIVACY_TERMS_VERSION, extraFields: true }, extra: { emergencyContact: { name: '周3', phone: '13600003333' } } },
      'extra.emergencyContact.name',
    ],
    [
      'PHONE_INVALID',
      { consents: { privacyVersion: PRIVACY_TERMS_VERSION, extraFields: true }, extra: { emergencyContact: { name: '周紧急', phone: '1360000' } } },
      'extra.emergencyContact.phone',
    ],
  ];

  // Every row gets all three values: jest would take a missing last argument for a `done` callback.
  test.each(refusals.map(([code, overrides, field]) => [code, overrides, field ?? ''] as const))('%s %j', async (code, overrides, field) => {
    const before = await counts(emu);
    const res = await caller(emu, `openid-refused-${code}`).call('volunteer', 'register', registration({ credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, 399) }, ...overrides }));
    expect(res).toEqual({ ok: false, error: { code, message: expect.stringMatching(/[\u4e00-\u9fff]/), ...(field ? { field } : {}) } });
    expect(await counts(emu)).toEqual(before);
  });

  test('a payload that does not match the contract is BAD_REQUEST', async () => {
    const before = await counts(emu);
    const res = await caller(emu, 'openid-bad').raw('volunteer', { action: 'register', ...registration(), openid: 'someone-else' });
    expect(res.body).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringMatching(/请求内容不正确/) } });
    expect(await counts(emu)).toEqual(before);
  });

  test('under 14 is allowed with a guardian where the region lowers the minimum age (ZY_MIN_AGE)', async () => {
    const lowered = await startTestEmulator({ functionEnv: { ZY_MIN_AGE: '10' } });
    try {
      const child = registration({ name: '小明', credential: { type: 'CN_ID', number: idNumber(CHILD_BIRTH_YEAR, 311) } });
      const without = await caller(lowered, 'openid-child').call('volunteer', 'register', child);
      expect(without).toEqual({ ok: false, error: { code: 'GUARDIAN_CONSENT_REQUIRED', message: expect.any(String) } });
      const res = await caller(lowered, 'openid-child').call('volunteer', 'register', { ...child, guardian: guardianFor(39) });
      expect(res).toEqual({ ok: true, data: expect.objectContaining({ ageBand: 'child' }) });
    } finally {
      await lowered.stop();
    }
  });
});

describe('one person, one registration', () => {
  test('the same credential from another account is CREDENTIAL_TAKEN, pointing to account recovery', async () => {
    const number = idNumber(ADULT_BIRTH_YEAR, 401);
    expect((await caller(emu, 'openid-first').call('volunteer', 'register', registration({ credential: { type: 'CN_ID', number } }))).ok).toBe(true);
    const before = await counts(emu);
    // Typed differently (lower-case x, spaces) is still the same credential.
    const second = await caller(emu, 'openid-second').call('volunteer', 'register', registration({ name: '张三', credential: { type: 'CN_ID', number: ` ${number.slice(0, 9)} ${number.slice(9).toLowerCase()}` } }));
    expect(second).toEqual({ ok: false, error: { code: 'CREDENTIAL_TAKEN', message: '该证件已注册。如果这是你的证件，请通过“申诉找回”找回志愿者档案' } });
    expect(await counts(emu)).toEqual(before);
  });

  test('registering twice from the same account is ALREADY_REGISTERED', async () => {
    const me = caller(emu, 'openid-twice');
    expect((await me.call('volunteer', 'register', registration({ credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, 403) } }))).ok).toBe(true);
    const before = await counts(emu);
    const again = await me.call('volunteer', 'register', registration({ credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, 405) } }));
    expect(again).toEqual({ ok: false, error: { code: 'ALREADY_REGISTERED', message: expect.stringMatching(/已完成/) } });
    expect(await counts(emu)).toEqual(before);
  });

  test('10 accounts registering one credential at the same moment: exactly one volunteer, one number taken', async () => {
    const number = idNumber(ADULT_BIRTH_YEAR, 501, '350203');
    const request = registration({ credential: { type: 'CN_ID', number }, regionCode: '350203', regionNames: ['福建省', '厦门市', '思明区'] });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => caller(emu, `openid-race-${i}`).call('volunteer', 'register', request)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) {
      expect(r).toEqual({ ok: false, error: { code: 'CREDENTIAL_TAKEN', message: '该证件已注册。如果这是你的证件，请通过“申诉找回”找回志愿者档案' } });
    }
    const volunteers = (await allDocs(emu, 'volunteers')).filter((v) => v.regionCode === '350203');
    expect(volunteers).toHaveLength(1);
    expect(await docById(emu, 'counters', `volunteerNo:350203:${yy}`)).toMatchObject({ value: 1 });
    const linked = (await allDocs(emu, 'users')).filter((u) => String(u.openid).startsWith('openid-race-') && u.volunteerId);
    expect(linked).toHaveLength(1);
  });

  test('the same account registering twice at the same moment: one volunteer', async () => {
    const me = caller(emu, 'openid-double-tap');
    const results = await Promise.all([
      me.call('volunteer', 'register', registration({ credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, 601) } })),
      me.call('volunteer', 'register', registration({ credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, 603) } })),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, error: { code: 'ALREADY_REGISTERED', message: expect.any(String) } });
    expect((await allDocs(emu, 'volunteers')).filter((v) => v.userId === userIdOf('openid-double-tap'))).toHaveLength(1);
  });

  test('20 different people at once in one region-year: unique, sequential numbers', async () => {
    const regionCode = '350583';
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        caller(emu, `openid-crowd-${i}`).call(
          'volunteer',
          'register',
          registration({ credential: { type: 'CN_ID', number: idNumber(1970 + i, 701 + 2 * i) }, regionCode, regionNames: ['福建省', '泉州市', '南安市'] }),
        ),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const sequences = results.map((r) => (r.ok ? validateVolunteerNo(r.data.volunteerNo) : null)).map((p) => (p?.ok ? p.value.sequence : 0));
    expect([...sequences].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await docById(emu, 'counters', `volunteerNo:${regionCode}:${yy}`)).toMatchObject({ value: 20 });
  });
});
