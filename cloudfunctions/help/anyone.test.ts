// Anyone may ask for help (issue 12): an account that never registered as a volunteer submits a need, follows it in
// 我的求助, hears the verifier's outcome (inbox and subscribe message, by its OPENID), withdraws or rates, is held to
// the same per-account limit, and finds its needs in its data export and handled on account deletion. Through the
// emulator and the stock SDK.
import type { Emulator } from '../../emulator/src/server';
import { caller, serverSdk, startTestEmulator, type TestCaller } from '../../emulator/test/support';
import { PLATFORM_ADMIN } from '../organization/test-support';
import type { HelpRequestDoc } from '../_shared/documents/help';
import { userIdOf } from '../_shared/documents/ids';
import { DELETED_ACCOUNT } from '../_shared/db/personal-data';
import { noQuietHours, notifyEnv, runDispatcher, subscribeSendsTo, subscribeTemplateOf } from '../notify/test-support';
import { docOf, docsOf, okData, platformAdmin, responder, spot, submission, submissionAt } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv: notifyEnv });
});
afterAll(async () => emu.stop());

const NOTE = '已电话联系求助人本人，情况属实';
let serial = 0;
/** A WeChat account that has never registered as a volunteer, nor even opened 我的 (no users document yet). */
function anyone(): { openid: string; userId: string; as: TestCaller } {
  const openid = `openid-anyone-${++serial}-${Date.now().toString(36)}`;
  return { openid, userId: userIdOf(openid), as: caller(emu, openid) };
}
const needDoc = async (id: string) => (await docOf<HelpRequestDoc>(emu, 'helpRequests', id))!;
const verify = (helpRequestId: string) => platformAdmin(emu).call('help', 'verify', { helpRequestId, decision: 'verify', method: 'call', note: NOTE });

describe('an account that never registered', () => {
  it('submits, sees the need in 我的求助, hears the verification by inbox and subscribe message, and withdraws', async () => {
    const here = spot();
    const org = await responder(emu, here);
    const me = anyone();
    expect(await docsOf(emu, 'users', { _id: me.userId })).toEqual([]);

    const { helpRequestId, status } = okData(await me.as.call('help', 'submit', submissionAt(here)));
    expect(status).toBe('pending');
    expect(await needDoc(helpRequestId)).toEqual(expect.objectContaining({ requesterUserId: me.userId, status: 'pending' }));
    // The account is on record now (as user.session would have made it), still without a volunteer profile.
    expect(await docsOf(emu, 'users', { _id: me.userId })).toEqual([expect.objectContaining({ openid: me.openid, roles: [] })]);
    expect((await docOf(emu, 'users', me.userId))!.volunteerId).toBeUndefined();
    expect(okData(await me.as.call('user', 'session', {}))).toEqual(expect.objectContaining({ registered: false, firstSeen: false }));
    expect(await docsOf(emu, 'helpRequesters', { _id: me.userId })).toEqual([expect.objectContaining({ awaiting: 1 })]);

    const mine = okData(await me.as.call('help', 'mine', {})).items;
    expect(mine).toEqual([expect.objectContaining({ id: helpRequestId, status: 'pending', statusLabel: '待核实', contact: { name: '王秀英', phoneMasked: '138****5678' } })]);

    // The person allowed one 审核结果通知 (the template of a verification's outcome) and keeps no quiet hours.
    const template = subscribeTemplateOf(emu, 'help.verified');
    emu.wechat.acceptSubscription(me.openid, template, 1);
    await serverSdk(emu).database().collection('subscribeGrants').add({ data: { _id: `${me.userId}.${template}`, userId: me.userId, templateId: template, left: 1, lastMoment: 'signup', updatedAt: new Date() } });
    await noQuietHours(emu, me.openid);

    expect(okData(await verify(helpRequestId))).toEqual(expect.objectContaining({ status: 'dispatched', offeredTo: 1 }));
    const inbox = okData(await me.as.call('inbox', 'list', {})).items;
    expect(inbox.map((i) => i.title)).toEqual([expect.stringContaining('核实')]);
    for (let run = 0; run < 3; run++) await runDispatcher(emu);
    expect(subscribeSendsTo(emu, me.openid)).toEqual([expect.objectContaining({ touser: me.openid, template_id: template })]);
    const [told] = await docsOf(emu, 'notifications', { recipientUserId: me.userId, kind: 'help.verified' });
    expect(told).toEqual(expect.objectContaining({ delivery: expect.objectContaining({ state: 'delivered', channel: 'subscribe' }) }));

    expect(okData(await me.as.call('help', 'withdraw', { helpRequestId }))).toEqual({ helpRequestId, status: 'withdrawn' });
    expect(okData(await me.as.call('help', 'mine', {})).items).toEqual([expect.objectContaining({ id: helpRequestId, status: 'withdrawn', statusLabel: '已撤回' })]);
    // The organization holding the offer is told it closed.
    expect(await docsOf(emu, 'notifications', { kind: 'help.offerClosed', recipientUserId: org.admin.userId })).toHaveLength(1);
  });

  it('rates the service once the organization reports it served, and sees who viewed the phone', async () => {
    const here = spot();
    const org = await responder(emu, here);
    const me = anyone();
    const { helpRequestId } = okData(await me.as.call('help', 'submit', submissionAt(here)));
    okData(await verify(helpRequestId));
    okData(await org.admin.as.call('help', 'answerOffer', { helpRequestId, orgId: org.orgId, decision: 'accept' }));
    okData(await org.admin.as.call('help', 'contact', { helpRequestId }));
    okData(await org.admin.as.call('help', 'complete', { helpRequestId }));
    expect(await docsOf(emu, 'notifications', { kind: 'help.served', recipientUserId: me.userId })).toHaveLength(1);

    const [served] = okData(await me.as.call('help', 'mine', {})).items;
    expect(served).toEqual(expect.objectContaining({ status: 'served', contactViews: [expect.objectContaining({ byName: expect.any(String) })] }));
    expect(okData(await me.as.call('help', 'rate', { helpRequestId, stars: 5, comment: '来得很及时，谢谢' }))).toEqual({ helpRequestId, status: 'rated' });
    expect(okData(await caller(emu, 'openid-anyone-rating-reader').call('help', 'orgRatings', { orgId: org.orgId }))).toEqual(expect.objectContaining({ count: 1 }));
    // A stranger, registered or not, can do none of it.
    expect(await anyone().as.call('help', 'rate', { helpRequestId, stars: 1 })).toEqual({ ok: false, error: expect.objectContaining({ code: 'FORBIDDEN' }) });
  });

  it('is held to the per-account limit, even when its first submissions arrive at once', async () => {
    const me = anyone();
    const answers = await Promise.all([1, 2, 3, 4].map(() => me.as.call('help', 'submit', submission())));
    expect(answers.filter((a) => a.ok)).toHaveLength(2);
    expect(answers.filter((a) => !a.ok).map((a) => !a.ok && a.error.code)).toEqual(['SUBMISSIONS_LIMITED', 'SUBMISSIONS_LIMITED']);
    expect(await docsOf(emu, 'helpRequests', { requesterUserId: me.userId })).toHaveLength(2);
    expect(await docsOf(emu, 'users', { _id: me.userId })).toHaveLength(1);
    expect(await docsOf(emu, 'helpRequesters', { _id: me.userId })).toEqual([expect.objectContaining({ awaiting: 2 })]);
  });

  it('a retried submission has one effect; a refused one leaves no trace, not even the account', async () => {
    const me = anyone();
    const payload = { action: 'submit', ...submission(), requestId: `req-anyone-${serial}` };
    const first = await me.as.raw('help', payload);
    expect(first.body).toEqual({ ok: true, data: expect.objectContaining({ status: 'pending' }) });
    expect((await me.as.raw('help', payload)).body).toEqual(first.body);
    expect(await docsOf(emu, 'helpRequests', { requesterUserId: me.userId })).toHaveLength(1);

    const refused = anyone();
    expect(await refused.as.call('help', 'submit', submission({ startsAt: new Date(Date.now() - 3_600_000).toISOString() }))).toEqual({ ok: false, error: expect.objectContaining({ code: 'HELP_INVALID' }) });
    expect(await refused.as.call('help', 'submit', submission({ contact: { name: '王', phone: '12345' } }))).toEqual({ ok: false, error: expect.objectContaining({ code: 'BAD_REQUEST' }) });
    expect(await docsOf(emu, 'users', { _id: refused.userId })).toEqual([]);
    expect(await docsOf(emu, 'helpRequesters', { _id: refused.userId })).toEqual([]);
    expect(okData(await refused.as.call('help', 'mine', {})).items).toEqual([]);
  });

  it('never verifies its own need, even as a platform admin who never registered', async () => {
    const { helpRequestId } = okData(await caller(emu, PLATFORM_ADMIN).call('help', 'submit', submission()));
    expect(await platformAdmin(emu).call('help', 'verify', { helpRequestId, decision: 'verify', method: 'call', note: NOTE })).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'FORBIDDEN', message: '不能核实自己提交的求助' }),
    });
    expect(okData(await platformAdmin(emu).call('help', 'verifyQueue', {})).items.map((n) => n.id)).not.toContain(helpRequestId);
    const toSelf = await docsOf(emu, 'notifications', { kind: 'help.awaitingVerification', recipientUserId: userIdOf(PLATFORM_ADMIN) });
    expect(JSON.stringify(toSelf)).not.toContain(helpRequestId.slice(5));
    expect(okData(await caller(emu, 'openid-platform-admin-2').call('help', 'verifyQueue', {})).items.map((n) => n.id)).toContain(helpRequestId);
  });

  it('finds its needs in its data export; deleting the account removes the open ones and strips the accepted', async () => {
    const here = spot();
    const org = await responder(emu, here);
    const me = anyone();
    const open = okData(await me.as.call('help', 'submit', submissionAt(here)));
    const kept = okData(await me.as.call('help', 'submit', submissionAt(here)));
    okData(await verify(kept.helpRequestId));
    okData(await org.admin.as.call('help', 'answerOffer', { helpRequestId: kept.helpRequestId, orgId: org.orgId, decision: 'accept' }));

    const exported = okData(await me.as.call('volunteer', 'exportMine', {}));
    const file = (await (await fetch(exported.url)).json()) as Record<string, any>;
    expect(file).toEqual(expect.objectContaining({ account: expect.objectContaining({ userId: me.userId, openid: me.openid, volunteerId: null }), volunteer: null }));
    expect(file.个人资料).toBe('未注册志愿者：没有实名资料');
    expect(file.other.helpRequests.map((n: { _id: string }) => n._id).sort()).toEqual([open.helpRequestId, kept.helpRequestId].sort());
    expect(file.other.helpRequests[0].contact).toEqual({ name: '王秀英', phone: '13812345678' });
    expect(file.other.helpRequesters).toEqual([expect.objectContaining({ _id: me.userId })]);

    expect(okData(await me.as.call('volunteer', 'deleteAccount', { confirm: '注销' }))).toEqual({ deletedAt: expect.any(String) });
    expect(await docsOf(emu, 'helpRequests', { _id: open.helpRequestId })).toEqual([]);
    const stripped = await needDoc(kept.helpRequestId);
    expect(stripped.contact).toBeUndefined();
    expect(stripped.requesterUserId).toBe(DELETED_ACCOUNT);
    for (const [collection, where] of [
      ['users', { _id: me.userId }],
      ['helpRequesters', { _id: me.userId }],
      ['helpRequests', { requesterUserId: me.userId }],
      ['notifications', { recipientUserId: me.userId }],
      ['exports', { userId: me.userId }],
    ] as const) {
      expect(await docsOf(emu, collection, where)).toEqual([]);
    }
    expect((await fetch(exported.url)).status).not.toBe(200);
    // The organization still serves the need, without the contact; the account is gone, and can ask again.
    expect(okData(await org.admin.as.call('help', 'offers', { orgId: org.orgId })).items).toEqual([expect.objectContaining({ id: kept.helpRequestId, contact: { name: '已注销', phoneMasked: '' } })]);
    expect(await me.as.call('volunteer', 'deleteAccount', { confirm: '注销' })).toEqual({ ok: false, error: expect.objectContaining({ code: 'NOT_REGISTERED' }) });
    expect(okData(await me.as.call('help', 'mine', {})).items).toEqual([]);
    expect(okData(await me.as.call('help', 'submit', submissionAt(here))).status).toBe('pending');
  });
});
