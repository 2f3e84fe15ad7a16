// help.contact through the emulator and the stock SDK: the contact's phone in full to a verifier while the need is
// pending and to the accepting organization's admins while it is accepted or served — every part × every status
// allowed or refused; each reveal recorded in its own `helpContactViews` document (who, as which part, when, never the
// phone) and counted on the need, once per request id, none lost when two reveal at once; past the caller's limit
// RATE_LIMITED, no phone, no record, while a retry of an answered request is replayed and not counted; the requester
// sees the newest 20 records and how many in all in 我的求助, nobody else; the records in the export, and gone with
// the needs a deletion removes; CONTACT_GONE once the requester deleted their account; bad input changes nothing; the
// phone is in no stored document — the request records keep the answer sealed.
import type { Emulator } from '../../emulator/src/server';
import { startTestEmulator, type TestCaller } from '../../emulator/test/support';
import type { HelpStatus } from '../../typings/help';
import { functionEnv, PLATFORM_ADMIN, registerVolunteer, verifiedOrganization } from '../organization/test-support';
import { allDocs, COLLECTIONS } from '../volunteer/test-support';
import type { ContactViewDoc, HelpRequestDoc } from '../_shared/documents/help';
import type { RateLimitDoc } from '../_shared/documents/request';
import { userIdOf } from '../_shared/documents/ids';
import { failureLogLine } from '../_shared/frame/failure-log';
import { requestDocId } from '../_shared/frame/idempotency';
import { RATE_LIMITS, rateLimitDocId } from '../_shared/security/rate-limit';
import { REQUEST_ID_FIELD } from '../../miniprogram/domain/actions';
import { CONTACT_VIEWS_SHOWN } from './store';
import { docOf, docsOf, okData, person, platformAdmin, responder, spot, submissionAt, type Responder } from './test-support';

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
/** The need's reveal records, oldest first. */
const viewsOf = async (id: string): Promise<ContactViewDoc[]> =>
  (await docsOf<ContactViewDoc>(emu, 'helpContactViews', { helpRequestId: id })).sort((x, y) => new Date(x.at).getTime() - new Date(y.at).getTime());
/** The object with `_id` === id anywhere in a parsed export file. */
function findById(value: unknown, id: string): unknown {
  if (Array.isArray(value)) return value.map((v) => findById(v, id)).find((v) => v !== undefined);
  if (value && typeof value === 'object') {
    if ((value as { _id?: unknown })._id === id) return value;
    return Object.values(value).map((v) => findById(v, id)).find((v) => v !== undefined);
  }
  return undefined;
}
/** What the need counts of its reveals (0 when none). */
const countOf = async (id: string) => (await needDoc(id)).contactViewCount ?? 0;

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
    expect(await countOf(need.helpRequestId)).toBe(answers.length);
    const allowed = PARTS.filter((p) => expected(p, status) === 'ok');
    expect(views.map((v) => v.as).sort()).toEqual([...allowed].sort());
    for (const v of views) {
      if (v.as === 'platformAdmin') {
        expect(v).toEqual({ _id: expect.stringMatching(/^cv_[0-9a-f]{40}$/), helpRequestId: need.helpRequestId, byUserId: userIdOf(PLATFORM_ADMIN), as: 'platformAdmin', byName: '平台', at: expect.anything() });
      }
      if (v.as === 'regionOrgAdmin') expect(v).toEqual(expect.objectContaining({ orgId: r.orgId, byName: r.name }));
      if (v.as === 'acceptedOrgAdmin') expect(v).toEqual(expect.objectContaining({ byUserId: a.admin.userId, orgId: a.orgId }));
    }
    // The records are their own documents: nothing of them grows the need.
    expect(Object.keys(await needDoc(need.helpRequestId))).not.toContain('contactViews');
    expect(JSON.stringify(await needDoc(need.helpRequestId))).not.toContain(PHONE);
    expect(JSON.stringify(views)).not.toContain(PHONE);
  });

  it('the accepting organization’s admin reaches it without naming the organization too; the status is unchanged', async () => {
    const need = await needIn('accepted');
    expect(okData(await a.admin.as.call('help', 'contact', { helpRequestId: need.helpRequestId }))).toEqual(CONTACT);
    expect((await needDoc(need.helpRequestId)).status).toBe('accepted');
    expect(await viewsOf(need.helpRequestId)).toEqual([expect.objectContaining({ as: 'acceptedOrgAdmin', orgId: a.orgId })]);
  });

  it('a retry with the same request id records once and answers the same; the request record holds no phone', async () => {
    const need = await needIn('pending');
    const raw = (id: string) => platformAdmin(emu).raw('help', { action: 'contact', helpRequestId: need.helpRequestId, [REQUEST_ID_FIELD]: id });
    const first = await raw('contact-retry-1');
    expect(first.body).toEqual({ ok: true, data: CONTACT });
    const again = [await raw('contact-retry-1'), await raw('contact-retry-1')];
    expect(again.map((x) => x.body)).toEqual([first.body, first.body]);
    expect(await viewsOf(need.helpRequestId)).toHaveLength(1);
    expect(await countOf(need.helpRequestId)).toBe(1);

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
    expect(await countOf(need.helpRequestId)).toBe(2);

    // A new request id is a new reveal.
    expect((await raw('contact-retry-3')).body).toEqual(first.body);
    const views = await viewsOf(need.helpRequestId);
    expect(views).toHaveLength(3);
    expect(new Set(views.map((v) => v._id)).size).toBe(3);
    expect(await countOf(need.helpRequestId)).toBe(3);

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
    expect(await countOf(need.helpRequestId)).toBe(2);
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
    expect(await docsOf(emu, 'helpContactViews', { helpRequestId: 'help_nosuchneed' })).toEqual([]);
    expect(await countOf(need.helpRequestId)).toBe(0);
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
    // Newest first.
    expect(mine.contactViews).toEqual([
      { byName: '平台', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
      { byName: r.name, at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
    ]);
    expect(mine.contactViewsTotal).toBe(2);
    expect(JSON.stringify(mine)).not.toContain(PHONE);
    const queue = okData(await platformAdmin(emu).call('help', 'verifyQueue', {})).items.find((v) => v.id === need.helpRequestId)!;
    expect(queue.contactViews).toEqual([]);
    expect(queue.contactViewsTotal).toBe(0);

    const accepted = await needIn('accepted');
    okData(await a.admin.as.call('help', 'contact', { helpRequestId: accepted.helpRequestId, asOrgId: a.orgId }));
    const offered = okData(await a.admin.as.call('help', 'offers', { orgId: a.orgId })).items.find((v) => v.id === accepted.helpRequestId)!;
    expect(offered.contactViews).toEqual([]);
    expect(offered.contactViewsTotal).toBe(0);
    const theirs = okData(await accepted.requester.call('help', 'mine', {})).items[0]!;
    expect(theirs.contactViews).toEqual([{ byName: expect.any(String), at: expect.any(String) }]);
    expect(theirs.contactViews[0]!.byName).toBe(theirs.acceptedBy!.orgName);
  });

  describe('a caller’s limit (RATE_LIMITS.help.contact), and 我的求助 past 20 reveals', () => {
    const LIMIT = RATE_LIMITS.help!.contact!;
    let verifier: { as: TestCaller; openid: string; orgId: string };
    let need: { requester: TestCaller; helpRequestId: string };
    let firstAnswer: unknown;
    const reveal = (requestId: string) =>
      verifier.as.raw('help', { action: 'contact', helpRequestId: need.helpRequestId, asOrgId: verifier.orgId, [REQUEST_ID_FIELD]: requestId });
    const counted = async () => (await docOf<RateLimitDoc>(emu, 'rateLimits', rateLimitDocId(verifier.openid, LIMIT.bucket)))?.count;

    // A county verifier of its own (the other tests' callers keep their counts) reveals one need's phone up to the limit.
    beforeAll(async () => {
      // The count is per fixed window: start well inside one, so that every reveal below counts in the same window.
      const windowMs = LIMIT.windowSeconds * 1000;
      const left = windowMs - (Date.now() % windowMs);
      if (left < 120_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
      const admin = await person(emu, '鼓楼区核实员');
      verifier = { as: admin.as, openid: admin.openid, orgId: await verifiedOrganization(emu, admin, { name: '鼓楼区核实服务队' }) };
      need = await needIn('pending');
      const first = await reveal('contact-limit-1');
      expect(first.body).toEqual({ ok: true, data: CONTACT });
      firstAnswer = first.body;
      // Retries of an answered request are answered by the frame before the limit: not counted, not recorded.
      expect([(await reveal('contact-limit-1')).body, (await reveal('contact-limit-1')).body]).toEqual([firstAnswer, firstAnswer]);
      expect(await counted()).toBe(1);
      for (let i = 2; i <= LIMIT.limit; i++) expect((await reveal(`contact-limit-${i}`)).body).toEqual(firstAnswer);
      expect(await counted()).toBe(LIMIT.limit);
    }, 300_000);

    it('past the limit: RATE_LIMITED in Chinese, no phone, no record, nothing kept for the request; its retry is refused too; others still reach it', async () => {
      expect(await viewsOf(need.helpRequestId)).toHaveLength(LIMIT.limit);
      const refused = await reveal('contact-limit-over');
      expect(refused.body).toEqual({
        ok: false,
        error: { code: 'RATE_LIMITED', message: expect.stringMatching(/^操作过于频繁，请 \d+ (秒|分钟)后再试$/), retryAfterSeconds: expect.any(Number) },
      });
      expect(JSON.stringify(refused.body)).not.toContain(PHONE);
      // A refusal stores no answer, so the same request may run once the window ends; until then it is refused again.
      expect(await docOf(emu, 'requests', requestDocId(verifier.openid, 'help', 'contact', 'contact-limit-over'))).toBeUndefined();
      expect((await reveal('contact-limit-over')).body).toEqual(expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'RATE_LIMITED' }) }));
      // Without a request id too.
      expect(code(await verifier.as.call('help', 'contact', { helpRequestId: need.helpRequestId, asOrgId: verifier.orgId }))).toBe('RATE_LIMITED');
      expect(await viewsOf(need.helpRequestId)).toHaveLength(LIMIT.limit);
      expect(await countOf(need.helpRequestId)).toBe(LIMIT.limit);

      // An answered request is still answered the same (the frame replays it before counting): no reveal more.
      expect((await reveal('contact-limit-1')).body).toEqual(firstAnswer);
      expect(await viewsOf(need.helpRequestId)).toHaveLength(LIMIT.limit);

      // The limit is the caller's: another verifier of the need still reaches it, and that is recorded.
      expect(okData(await platformAdmin(emu).call('help', 'contact', { helpRequestId: need.helpRequestId }))).toEqual(CONTACT);
      expect(await viewsOf(need.helpRequestId)).toHaveLength(LIMIT.limit + 1);
    });

    it('我的求助 lists the newest 20 reveals, newest first, and says how many in all', async () => {
      const total = await countOf(need.helpRequestId);
      expect(total).toBeGreaterThan(CONTACT_VIEWS_SHOWN);
      const stored = (await viewsOf(need.helpRequestId)).reverse();
      expect(stored).toHaveLength(total);
      const mine = okData(await need.requester.call('help', 'mine', {})).items.find((v) => v.id === need.helpRequestId)!;
      expect(mine.contactViewsTotal).toBe(total);
      expect(mine.contactViews).toHaveLength(CONTACT_VIEWS_SHOWN);
      expect(mine.contactViews).toEqual(stored.slice(0, CONTACT_VIEWS_SHOWN).map((v) => ({ byName: v.byName, at: new Date(v.at).toISOString() })));
      expect(mine.contactViews[0]!.byName).toBe('平台');
    });
  });

  it('the export lists every reveal; deleting the account removes the records of the needs it removes, keeps those of a need an organization keeps', async () => {
    const requester = await registerVolunteer(emu, `openid-help-contact-erase-${Date.now()}`, '钱求助');
    const removed = okData(await requester.as.call('help', 'submit', submissionAt(here, { urgent: true })));
    const kept = okData(await requester.as.call('help', 'submit', submissionAt(here, { urgent: true })));
    for (const { helpRequestId } of [removed, kept]) okData(await r.admin.call('help', 'contact', { helpRequestId, asOrgId: r.orgId }));
    okData(await platformAdmin(emu).call('help', 'verify', { helpRequestId: kept.helpRequestId, decision: 'verify', method: 'call', note: NOTE }));
    okData(await b.admin.as.call('help', 'answerOffer', { helpRequestId: kept.helpRequestId, orgId: b.orgId, decision: 'accept' }));
    okData(await b.admin.as.call('help', 'contact', { helpRequestId: kept.helpRequestId }));
    const bName = (await needDoc(kept.helpRequestId)).acceptedBy!.orgName;

    const exported = okData(await requester.as.call('volunteer', 'exportMine', {}));
    const file = (await (await fetch(exported.url)).json()) as unknown;
    const needsInFile = JSON.stringify(file);
    expect(needsInFile).toContain(kept.helpRequestId);
    const keptInFile = findById(file, kept.helpRequestId) as { contactViews: Array<{ byName: string; at: string }> } | undefined;
    expect(keptInFile?.contactViews).toEqual([
      { byName: bName, at: expect.any(String) },
      { byName: r.name, at: expect.any(String) },
    ]);
    expect((findById(file, removed.helpRequestId) as { contactViews: unknown[] } | undefined)?.contactViews).toEqual([{ byName: r.name, at: expect.any(String) }]);

    okData(await requester.as.call('volunteer', 'deleteAccount', { confirm: '注销' }));
    expect(await docsOf(emu, 'helpRequests', { _id: removed.helpRequestId })).toEqual([]);
    expect(await viewsOf(removed.helpRequestId)).toEqual([]);
    // The organization keeps the need, and the record of who reached for its contact (now gone).
    expect((await viewsOf(kept.helpRequestId)).map((v) => v.byName)).toEqual([r.name, bName]);
    expect(await countOf(kept.helpRequestId)).toBe(2);
  });

  it('the phone is in no stored document, of any collection, after all of the above; a failure line never carries it', async () => {
    for (const c of COLLECTIONS) expect(JSON.stringify(await allDocs(emu, c))).not.toContain(PHONE);
    const failure = Object.assign(new Error(`write failed: {"phone":"${PHONE}"}`), { errCode: -502001 });
    expect(failureLogLine('contact', failure)).not.toContain(PHONE);
  });
});
