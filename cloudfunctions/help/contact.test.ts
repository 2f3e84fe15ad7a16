// help.contact through the emulator and the stock SDK: the contact's phone in full to a verifier while the need is
// pending and to the accepting organization's admins while it is accepted or served — every part × every status
// allowed or refused; each reveal recorded on the need (who, as which part, when, never the phone), once per request
// id, none lost when two reveal at once; the requester sees the records in 我的求助, nobody else; CONTACT_GONE once
// the requester deleted their account; bad input changes nothing; the phone is in no stored document — the request
// records keep the answer sealed.
import type { Emulator } from '../../emulator/src/server';
import { startTestEmulator, type TestCaller } from '../../emulator/test/support';
import type { HelpStatus } from '../../typings/help';
import { functionEnv, PLATFORM_ADMIN, registerVolunteer, verifiedOrganization } from '../organization/test-support';
import { allDocs, COLLECTIONS } from '../volunteer/test-support';
import type { ContactViewRecord, HelpRequestDoc } from '../_shared/documents/help';
import { userIdOf } from '../_shared/documents/ids';
import { failureLogLine } from '../_shared/frame/failure-log';
import { REQUEST_ID_FIELD } from '../../miniprogram/domain/actions';
import { docOf, okData, person, platformAdmin, responder, spot, submissionAt, type Responder } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

const NOTE = '已电话联系求助人本人，情况属实';
const PHONE = '13812345678';
const CONTACT = { name: '王秀英', phone: PHONE };
const code = (res: { ok: boolean; error?: { code: string } }) => (res.ok ? 'ok' : res.error!.code);
const needDoc = async (id: string) => (await docOf<HelpRequestDoc>(emu, 'helpRequests', id))!;
const viewsOf = async (id: string): Promise<ContactViewRecord[]> => (await needDoc(id)).contactViews ?? [];

type Point = { longitude: number; latitude: number };
type Part = 'requester' | 'platformAdmin' | 'regionOrgAdmin' | 'offeredOrgAdmin' | 'acceptedOrgAdmin' | 'acceptedOrgAdminForAnother' | 'other';
const PARTS: Part[] = ['requester', 'platformAdmin', 'regionOrgAdmin', 'offeredOrgAdmin', 'acceptedOrgAdmin', 'acceptedOrgAdminForAnother', 'other'];
const STATUSES: HelpStatus[] = ['pending', 'rejected', 'withdrawn', 'dispatched', 'unmatched', 'accepted', 'served', 'rated'];

/** The specification, written out: who gets the phone while when (the rest FORBIDDEN before anything about state). */
function expected(part: Part, status: HelpStatus): string {
  const accepted = status === 'accepted' || status === 'served' || status === 'rated';
  switch (part) {
    case 'platformAdmin':
    case 'regionOrgAdmin':
      return status === 'pending' ? 'ok' : 'WRONG_STATE';
    case 'acceptedOrgAdmin':
      // Before an organization accepted, A is at most offered the need: not a part that reaches the contact.
      if (!accepted) return 'FORBIDDEN';
      return status === 'rated' ? 'WRONG_STATE' : 'ok';
    default:
      return 'FORBIDDEN';
  }
}

describe('help.contact', () => {
  // One place with two responders (A nearest, B), an organization of the needs' county (R), a stranger; needs are
  // urgent so both A and B hold the offer; another place with no responder, for an unmatched need.
  let here: Point;
  let lonely: Point;
  let a: Responder;
  let b: Responder;
  let r: { admin: TestCaller; orgId: string; name: string };
  let stranger: TestCaller;

  beforeAll(async () => {
    here = spot();
    lonely = spot();
    a = await responder(emu, here);
    b = await responder(emu, { longitude: here.longitude + 0.03, latitude: here.latitude });
    const rAdmin = await person(emu, '鼓楼核实人');
    const orgId = await verifiedOrganization(emu, rAdmin, { name: '鼓楼区志愿服务队' });
    r = { admin: rAdmin.as, orgId, name: '鼓楼区志愿服务队' };
    stranger = (await person(emu, '路人')).as;
  });

  async function needIn(status: HelpStatus): Promise<{ requester: TestCaller; helpRequestId: string }> {
    const requester = await person(emu, '李求助');
    const { helpRequestId } = okData(await requester.as.call('help', 'submit', submissionAt(status === 'unmatched' ? lonely : here, { urgent: true })));
    if (status === 'rejected') okData(await platformAdmin(emu).call('help', 'verify', { helpRequestId, decision: 'reject', method: 'call', note: NOTE }));
    if (status === 'withdrawn') okData(await requester.as.call('help', 'withdraw', { helpRequestId }));
    if (['dispatched', 'unmatched', 'accepted', 'served', 'rated'].includes(status)) {
      okData(await platformAdmin(emu).call('help', 'verify', { helpRequestId, decision: 'verify', method: 'call', note: NOTE }));
    }
    if (['accepted', 'served', 'rated'].includes(status)) okData(await a.admin.as.call('help', 'answerOffer', { helpRequestId, orgId: a.orgId, decision: 'accept' }));
    if (status === 'served' || status === 'rated') okData(await a.admin.as.call('help', 'complete', { helpRequestId }));
    if (status === 'rated') okData(await requester.as.call('help', 'rate', { helpRequestId, stars: 5 }));
    expect((await needDoc(helpRequestId)).status).toBe(status);
    return { requester: requester.as, helpRequestId };
  }

  function reach(part: Part, helpRequestId: string, requester: TestCaller) {
    const ask = (as: TestCaller, asOrgId?: string) => as.call('help', 'contact', { helpRequestId, ...(asOrgId ? { asOrgId } : {}) });
    switch (part) {
      case 'requester':
        return ask(requester);
      case 'platformAdmin':
        return ask(platformAdmin(emu));
      case 'regionOrgAdmin':
        return ask(r.admin, r.orgId);
      case 'offeredOrgAdmin':
        return ask(b.admin.as, b.orgId);
      case 'acceptedOrgAdmin':
        return ask(a.admin.as, a.orgId);
      case 'acceptedOrgAdminForAnother':
        // A's admin acting for another organization (R's id, which they do not administer) is not A's part.
        return ask(a.admin.as, r.orgId);
      case 'other':
        return ask(stranger);
    }
  }

  it.each(STATUSES.map((s) => [s]))('%s: every part allowed or refused as specified; each reveal recorded, refusals record nothing', async (status) => {
    const need = await needIn(status);
    const outcomes: Record<string, string> = {};
    const answers: unknown[] = [];
    for (const part of PARTS) {
      const res = await reach(part, need.helpRequestId, need.requester);
      outcomes[part] = code(res);
      if (res.ok) answers.push(res.data);
      else expect(res.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(outcomes).toEqual(Object.fromEntries(PARTS.map((p) => [p, expected(p, status)])));
    for (const answer of answers) expect(answer).toEqual(CONTACT);
    const views = await viewsOf(need.helpRequestId);
    expect(views).toHaveLength(answers.length);
    const allowed = PARTS.filter((p) => expected(p, status) === 'ok');
    expect(views.map((v) => v.as)).toEqual(allowed);
    for (const v of views) {
      if (v.as === 'platformAdmin') expect(v).toEqual({ byUserId: userIdOf(PLATFORM_ADMIN), as: 'platformAdmin', byName: '平台', at: expect.anything() });
      if (v.as === 'regionOrgAdmin') expect(v).toEqual(expect.objectContaining({ orgId: r.orgId, byName: r.name }));
      if (v.as === 'acceptedOrgAdmin') expect(v).toEqual(expect.objectContaining({ byUserId: a.admin.userId, orgId: a.orgId }));
    }
    expect(JSON.stringify(await needDoc(need.helpRequestId))).not.toContain(PHONE);
  });

  it('the accepting organization’s admin reaches it without naming the organization too; the status is unchanged', async () => {
    const need = await needIn('accepted');
    expect(okData(await a.admin.as.call('help', 'contact', { helpRequestId: need.helpRequestId }))).toEqual(CONTACT);
    const doc = await needDoc(need.helpRequestId);
    expect(doc.status).toBe('accepted');
    expect(doc.contactViews).toEqual([expect.objectContaining({ as: 'acceptedOrgAdmin', orgId: a.orgId })]);
  });

  it('a retry with the same request id records once and answers the same; the request record holds no phone', async () => {
    const need = await needIn('pending');
    const raw = (id: string) => platformAdmin(emu).raw('help', { action: 'contact', helpRequestId: need.helpRequestId, [REQUEST_ID_FIELD]: id });
    const first = await raw('contact-retry-1');
    expect(first.body).toEqual({ ok: true, data: CONTACT });
    const again = [await raw('contact-retry-1'), await raw('contact-retry-1')];
    expect(again.map((x) => x.body)).toEqual([first.body, first.body]);
    expect(await viewsOf(need.helpRequestId)).toHaveLength(1);

    // Three at once under one id: one record more, one answer.
    const together = await Promise.all([1, 2, 3].map(async () => {
      for (let attempt = 1; ; attempt++) {
        const res = await raw('contact-retry-2');
        if (res.body?.error?.code !== 'BUSY' || attempt === 20) return res.body;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }));
    expect(together).toEqual([first.body, first.body, first.body]);
    expect(await viewsOf(need.helpRequestId)).toHaveLength(2);

    // A new request id is a new reveal.
    expect((await raw('contact-retry-3')).body).toEqual(first.body);
    expect(await viewsOf(need.helpRequestId)).toHaveLength(3);

    const requests = await allDocs(emu, 'requests');
    const own = requests.filter((q) => q.fn === 'help' && q.action === 'contact');
    expect(own.length).toBeGreaterThanOrEqual(3);
    expect(own.every((q) => q.state === 'done' && typeof q.answer === 'string' && JSON.parse(q.answer as string).sealed)).toBe(true);
    expect(JSON.stringify(requests)).not.toContain(PHONE);
  });

  it('two reveals at once (no request id) are both recorded: none is lost to the other', async () => {
    const need = await needIn('accepted');
    const both = await Promise.all([a.admin.as.call('help', 'contact', { helpRequestId: need.helpRequestId, asOrgId: a.orgId }), a.admin.as.call('help', 'contact', { helpRequestId: need.helpRequestId })]);
    expect(both.map(code)).toEqual(['ok', 'ok']);
    expect(await viewsOf(need.helpRequestId)).toHaveLength(2);
  });

  it('bad input and an unknown need change nothing', async () => {
    const need = await needIn('pending');
    const admin = platformAdmin(emu);
    const bad: Array<Record<string, unknown>> = [
      {},
      { helpRequestId: '' },
      { helpRequestId: 'bad id!' },
      { helpRequestId: need.helpRequestId, asOrgId: '../x' },
      { helpRequestId: need.helpRequestId, phone: PHONE },
      { helpRequestId: 12 },
    ];
    for (const payload of bad) {
      const res = await admin.raw('help', { action: 'contact', ...payload });
      expect(res.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringMatching(/[\u4e00-\u9fff]/) }) });
    }
    expect(code(await admin.call('help', 'contact', { helpRequestId: 'help_nosuchneed' }))).toBe('HELP_NOT_FOUND');
    expect(await viewsOf(need.helpRequestId)).toEqual([]);
  });

  it('CONTACT_GONE once the requester deleted their account; nothing recorded', async () => {
    const requester = await registerVolunteer(emu, `openid-help-contact-gone-${Date.now()}`, '赵求助');
    const { helpRequestId } = okData(await requester.as.call('help', 'submit', submissionAt(here, { urgent: true })));
    okData(await platformAdmin(emu).call('help', 'verify', { helpRequestId, decision: 'verify', method: 'call', note: NOTE }));
    okData(await a.admin.as.call('help', 'answerOffer', { helpRequestId, orgId: a.orgId, decision: 'accept' }));
    expect(okData(await a.admin.as.call('help', 'contact', { helpRequestId, asOrgId: a.orgId }))).toEqual({ name: '王秀英', phone: PHONE });
    okData(await requester.as.call('volunteer', 'deleteAccount', { confirm: '注销' }));

    const gone = await a.admin.as.call('help', 'contact', { helpRequestId, asOrgId: a.orgId });
    expect(gone).toEqual({ ok: false, error: expect.objectContaining({ code: 'CONTACT_GONE', message: expect.stringContaining('注销') }) });
    expect(await viewsOf(helpRequestId)).toHaveLength(1);
    // A stranger still learns nothing: FORBIDDEN comes before anything about the need.
    expect(code(await stranger.call('help', 'contact', { helpRequestId }))).toBe('FORBIDDEN');
  });

  it('我的求助 shows the requester who reached for the phone and when; nobody else sees the records', async () => {
    const need = await needIn('pending');
    okData(await r.admin.call('help', 'contact', { helpRequestId: need.helpRequestId, asOrgId: r.orgId }));
    okData(await platformAdmin(emu).call('help', 'contact', { helpRequestId: need.helpRequestId }));
    const mine = okData(await need.requester.call('help', 'mine', {})).items.find((v) => v.id === need.helpRequestId)!;
    expect(mine.contactViews).toEqual([
      { byName: r.name, at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
      { byName: '平台', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
    ]);
    expect(JSON.stringify(mine)).not.toContain(PHONE);
    const queue = okData(await platformAdmin(emu).call('help', 'verifyQueue', {})).items.find((v) => v.id === need.helpRequestId)!;
    expect(queue.contactViews).toEqual([]);

    const accepted = await needIn('accepted');
    okData(await a.admin.as.call('help', 'contact', { helpRequestId: accepted.helpRequestId, asOrgId: a.orgId }));
    const offered = okData(await a.admin.as.call('help', 'offers', { orgId: a.orgId })).items.find((v) => v.id === accepted.helpRequestId)!;
    expect(offered.contactViews).toEqual([]);
    const theirs = okData(await accepted.requester.call('help', 'mine', {})).items[0]!;
    expect(theirs.contactViews).toEqual([{ byName: expect.any(String), at: expect.any(String) }]);
    expect(theirs.contactViews[0]!.byName).toBe(theirs.acceptedBy!.orgName);
  });

  it('the phone is in no stored document, of any collection, after all of the above; a failure line never carries it', async () => {
    for (const c of COLLECTIONS) expect(JSON.stringify(await allDocs(emu, c))).not.toContain(PHONE);
    const failure = Object.assign(new Error(`write failed: {"phone":"${PHONE}"}`), { errCode: -502001 });
    expect(failureLogLine('contact', failure)).not.toContain(PHONE);
  });
});
