// 申诉找回 through the built functions and the stock SDK: a claim moves a record — number, hours, memberships — to
// the claimant, unlinks the other account and tells both; rejection changes nothing; a mismatch says nothing about
// which part differs; repeated claims are limited; a retried or doubled approval moves once; evidence stays private.
import type { Emulator } from '../../emulator/src/server';
import { caller, serverSdk, startTestEmulator } from '../../emulator/test/support';
import { REQUEST_ID_FIELD } from '../../miniprogram/domain/actions';
import { userIdOf } from '../_shared/documents/ids';
import { membershipId } from '../_shared/documents/membership';
import { MESSAGES } from '../_shared/messages/answers';
import { claimRequest, JPEG, pendingClaim, photo, PNG, registeredRecord } from './claim-test-support';
import { allDocs, arrangeOrganization, docById, idNumber, registration } from './test-support';

const ADMIN = 'openid-claims-admin';
const ADMIN_2 = 'openid-claims-admin-2';
let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv: { PLATFORM_ADMIN_OPENIDS: `${ADMIN},${ADMIN_2}` } });
});
afterAll(async () => emu.stop());

let people = 0;
const someone = (label: string) => caller(emu, `openid-claims-${label}-${++people}`);
const refused = (code: keyof typeof MESSAGES) => ({ ok: false, error: { code, message: MESSAGES[code] } });

async function inboxOf(openid: string) {
  const res = await caller(emu, openid).call('inbox', 'list', {});
  if (!res.ok) throw new Error(res.error.code);
  return res.data.items;
}

describe('approval moves the record to the claimant', () => {
  test('number, hours and memberships move; the other account is unlinked and told; every step is recorded', async () => {
    const squatter = someone('squatter');
    const record = await registeredRecord(emu, squatter.openid);
    // The squatter registered an organization (admin membership, createdBy) and is a member of another.
    const org = await squatter.call('organization', 'register', {
      name: '仓山区邻里互助队',
      kind: 'grassroots',
      regionCode: '350104',
      regionNames: ['福建省', '福州市', '仓山区'],
      address: '福州市仓山区上渡路1号',
      personInCharge: '王小明',
      contact: { name: '王小明', phone: '13800001111' },
    });
    if (!org.ok) throw new Error(org.error.code);
    await arrangeOrganization(emu, 'org-claims-member', '鼓楼区助老服务队', { members: [record.holderUserId] });
    // Hours are a field of the record (a later issue fills it): whatever the document holds moves with it.
    await serverSdk(emu).database().collection('volunteers').doc(record.volunteerId).update({ data: { confirmedMinutes: 750 } });

    const owner = someone('owner');
    const claimId = await pendingClaim(owner, record);
    const decided = await caller(emu, ADMIN).call('volunteer', 'decideClaim', { claimId, decision: 'approve', reason: '身份证照片与档案一致' });
    expect(decided).toEqual({ ok: true, data: { claimId, status: 'approved' } });

    const ownerUserId = userIdOf(owner.openid);
    const volunteer = await docById(emu, 'volunteers', record.volunteerId);
    expect(volunteer).toMatchObject({ userId: ownerUserId, volunteerNo: record.volunteerNo, confirmedMinutes: 750, name: record.name, status: 'active' });
    expect(volunteer?.phone).toMatchObject({ masked: '139****2222', verified: false });
    expect(volunteer).not.toHaveProperty('extra');
    expect(await docById(emu, 'users', ownerUserId)).toMatchObject({ volunteerId: record.volunteerId, openid: owner.openid });
    const squatterUser = await docById(emu, 'users', record.holderUserId);
    expect(squatterUser).toMatchObject({ openid: squatter.openid });
    expect(squatterUser).not.toHaveProperty('volunteerId');
    // Memberships are re-keyed to the owner; none is left under the squatter.
    const memberships = (await allDocs(emu, 'memberships')).filter((m) => m.userId === ownerUserId || m.userId === record.holderUserId);
    expect(memberships.map((m) => [m._id, m.userId, m.role]).sort()).toEqual(
      [
        [membershipId(org.data.orgId, ownerUserId), ownerUserId, 'admin'],
        [membershipId('org-claims-member', ownerUserId), ownerUserId, 'member'],
      ].sort(),
    );
    expect(await docById(emu, 'organizations', org.data.orgId)).toMatchObject({ createdBy: ownerUserId });
    expect((await allDocs(emu, 'credentials')).filter((c) => c.volunteerId === record.volunteerId)).toEqual([expect.objectContaining({ userId: ownerUserId })]);

    // What each sees: the owner has the record, the squatter has none and knows why.
    const profile = await owner.call('volunteer', 'profile', {});
    expect(profile).toMatchObject({ ok: true, data: { volunteerNo: record.volunteerNo, organizations: expect.arrayContaining([expect.objectContaining({ role: 'admin' })]) } });
    expect(await squatter.call('volunteer', 'profile', {})).toEqual(refused('NOT_REGISTERED'));
    expect((await inboxOf(squatter.openid)).map((n) => n.title)).toContain('志愿者档案已转出');
    const ownerInbox = await inboxOf(owner.openid);
    expect(ownerInbox).toEqual([expect.objectContaining({ title: '申诉已通过', body: expect.stringContaining(record.volunteerNo) })]);
    expect((await owner.call('volunteer', 'myClaims', {}))).toMatchObject({ ok: true, data: { items: [{ claimId, status: 'approved', volunteerNo: record.volunteerNo, reason: '身份证照片与档案一致' }] } });

    const steps = (await allDocs(emu, 'claimEvents')).filter((e) => e.claimId === claimId).map((e) => e.step);
    expect(steps.sort()).toEqual(['approved', 'evidenceAdded', 'filed', 'moved']);
    const trail = await caller(emu, ADMIN).call('volunteer', 'claimDetail', { claimId });
    expect(trail).toMatchObject({ ok: true, data: { status: 'approved', events: expect.arrayContaining([expect.objectContaining({ step: 'moved' })]) } });
  });

  test('the same flow recovers an owner who lost their WeChat account: the new account was never used before', async () => {
    const lostAccount = someone('lost');
    const record = await registeredRecord(emu, lostAccount.openid, '林晓');
    const newAccount = someone('new');
    expect(await docById(emu, 'users', userIdOf(newAccount.openid))).toBeNull();
    const claimId = await pendingClaim(newAccount, record);
    expect(await caller(emu, ADMIN).call('volunteer', 'decideClaim', { claimId, decision: 'approve', reason: '本人手持证件照片一致' })).toMatchObject({ ok: true });
    expect(await newAccount.call('volunteer', 'card', {})).toMatchObject({ ok: true, data: { volunteerNo: record.volunteerNo } });
    expect((await inboxOf(lostAccount.openid)).map((n) => n.title)).toEqual(['志愿者档案已转出']);
  });

  test('a claimant who holds a record of their own is refused when filing, and at approval if they registered since', async () => {
    const record = await registeredRecord(emu, someone('holder').openid, '赵敏');
    const withOwn = await registeredRecord(emu, someone('own').openid, '钱多');
    expect(await withOwn.holder.call('volunteer', 'fileClaim', claimRequest(record))).toEqual(refused('CLAIMANT_HAS_RECORD'));
    expect(await record.holder.call('volunteer', 'fileClaim', claimRequest(record))).toEqual(refused('CLAIM_NOT_NEEDED'));

    const late = someone('late');
    const claimId = await pendingClaim(late, record);
    expect(await late.call('volunteer', 'register', registration({ name: '孙立', credential: { type: 'CN_ID', number: idNumber(1991, 777) } }))).toMatchObject({ ok: true });
    expect(await caller(emu, ADMIN).call('volunteer', 'decideClaim', { claimId, decision: 'approve', reason: '证据一致' })).toEqual(refused('CLAIMANT_HAS_RECORD'));
    expect(await docById(emu, 'volunteers', record.volunteerId)).toMatchObject({ userId: record.holderUserId });
  });

  test('a record that changed after filing (its holder deleted the account) is not moved', async () => {
    const record = await registeredRecord(emu, someone('leaver').openid, '周正');
    const claimant = someone('stale');
    const claimId = await pendingClaim(claimant, record);
    expect(await record.holder.call('volunteer', 'deleteAccount', { confirm: '注销' })).toMatchObject({ ok: true });
    expect(await caller(emu, ADMIN).call('volunteer', 'decideClaim', { claimId, decision: 'approve', reason: '证据一致' })).toEqual(refused('CLAIM_STALE'));
    expect(await docById(emu, 'users', userIdOf(claimant.openid))).not.toHaveProperty('volunteerId');
  });
});

describe('rejection', () => {
  test('changes nothing of the record and tells the claimant why', async () => {
    const record = await registeredRecord(emu, someone('keeper').openid, '吴桐');
    const before = await docById(emu, 'volunteers', record.volunteerId);
    const claimant = someone('rejected');
    const claimId = await pendingClaim(claimant, record);
    expect(await caller(emu, ADMIN).call('volunteer', 'decideClaim', { claimId, decision: 'reject', reason: '照片模糊无法辨认' })).toEqual({ ok: true, data: { claimId, status: 'rejected' } });
    expect(await docById(emu, 'volunteers', record.volunteerId)).toEqual(before);
    expect(await inboxOf(claimant.openid)).toEqual([expect.objectContaining({ title: '申诉未通过', body: expect.stringContaining('照片模糊无法辨认') })]);
    expect(await inboxOf(record.holder.openid)).toEqual([]);
    // Decided once; a photo for it afterwards is refused; a reason is required.
    expect(await caller(emu, ADMIN).call('volunteer', 'decideClaim', { claimId, decision: 'approve', reason: '改判' })).toEqual(refused('CLAIM_DECIDED'));
    expect(await claimant.call('volunteer', 'addClaimEvidence', { claimId, photo: photo() })).toEqual(refused('CLAIM_DECIDED'));
    expect(await caller(emu, ADMIN).call('volunteer', 'decideClaim', { claimId, decision: 'reject', reason: ' ' })).toMatchObject({ ok: false, error: { code: 'REASON_REQUIRED' } });
  });
});

describe('filing', () => {
  test('a wrong name and an unregistered number get the same answer, and nothing is written', async () => {
    const record = await registeredRecord(emu, someone('named').openid, '郑重');
    const guesser = someone('guesser');
    const claimsBefore = (await allDocs(emu, 'claims')).length;
    const wrongName = await guesser.call('volunteer', 'fileClaim', claimRequest(record, { name: '郑轻' }));
    const unregistered = await guesser.call('volunteer', 'fileClaim', claimRequest({ name: '郑重', number: idNumber(1970, 555, '110105') }));
    expect(wrongName).toEqual(refused('CLAIM_MISMATCH'));
    expect(unregistered).toEqual(wrongName);
    expect((await allDocs(emu, 'claims')).length).toBe(claimsBefore);
    // Bad input is refused by field, before anything is looked up.
    expect(await guesser.call('volunteer', 'fileClaim', claimRequest(record, { statement: '太短' }))).toMatchObject({ ok: false, error: { code: 'STATEMENT_INVALID', field: 'statement' } });
    expect(await guesser.call('volunteer', 'fileClaim', claimRequest(record, { privacyVersion: 'old' }))).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED' } });
    expect(await guesser.call('volunteer', 'fileClaim', claimRequest(record, { credential: { type: 'CN_ID', number: '350103198501010000' } }))).toMatchObject({ ok: false, error: { code: 'CREDENTIAL_INVALID' } });
  });

  test('one open claim per claimant and credential; at most 3 per credential in 30 days, with the day to try again', async () => {
    const record = await registeredRecord(emu, someone('popular').openid, '冯远');
    const first = someone('first');
    expect(await first.call('volunteer', 'fileClaim', claimRequest(record))).toMatchObject({ ok: true, data: { claim: { status: 'awaitingEvidence', evidenceRoom: 3 } } });
    expect(await first.call('volunteer', 'fileClaim', claimRequest(record))).toEqual(refused('CLAIM_ALREADY_OPEN'));
    expect(await someone('second').call('volunteer', 'fileClaim', claimRequest(record))).toMatchObject({ ok: true });
    expect(await someone('third').call('volunteer', 'fileClaim', claimRequest(record))).toMatchObject({ ok: true });
    const fourth = await someone('fourth').call('volunteer', 'fileClaim', claimRequest(record));
    expect(fourth).toMatchObject({ ok: false, error: { code: 'CLAIM_LIMIT', message: expect.stringMatching(/^这个证件近 30 天已有 3 次申诉，请在 \d{4}-\d{2}-\d{2} 之后再提交$/) } });
  });

  test('claims filed at once against one credential: never more than 3', async () => {
    const record = await registeredRecord(emu, someone('rushed').openid, '褚青');
    const answers = await Promise.all([1, 2, 3, 4, 5, 6].map(() => someone('rush').call('volunteer', 'fileClaim', claimRequest(record))));
    expect(answers.filter((a) => a.ok)).toHaveLength(3);
    expect(answers.filter((a) => !a.ok).map((a) => !a.ok && a.error.code)).toEqual(expect.arrayContaining(['CLAIM_LIMIT']));
    expect(answers.every((a) => a.ok || ['CLAIM_LIMIT', 'BUSY'].includes(a.error.code))).toBe(true);
  });

  test('a caller may file 5 claims a day at most', async () => {
    const prober = someone('prober');
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await prober.call('volunteer', 'fileClaim', claimRequest({ name: '蒋某', number: idNumber(1960, 100 + i, '110105') })));
    expect(answers.slice(0, 5).every((a) => !a.ok && a.error.code === 'CLAIM_MISMATCH')).toBe(true);
    expect(answers[5]).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) } });
  });
});

describe('evidence', () => {
  test('JPEG or PNG only, at most 3; the claim joins the queue with its first photo', async () => {
    const record = await registeredRecord(emu, someone('evid').openid, '沈星');
    const claimant = someone('photos');
    const filed = await claimant.call('volunteer', 'fileClaim', claimRequest(record));
    if (!filed.ok) throw new Error(filed.error.code);
    const { claimId } = filed.data.claim;
    expect(await claimant.call('volunteer', 'addClaimEvidence', { claimId, photo: { contentType: 'image/png', base64: JPEG.toString('base64') } })).toMatchObject({ ok: false, error: { code: 'EVIDENCE_INVALID' } });
    expect(await claimant.call('volunteer', 'addClaimEvidence', { claimId, photo: { contentType: 'image/jpeg', base64: 'not base64!' } })).toMatchObject({ ok: false, error: { code: 'EVIDENCE_INVALID' } });
    const big = Buffer.concat([JPEG, Buffer.alloc(71 * 1024)]);
    expect(await claimant.call('volunteer', 'addClaimEvidence', { claimId, photo: photo(big) })).toMatchObject({ ok: false, error: { code: 'EVIDENCE_INVALID', message: expect.stringContaining('70 KB') } });
    expect(await claimant.call('volunteer', 'addClaimEvidence', { claimId, photo: photo() })).toMatchObject({ ok: true, data: { claim: { status: 'pending', evidenceCount: 1, evidenceRoom: 2 } } });
    expect(await claimant.call('volunteer', 'addClaimEvidence', { claimId, photo: { contentType: 'image/png', base64: PNG.toString('base64') } })).toMatchObject({ ok: true });
    expect(await claimant.call('volunteer', 'addClaimEvidence', { claimId, photo: photo() })).toMatchObject({ ok: true, data: { claim: { evidenceCount: 3, evidenceRoom: 0 } } });
    expect(await claimant.call('volunteer', 'addClaimEvidence', { claimId, photo: photo() })).toEqual(refused('EVIDENCE_LIMIT'));
  });

  test('nobody but platform admins reaches a photo: not another user, not without a signed link; links are short-lived', async () => {
    const record = await registeredRecord(emu, someone('private').openid, '韩梅');
    const claimant = someone('owner-private');
    const claimId = await pendingClaim(claimant, record);
    const other = someone('nosy');
    expect(await other.call('volunteer', 'addClaimEvidence', { claimId, photo: photo() })).toEqual(refused('CLAIM_NOT_FOUND'));
    expect(await other.call('volunteer', 'claimDetail', { claimId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await claimant.call('volunteer', 'claimQueue', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await other.call('volunteer', 'myClaims', {})).toEqual({ ok: true, data: { items: [] } });

    const claim = await docById(emu, 'claims', claimId);
    const fileID = (claim?.evidence as Array<{ fileID: string }>)[0].fileID;
    const path = fileID.replace(/^cloud:\/\/[^/]+\//, '');
    expect(path).toMatch(new RegExp(`^claims/${claimId}/1-[0-9a-f]{16}\\.jpg$`));
    const unsigned = await fetch(`${emu.baseUrl}/storage/${path}`);
    expect(unsigned.status).toBe(403);

    const detail = await caller(emu, ADMIN).call('volunteer', 'claimDetail', { claimId });
    if (!detail.ok) throw new Error(detail.error.code);
    expect(detail.data).toMatchObject({ nameMasked: '韩*', credentialMasked: expect.stringMatching(/^3\*{16}.$/), statement: expect.stringContaining('找回'), claimant: { phoneMasked: '139****2222' } });
    const [link] = detail.data.evidence;
    expect(new Date(link.validUntil).getTime() - Date.now()).toBeLessThanOrEqual(300_000);
    const signed = await fetch(link.url);
    expect(signed.status).toBe(200);
    expect(Buffer.from(await signed.arrayBuffer())).toEqual(JPEG);
    // The statement is stored encrypted, and nothing in the claim names the number.
    const stored = JSON.stringify(claim);
    expect(stored).not.toContain('找回');
    expect(stored).not.toContain(record.number);
  });
});

describe('review', () => {
  test('a retried approval (same request id) moves once and answers the same', async () => {
    const record = await registeredRecord(emu, someone('retry-holder').openid, '杨帆');
    const claimant = someone('retry');
    const claimId = await pendingClaim(claimant, record);
    const body = { action: 'decideClaim', claimId, decision: 'approve', reason: '证据一致', [REQUEST_ID_FIELD]: 'retry-approve-0001' };
    const first = await caller(emu, ADMIN).raw('volunteer', body);
    const second = await caller(emu, ADMIN).raw('volunteer', body);
    expect(first.body).toEqual({ ok: true, data: { claimId, status: 'approved' } });
    expect(second.body).toEqual(first.body);
    expect((await allDocs(emu, 'claimEvents')).filter((e) => e.claimId === claimId && e.step === 'moved')).toHaveLength(1);
    expect((await inboxOf(claimant.openid)).length).toBe(1);
  });

  test('two admins approving at once: one move, the other told it is decided', async () => {
    const record = await registeredRecord(emu, someone('race-holder').openid, '朱丽');
    const claimant = someone('race');
    const claimId = await pendingClaim(claimant, record);
    const answers = await Promise.all([ADMIN, ADMIN_2].map((a) => caller(emu, a).call('volunteer', 'decideClaim', { claimId, decision: 'approve', reason: '证据一致' })));
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.find((a) => !a.ok)).toEqual(refused('CLAIM_DECIDED'));
    expect(await docById(emu, 'volunteers', record.volunteerId)).toMatchObject({ userId: userIdOf(claimant.openid) });
    expect((await inboxOf(record.holder.openid)).length).toBe(1);
  });

  test('a claim without photos is not in the queue and cannot be decided', async () => {
    const record = await registeredRecord(emu, someone('nophoto').openid, '秦岚');
    const filed = await someone('nophoto-claimant').call('volunteer', 'fileClaim', claimRequest(record));
    if (!filed.ok) throw new Error(filed.error.code);
    expect(await caller(emu, ADMIN).call('volunteer', 'decideClaim', { claimId: filed.data.claim.claimId, decision: 'approve', reason: '证据一致' })).toEqual(refused('CLAIM_AWAITING_EVIDENCE'));
  });
});

describe('the review queue', () => {
  test('pages 20 at a time by cursor, oldest first, the first page under 20 KB; a forged cursor is refused', async () => {
    const fresh = await startTestEmulator({ functionEnv: { PLATFORM_ADMIN_OPENIDS: ADMIN } });
    try {
      const filed: string[] = [];
      for (let i = 0; i < 23; i++) {
        const record = await registeredRecord(fresh, `openid-queue-holder-${i}`, '欧阳娜娜');
        filed.push(await pendingClaim(caller(fresh, `openid-queue-claimant-${i}`), record));
      }
      const admin = caller(fresh, ADMIN);
      const first = await admin.call('volunteer', 'claimQueue', {});
      if (!first.ok) throw new Error(first.error.code);
      expect(first.data.items).toHaveLength(20);
      expect(Buffer.byteLength(JSON.stringify(first))).toBeLessThan(20 * 1024);
      expect(first.data.items[0]).toEqual({
        claimId: filed[0],
        filedAt: expect.any(String),
        nameMasked: '欧***',
        credentialType: 'CN_ID',
        credentialMasked: expect.stringMatching(/^3\*{16}.$/),
        evidenceCount: 1,
      });
      const second = await admin.call('volunteer', 'claimQueue', { cursor: first.data.nextCursor });
      if (!second.ok) throw new Error(second.error.code);
      expect(second.data).not.toHaveProperty('nextCursor');
      expect([...first.data.items, ...second.data.items].map((i) => i.claimId)).toEqual(filed);
      expect(await admin.call('volunteer', 'claimQueue', { cursor: 'eyJmb28iOjF9' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', field: 'cursor' } });
    } finally {
      await fresh.stop();
    }
  });
});

describe('the claimant’s data', () => {
  test('is in their export (statement readable) and goes with their account: claims removed, photos deleted', async () => {
    const record = await registeredRecord(emu, someone('export-holder').openid, '何平');
    const claimant = someone('export-claimant');
    const claimId = await pendingClaim(claimant, record);
    expect(await caller(emu, ADMIN).call('volunteer', 'decideClaim', { claimId, decision: 'approve', reason: '证据一致' })).toMatchObject({ ok: true });
    const exported = await claimant.call('volunteer', 'exportMine', {});
    if (!exported.ok) throw new Error(exported.error.code);
    const file = (await (await fetch(exported.data.url)).json()) as { other: { claims: Array<{ claimId: string; statement: string }> } };
    expect(file.other.claims).toEqual([expect.objectContaining({ claimId, statement: claimRequest(record).statement })]);

    const fileID = ((await docById(emu, 'claims', claimId))?.evidence as Array<{ fileID: string }>)[0].fileID;
    expect(await claimant.call('volunteer', 'deleteAccount', { confirm: '注销' })).toMatchObject({ ok: true });
    expect(await docById(emu, 'claims', claimId)).toBeNull();
    const links = (await serverSdk(emu).getTempFileURL({ fileList: [fileID] })) as { fileList: Array<{ code?: string; tempFileURL: string }> };
    expect(links.fileList[0]?.tempFileURL).toBe('');
    // The audit trail stays, without personal data.
    expect((await allDocs(emu, 'claimEvents')).filter((e) => e.claimId === claimId).length).toBe(4);
  });
});
