// The help function through the emulator and the stock SDK, first part: submitting (what is refused, the
// limit, the contact encrypted at rest and masked in views, the verifiers told), verifying and rejecting (the first
// wave offered, unmatched without responders), and who sees what (mine, verifyQueue, publicList never showing an
// unverified need). The state machine by role, dispatch, the accept race and ratings: help-flow.test.ts.
import type { Emulator } from '../../emulator/src/server';
import { caller, startTestEmulator } from '../../emulator/test/support';
import { functionEnv, PLATFORM_ADMIN, registerVolunteer, verifiedOrganization } from '../organization/test-support';
import { HELP_CONTACT_PURPOSE, type HelpRequestDoc } from '../_shared/documents/help';
import { userIdOf } from '../_shared/documents/ids';
import { decryptField, keyRingFromEnv } from '../_shared/security/crypto';
import { docOf, docsOf, okData, person, platformAdmin, responder, spot, submission, submissionAt } from './test-support';

const HOUR = 3_600_000;
let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

const NOTE = '已电话联系求助人本人，情况属实';
const refusedWith = (code: string) => ({ ok: false, error: expect.objectContaining({ code, message: expect.stringMatching(/[\u4e00-\u9fff]/) }) });

describe('help.submit', () => {
  it('stores the need pending with the contact encrypted, tells the verifiers once, and shows the phone masked', async () => {
    const requester = await person(emu, '李求助');
    const answer = okData(await requester.as.call('help', 'submit', submission()));
    expect(answer).toEqual({ helpRequestId: expect.stringMatching(/^help_/), status: 'pending' });

    const stored = (await docOf<HelpRequestDoc>(emu, 'helpRequests', answer.helpRequestId))!;
    const raw = JSON.stringify(stored);
    expect(raw).not.toContain('13812345678');
    expect(raw).not.toContain('王秀英');
    expect(stored.contact!.phoneMasked).toBe('138****5678');
    expect(JSON.parse(decryptField(stored.contact!.cipher, keyRingFromEnv(emu.functionEnv), HELP_CONTACT_PURPOSE))).toEqual({ name: '王秀英', phone: '13812345678' });
    expect(stored).toEqual(expect.objectContaining({ status: 'pending', requesterUserId: requester.userId, regionPrefixes: ['35', '3501', '350102'] }));
    expect(stored.verification).toBeUndefined();

    const mine = okData(await requester.as.call('help', 'mine', {}));
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toEqual(expect.objectContaining({ id: answer.helpRequestId, status: 'pending', statusLabel: '待核实', contact: { name: '王秀英', phoneMasked: '138****5678' } }));
    expect(JSON.stringify(mine)).not.toContain('13812345678');

    // Both platform admins are told, once each.
    const told = await docsOf(emu, 'notifications', { kind: 'help.awaitingVerification', recipientUserId: userIdOf(PLATFORM_ADMIN) });
    expect(told.filter((n) => String(n._id).includes(answer.helpRequestId.replace(/[^A-Za-z0-9_-]/g, '-')))).toHaveLength(1);
    expect(await docsOf(emu, 'helpRequesters', { _id: requester.userId })).toEqual([expect.objectContaining({ awaiting: 1 })]);
  });

  it('tells the admins of verified organizations of the county, not of another county, and never the requester', async () => {
    const gulouAdmin = await person(emu, '鼓楼管理员');
    await verifiedOrganization(emu, gulouAdmin);
    const taijiangAdmin = await person(emu, '台江管理员');
    await verifiedOrganization(emu, taijiangAdmin, { regionCode: '350103', regionNames: ['福建省', '福州市', '台江区'] });
    const { helpRequestId } = okData(await gulouAdmin.as.call('help', 'submit', submission()));
    const other = await person(emu);
    const second = okData(await other.as.call('help', 'submit', submission()));
    const toGulou = await docsOf(emu, 'notifications', { kind: 'help.awaitingVerification', recipientUserId: gulouAdmin.userId });
    expect(toGulou.map((n) => n.link)).toEqual(['/help/verify/index']);
    expect(JSON.stringify(toGulou)).not.toContain(helpRequestId);
    expect(await docsOf(emu, 'notifications', { kind: 'help.awaitingVerification', recipientUserId: taijiangAdmin.userId })).toEqual([]);
    expect(second.status).toBe('pending');
  });

  // Anyone may submit, registered or not: anyone.test.ts.
  it('refuses bad input, changing nothing', async () => {
    const v = await person(emu);
    const past = new Date(Date.now() - HOUR).toISOString();
    expect(await v.as.call('help', 'submit', submission({ startsAt: past }))).toEqual(refusedWith('HELP_INVALID'));
    expect(await v.as.call('help', 'submit', submission({ category: 'no_such_category' }))).toEqual(refusedWith('HELP_INVALID'));
    const long = submission();
    expect(await v.as.call('help', 'submit', { ...long, endsAt: new Date(Date.parse(long.startsAt) + 13 * HOUR).toISOString() })).toEqual(refusedWith('HELP_INVALID'));
    expect(await v.as.call('help', 'submit', { ...long, place: { ...long.place, regionCode: '350100' } })).toEqual(refusedWith('HELP_INVALID'));
    expect(await v.as.call('help', 'submit', submission({ what: '帮忙' }))).toEqual(refusedWith('BAD_REQUEST'));
    expect(await v.as.call('help', 'submit', submission({ contact: { name: '王', phone: '12345' } }))).toEqual(refusedWith('BAD_REQUEST'));
    expect(await v.as.call('help', 'submit', submission({ volunteersWanted: 0 }))).toEqual(refusedWith('BAD_REQUEST'));
    expect(okData(await v.as.call('help', 'mine', {})).items).toEqual([]);
    expect(await docsOf(emu, 'helpRequesters', { _id: v.userId })).toEqual([]);
  });

  it('holds the submission limit: two waiting at once, then three rejections within 30 days', async () => {
    const v = await person(emu);
    okData(await v.as.call('help', 'submit', submission()));
    const second = okData(await v.as.call('help', 'submit', submission()));
    const third = await v.as.call('help', 'submit', submission());
    expect(third).toEqual({ ok: false, error: expect.objectContaining({ code: 'SUBMISSIONS_LIMITED', message: expect.stringContaining('2 条求助在等待核实') }) });

    // A rejection frees a place but counts; the third rejection closes submissions for 30 days.
    const reject = (helpRequestId: string) => platformAdmin(emu).call('help', 'verify', { helpRequestId, decision: 'reject', method: 'call', note: '电话无法联系到求助人' });
    okData(await reject(second.helpRequestId));
    const mine = okData(await v.as.call('help', 'mine', {})).items;
    okData(await reject(mine.find((n) => n.status === 'pending')!.id));
    const more = okData(await v.as.call('help', 'submit', submission()));
    okData(await reject(more.helpRequestId));
    const limited = await v.as.call('help', 'submit', submission());
    expect(limited).toEqual({ ok: false, error: expect.objectContaining({ code: 'SUBMISSIONS_LIMITED', message: expect.stringContaining('30 天') }) });
    expect(await docsOf(emu, 'helpRequesters', { _id: v.userId })).toEqual([expect.objectContaining({ awaiting: 0, rejectedAt: [expect.any(Date), expect.any(Date), expect.any(Date)] })]);
  });

  it('two submissions at once past the limit: exactly two are taken', async () => {
    const v = await person(emu);
    const answers = await Promise.all([1, 2, 3, 4].map(() => v.as.call('help', 'submit', submission())));
    expect(answers.filter((a) => a.ok)).toHaveLength(2);
    expect(answers.filter((a) => !a.ok).map((a) => !a.ok && a.error.code)).toEqual(['SUBMISSIONS_LIMITED', 'SUBMISSIONS_LIMITED']);
    expect(await docsOf(emu, 'helpRequests', { requesterUserId: v.userId })).toHaveLength(2);
  });
});

describe('help.verify', () => {
  it('verifies: the nearest fitting responder gets the offer, the requester is told, the need goes public', async () => {
    const here = spot();
    const near = await responder(emu, here);
    const far = await responder(emu, { longitude: here.longitude + 0.2, latitude: here.latitude });
    const requester = await person(emu);
    const { helpRequestId } = okData(await requester.as.call('help', 'submit', submissionAt(here)));

    const answer = okData(await platformAdmin(emu).call('help', 'verify', { helpRequestId, decision: 'verify', method: 'visit', note: NOTE }));
    expect(answer).toEqual({ helpRequestId, status: 'dispatched', offeredTo: 1, volunteersTold: 0 });
    const stored = (await docOf<HelpRequestDoc>(emu, 'helpRequests', helpRequestId))!;
    expect(stored.order).toEqual([near.orgId, far.orgId]);
    expect(stored.wave).toEqual([near.orgId]);
    expect(stored.verification).toEqual(expect.objectContaining({ decision: 'verify', method: 'visit', note: NOTE, byName: '平台' }));

    expect(await docsOf(emu, 'notifications', { kind: 'help.offered', recipientUserId: near.admin.userId })).toHaveLength(1);
    expect(await docsOf(emu, 'notifications', { kind: 'help.offered', recipientUserId: far.admin.userId })).toEqual([]);
    expect(await docsOf(emu, 'notifications', { kind: 'help.verified', recipientUserId: requester.userId })).toHaveLength(1);
    expect(await docsOf(emu, 'helpRequesters', { _id: requester.userId })).toEqual([expect.objectContaining({ awaiting: 0 })]);

    const offers = okData(await near.admin.as.call('help', 'offers', { orgId: near.orgId })).items;
    expect(offers.map((o) => o.id)).toEqual([helpRequestId]);
    // An organization only offered the need sees the contact's name masked, never the phone.
    expect(offers[0]!.contact).toEqual({ name: '王**', phoneMasked: '138****5678' });
    expect(okData(await far.admin.as.call('help', 'offers', { orgId: far.orgId })).items).toEqual([]);
    expect(await far.admin.as.call('help', 'offers', { orgId: near.orgId })).toEqual(refusedWith('FORBIDDEN'));

    const listed = okData(await caller(emu, 'openid-anyone').call('help', 'publicList', { regionCode: '3501' })).items;
    const shown = listed.find((n) => n.id === helpRequestId)!;
    expect(shown).toEqual(expect.objectContaining({ status: 'dispatched', statusLabel: '派单中', forWhomObject: 'elderly', regionNames: ['福建省', '福州市', '鼓楼区'] }));
    expect(Object.keys(shown).sort()).toEqual(['category', 'endsAt', 'forWhomObject', 'id', 'regionNames', 'startsAt', 'status', 'statusLabel', 'urgent', 'what']);
    expect(JSON.stringify(listed)).not.toContain('王秀英');
  });

  it('with no responder in reach the need is unmatched and the requester told so', async () => {
    const requester = await person(emu);
    const { helpRequestId } = okData(await requester.as.call('help', 'submit', submissionAt(spot())));
    const answer = okData(await platformAdmin(emu).call('help', 'verify', { helpRequestId, decision: 'verify', method: 'call', note: NOTE }));
    expect(answer).toEqual({ helpRequestId, status: 'unmatched', offeredTo: 0, volunteersTold: 0 });
    expect(await docsOf(emu, 'notifications', { kind: 'help.unmatched', recipientUserId: requester.userId })).toHaveLength(1);
    // Told once, that no organization could take it: not also "已核实，正在为你联系服务组织".
    expect(await docsOf(emu, 'notifications', { kind: 'help.verified', recipientUserId: requester.userId })).toEqual([]);
  });

  it('an admin of a verified organization of the county verifies for it; of another county, or without asOrgId, it may not', async () => {
    const admin = await person(emu, '鼓楼核实人');
    const orgId = await verifiedOrganization(emu, admin);
    const elsewhere = await person(emu, '台江核实人');
    const otherOrg = await verifiedOrganization(emu, elsewhere, { regionCode: '350103', regionNames: ['福建省', '福州市', '台江区'] });
    const requester = await person(emu);
    const { helpRequestId } = okData(await requester.as.call('help', 'submit', submissionAt(spot())));

    const queue = okData(await admin.as.call('help', 'verifyQueue', {})).items.map((n) => n.id);
    expect(queue).toContain(helpRequestId);
    expect(okData(await elsewhere.as.call('help', 'verifyQueue', {})).items.map((n) => n.id)).not.toContain(helpRequestId);
    expect(okData(await requester.as.call('help', 'verifyQueue', {})).items).toEqual([]);

    const payload = { helpRequestId, decision: 'reject' as const, method: 'evidence' as const, note: '材料显示已有家属照料' };
    expect(await elsewhere.as.call('help', 'verify', { ...payload, asOrgId: otherOrg })).toEqual(refusedWith('FORBIDDEN'));
    expect(await elsewhere.as.call('help', 'verify', { ...payload, asOrgId: orgId })).toEqual(refusedWith('FORBIDDEN'));
    expect(await admin.as.call('help', 'verify', payload)).toEqual(refusedWith('FORBIDDEN'));
    expect(await admin.as.call('help', 'verify', { ...payload, asOrgId: orgId, note: '无' })).toEqual(refusedWith('HELP_INVALID'));
    expect((await docOf<HelpRequestDoc>(emu, 'helpRequests', helpRequestId))!.status).toBe('pending');

    expect(okData(await admin.as.call('help', 'verify', { ...payload, asOrgId: orgId }))).toEqual({ helpRequestId, status: 'rejected', offeredTo: 0, volunteersTold: 0 });
    const mine = okData(await requester.as.call('help', 'mine', {})).items[0]!;
    expect(mine.verification).toEqual(expect.objectContaining({ decision: 'reject', method: 'evidence', by: expect.stringContaining('阳光志愿服务中心') }));
    expect(await docsOf(emu, 'notifications', { kind: 'help.rejected', recipientUserId: requester.userId })).toHaveLength(1);
    // Decided once: a second decision finds it no longer pending.
    expect(await platformAdmin(emu).call('help', 'verify', { ...payload, decision: 'verify' })).toEqual(refusedWith('WRONG_STATE'));
    expect(await admin.as.call('help', 'verify', { ...payload, helpRequestId: 'help_missing' })).toEqual(refusedWith('HELP_NOT_FOUND'));
  });

  it('the queue says for which of the caller’s organizations each need may be verified: an admin of several verifies each in the right name', async () => {
    const admin = await person(emu, '两队核实人');
    const gulou = await verifiedOrganization(emu, admin, { name: '鼓楼区助老服务队' });
    const taijiang = await verifiedOrganization(emu, admin, { name: '台江区助老服务队', regionCode: '350103', regionNames: ['福建省', '福州市', '台江区'] });
    const requester = await person(emu);
    const inGulou = okData(await requester.as.call('help', 'submit', submissionAt(spot()))).helpRequestId;
    const inTaijiang = okData(
      await requester.as.call('help', 'submit', submissionAt(spot(), { place: { ...submission().place, regionCode: '350103', regionNames: ['福建省', '福州市', '台江区'] } })),
    ).helpRequestId;

    const queue = okData(await admin.as.call('help', 'verifyQueue', {})).items;
    const item = (id: string) => queue.find((n) => n.id === id);
    expect(item(inGulou)).toMatchObject({ verifiableFor: [{ orgId: gulou, orgName: '鼓楼区助老服务队' }], asPlatformAdmin: false });
    expect(item(inTaijiang)).toMatchObject({ verifiableFor: [{ orgId: taijiang, orgName: '台江区助老服务队' }], asPlatformAdmin: false });
    // A platform admin may verify any as 平台; with no organization of the county, only so.
    expect(okData(await platformAdmin(emu).call('help', 'verifyQueue', {})).items.find((n) => n.id === inGulou)).toMatchObject({ verifiableFor: [], asPlatformAdmin: true });

    // What the queue names is what verify accepts (and the other organization is refused).
    const payload = { decision: 'verify' as const, method: 'call' as const, note: NOTE };
    expect(await admin.as.call('help', 'verify', { ...payload, helpRequestId: inGulou, asOrgId: taijiang })).toEqual(refusedWith('FORBIDDEN'));
    for (const [id, orgId] of [[inGulou, gulou], [inTaijiang, taijiang]] as const) {
      expect(await admin.as.call('help', 'verify', { ...payload, helpRequestId: id, asOrgId: item(id)!.verifiableFor[0]!.orgId })).toMatchObject({ ok: true });
      expect((await docOf<HelpRequestDoc>(emu, 'helpRequests', id))!.verification).toMatchObject({ asOrgId: orgId });
    }
  });

  it('the requester never verifies their own need, even as a platform admin', async () => {
    const adminAsRequester = await registerVolunteer(emu, PLATFORM_ADMIN, '平台管理员');
    const { helpRequestId } = okData(await adminAsRequester.as.call('help', 'submit', submission()));
    expect(await adminAsRequester.as.call('help', 'verify', { helpRequestId, decision: 'verify', method: 'call', note: NOTE })).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'FORBIDDEN', message: '不能核实自己提交的求助' }),
    });
    expect(okData(await adminAsRequester.as.call('help', 'verifyQueue', {})).items.map((n) => n.id)).not.toContain(helpRequestId);
    expect(okData(await caller(emu, 'openid-platform-admin-2').call('help', 'verifyQueue', {})).items.map((n) => n.id)).toContain(helpRequestId);
  });
});

describe('who sees a need', () => {
  it('an unverified or rejected need is in no public list and in no one else’s reads', async () => {
    const { requester, helpRequestId } = await (async () => {
      const r = await person(emu);
      return { requester: r, helpRequestId: okData(await r.as.call('help', 'submit', submission())).helpRequestId };
    })();
    const anyone = caller(emu, 'openid-help-public');
    for (const regionCode of ['35', '3501', '350102']) {
      expect(okData(await anyone.call('help', 'publicList', { regionCode })).items.map((n) => n.id)).not.toContain(helpRequestId);
    }
    const other = await person(emu);
    expect(okData(await other.as.call('help', 'mine', {})).items).toEqual([]);
    expect(okData(await other.as.call('help', 'verifyQueue', {})).items).toEqual([]);
    expect(okData(await requester.as.call('help', 'mine', {})).items.map((n) => n.id)).toEqual([helpRequestId]);

    okData(await platformAdmin(emu).call('help', 'verify', { helpRequestId, decision: 'reject', method: 'call', note: '核实不属实' }));
    expect(okData(await anyone.call('help', 'publicList', { regionCode: '350102' })).items.map((n) => n.id)).not.toContain(helpRequestId);
  });

  it('a document with a public status but no recorded verification stays hidden', async () => {
    const r = await person(emu);
    const { helpRequestId } = okData(await r.as.call('help', 'submit', submission()));
    const { serverSdk } = await import('../../emulator/test/support');
    await serverSdk(emu).database().collection('helpRequests').doc(helpRequestId).update({ data: { status: 'dispatched' } });
    expect(okData(await caller(emu, 'openid-x').call('help', 'publicList', { regionCode: '350102' })).items.map((n) => n.id)).not.toContain(helpRequestId);
  });

  it('refuses a region code that is none', async () => {
    const anyone = caller(emu, 'openid-help-public');
    expect(await anyone.call('help', 'publicList', { regionCode: '3' })).toEqual(refusedWith('HELP_INVALID'));
    expect(await anyone.call('help', 'publicList', { regionCode: '990000' })).toEqual(refusedWith('HELP_INVALID'));
  });
});
