// "My data" through the emulator: view, change, re-verify, withdraw a consent, export, delete (RULES §8; PIPL
// Arts 44–47).
import type { Emulator } from '../../emulator/src/server';
import { caller, serverSdk, startTestEmulator } from '../../emulator/test/support';
import { shanghaiDateTime } from '../../miniprogram/domain/calendar';
import { PRIVACY_TERMS_VERSION } from '../../miniprogram/domain/codes';
import { maskCredential } from '../_shared/rules/mask';
import { decryptField } from '../_shared/security/crypto';
import { userIdOf } from '../_shared/documents/ids';
import { CIPHER_PURPOSE, credentialHashOf, type VolunteerDoc } from '../_shared/documents/volunteer';
import {
  ADULT_BIRTH_YEAR,
  COLLECTIONS,
  MINOR_BIRTH_YEAR,
  allDocs,
  arrangeOrganization,
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

const withExtra = { consents: { privacyVersion: PRIVACY_TERMS_VERSION, extraFields: true } };
const EXTRA = { emergencyContact: { name: '周紧急', phone: '13600003333' }, introduction: '周末有空' };

async function register(openid: string, overrides: Parameters<typeof registration>[0]) {
  const res = await caller(emu, openid).call('volunteer', 'register', registration(overrides));
  if (!res.ok) throw new Error(`arrange: ${res.error.code} ${res.error.message}`);
  return res.data;
}

async function volunteerDoc(id: string): Promise<VolunteerDoc> {
  return (await docById(emu, 'volunteers', id)) as unknown as VolunteerDoc;
}

async function notify(id: string, recipientUserId: string, title: string, body: string) {
  await serverSdk(emu)
    .database()
    .collection('notifications')
    .add({
      data: { _id: id, kind: 'join_request', recipientUserId, title, body, createdAt: new Date(), readAt: null, delivery: { state: 'pending', attempts: 0, nextAttemptAt: new Date() } },
    });
}

describe('profile and updateProfile', () => {
  const openid = 'openid-profile';
  const number = idNumber(ADULT_BIRTH_YEAR, 21);
  let volunteerId = '';

  beforeAll(async () => {
    ({ volunteerId } = await register(openid, { name: '刘备', credential: { type: 'CN_ID', number }, extra: EXTRA, ...withExtra }));
    await arrangeOrganization(emu, 'org-shu', '蜀汉志愿队', { members: [userIdOf(openid)] });
  });

  test('the owner sees their profile: masked numbers, extra fields decrypted, their organizations', async () => {
    const res = await caller(emu, openid).call('volunteer', 'profile', {});
    expect(res).toEqual({
      ok: true,
      data: expect.objectContaining({
        volunteerId,
        name: '刘备',
        credential: { type: 'CN_ID', masked: maskCredential(number) },
        gender: 'male',
        birthDate: `${ADULT_BIRTH_YEAR}-01-01`,
        ageBand: 'adult',
        phone: { masked: '138****5678', verified: false },
        extra: EXTRA,
        consents: [
          { kind: 'privacy', version: PRIVACY_TERMS_VERSION, grantedAt: expect.any(String) },
          { kind: 'extraFields', version: PRIVACY_TERMS_VERSION, grantedAt: expect.any(String) },
        ],
        organizations: [{ orgId: 'org-shu', name: '蜀汉志愿队', role: 'member' }],
      }),
    });
    expect(JSON.stringify(res)).not.toContain(number);
    expect(JSON.stringify(res)).not.toContain('13812345678');
  });

  test('only the fields sent change; a new phone is re-established by the registration rules', async () => {
    const proof = await verifiedPhone(emu, openid, '13911112222');
    const res = await caller(emu, openid).call('volunteer', 'updateProfile', {
      phone: { source: 'wechat', proof },
      intentions: ['education', 'education', 'health'],
    });
    expect(res).toEqual({
      ok: true,
      data: expect.objectContaining({ phone: { masked: '139****2222', verified: true }, intentions: ['education', 'health'], skills: ['first_aid'], regionCode: '350102' }),
    });
    const doc = await volunteerDoc(volunteerId);
    expect(decryptField(doc.phone.cipher, ringOf(emu), CIPHER_PURPOSE.phone)).toBe('13911112222');
    expect(JSON.stringify(doc)).not.toContain('13911112222');

    const typed = await caller(emu, openid).call('volunteer', 'updateProfile', { phone: { source: 'typed', number: '137-0000-4444' }, regionCode: '350203', regionNames: ['福建省', '厦门市', '思明区'] });
    expect(typed.ok && typed.data).toMatchObject({ phone: { masked: '137****4444', verified: false }, regionCode: '350203', regionNames: ['福建省', '厦门市', '思明区'] });
  });

  test('a refused change says why and changes nothing', async () => {
    const before = await volunteerDoc(volunteerId);
    const me = caller(emu, openid);
    const cases: Array<[object, string]> = [
      [{ phone: { source: 'wechat', proof: 'no-such-proof' } }, 'PHONE_INVALID'],
      [{ phone: { source: 'wechat', proof: await verifiedPhone(emu, 'openid-someone-else', '13911113333') } }, 'PHONE_INVALID'],
      [{ phone: { source: 'typed', number: '12345' } }, 'PHONE_INVALID'],
      [{ regionCode: '350102' }, 'REGION_INVALID'],
      [{ regionCode: '999999', regionNames: ['某地'] }, 'REGION_INVALID'],
      [{ skills: ['juggling'], intentions: ['community'] }, 'SKILL_INVALID'],
      [{ intentions: ['bogus'] }, 'INTENTION_INVALID'],
      [{ availability: [{ weekday: 1, times: [] }] }, 'AVAILABILITY_INVALID'],
    ];
    for (const [request, code] of cases) {
      const res = await me.call('volunteer', 'updateProfile', request);
      expect(res).toEqual({ ok: false, error: { code, message: expect.stringMatching(/[\u4e00-\u9fff]/) } });
    }
    // The emergency contact's name is refused as registration refuses it: NAME_INVALID, the field saying whose.
    const contactName = await me.call('volunteer', 'updateProfile', { extra: { emergencyContact: { name: '曹', phone: '13900001111' } } });
    expect(contactName).toEqual({ ok: false, error: { code: 'NAME_INVALID', message: expect.stringMatching(/紧急联系人姓名/), field: 'extra.emergencyContact.name' } });
    // Name and credential are not among the fields updateProfile takes.
    const name = await me.raw('volunteer', { action: 'updateProfile', name: '曹操' });
    expect(name.body.error.code).toBe('BAD_REQUEST');
    expect(await volunteerDoc(volunteerId)).toEqual(before);
  });
});

describe('changeIdentity: a re-verification', () => {
  test('new name and credential: same checks as registration, the number stays, the old credential is free again', async () => {
    const oldNumber = idNumber(ADULT_BIRTH_YEAR, 41);
    const newNumber = idNumber(ADULT_BIRTH_YEAR + 1, 42);
    const { volunteerId, volunteerNo } = await register('openid-rename', { name: '关羽', credential: { type: 'CN_ID', number: oldNumber } });
    const me = caller(emu, 'openid-rename');

    const wrongCheckChar = newNumber.slice(0, 17) + (newNumber[17] === '0' ? '1' : '0');
    expect(await me.call('volunteer', 'changeIdentity', { name: '关云长', credential: { type: 'CN_ID', number: wrongCheckChar } })).toEqual({
      ok: false,
      error: { code: 'CREDENTIAL_INVALID', message: expect.stringMatching(/校验位/) },
    });
    expect(await me.call('volunteer', 'changeIdentity', { name: '关云长', credential: { type: 'CN_ID', number: idNumber(MINOR_BIRTH_YEAR, 44) } })).toEqual({
      ok: false,
      error: { code: 'GUARDIAN_CONSENT_REQUIRED', message: expect.any(String) },
    });

    const res = await me.call('volunteer', 'changeIdentity', { name: '关云长', credential: { type: 'CN_ID', number: newNumber.toLowerCase() } });
    expect(res).toEqual({
      ok: true,
      data: expect.objectContaining({ volunteerId, volunteerNo, name: '关云长', credential: { type: 'CN_ID', masked: maskCredential(newNumber) }, birthDate: `${ADULT_BIRTH_YEAR + 1}-01-01`, gender: 'female' }),
    });
    const doc = await volunteerDoc(volunteerId);
    expect(decryptField(doc.credential.cipher, ringOf(emu), CIPHER_PURPOSE.credential)).toBe(newNumber);
    expect(JSON.stringify(doc)).not.toContain(newNumber);

    // The old credential is no longer held: its owner can register it.
    expect((await caller(emu, 'openid-old-credential').call('volunteer', 'register', registration({ name: '关羽', credential: { type: 'CN_ID', number: oldNumber } }))).ok).toBe(true);
  });

  test('a credential another volunteer holds is CREDENTIAL_TAKEN, and nothing changes', async () => {
    const taken = idNumber(ADULT_BIRTH_YEAR, 51);
    await register('openid-holder', { name: '张飞', credential: { type: 'CN_ID', number: taken } });
    const { volunteerId } = await register('openid-usurper', { name: '吕布', credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, 53) } });
    const before = await volunteerDoc(volunteerId);
    const res = await caller(emu, 'openid-usurper').call('volunteer', 'changeIdentity', { name: '张飞', credential: { type: 'CN_ID', number: taken } });
    expect(res).toEqual({ ok: false, error: { code: 'CREDENTIAL_TAKEN', message: '该证件已注册。如果这是你的证件，请通过“申诉找回”找回志愿者档案' } });
    expect(await volunteerDoc(volunteerId)).toEqual(before);
  });

  test('two re-verifications and a registration racing for one free credential: exactly one holder', async () => {
    const contested = idNumber(ADULT_BIRTH_YEAR, 67);
    const first = await register('openid-race-change-1', { name: '黄忠', credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, 63) } });
    const second = await register('openid-race-change-2', { name: '魏延', credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, 65) } });
    const results = await Promise.all([
      caller(emu, 'openid-race-change-1').call('volunteer', 'changeIdentity', { name: '赵云', credential: { type: 'CN_ID', number: contested } }),
      caller(emu, 'openid-race-change-2').call('volunteer', 'changeIdentity', { name: '赵云', credential: { type: 'CN_ID', number: contested } }),
      caller(emu, 'openid-race-register').call('volunteer', 'register', registration({ name: '赵云', credential: { type: 'CN_ID', number: contested } })),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) {
      expect(r).toEqual({ ok: false, error: { code: 'CREDENTIAL_TAKEN', message: '该证件已注册。如果这是你的证件，请通过“申诉找回”找回志愿者档案' } });
    }
    const hash = credentialHashOf('CN_ID', contested, ringOf(emu));
    const holders = (await allDocs(emu, 'volunteers')).filter((v) => v.credentialHash === hash);
    expect(holders).toHaveLength(1);
    // The credential's document names the one holder; the losers keep their own credentials.
    expect(await docById(emu, 'credentials', hash)).toMatchObject({ volunteerId: holders[0]._id });
    for (const loser of [first, second].filter((v) => v.volunteerId !== holders[0]._id)) {
      const doc = await volunteerDoc(loser.volunteerId);
      expect(await docById(emu, 'credentials', doc.credentialHash)).toMatchObject({ volunteerId: loser.volunteerId });
    }
  });

  test('a minor re-verifies with a guardian; an adult’s guardian is not kept', async () => {
    const { volunteerId } = await register('openid-young', {
      name: '马超',
      credential: { type: 'CN_ID', number: idNumber(MINOR_BIRTH_YEAR, 62) },
      guardian: guardianFor(63),
    });
    const res = await caller(emu, 'openid-young').call('volunteer', 'changeIdentity', { name: '马孟起', credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, 61) } });
    expect(res.ok && res.data.guardian).toBeUndefined();
    expect((await volunteerDoc(volunteerId)).guardian).toBeUndefined();
  });
});

describe('withdrawConsent', () => {
  test('withdrawing the extraFields consent removes the extra fields in the same write', async () => {
    const { volunteerId } = await register('openid-withdraw', { name: '黄忠', credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, 71) }, extra: EXTRA, ...withExtra });
    const me = caller(emu, 'openid-withdraw');
    const res = await me.call('volunteer', 'withdrawConsent', { kind: 'extraFields' });
    expect(res).toEqual({
      ok: true,
      data: {
        consents: [
          { kind: 'privacy', version: PRIVACY_TERMS_VERSION, grantedAt: expect.any(String) },
          { kind: 'extraFields', version: PRIVACY_TERMS_VERSION, grantedAt: expect.any(String), withdrawnAt: expect.any(String) },
        ],
      },
    });
    const doc = await volunteerDoc(volunteerId);
    expect(doc.extra).toBeUndefined();
    expect(doc.consents[1].withdrawnAt).toBeInstanceOf(Date);
    const profile = await me.call('volunteer', 'profile', {});
    expect(profile.ok && profile.data.extra).toBeUndefined();

    expect(await me.call('volunteer', 'withdrawConsent', { kind: 'extraFields' })).toEqual({ ok: false, error: { code: 'CONSENT_NOT_GIVEN', message: expect.any(String) } });
    expect(await me.call('volunteer', 'updateProfile', { extra: { introduction: '还想写点什么' } })).toEqual({
      ok: false,
      error: { code: 'CONSENT_REQUIRED', message: expect.stringMatching(/同意/), field: 'extra' },
    });
  });

  test('a consent never given cannot be withdrawn', async () => {
    await register('openid-no-extra', { name: '魏延', credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, 73) } });
    expect(await caller(emu, 'openid-no-extra').call('volunteer', 'withdrawConsent', { kind: 'extraFields' })).toEqual({
      ok: false,
      error: { code: 'CONSENT_NOT_GIVEN', message: expect.any(String) },
    });
  });
});

describe('giveConsent', () => {
  const give = { kind: 'extraFields', version: PRIVACY_TERMS_VERSION } as const;

  test('consent given after registration is recorded like at registration, and lets the extra fields be saved', async () => {
    const { volunteerId } = await register('openid-give-later', { name: '赵云', credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, 75) } });
    const me = caller(emu, 'openid-give-later');
    expect(await me.call('volunteer', 'updateProfile', { extra: EXTRA })).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED' } });

    const before = Date.now();
    const res = await me.call('volunteer', 'giveConsent', give);
    expect(res).toEqual({
      ok: true,
      data: {
        consents: [
          { kind: 'privacy', version: PRIVACY_TERMS_VERSION, grantedAt: expect.any(String) },
          { kind: 'extraFields', version: PRIVACY_TERMS_VERSION, grantedAt: expect.any(String) },
        ],
      },
    });
    const doc = await volunteerDoc(volunteerId);
    expect(doc.consents[1]).toEqual({ kind: 'extraFields', version: PRIVACY_TERMS_VERSION, grantedAt: expect.any(Date) });
    expect(doc.consents[1]!.grantedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);

    const saved = await me.call('volunteer', 'updateProfile', { extra: EXTRA });
    expect(saved.ok && saved.data.extra).toEqual(EXTRA);
  });

  test('given twice, one record; withdrawn, then given again, a new record after the withdrawn one', async () => {
    const { volunteerId } = await register('openid-give-again', { name: '马超', credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, 77) }, extra: EXTRA, ...withExtra });
    const me = caller(emu, 'openid-give-again');
    const again = await me.call('volunteer', 'giveConsent', give);
    expect(again.ok && again.data.consents.filter((c) => c.kind === 'extraFields')).toHaveLength(1);
    expect((await volunteerDoc(volunteerId)).extra).toBeDefined(); // nothing was rewritten

    await me.call('volunteer', 'withdrawConsent', { kind: 'extraFields' });
    const regiven = await me.call('volunteer', 'giveConsent', give);
    expect(regiven.ok && regiven.data.consents.map((c) => [c.kind, c.withdrawnAt === undefined])).toEqual([
      ['privacy', true],
      ['extraFields', false],
      ['extraFields', true],
    ]);
    const doc = await volunteerDoc(volunteerId);
    expect(doc.extra).toBeUndefined(); // withdrawing deleted them; consenting again does not bring them back
    const profile = await me.call('volunteer', 'profile', {});
    expect(profile.ok && profile.data.consents.at(-1)).toEqual({ kind: 'extraFields', version: PRIVACY_TERMS_VERSION, grantedAt: expect.any(String) });
  });

  test('two consents at once leave one record', async () => {
    const { volunteerId } = await register('openid-give-race', { name: '姜维', credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, 79) } });
    const me = caller(emu, 'openid-give-race');
    const answers = await Promise.all([me.call('volunteer', 'giveConsent', give), me.call('volunteer', 'giveConsent', give), me.call('volunteer', 'giveConsent', give)]);
    for (const a of answers) expect(a.ok || ['CONFLICT', 'BUSY'].includes(a.error.code)).toBe(true);
    expect((await volunteerDoc(volunteerId)).consents.filter((c) => c.kind === 'extraFields')).toHaveLength(1);
  });

  test('an older version of the terms, another kind, or no registration is refused in Chinese', async () => {
    await register('openid-give-old', { name: '庞统', credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, 83) } });
    const me = caller(emu, 'openid-give-old');
    expect(await me.call('volunteer', 'giveConsent', { kind: 'extraFields', version: '2020-01-01' })).toEqual({
      ok: false,
      error: { code: 'TERMS_OUTDATED', message: '同意内容已经更新，请返回后重新阅读再同意' },
    });
    expect((await me.raw('volunteer', { action: 'giveConsent', kind: 'privacy', version: PRIVACY_TERMS_VERSION })).body).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: '授权项目填写不正确', field: 'kind' },
    });
    expect(await caller(emu, 'openid-give-nobody').call('volunteer', 'giveConsent', give)).toEqual({
      ok: false,
      error: { code: 'NOT_REGISTERED', message: expect.stringMatching(/注册/) },
    });
  });
});

describe('export and deletion', () => {
  // Two people in one organization: 诸葛亮 (who registered it, admin) and 司马懿 (a member).
  const kongming = { openid: 'openid-kongming', name: '诸葛亮', number: idNumber(1981, 81, '430102'), phone: '13512340001' };
  const zhongda = { openid: 'openid-zhongda', name: '司马懿', number: idNumber(1979, 83, '410102'), phone: '13512340002' };
  let kongmingNo = '';
  let zhongdaNo = '';
  let kongmingVolunteerId = '';

  beforeAll(async () => {
    const a = await register(kongming.openid, {
      name: kongming.name,
      credential: { type: 'CN_ID', number: kongming.number },
      phone: { source: 'wechat', proof: await verifiedPhone(emu, kongming.openid, kongming.phone) },
      extra: { emergencyContact: { name: '诸葛均', phone: '13512349999' }, introduction: '擅长排兵布阵' },
      ...withExtra,
    });
    kongmingNo = a.volunteerNo;
    kongmingVolunteerId = a.volunteerId;
    zhongdaNo = (await register(zhongda.openid, { name: zhongda.name, credential: { type: 'CN_ID', number: zhongda.number }, phone: { source: 'typed', number: zhongda.phone } })).volunteerNo;
    const kongmingUser = userIdOf(kongming.openid);
    const zhongdaUser = userIdOf(zhongda.openid);
    await arrangeOrganization(emu, 'org-wolong', '卧龙岗志愿服务队', { admins: [kongmingUser], members: [zhongdaUser], createdBy: kongmingUser });
    await notify('n-kongming-1', kongmingUser, '新的入队申请', '有人申请加入卧龙岗志愿服务队');
    await notify('n-zhongda-1', zhongdaUser, '入队申请已通过', '司马懿的私人消息');
  });

  test('the export holds everything about the caller, decrypted for them, and nothing about anyone else', async () => {
    const res = await caller(emu, kongming.openid).call('volunteer', 'exportMine', {});
    expect(res).toEqual({
      ok: true,
      data: { fileID: expect.stringMatching(/^cloud:\/\/.+\/exports\/u_[0-9a-f]{24}\/\d{8}T\d{9}Z\.json$/), url: expect.any(String), validUntil: expect.any(String), bytes: expect.any(Number) },
    });
    if (!res.ok) return;
    expect(res.data.fileID).toContain(userIdOf(kongming.openid));
    const download = await fetch(res.data.url);
    expect(download.status).toBe(200);
    const text = await download.text();
    expect(Buffer.byteLength(text)).toBe(res.data.bytes);
    const file = JSON.parse(text);

    expect(file).toMatchObject({
      format: 'zhiyuan-plus/my-data',
      account: { userId: userIdOf(kongming.openid), openid: kongming.openid },
      volunteer: {
        volunteerId: kongmingVolunteerId,
        volunteerNo: kongmingNo,
        name: kongming.name,
        credential: { type: 'CN_ID', number: kongming.number },
        phone: { number: kongming.phone, verified: true },
        extra: { emergencyContact: { name: '诸葛均', phone: '13512349999' }, introduction: '擅长排兵布阵' },
        consents: [{ kind: 'privacy' }, { kind: 'extraFields' }],
      },
      memberships: [{ orgId: 'org-wolong', organizationName: '卧龙岗志愿服务队', role: 'admin', status: 'active' }],
      notifications: [{ title: '新的入队申请' }],
      organizationsCreated: [{ _id: 'org-wolong', name: '卧龙岗志愿服务队' }],
    });
    expect(file.notifications).toHaveLength(1);

    // The part a person reads comes first: Chinese labels, values in words, Beijing time.
    const keys = Object.keys(file);
    expect(keys.slice(0, keys.indexOf('format'))).toEqual(['说明', '个人资料', '授权同意', '账号', '所在组织', '我创建的组织', '消息']);
    expect(file.version).toBe(2);
    const beijing = (isoText: string) => shanghaiDateTime(isoText);
    expect(file['说明']).toContain('北京时间');
    expect(file['个人资料']).toEqual({
      姓名: '诸葛亮',
      志愿者编号: kongmingNo,
      证件类型: '居民身份证',
      证件号码: kongming.number,
      性别: '男',
      出生日期: '1981-01-01',
      手机号: `${kongming.phone}（已验证）`,
      居住地区: '福建省 福州市 鼓楼区',
      技能特长: '急救（持证）、剪辑',
      服务意向: '社区服务',
      可服务时间: '周六上午',
      紧急联系人: '诸葛均 13512349999',
      个人介绍: '擅长排兵布阵',
      注册时间: beijing(file.volunteer.registeredAt),
    });
    expect(file['个人资料']['注册时间']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(file['授权同意']).toEqual([
      { 事项: '隐私保护指引', 版本: PRIVACY_TERMS_VERSION, 同意时间: beijing(file.volunteer.consents[0].grantedAt), 撤回时间: '未撤回' },
      { 事项: '补充信息（紧急联系人、个人介绍）', 版本: PRIVACY_TERMS_VERSION, 同意时间: beijing(file.volunteer.consents[1].grantedAt), 撤回时间: '未撤回' },
    ]);
    expect(file['账号']).toEqual({ 用户编号: userIdOf(kongming.openid), 微信OpenID: kongming.openid, 首次使用时间: beijing(file.account.createdAt), 尚未过期的导出: '0 份' });
    expect(file['所在组织']).toEqual([{ 组织: '卧龙岗志愿服务队', 身份: '管理员', 状态: '已加入', 申请时间: expect.any(String), 加入时间: expect.any(String) }]);
    expect(file['消息']).toEqual([{ 标题: '新的入队申请', 内容: '有人申请加入卧龙岗志愿服务队', 时间: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/), 已读: '未读' }]);
    const readable = JSON.stringify(keys.slice(0, keys.indexOf('format')).map((k) => file[k]));
    for (const code of ['CN_ID', 'male', 'active', 'admin', 'community', 'privacy', 'extraFields']) expect(readable).not.toContain(`"${code}"`);
    expect(readable).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/); // no ISO instants: Beijing time in words

    for (const other of [zhongda.name, zhongda.number, zhongda.phone, zhongdaNo, userIdOf(zhongda.openid), '司马懿的私人消息']) {
      expect(text).not.toContain(other);
    }
  });

  test('deletion needs the confirming word: any other confirmation answers the one message asking for it', async () => {
    const answers = [];
    for (const confirm of ['删除', 7, undefined, '']) {
      answers.push((await caller(emu, kongming.openid).raw('volunteer', { action: 'deleteAccount', confirm })).body);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: '请输入“注销”两个字确认注销账号', field: 'confirm' } });
    expect((await volunteerDoc(kongmingVolunteerId)).status).toBe('active');
  });

  test('deletion leaves no personal data anywhere, keeps the number for records, and allows registering again', async () => {
    const exported = await caller(emu, kongming.openid).call('volunteer', 'exportMine', {});
    if (!exported.ok) throw new Error('export');
    // The only admin of a live organization hands it over or dissolves it first; the refusal removes nothing.
    expect(await caller(emu, kongming.openid).call('volunteer', 'deleteAccount', { confirm: '注销' })).toMatchObject({ ok: false, error: { code: 'LAST_ADMIN' } });
    expect((await volunteerDoc(kongmingVolunteerId)).status).toBe('active');
    expect(await caller(emu, kongming.openid).call('organization', 'dissolve', { orgId: 'org-wolong' })).toMatchObject({ ok: true });
    const res = await caller(emu, kongming.openid).call('volunteer', 'deleteAccount', { confirm: '注销' });
    expect(res).toEqual({ ok: true, data: { deletedAt: expect.any(String) } });

    const traces = [
      kongming.name,
      kongming.number,
      kongming.number.toLowerCase(),
      maskCredential(kongming.number),
      kongming.phone,
      '135****0001',
      '诸葛均',
      '13512349999',
      '擅长排兵布阵',
      kongming.openid,
      userIdOf(kongming.openid),
      // The credential's look-up hash: its `credentials` document is gone, so the credential can register again.
      credentialHashOf('CN_ID', kongming.number, ringOf(emu)),
    ];
    for (const collection of COLLECTIONS) {
      for (const doc of await allDocs(emu, collection)) {
        const raw = JSON.stringify(doc);
        for (const trace of traces) {
          if (raw.includes(trace)) throw new Error(`${collection}/${String(doc._id)} still holds a personal trace`);
        }
      }
    }
    // What is left of the volunteer: the number (certificates stay verifiable as "account deleted") and no identity.
    const remainder = await volunteerDoc(kongmingVolunteerId);
    expect(Object.keys(remainder).sort()).toEqual(['_id', 'credentialHash', 'deletedAt', 'name', 'phoneHash', 'registeredAt', 'status', 'updatedAt', 'userId', 'volunteerNo']);
    expect(remainder).toMatchObject({ status: 'deleted', name: '已注销', volunteerNo: kongmingNo, userId: `deleted:${kongmingVolunteerId}` });
    // The exported files are gone too.
    expect((await fetch(exported.data.url)).status).not.toBe(200);
    // The other member is untouched.
    expect((await caller(emu, zhongda.openid).call('volunteer', 'profile', {})).ok).toBe(true);
    expect(await caller(emu, kongming.openid).call('volunteer', 'profile', {})).toEqual({ ok: false, error: { code: 'NOT_REGISTERED', message: expect.any(String) } });
    expect(await caller(emu, kongming.openid).call('volunteer', 'deleteAccount', { confirm: '注销' })).toEqual({ ok: false, error: { code: 'NOT_REGISTERED', message: expect.any(String) } });

    // The same person can register again, from this account or another.
    const again = await caller(emu, kongming.openid).call('volunteer', 'register', registration({ name: kongming.name, credential: { type: 'CN_ID', number: kongming.number } }));
    expect(again).toEqual({ ok: true, data: expect.objectContaining({ volunteerId: expect.not.stringMatching(kongmingVolunteerId) }) });
    if (again.ok) expect(again.data.volunteerNo).not.toBe(kongmingNo);
  });

  test('a minor’s deletion also removes the guardian’s data', async () => {
    const guardian = { ...guardianFor(), name: '孙尚香', credential: { type: 'CN_ID' as const, number: idNumber(1980, 93, '620102') } };
    const { volunteerId } = await register('openid-minor-delete', { name: '刘禅', credential: { type: 'CN_ID', number: idNumber(MINOR_BIRTH_YEAR, 92, '510104') }, guardian });
    expect((await caller(emu, 'openid-minor-delete').call('volunteer', 'deleteAccount', { confirm: '注销' })).ok).toBe(true);
    const traces = ['刘禅', '孙尚香', idNumber(MINOR_BIRTH_YEAR, 92, '510104'), guardian.credential.number, maskCredential(guardian.credential.number)];
    for (const collection of COLLECTIONS) {
      for (const doc of await allDocs(emu, collection)) {
        const raw = JSON.stringify(doc);
        for (const trace of traces) {
          if (raw.includes(trace)) throw new Error(`${collection}/${String(doc._id)} still holds a personal trace`);
        }
      }
    }
    expect((await volunteerDoc(volunteerId)).status).toBe('deleted');
  });
});
