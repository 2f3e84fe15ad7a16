// organization.register, get, mine and search through the emulator: the built function, the stock SDK, strict indexes.
import type { Emulator } from '../../emulator/src/server';
import { caller, startTestEmulator } from '../../emulator/test/support';
import { decryptField, keyRingFromEnv } from '../_shared/security/crypto';
import { CIPHER_PURPOSE } from '../_shared/documents/volunteer';
import type { OrganizationDoc } from '../_shared/documents/organization';
import {
  docs,
  freshUscc,
  functionEnv,
  organizationRequest,
  PLATFORM_ADMIN,
  registerOrganization,
  registerVolunteer,
  verifiedOrganization,
} from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

const orgsWithUscc = (uscc: string) => docs<OrganizationDoc>(emu, 'organizations', { usccKey: uscc });
const membershipsOf = (orgId: string) => docs(emu, 'memberships', { orgId });

describe('register', () => {
  test('a registered organization: pending, applicant becomes its active admin, phone encrypted and masked', async () => {
    const alice = await registerVolunteer(emu, 'openid-reg-alice', '陈爱丽');
    const uscc = freshUscc();
    const res = await alice.as.call('organization', 'register', organizationRequest({ uscc: uscc.toLowerCase(), contact: { name: '王五', phone: '139 0000 1111' } }));
    expect(res).toEqual({ ok: true, data: { orgId: expect.stringMatching(/^org_/), status: 'pending', similarNames: [] } });
    const orgId = res.ok ? res.data.orgId : '';

    const [org] = await orgsWithUscc(uscc);
    expect(org).toMatchObject({
      _id: orgId,
      status: 'pending',
      kind: 'registered',
      uscc,
      civilAffairsType: 'social_service',
      authority: '福州市鼓楼区民政局',
      regionPrefixes: ['35', '3501', '350102'],
      createdBy: alice.userId,
      contact: { name: '王五', phone: { masked: '139****1111' } },
    });
    expect(JSON.stringify(org)).not.toContain('13900001111');
    expect(decryptField(org.contact.phone.cipher, keyRingFromEnv(emu.functionEnv), CIPHER_PURPOSE.organizationContactPhone)).toBe('13900001111');
    expect(await membershipsOf(orgId)).toEqual([
      expect.objectContaining({ _id: `${orgId}_${alice.userId}`, userId: alice.userId, role: 'admin', status: 'active' }),
    ]);
  });

  test('an "other" organization with and without a USCC, and a grassroots team', async () => {
    const bob = await registerVolunteer(emu, 'openid-reg-bob', '鲍勃');
    const other = await bob.as.call('organization', 'register', organizationRequest({ kind: 'other', uscc: undefined, authority: undefined, name: '社区读书会' }));
    expect(other).toMatchObject({ ok: true, data: { status: 'pending' } });
    const withCode = await bob.as.call('organization', 'register', organizationRequest({ kind: 'other', authority: undefined }));
    expect(withCode).toMatchObject({ ok: true });
    const team = await bob.as.call('organization', 'register', organizationRequest({ kind: 'grassroots', uscc: undefined, authority: '某单位', name: '河畔清洁小队' }));
    expect(team).toMatchObject({ ok: true });
    const teamId = team.ok ? team.data.orgId : '';
    const [stored] = await docs<OrganizationDoc>(emu, 'organizations', { _id: teamId });
    expect(stored.usccKey).toBe(`none:${teamId}`);
    expect(stored.uscc).toBeUndefined();
    expect(stored.authority).toBeUndefined();
    const otherId = other.ok ? other.data.orgId : '';
    expect((await docs<OrganizationDoc>(emu, 'organizations', { _id: otherId }))[0].usccKey).toBe(`none:${otherId}`);
  });

  test.each([
    [{ uscc: '91110000600037341M' }, 'USCC_INVALID', /校验位/],
    [{ uscc: '9111000060003734IL' }, 'USCC_INVALID', /I/],
    [{ uscc: '9111000060003734' }, 'USCC_INVALID', /18位/],
    [{ uscc: undefined }, 'USCC_REQUIRED', /统一社会信用代码/],
    [{ authority: '' }, 'AUTHORITY_REQUIRED', /登记管理机关/],
    [{ kind: 'grassroots' as const }, 'USCC_INVALID', /草根团队/],
    [{ regionCode: '990000' }, 'REGION_INVALID', /省级/],
    [{ contact: { name: '王五', phone: '12345' } }, 'PHONE_INVALID', /联系电话/],
  ])('validation %#: %s → %s, in Chinese, nothing written', async (overrides, code, message) => {
    const carol = await registerVolunteer(emu, `openid-reg-invalid-${code}-${Math.random()}`);
    const before = await docs(emu, 'memberships', { userId: carol.userId });
    const res = await carol.as.call('organization', 'register', organizationRequest(overrides));
    expect(res).toEqual({ ok: false, error: { code, message: expect.stringMatching(message) } });
    expect(await docs(emu, 'memberships', { userId: carol.userId })).toEqual(before);
    expect(before).toEqual([]);
  });

  test('USCC_TAKEN names the way forward: a claim with the business licence', async () => {
    const dan = await registerVolunteer(emu, 'openid-reg-dan');
    const erin = await registerVolunteer(emu, 'openid-reg-erin');
    const uscc = freshUscc();
    await registerOrganization(dan, { uscc });
    const res = await erin.as.call('organization', 'register', organizationRequest({ uscc, name: '另一个名字' }));
    expect(res).toEqual({ ok: false, error: { code: 'USCC_TAKEN', message: expect.stringMatching(/已被其他人的组织使用.*申诉.*营业执照或登记证书/) } });
    expect(await orgsWithUscc(uscc)).toHaveLength(1);
    expect(await docs(emu, 'memberships', { userId: erin.userId })).toEqual([]);
  });

  test('two volunteers registering the same USCC at once: one organization, one admin', async () => {
    const a = await registerVolunteer(emu, 'openid-race-a');
    const b = await registerVolunteer(emu, 'openid-race-b');
    const uscc = freshUscc();
    const results = await Promise.all([a, b, a, b].map((v) => v.as.call('organization', 'register', organizationRequest({ uscc }))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    // The winner's own second request is told the code is its own; the other's two are told it is taken.
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code).sort()).toEqual(['USCC_MINE', 'USCC_TAKEN', 'USCC_TAKEN']);
    const orgs = await orgsWithUscc(uscc);
    expect(orgs).toHaveLength(1);
    expect(await membershipsOf(orgs[0]._id)).toHaveLength(1);
  });

  test('NOT_REGISTERED for a WeChat user without a volunteer profile', async () => {
    const stranger = caller(emu, 'openid-not-registered');
    const uscc = freshUscc();
    const res = await stranger.call('organization', 'register', organizationRequest({ uscc }));
    expect(res).toEqual({ ok: false, error: { code: 'NOT_REGISTERED', message: expect.stringMatching(/实名注册/) } });
    expect(await orgsWithUscc(uscc)).toEqual([]);
  });

  test('a parent must exist and be visible to the applicant: PARENT_NOT_FOUND otherwise', async () => {
    const frank = await registerVolunteer(emu, 'openid-reg-frank');
    const grace = await registerVolunteer(emu, 'openid-reg-grace');
    const missing = await frank.as.call('organization', 'register', organizationRequest({ parentId: 'org_nope' }));
    expect(missing).toEqual({ ok: false, error: { code: 'PARENT_NOT_FOUND', message: expect.any(String) } });

    const pendingParent = await registerOrganization(frank, { name: '鼓楼区志愿者协会' });
    // Someone else's pending organization is not visible; my own is.
    expect(await grace.as.call('organization', 'register', organizationRequest({ parentId: pendingParent }))).toMatchObject({ ok: false, error: { code: 'PARENT_NOT_FOUND' } });
    const child = await frank.as.call('organization', 'register', organizationRequest({ parentId: pendingParent, kind: 'grassroots', uscc: undefined, name: '协会青年分队' }));
    expect(child).toMatchObject({ ok: true });

    const verifiedParent = await verifiedOrganization(emu, frank, { name: '福州市志愿服务联合会' });
    const graceChild = await grace.as.call('organization', 'register', organizationRequest({ parentId: verifiedParent, kind: 'grassroots', uscc: undefined, name: '联合会助老队' }));
    expect(graceChild).toMatchObject({ ok: true });
    const got = await grace.as.call('organization', 'get', { orgId: graceChild.ok ? graceChild.data.orgId : '' });
    expect(got).toMatchObject({ ok: true, data: { parent: { orgId: verifiedParent, name: '福州市志愿服务联合会' } } });
  });

  test('bad payloads are refused as BAD_REQUEST', async () => {
    const hank = await registerVolunteer(emu, 'openid-reg-hank');
    const res = await hank.as.raw('organization', { action: 'register', ...organizationRequest(), kind: 'company' });
    expect(res.body).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: '组织类型填写不正确', field: 'kind' } });
    const long = await hank.as.raw('organization', { action: 'register', ...organizationRequest({ contact: { name: '王五', phone: '1'.repeat(41) } }) });
    expect(long.body).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: '联系电话太长，最多 40 个字', field: 'contact.phone' } });
  });
});

describe('get, mine, search', () => {
  test('anyone sees a verified organization\'s summary; only its admins see contact, members and join requests', async () => {
    const ivy = await registerVolunteer(emu, 'openid-get-ivy', '艾薇');
    const jack = await registerVolunteer(emu, 'openid-get-jack', '杰克');
    const orgId = await verifiedOrganization(emu, ivy, { name: '仓山区护河志愿队', regionCode: '350104', regionNames: ['福建省', '福州市', '仓山区'] });
    await jack.as.call('organization', 'requestJoin', { orgId, message: '周末有空' });

    const asJack = await jack.as.call('organization', 'get', { orgId });
    expect(asJack).toMatchObject({ ok: true, data: { orgId, name: '仓山区护河志愿队', status: 'verified', myRole: null, myMembership: 'pending' } });
    expect(asJack.ok && 'admin' in asJack.data).toBe(false);
    expect(JSON.stringify(asJack)).not.toMatch(/1390000|王五/);

    const asIvy = await ivy.as.call('organization', 'get', { orgId });
    expect(asIvy).toMatchObject({
      ok: true,
      data: {
        myRole: 'admin',
        myMembership: 'active',
        admin: {
          contact: { name: '王五', phoneMasked: '139****1111' },
          members: [{ userId: ivy.userId, name: '艾薇', volunteerNo: ivy.volunteerNo, phoneMasked: expect.stringMatching(/^138\*{4}\d{4}$/), role: 'admin' }],
          joinRequests: [{ userId: jack.userId, name: '杰克', volunteerNo: jack.volunteerNo, message: '周末有空' }],
        },
      },
    });
    const anonymous = await caller(emu, 'openid-get-nobody').call('organization', 'get', { orgId });
    expect(anonymous).toMatchObject({ ok: true, data: { myRole: null, myMembership: null } });
  });

  test('a pending or rejected organization is visible to its admins and platform admins only', async () => {
    const kate = await registerVolunteer(emu, 'openid-get-kate');
    const orgId = await registerOrganization(kate);
    expect(await caller(emu, 'openid-get-other').call('organization', 'get', { orgId })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: expect.any(String) } });
    expect(await kate.as.call('organization', 'get', { orgId })).toMatchObject({ ok: true, data: { status: 'pending', myRole: 'admin' } });
    expect(await caller(emu, PLATFORM_ADMIN).call('organization', 'get', { orgId })).toMatchObject({ ok: true, data: { status: 'pending', myRole: null } });

    await caller(emu, PLATFORM_ADMIN).call('organization', 'review', { orgId, decision: 'reject', reason: '登记证书照片不清晰' });
    expect(await kate.as.call('organization', 'get', { orgId })).toMatchObject({ ok: true, data: { status: 'rejected', rejectReason: '登记证书照片不清晰' } });
    expect(await caller(emu, 'openid-get-other').call('organization', 'get', { orgId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await caller(emu, 'openid-get-other').call('organization', 'get', { orgId: 'org_missing' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  test('an admin of one organization does not see the admin part of another', async () => {
    const leo = await registerVolunteer(emu, 'openid-get-leo');
    const mia = await registerVolunteer(emu, 'openid-get-mia');
    await verifiedOrganization(emu, leo);
    const miasOrg = await verifiedOrganization(emu, mia);
    const res = await leo.as.call('organization', 'get', { orgId: miasOrg });
    expect(res).toMatchObject({ ok: true, data: { myRole: null } });
    expect(res.ok && res.data.admin).toBeUndefined();
  });

  test('mine lists active and pending memberships with their organizations', async () => {
    const nina = await registerVolunteer(emu, 'openid-mine-nina');
    const oscar = await registerVolunteer(emu, 'openid-mine-oscar');
    const own = await registerOrganization(nina, { name: '尼娜的队伍', kind: 'grassroots', uscc: undefined });
    const joined = await verifiedOrganization(emu, oscar, { name: '奥斯卡的协会' });
    await nina.as.call('organization', 'requestJoin', { orgId: joined });
    const res = await nina.as.call('organization', 'mine', {});
    expect(res).toEqual({
      ok: true,
      data: {
        organizations: [
          expect.objectContaining({ orgId: own, name: '尼娜的队伍', status: 'pending', role: 'admin', membership: 'active' }),
          expect.objectContaining({ orgId: joined, name: '奥斯卡的协会', status: 'verified', role: null, membership: 'pending' }),
        ],
      },
    });
    expect(await caller(emu, 'openid-mine-nobody').call('organization', 'mine', {})).toEqual({ ok: true, data: { organizations: [] } });
  });

  test('search: verified organizations only, by region prefix and a literal, case-insensitive keyword', async () => {
    const paul = await registerVolunteer(emu, 'openid-search-paul');
    const xiamen = await verifiedOrganization(emu, paul, { name: 'Xiamen Harbour (A+) 志愿队', regionCode: '350203', regionNames: ['福建省', '厦门市', '思明区'] });
    const fuzhou = await verifiedOrganization(emu, paul, { name: '鼓楼区青年志愿者协会', regionCode: '350102' });
    const pending = await registerOrganization(paul, { name: '思明区待审核志愿队', regionCode: '350203' });

    const ids = async (req: { regionCode?: string; keyword?: string }) => {
      const res = await paul.as.call('organization', 'search', req);
      if (!res.ok) throw new Error(res.error.code);
      return res.data.organizations.map((o) => o.orgId);
    };
    expect(await ids({ regionCode: '3502' })).toEqual([xiamen]);
    expect(await ids({ regionCode: '350200' })).toEqual([xiamen]);
    expect(await ids({ regionCode: '350203' })).toEqual([xiamen]);
    expect(await ids({ regionCode: '35' })).toEqual(expect.arrayContaining([xiamen, fuzhou]));
    expect(await ids({ regionCode: '35' })).not.toContain(pending);
    expect(await ids({ regionCode: '35', keyword: 'harbour (a+' })).toEqual([xiamen]);
    expect(await ids({ keyword: '.*' })).toEqual([]);
    expect(await ids({ keyword: '青年志愿者' })).toEqual([fuzhou]);
    expect(await ids({})).toEqual(expect.arrayContaining([xiamen, fuzhou]));
    expect(await paul.as.call('organization', 'search', { regionCode: '3' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  test.each(['13912345678\u0000', '139\n12345678', '\u001b[2J13912345678', '13912345678\u0085'])(
    'search: a keyword holding a control character (%j) is refused in Chinese, not an internal error, and not echoed',
    async (keyword) => {
      const rita = await registerVolunteer(emu, `openid-search-ctl-${keyword.codePointAt(keyword.search(/\p{Cc}/u))}`);
      const res = await rita.as.call('organization', 'search', { keyword });
      expect(res).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringMatching(/搜索关键词.*控制字符/), field: 'keyword' } });
      expect(JSON.stringify(res)).not.toContain('12345678');
    },
  );
});

test('the stored contact phone never appears in any answer', async () => {
  const quinn = await registerVolunteer(emu, 'openid-privacy-quinn');
  const orgId = await verifiedOrganization(emu, quinn, { contact: { name: '赵六', phone: '13712345678' } });
  const answers = [
    await quinn.as.call('organization', 'get', { orgId }),
    await quinn.as.call('organization', 'mine', {}),
    await quinn.as.call('organization', 'search', {}),
  ];
  for (const a of answers) expect(JSON.stringify(a)).not.toContain('13712345678');
  expect(JSON.stringify(await docs(emu, 'organizations', { _id: orgId }))).not.toContain('13712345678');
});
