// Organizations that cannot be squatted or orphaned, through the built function and the stock SDK: resubmission,
// USCC holds and their end, claims with private evidence, the last admin, self-review, public names, the paged
// review queue and the masked person in charge.
import type { Emulator } from '../../emulator/src/server';
import { caller, serverSdk, startTestEmulator } from '../../emulator/test/support';
import type { RegisterOrganizationRequest } from '../../typings/organization';
import type { NotificationDoc } from '../_shared/documents/notification';
import type { OrganizationDoc } from '../_shared/documents/organization';
import type { OrganizationClaimDoc } from '../_shared/documents/organization-claim';
import {
  addMember,
  docs,
  freshUscc,
  functionEnv,
  organizationRequest,
  PLATFORM_ADMIN,
  registerOrganization,
  registerVolunteer,
  TINY_JPEG,
  verifiedOrganization,
  type Volunteer,
} from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

let people = 0;
const volunteer = (name = '张三'): Promise<Volunteer> => registerVolunteer(emu, `openid-squat-${++people}`, name);
const admin = () => caller(emu, PLATFORM_ADMIN);
const orgDoc = async (orgId: string) => (await docs<OrganizationDoc>(emu, 'organizations', { _id: orgId }))[0]!;
const inboxOf = (userId: string) => docs<NotificationDoc>(emu, 'notifications', { recipientUserId: userId });
const reject = (orgId: string, reason = '材料不全') => admin().call('organization', 'review', { orgId, decision: 'reject', reason });

describe('resubmission', () => {
  test('a rejected application is corrected and goes back to the queue; every decision stays in its history', async () => {
    const amy = await volunteer();
    const request = organizationRequest();
    const orgId = await registerOrganization(amy, request);
    expect(await reject(orgId, '地址不详')).toMatchObject({ ok: true });
    const again = await amy.as.call('organization', 'resubmit', { ...request, orgId, address: '福州市鼓楼区五四路100号3楼' });
    expect(again).toEqual({ ok: true, data: { orgId, status: 'pending', similarNames: [] } });
    const stored = await orgDoc(orgId);
    expect(stored).toMatchObject({ status: 'pending', address: '福州市鼓楼区五四路100号3楼' });
    expect(stored.history!.map((h) => [h.event, h.reason])).toEqual([['submitted', undefined], ['rejected', '地址不详'], ['resubmitted', undefined]]);
    const queue = await admin().call('organization', 'reviewQueue', {});
    if (!queue.ok) throw new Error(queue.error.code);
    expect(queue.data.items.find((i) => i.orgId === orgId)?.history.map((h) => h.event)).toEqual(['rejected', 'resubmitted']);
    // The second rejection is a message of its own, not swallowed by the first one's id.
    expect(await reject(orgId, '名称与证书不一致')).toMatchObject({ ok: true });
    expect((await inboxOf(amy.userId)).filter((n) => n.kind === 'org.reviewed').map((n) => n.body)).toEqual(
      expect.arrayContaining([expect.stringContaining('地址不详'), expect.stringContaining('名称与证书不一致')]),
    );
  });

  test('only its admin resubmits, only when rejected, with the same validation as registration; two at once make one', async () => {
    const ben = await volunteer();
    const request = organizationRequest();
    const orgId = await registerOrganization(ben, request);
    expect(await ben.as.call('organization', 'resubmit', { ...request, orgId })).toMatchObject({ ok: false, error: { code: 'NOT_REJECTED' } });
    await reject(orgId);
    const stranger = await volunteer();
    expect(await stranger.as.call('organization', 'resubmit', { ...request, orgId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await ben.as.call('organization', 'resubmit', { ...request, orgId, name: '阳光\u202e心中务服愿志' })).toMatchObject({ ok: false, error: { code: 'NAME_INVALID' } });
    const both = await Promise.all([1, 2].map(() => ben.as.call('organization', 'resubmit', { ...request, orgId })));
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['NOT_REJECTED']);
    expect((await orgDoc(orgId)).history!.filter((h) => h.event === 'resubmitted')).toHaveLength(1);
  });
});

describe('who holds a USCC', () => {
  test('a rejection releases the code at once; the corrected application finds it taken and is told how to claim', async () => {
    const [cara, dan] = [await volunteer(), await volunteer()];
    const uscc = freshUscc();
    const request = organizationRequest({ uscc });
    const first = await registerOrganization(cara, request);
    await reject(first);
    const second = await dan.as.call('organization', 'register', organizationRequest({ uscc }));
    expect(second).toMatchObject({ ok: true });
    expect(await cara.as.call('organization', 'resubmit', { ...request, orgId: first })).toMatchObject({ ok: false, error: { code: 'USCC_TAKEN', message: expect.stringMatching(/申诉/) } });
  });

  test('the holder registering again is told it is theirs and where it is', async () => {
    const erin = await volunteer();
    const uscc = freshUscc();
    const orgId = await registerOrganization(erin, { uscc });
    expect(await erin.as.call('organization', 'register', organizationRequest({ uscc }))).toEqual({
      ok: false,
      error: { code: 'USCC_MINE', message: expect.stringMatching(/你已用.*提交过组织申请（待审核）/), orgId },
    });
  });

  test('a pending hold past its 30 days: the next registration takes the code and the stale applicant is told', async () => {
    const [fay, gus] = [await volunteer(), await volunteer()];
    const uscc = freshUscc();
    const stale = await registerOrganization(fay, { uscc });
    await serverSdk(emu).database().collection('organizationCodes').doc(uscc).update({ data: { heldUntil: new Date(Date.now() - 1000) } });
    const taken = await gus.as.call('organization', 'register', organizationRequest({ uscc }));
    expect(taken).toMatchObject({ ok: true });
    expect(await orgDoc(stale)).toMatchObject({ status: 'rejected', usccKey: `none:${stale}` });
    expect((await orgDoc(stale)).history!.map((h) => h.event)).toEqual(['submitted', 'expired']);
    expect((await inboxOf(fay.userId)).map((n) => n.kind)).toContain('org.applicationExpired');
  });

  test('the hourly timer releases holds nobody asked for, and leaves live ones', async () => {
    const [hal, ivy] = [await volunteer(), await volunteer()];
    const [expired, live] = [freshUscc(), freshUscc()];
    const staleId = await registerOrganization(hal, { uscc: expired });
    const liveId = await registerOrganization(ivy, { uscc: live });
    await serverSdk(emu).database().collection('organizationCodes').doc(expired).update({ data: { heldUntil: new Date(Date.now() - 1000) } });
    const timer = { Type: 'Timer', TriggerName: 'releaseExpiredHolds', Time: new Date().toISOString(), Message: '' };
    const outcome = await emu.runtime!.invoke('organization', timer, { source: 'wx_trigger' });
    expect(JSON.parse((outcome as { json: string }).json)).toEqual({ released: 1 });
    expect(await docs(emu, 'organizationCodes', { _id: expired })).toEqual([]);
    expect(await orgDoc(staleId)).toMatchObject({ status: 'rejected' });
    expect(await orgDoc(liveId)).toMatchObject({ status: 'pending' });
    expect(await docs(emu, 'organizationCodes', { _id: live })).toHaveLength(1);
  });
});

describe('claims of a USCC', () => {
  async function claim(claimant: Volunteer, uscc: string, overrides: Partial<RegisterOrganizationRequest> = {}) {
    return claimant.as.call('organization', 'claimUscc', { application: organizationRequest({ uscc, ...overrides }), evidence: [TINY_JPEG], statement: '我是法定代表人' });
  }

  test('against a squatting application: it is rejected, the code goes to the claimant’s verified organization', async () => {
    const [squatter, owner] = [await volunteer(), await volunteer('林海')];
    const uscc = freshUscc();
    const squat = await registerOrganization(squatter, { uscc });
    const made = await claim(owner, uscc, { name: '鼓楼区真正的志愿服务中心' });
    if (!made.ok) throw new Error(made.error.code);
    const stored = (await docs<OrganizationClaimDoc>(emu, 'organizationClaims', { _id: made.data.claimId }))[0]!;
    expect(stored.evidenceFileIds).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain('13900001111');

    const queue = await admin().call('organization', 'reviewQueue', {});
    if (!queue.ok) throw new Error(queue.error.code);
    const item = queue.data.claims.find((c) => c.claimId === made.data.claimId)!;
    expect(item).toMatchObject({ uscc, holder: { orgId: squat, status: 'pending', adminCount: 1 }, claimant: { name: '林海' }, statement: '我是法定代表人', evidenceLinkSeconds: 600 });
    // A signed link: the bare path is refused by the private bucket.
    const link = new URL(item.evidenceUrls[0]!);
    expect((await fetch(link)).status).toBe(200);
    expect((await fetch(`${link.origin}${link.pathname}`)).status).toBe(403);

    const decided = await admin().call('organization', 'decideClaim', { claimId: made.data.claimId, decision: 'approve' });
    if (!decided.ok) throw new Error(decided.error.code);
    expect(await orgDoc(squat)).toMatchObject({ status: 'rejected', usccKey: `none:${squat}` });
    expect(await orgDoc(decided.data.orgId!)).toMatchObject({ status: 'verified', uscc, name: '鼓楼区真正的志愿服务中心', createdBy: owner.userId });
    expect(await docs(emu, 'organizationCodes', { _id: uscc })).toEqual([expect.objectContaining({ orgId: decided.data.orgId })]);
    expect((await inboxOf(owner.userId)).map((n) => n.kind)).toContain('org.claimDecided');
    expect((await inboxOf(squatter.userId)).map((n) => n.kind)).toContain('org.reviewed');
    // Decided once: the same decision answers the same, another is refused.
    expect(await admin().call('organization', 'decideClaim', { claimId: made.data.claimId, decision: 'approve' })).toEqual(decided);
    expect(await admin().call('organization', 'decideClaim', { claimId: made.data.claimId, decision: 'reject', reason: '改主意' })).toMatchObject({ ok: false, error: { code: 'ALREADY_REVIEWED' } });
  });

  test('against a verified organization: its admins are replaced by the claimant and told', async () => {
    const [holderAdmin, coAdmin, owner] = [await volunteer(), await volunteer(), await volunteer()];
    const uscc = freshUscc();
    const orgId = await verifiedOrganization(emu, holderAdmin, { uscc });
    await addMember(holderAdmin, coAdmin, orgId);
    const made = await claim(owner, uscc);
    if (!made.ok) throw new Error(made.error.code);
    expect(await admin().call('organization', 'decideClaim', { claimId: made.data.claimId, decision: 'approve' })).toEqual({ ok: true, data: { claimId: made.data.claimId, status: 'approved', orgId } });
    const memberships = await docs<{ userId: string; role: string }>(emu, 'memberships', { orgId });
    expect(memberships.filter((m) => m.role === 'admin').map((m) => m.userId)).toEqual([owner.userId]);
    expect(memberships.map((m) => m.userId)).toContain(coAdmin.userId);
    expect((await inboxOf(holderAdmin.userId)).map((n) => n.kind)).toContain('org.adminsReplaced');
    expect((await orgDoc(orgId)).history!.map((h) => h.event)).toEqual(['submitted', 'approved', 'claimed']);
  });

  test('two people claiming one code at once: two claims; once one is approved the other cannot be', async () => {
    const [squatter, a, b] = [await volunteer(), await volunteer(), await volunteer()];
    const uscc = freshUscc();
    await registerOrganization(squatter, { uscc });
    const [ca, cb] = await Promise.all([claim(a, uscc, { name: '甲方真实志愿服务中心' }), claim(b, uscc, { name: '乙方真实志愿服务中心' })]);
    if (!ca.ok || !cb.ok) throw new Error('claims refused');
    expect(await admin().call('organization', 'decideClaim', { claimId: ca.data.claimId, decision: 'approve' })).toMatchObject({ ok: true });
    expect(await admin().call('organization', 'decideClaim', { claimId: cb.data.claimId, decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'ALREADY_REVIEWED', message: expect.stringMatching(/持有组织已经变化/) } });
  });

  test('one claim per claimant and code, bad evidence refused, a free or own code needs none, three a day', async () => {
    const [holder, claimant] = [await volunteer(), await volunteer()];
    const uscc = freshUscc();
    await registerOrganization(holder, { uscc });
    expect(await claimant.as.call('organization', 'claimUscc', { application: organizationRequest({ uscc }), evidence: [Buffer.from('GIF89a').toString('base64')] })).toMatchObject({ ok: false, error: { code: 'EVIDENCE_INVALID' } });
    expect(await claimant.as.call('organization', 'claimUscc', { application: organizationRequest({ uscc }), evidence: [] })).toMatchObject({ ok: false, error: { code: 'EVIDENCE_INVALID' } });
    expect(await claim(claimant, freshUscc())).toMatchObject({ ok: false, error: { code: 'USCC_CLAIM_NOT_NEEDED' } });
    // The three attempts of the day are used up above; the fourth is told when to come back.
    expect(await claim(claimant, uscc)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) } });
    const other = await volunteer();
    expect(await claim(other, uscc)).toMatchObject({ ok: true });
    expect(await claim(other, uscc)).toMatchObject({ ok: false, error: { code: 'ALREADY_CLAIMED' } });
    expect(await claim(holder, uscc)).toMatchObject({ ok: false, error: { code: 'USCC_CLAIM_NOT_NEEDED', message: expect.stringMatching(/你自己的组织/) } });
  });
});

describe('the last admin', () => {
  test('cannot leave or delete their account; hands over (accepted twice at once: one change), then may', async () => {
    const [lead, member] = [await volunteer(), await volunteer('王小明')];
    const orgId = await verifiedOrganization(emu, lead);
    await addMember(lead, member, orgId);
    expect(await lead.as.call('organization', 'leave', { orgId })).toMatchObject({ ok: false, error: { code: 'LAST_ADMIN', message: expect.stringMatching(/唯一的管理员/) } });
    const refused = await lead.as.call('volunteer', 'deleteAccount', { confirm: '注销' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'LAST_ADMIN', message: expect.stringMatching(/唯一的管理员.*移交.*解散.*注销账号/) } });
    expect(await docs(emu, 'volunteers', { _id: lead.volunteerId, status: 'active' })).toHaveLength(1);

    expect(await lead.as.call('organization', 'handOver', { orgId, userId: member.userId })).toEqual({ ok: true, data: { orgId, toUserId: member.userId } });
    const page = await member.as.call('organization', 'get', { orgId });
    expect(page.ok && page.data.handOver).toEqual({ toUserId: member.userId, toName: '王小明', toMe: true });
    const both = await Promise.all([1, 2].map(() => member.as.call('organization', 'acceptHandOver', { orgId })));
    expect(both).toEqual([{ ok: true, data: { orgId, role: 'admin' } }, { ok: true, data: { orgId, role: 'admin' } }]);
    expect((await inboxOf(lead.userId)).filter((n) => n.kind === 'org.handOverAccepted')).toHaveLength(1);
    const roles = await docs<{ userId: string; role: string }>(emu, 'memberships', { orgId, status: 'active' });
    expect(Object.fromEntries(roles.map((m) => [m.userId, m.role]))).toEqual({ [lead.userId]: 'member', [member.userId]: 'admin' });
    expect(await lead.as.call('organization', 'leave', { orgId })).toEqual({ ok: true, data: { orgId } });
  });

  test('two admins leaving at once: one leaves, the other is the last and stays', async () => {
    const [a, b] = [await volunteer(), await volunteer()];
    const orgId = await verifiedOrganization(emu, a);
    const invite = await a.as.call('organization', 'createInvite', { orgId });
    if (!invite.ok) throw new Error(invite.error.code);
    expect(await b.as.call('organization', 'acceptInvite', { code: invite.data.code })).toMatchObject({ ok: true });
    const results = await Promise.all([a, b].map((v) => v.as.call('organization', 'leave', { orgId })));
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['LAST_ADMIN', 'ok']);
    expect(await docs(emu, 'memberships', { orgId, status: 'active', role: 'admin' })).toHaveLength(1);
  });

  test('dissolving: not public, no join requests, members told, the code free, the last admin may then delete their account', async () => {
    const [lead, member] = [await volunteer(), await volunteer()];
    const uscc = freshUscc();
    const orgId = await verifiedOrganization(emu, lead, { uscc });
    await addMember(lead, member, orgId);
    expect(await member.as.call('organization', 'dissolve', { orgId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await lead.as.call('organization', 'dissolve', { orgId })).toEqual({ ok: true, data: { orgId, status: 'dissolved' } });
    const stranger = await volunteer();
    expect(await stranger.as.call('organization', 'get', { orgId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await stranger.as.call('organization', 'requestJoin', { orgId })).toMatchObject({ ok: false, error: { code: 'NOT_VERIFIED' } });
    expect((await inboxOf(member.userId)).map((n) => n.kind)).toContain('org.dissolved');
    expect(await docs(emu, 'organizationCodes', { _id: uscc })).toEqual([]);
    expect(await stranger.as.call('organization', 'register', organizationRequest({ uscc }))).toMatchObject({ ok: true });
    expect(await lead.as.call('volunteer', 'deleteAccount', { confirm: '注销' })).toMatchObject({ ok: true });
  });
});

describe('reviewing', () => {
  test('a platform admin cannot approve an organization they registered', async () => {
    const self = await registerVolunteer(emu, PLATFORM_ADMIN, '平台甲');
    const orgId = await registerOrganization(self);
    expect(await admin().call('organization', 'review', { orgId, decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'SELF_REVIEW' } });
    const queue = await admin().call('organization', 'reviewQueue', {});
    expect(queue.ok && queue.data.items.find((i) => i.orgId === orgId)?.mine).toBe(true);
    expect(await caller(emu, 'openid-platform-admin-2').call('organization', 'review', { orgId, decision: 'approve' })).toMatchObject({ ok: true });
  });

  const applicants: Volunteer[] = [];
  test('the queue is paged by a cursor: no item twice or missed, each page within 20 items and 20 KB', async () => {
    const mine = new Set<string>();
    // Registrations are rate-limited per person: several applicants.
    for (let i = 0; i < 18; i++) {
      if (i % 6 === 0) applicants.push(await volunteer());
      mine.add(await registerOrganization(applicants[applicants.length - 1]!, { kind: 'grassroots', uscc: undefined, authority: undefined }));
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await admin().call('organization', 'reviewQueue', cursor ? { cursor } : {});
      if (!res.ok) throw new Error(res.error.code);
      expect(res.data.items.length).toBeLessThanOrEqual(20);
      expect(Buffer.byteLength(JSON.stringify(res))).toBeLessThanOrEqual(20 * 1024);
      seen.push(...res.data.items.map((i) => i.orgId));
      cursor = res.data.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of mine) expect(seen).toContain(id);
    expect(await admin().call('organization', 'reviewQueue', { cursor: 'not-a-cursor' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});

describe('public names and pages', () => {
  test('control and format characters are refused; names are normalised', async () => {
    const kim = await volunteer();
    for (const name of ['阳光\u200b志愿服务队', '\u202e队务服愿志光阳', '阳光\u0007志愿队', '阳光\ufeff志愿队']) {
      expect(await kim.as.call('organization', 'register', organizationRequest({ name }))).toMatchObject({ ok: false, error: { code: 'NAME_INVALID', message: expect.stringMatching(/控制字符（U\+/) } });
    }
    const orgId = await registerOrganization(kim, { name: '  ＡＢＣ　社区   互助队 ' });
    expect((await orgDoc(orgId)).name).toBe('ABC 社区 互助队');
  });

  test('alike names are a warning to the applicant and the reviewer; the exact name in the same region is refused', async () => {
    const [lou, may] = [await volunteer(), await volunteer()];
    const first = await verifiedOrganization(emu, lou, { name: '鼓楼区彩虹桥志愿服务队', kind: 'grassroots', uscc: undefined, authority: undefined });
    expect(await may.as.call('organization', 'register', organizationRequest({ name: '鼓楼区彩虹桥志愿服务队' }))).toMatchObject({ ok: false, error: { code: 'NAME_TAKEN' } });
    const suffix = await may.as.call('organization', 'register', organizationRequest({ name: '鼓楼区彩虹桥志愿者协会' }));
    expect(suffix.ok && suffix.data.similarNames).toEqual([{ orgId: first, name: '鼓楼区彩虹桥志愿服务队', regionNames: ['福建省', '福州市', '鼓楼区'], similarity: 'suffix' }]);
    const oneChar = await may.as.call('organization', 'register', organizationRequest({ name: '鼓楼区彩虹楼志愿服务队' }));
    expect(oneChar.ok && oneChar.data.similarNames.map((s) => [s.orgId, s.similarity])).toContainEqual([first, 'oneCharacter']);
    const elsewhere = await may.as.call('organization', 'register', organizationRequest({ name: '鼓楼区彩虹桥志愿服务队', regionCode: '350104', regionNames: ['福建省', '福州市', '仓山区'] }));
    expect(elsewhere.ok && elsewhere.data.similarNames.map((s) => s.similarity)).toContain('same');
    // Kept with the application, so the reviewer's queue item shows it without a look-up of its own.
    expect(suffix.ok && (await orgDoc(suffix.data.orgId)).similarNames).toEqual(suffix.ok && suffix.data.similarNames);
  });

  test('region names must belong to the code', async () => {
    const ned = await volunteer();
    for (const regionNames of [['广东省', '福州市', '鼓楼区'], ['福建省', '福州市'], ['福建省', '福州市', '鼓楼\u202e区']]) {
      expect(await ned.as.call('organization', 'register', organizationRequest({ regionNames }))).toMatchObject({ ok: false, error: { code: 'REGION_INVALID' } });
    }
  });

  test("a grassroots team's public page shows its person in charge masked; its admins see the name", async () => {
    const oli = await volunteer();
    const orgId = await verifiedOrganization(emu, oli, { kind: 'grassroots', uscc: undefined, authority: undefined, personInCharge: '欧阳娜娜' });
    const publicPage = await (await volunteer()).as.call('organization', 'get', { orgId });
    expect(publicPage.ok && publicPage.data.personInCharge).toBe('欧***');
    const own = await oli.as.call('organization', 'get', { orgId });
    expect(own.ok && own.data.personInCharge).toBe('欧阳娜娜');
  });
});
