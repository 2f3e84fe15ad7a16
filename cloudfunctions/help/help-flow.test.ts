// The help function through the emulator and the stock SDK, second part: the state machine by role (every
// transition × every part, allowed or refused as HELP_RULES says; expire by the system's timer only), decline
// walking the ranking to unmatched, urgent needs reaching only willing volunteers within reach, the accept race (one
// wins, one HELP_TAKEN, one draft), withdrawal closing offers, completion and ratings, settings, and the person's
// needs in export and erasure. Needs whose time has passed: expire.test.ts.
import type { Emulator } from '../../emulator/src/server';
import { caller, serverSdk, startTestEmulator, type TestCaller } from '../../emulator/test/support';
import type { HelpRole, HelpStatus, HelpTransition } from '../../typings/help';
import { functionEnv, registerOrganization, registerVolunteer, verifiedOrganization } from '../organization/test-support';
import type { HelpRequestDoc, ResponderDoc } from '../_shared/documents/help';
import type { ProjectDoc } from '../_shared/documents/project';
import { draftProjectIdOf } from './draft';
import { HELP_ROLES, HELP_RULES, HELP_TRANSITIONS, PERSON_ROLES } from './state';
import { MAX_VOLUNTEERS_TOLD } from './rules';
import { docOf, docsOf, eastOf, okData, person, platformAdmin, responder, spot, submissionAt, type Responder } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

const NOTE = '已电话联系求助人本人，情况属实';
const REASON = '本周人手不足，无法按时安排';
const code = (res: { ok: boolean; error?: { code: string } }) => (res.ok ? 'ok' : res.error!.code);
const needDoc = async (id: string) => (await docOf<HelpRequestDoc>(emu, 'helpRequests', id))!;
const notes = (kind: string, recipientUserId: string) => docsOf(emu, 'notifications', { kind, recipientUserId });

type Point = { longitude: number; latitude: number };

async function submitAt(here: Point, urgent = false) {
  const requester = await person(emu, '李求助');
  const { helpRequestId } = okData(await requester.as.call('help', 'submit', submissionAt(here, { urgent })));
  return { requester, helpRequestId };
}

async function verifyNeed(helpRequestId: string) {
  return okData(await platformAdmin(emu).call('help', 'verify', { helpRequestId, decision: 'verify', method: 'call', note: NOTE }));
}

describe('the state machine by role, through the function', () => {
  // One place with two responders (A nearest, B), an organization of the needs' county (R), an organization that
  // accepted a need elsewhere (D), a stranger. Needs are urgent so both A and B hold the offer.
  let here: Point;
  let a: Responder;
  let b: Responder;
  let r: { admin: TestCaller; orgId: string };
  let d: Responder;
  let stranger: TestCaller;

  beforeAll(async () => {
    here = spot();
    a = await responder(emu, here);
    b = await responder(emu, eastOf(here, 3));
    const rAdmin = await person(emu, '鼓楼核实人');
    r = { admin: rAdmin.as, orgId: await verifiedOrganization(emu, rAdmin) };
    const elsewhere = spot();
    d = await responder(emu, elsewhere);
    const other = await submitAt(elsewhere);
    await verifyNeed(other.helpRequestId);
    okData(await d.admin.as.call('help', 'answerOffer', { helpRequestId: other.helpRequestId, orgId: d.orgId, decision: 'accept' }));
    stranger = (await person(emu, '路人')).as;
  });

  async function needIn(status: HelpStatus): Promise<{ requester: TestCaller; helpRequestId: string }> {
    // Unmatched: verified where no organization responds.
    const { requester, helpRequestId } = await submitAt(status === 'unmatched' ? spot() : here, true);
    if (status !== 'pending') await verifyNeed(helpRequestId);
    if (status === 'accepted' || status === 'served') okData(await a.admin.as.call('help', 'answerOffer', { helpRequestId, orgId: a.orgId, decision: 'accept' }));
    if (status === 'served') okData(await a.admin.as.call('help', 'complete', { helpRequestId }));
    expect((await needDoc(helpRequestId)).status).toBe(status);
    return { requester: requester.as, helpRequestId };
  }

  /** Who plays `role` (a person's part) towards a need in `status`, and the organization they act for. */
  function actor(role: HelpRole, status: HelpStatus, requester: TestCaller): { as: TestCaller; orgId?: string } {
    switch (role) {
      case 'requester':
        return { as: requester };
      case 'platformAdmin':
        return { as: platformAdmin(emu) };
      case 'regionOrgAdmin':
        return { as: r.admin, orgId: r.orgId };
      case 'offeredOrgAdmin':
        // B still holds its part of the wave once A accepted; before dispatch A is offered nothing yet.
        return status === 'accepted' || status === 'served' ? { as: b.admin.as, orgId: b.orgId } : { as: a.admin.as, orgId: a.orgId };
      case 'acceptedOrgAdmin':
        return status === 'accepted' || status === 'served' ? { as: a.admin.as, orgId: a.orgId } : { as: d.admin.as, orgId: d.orgId };
      case 'other':
        return { as: stranger };
      case 'system':
        throw new Error('no person plays the system: the expire timer does (tested below)');
    }
  }

  function attempt(transition: HelpTransition, helpRequestId: string, who: { as: TestCaller; orgId?: string }) {
    switch (transition) {
      case 'verify':
      case 'reject':
        return who.as.call('help', 'verify', { helpRequestId, decision: transition, method: 'call', note: NOTE, ...(who.orgId ? { asOrgId: who.orgId } : {}) });
      case 'withdraw':
        return who.as.call('help', 'withdraw', { helpRequestId });
      case 'accept':
      case 'decline':
        return who.as.call('help', 'answerOffer', { helpRequestId, orgId: who.orgId ?? a.orgId, decision: transition, reason: REASON });
      case 'complete':
        return who.as.call('help', 'complete', { helpRequestId });
      case 'rate':
        return who.as.call('help', 'rate', { helpRequestId, stars: 4 });
      case 'expire':
        // No action makes it: a person can only ask for one by name, or send the timer's event shape.
        return who.as
          .raw('help', { action: 'expire', helpRequestId, Type: 'Timer', TriggerName: 'expire', Time: new Date().toISOString() })
          .then((r) => r.body as { ok: boolean; error?: { code: string } });
    }
  }

  const PERSON_TRANSITIONS = HELP_TRANSITIONS.filter((t) => t !== 'expire');

  it.each(PERSON_TRANSITIONS.map((t) => [t]))('%s: each part allowed or refused as HELP_RULES says', async (transition) => {
    const rule = HELP_RULES[transition];
    const from = rule.from[0]!;
    const allowed = (role: HelpRole) => rule.by.includes(role) && !(rule.never ?? []).includes(role);
    // The system makes no person's transition; it has no door to the actions (partsOf never gives it).
    expect(allowed('system')).toBe(false);
    // The refused parts on one need (refusals change nothing), then each allowed part on a need of its own.
    const shared = await needIn(from);
    const outcomes: Record<string, string> = {};
    for (const role of PERSON_ROLES.filter((x) => !allowed(x))) {
      outcomes[role] = code(await attempt(transition, shared.helpRequestId, actor(role, from, shared.requester)));
    }
    expect((await needDoc(shared.helpRequestId)).status).toBe(from);
    for (const role of PERSON_ROLES.filter(allowed)) {
      const own = await needIn(from);
      outcomes[role] = code(await attempt(transition, own.helpRequestId, actor(role, from, own.requester)));
    }
    expect(outcomes).toEqual(Object.fromEntries(PERSON_ROLES.map((role) => [role, allowed(role) ? 'ok' : 'FORBIDDEN'])));
  });

  it('expire: no person can make it, whatever part they hold; the system (the expire timer) does, once the start has passed', async () => {
    expect(HELP_RULES.expire.by).toEqual(['system']);
    for (const from of HELP_RULES.expire.from) {
      const need = await needIn(from);
      const startsAt = new Date(Date.now() + 60_000);
      await serverSdk(emu).database().collection('helpRequests').doc(need.helpRequestId).update({ data: { startsAt } });
      const outcomes: Record<string, string> = {};
      for (const role of PERSON_ROLES) outcomes[role] = code(await attempt('expire', need.helpRequestId, actor(role, from, need.requester)));
      expect((await needDoc(need.helpRequestId)).status).toBe(from);
      const fired = await emu.triggers!.fire('help', 'expire', new Date(startsAt.getTime() + 60_000));
      expect(fired.outcome.ok).toBe(true);
      outcomes.system = (await needDoc(need.helpRequestId)).status === 'expired' ? 'ok' : 'not expired';
      expect(outcomes).toEqual(Object.fromEntries(HELP_ROLES.map((role) => [role, role === 'system' ? 'ok' : 'UNKNOWN_ACTION'])));
    }
  });

  it('an allowed part in a status the transition does not leave gets WRONG_STATE (HELP_TAKEN once another accepted)', async () => {
    const dispatched = await needIn('dispatched');
    expect(code(await attempt('rate', dispatched.helpRequestId, { as: dispatched.requester }))).toBe('WRONG_STATE');
    expect(code(await attempt('verify', dispatched.helpRequestId, { as: platformAdmin(emu) }))).toBe('WRONG_STATE');
    const accepted = await needIn('accepted');
    expect(code(await attempt('withdraw', accepted.helpRequestId, { as: accepted.requester }))).toBe('WRONG_STATE');
    expect(code(await attempt('accept', accepted.helpRequestId, { as: b.admin.as, orgId: b.orgId }))).toBe('HELP_TAKEN');
    expect(code(await attempt('decline', accepted.helpRequestId, { as: b.admin.as, orgId: b.orgId }))).toBe('HELP_TAKEN');
    const served = await needIn('served');
    expect(code(await attempt('complete', served.helpRequestId, { as: a.admin.as }))).toBe('WRONG_STATE');
    // A stranger learns nothing of where a need stands, whatever its status.
    for (const n of [dispatched, accepted, served]) expect(code(await attempt('withdraw', n.helpRequestId, { as: stranger }))).toBe('FORBIDDEN');
  });
});

describe('dispatch', () => {
  it('decline needs a reason, walks the ranking one organization at a time, and ends unmatched', async () => {
    const here = spot();
    const [first, second, third] = [await responder(emu, eastOf(here, 1)), await responder(emu, eastOf(here, 2)), await responder(emu, eastOf(here, 3))];
    const { requester, helpRequestId } = await submitAt(here);
    expect(await verifyNeed(helpRequestId)).toEqual(expect.objectContaining({ status: 'dispatched', offeredTo: 1 }));
    expect((await needDoc(helpRequestId)).order).toEqual([first.orgId, second.orgId, third.orgId]);

    const decline = (o: Responder, reason?: string) => o.admin.as.call('help', 'answerOffer', { helpRequestId, orgId: o.orgId, decision: 'decline', ...(reason !== undefined ? { reason } : {}) });
    expect(code(await decline(first))).toBe('REASON_REQUIRED');
    expect(code(await decline(first, ' 无 '))).toBe('REASON_REQUIRED');
    expect(code(await decline(second, REASON))).toBe('FORBIDDEN');
    expect((await needDoc(helpRequestId)).wave).toEqual([first.orgId]);

    expect(okData(await decline(first, REASON))).toEqual({ helpRequestId, status: 'dispatched' });
    expect((await needDoc(helpRequestId)).wave).toEqual([second.orgId]);
    expect(await notes('help.offered', second.admin.userId)).toHaveLength(1);
    expect(okData(await first.admin.as.call('help', 'offers', { orgId: first.orgId })).items).toEqual([]);
    expect(code(await decline(first, REASON))).toBe('FORBIDDEN');

    okData(await decline(second, '服务类别不符'));
    expect(await notes('help.offered', third.admin.userId)).toHaveLength(1);
    expect(okData(await decline(third, '距离太远'))).toEqual({ helpRequestId, status: 'unmatched' });
    expect(await notes('help.unmatched', requester.userId)).toHaveLength(1);

    const mine = okData(await requester.as.call('help', 'mine', {})).items[0]!;
    expect(mine.status).toBe('unmatched');
    expect(mine.declines.map((x) => x.reason)).toEqual([REASON, '服务类别不符', '距离太远']);
    expect(mine.declines.every((x) => x.orgName.endsWith('阳光志愿服务中心'))).toBe(true);
    // Every organization was offered it exactly once.
    for (const o of [first, second, third]) expect(await notes('help.offered', o.admin.userId)).toHaveLength(1);
  });

  it('ranks category fit before distance, and leaves out inactive responders and those out of reach', async () => {
    const here = spot();
    const nearOther = await responder(emu, eastOf(here, 1), ['education']);
    const fitting = await responder(emu, eastOf(here, 4), ['community']);
    const inactive = await responder(emu, eastOf(here, 0.5), ['community']);
    okData(await inactive.admin.as.call('help', 'setResponder', { orgId: inactive.orgId, active: false, categories: ['community'], base: eastOf(here, 0.5) }));
    await responder(emu, eastOf(here, 80), ['community']);
    const { helpRequestId } = await submitAt(here);
    await verifyNeed(helpRequestId);
    expect((await needDoc(helpRequestId)).order).toEqual([fitting.orgId, nearOther.orgId]);
  });

  it('urgent: three organizations at once, and only willing volunteers within their and the urgent radius are told', async () => {
    const here = spot();
    const orgs = [await responder(emu, eastOf(here, 1)), await responder(emu, eastOf(here, 2)), await responder(emu, eastOf(here, 3)), await responder(emu, eastOf(here, 4))];
    const willing = async (km: number, radiusKm: number) => {
      const v = await person(emu, '热心人');
      okData(await v.as.call('help', 'setWilling', { willing: true, near: eastOf(here, km), radiusKm }));
      return v;
    };
    const inReach = await willing(2, 5);
    const outsideOwnRadius = await willing(4, 3);
    const beyondUrgentRadius = await willing(12, 20);
    const changedMind = await willing(1, 5);
    okData(await changedMind.as.call('help', 'setWilling', { willing: false }));
    expect(okData(await changedMind.as.call('help', 'willing', {}))).toEqual({ willing: false });

    const requester = await person(emu, '李求助');
    okData(await requester.as.call('help', 'setWilling', { willing: true, near: here, radiusKm: 5 }));
    const { helpRequestId } = okData(await requester.as.call('help', 'submit', submissionAt(here, { urgent: true })));
    expect(await verifyNeed(helpRequestId)).toEqual({ helpRequestId, status: 'dispatched', offeredTo: 3, volunteersTold: 1 });
    expect((await needDoc(helpRequestId)).wave).toEqual(orgs.slice(0, 3).map((o) => o.orgId));
    expect(await notes('help.urgentNearby', inReach.userId)).toEqual([expect.objectContaining({ body: expect.stringContaining('2.0 公里') })]);
    for (const v of [outsideOwnRadius, beyondUrgentRadius, changedMind, requester]) expect(await notes('help.urgentNearby', v.userId)).toEqual([]);
    expect(await notes('help.offered', orgs[3]!.admin.userId)).toEqual([]);

    // An ordinary need tells no volunteer.
    const ordinary = await submitAt(here);
    expect(await verifyNeed(ordinary.helpRequestId)).toEqual(expect.objectContaining({ offeredTo: 1, volunteersTold: 0 }));
    expect(await notes('help.urgentNearby', inReach.userId)).toHaveLength(1);
  });

  it(`urgent: at most ${MAX_VOLUNTEERS_TOLD} volunteers are told, the nearest`, async () => {
    const here = spot();
    const db = serverSdk(emu).database();
    const ids = Array.from({ length: MAX_VOLUNTEERS_TOLD + 3 }, (_, i) => `u_willing_${here.longitude}_${here.latitude}_${i}`);
    for (const [i, id] of ids.entries()) {
      const at = eastOf(here, 0.1 * (i + 1));
      await db.collection('helpWilling').add({ data: { _id: id, near: { type: 'Point', coordinates: [at.longitude, at.latitude] }, radiusKm: 10, updatedAt: new Date() } });
    }
    const { helpRequestId } = await submitAt(here, true);
    expect(await verifyNeed(helpRequestId)).toEqual(expect.objectContaining({ volunteersTold: MAX_VOLUNTEERS_TOLD }));
    const told = await Promise.all(ids.map(async (id) => (await notes('help.urgentNearby', id)).length));
    expect(told).toEqual(ids.map((_, i) => (i < MAX_VOLUNTEERS_TOLD ? 1 : 0)));
  });
});

describe('accepting', () => {
  it('two organizations accepting at once: one wins, the other HELP_TAKEN, one draft project', async () => {
    for (let round = 0; round < 3; round++) {
      const here = spot();
      const [x, y] = [await responder(emu, eastOf(here, 1)), await responder(emu, eastOf(here, 2))];
      const { requester, helpRequestId } = await submitAt(here, true);
      await verifyNeed(helpRequestId);
      const answers = await Promise.all([x, y].map((o) => o.admin.as.call('help', 'answerOffer', { helpRequestId, orgId: o.orgId, decision: 'accept' })));
      expect(answers.map(code).sort()).toEqual(['HELP_TAKEN', 'ok']);
      const winner = answers[0]!.ok ? x : y;
      const loser = winner === x ? y : x;
      const need = await needDoc(helpRequestId);
      expect(need.status).toBe('accepted');
      expect(need.acceptedBy).toEqual(expect.objectContaining({ orgId: winner.orgId, projectId: draftProjectIdOf(helpRequestId) }));
      const drafts = await docsOf<ProjectDoc>(emu, 'projects', { _id: draftProjectIdOf(helpRequestId) });
      expect(drafts).toEqual([expect.objectContaining({ orgId: winner.orgId, status: 'draft', category: 'community', shiftCount: 0 })]);
      expect(await notes('help.accepted', requester.userId)).toHaveLength(1);
      expect(await notes('help.offerClosed', loser.admin.userId)).toHaveLength(1);
      expect(await notes('help.offerClosed', winner.admin.userId)).toEqual([]);
      expect((await docOf<ResponderDoc>(emu, 'helpResponders', winner.orgId))!.openNeeds).toBe(1);
      expect((await docOf<ResponderDoc>(emu, 'helpResponders', loser.orgId))!.openNeeds).toBe(0);
    }
  });

  it('two of an urgent wave declining at once: both count, the wave is topped up from the ranking, nobody is offered twice', async () => {
    const here = spot();
    const orgs: Responder[] = [];
    for (let km = 1; km <= 5; km++) orgs.push(await responder(emu, eastOf(here, km)));
    const { helpRequestId } = await submitAt(here, true);
    await verifyNeed(helpRequestId);
    const [x, y] = orgs as [Responder, Responder];
    const answers = await Promise.all([x, y].map((o) => o.admin.as.call('help', 'answerOffer', { helpRequestId, orgId: o.orgId, decision: 'decline', reason: REASON })));
    expect(answers.map(code)).toEqual(['ok', 'ok']);
    const need = await needDoc(helpRequestId);
    expect(need.wave).toEqual(orgs.slice(2).map((o) => o.orgId));
    expect(need.asked.sort()).toEqual(orgs.map((o) => o.orgId).sort());
    expect(need.declines.map((d) => d.orgId).sort()).toEqual([x.orgId, y.orgId].sort());
    for (const o of orgs) expect(await notes('help.offered', o.admin.userId)).toHaveLength(1);
  });

  it('accepting while another declines: the accept stands, the decline is counted or finds it taken', async () => {
    const here = spot();
    const [x, y] = [await responder(emu, eastOf(here, 1)), await responder(emu, eastOf(here, 2))];
    const { helpRequestId } = await submitAt(here, true);
    await verifyNeed(helpRequestId);
    const [accepted, declined] = await Promise.all([
      x.admin.as.call('help', 'answerOffer', { helpRequestId, orgId: x.orgId, decision: 'accept' }),
      y.admin.as.call('help', 'answerOffer', { helpRequestId, orgId: y.orgId, decision: 'decline', reason: REASON }),
    ]);
    expect(code(accepted)).toBe('ok');
    expect(['ok', 'HELP_TAKEN']).toContain(code(declined));
    const need = await needDoc(helpRequestId);
    expect(need).toEqual(expect.objectContaining({ status: 'accepted', acceptedBy: expect.objectContaining({ orgId: x.orgId }) }));
    expect(need.declines.length).toBe(code(declined) === 'ok' ? 1 : 0);
  });

  it('two verifiers at once: one decision, the tally moved once', async () => {
    const here = spot();
    await responder(emu, here);
    const { requester, helpRequestId } = await submitAt(here);
    const answers = await Promise.all([
      platformAdmin(emu).call('help', 'verify', { helpRequestId, decision: 'verify', method: 'call', note: NOTE }),
      caller(emu, 'openid-platform-admin-2').call('help', 'verify', { helpRequestId, decision: 'reject', method: 'call', note: '核实不属实' }),
    ]);
    expect(answers.map(code).sort()).toEqual(['WRONG_STATE', 'ok']);
    expect(await docsOf(emu, 'helpRequesters', { _id: requester.userId })).toEqual([expect.objectContaining({ awaiting: 0 })]);
    const kinds = [...(await notes('help.verified', requester.userId)), ...(await notes('help.rejected', requester.userId))];
    expect(kinds).toHaveLength(1);
  });

  it('the draft is the organization’s project, made from the need, for 项目编辑 to complete', async () => {
    const here = spot();
    const o = await responder(emu, here);
    const { requester, helpRequestId } = await submitAt(here);
    await verifyNeed(helpRequestId);
    const answer = okData(await o.admin.as.call('help', 'answerOffer', { helpRequestId, orgId: o.orgId, decision: 'accept' }));
    expect(answer).toEqual({ helpRequestId, status: 'accepted', projectId: draftProjectIdOf(helpRequestId) });
    // The same organization accepting again gets the same answer and nothing changes.
    expect(okData(await o.admin.as.call('help', 'answerOffer', { helpRequestId, orgId: o.orgId, decision: 'accept' }))).toEqual(answer);
    // 项目编辑 lists it among the organization's projects as a draft.
    const listed0 = okData(await o.admin.as.call('project', 'mine', { orgId: o.orgId })).items;
    expect(listed0.map((p) => [p.projectId, p.status])).toContainEqual([answer.projectId, 'draft']);
    const edit = okData(await o.admin.as.call('project', 'get', { projectId: answer.projectId! }));
    expect(edit.admin?.form).toEqual(
      expect.objectContaining({ category: 'community', contact: { name: '王五', phone: '13900001111' }, shifts: [expect.objectContaining({ places: 2 })], approvalMode: 'automatic' }),
    );
    const draft = (await docOf<ProjectDoc>(emu, 'projects', answer.projectId!))!;
    expect(draft.title.startsWith('求助：')).toBe(true);
    expect(draft.form.shifts).toEqual([{ startsAt: expect.any(String), endsAt: expect.any(String), places: 2 }]);
    expect(draft.serviceObjects).toEqual(['elderly']);
    expect(JSON.stringify(draft)).not.toContain('王秀英');
    // The accepting organization sees the contact's name; the public list names it.
    const offers = okData(await o.admin.as.call('help', 'offers', { orgId: o.orgId })).items;
    expect(offers).toEqual([expect.objectContaining({ id: helpRequestId, status: 'accepted', contact: { name: '王秀英', phoneMasked: '138****5678' }, acceptedBy: expect.objectContaining({ orgId: o.orgId }) })]);
    const listed = okData(await caller(emu, 'openid-public').call('help', 'publicList', { regionCode: '350102' })).items.find((n) => n.id === helpRequestId);
    expect(listed).toEqual(expect.objectContaining({ status: 'accepted', acceptedByName: expect.stringContaining('阳光志愿服务中心') }));
    expect(okData(await requester.as.call('help', 'mine', {})).items[0]!.acceptedBy).toEqual(expect.objectContaining({ projectId: answer.projectId }));
  });

  it('an organization no longer verified cannot accept', async () => {
    const here = spot();
    const o = await responder(emu, here);
    const { helpRequestId } = await submitAt(here);
    await verifyNeed(helpRequestId);
    await serverSdk(emu).database().collection('organizations').doc(o.orgId).update({ data: { status: 'suspended' } });
    expect(code(await o.admin.as.call('help', 'answerOffer', { helpRequestId, orgId: o.orgId, decision: 'accept' }))).toBe('NOT_VERIFIED');
    expect((await needDoc(helpRequestId)).status).toBe('dispatched');
    expect(await docsOf(emu, 'projects', { _id: draftProjectIdOf(helpRequestId) })).toEqual([]);
  });
});

describe('withdrawing, completing, rating', () => {
  it('withdrawing a dispatched need closes its offers; a pending one frees the requester’s place', async () => {
    const here = spot();
    const o = await responder(emu, here);
    const { requester, helpRequestId } = await submitAt(here);
    await verifyNeed(helpRequestId);
    expect(okData(await requester.as.call('help', 'withdraw', { helpRequestId }))).toEqual({ helpRequestId, status: 'withdrawn' });
    expect(await notes('help.offerClosed', o.admin.userId)).toEqual([expect.objectContaining({ body: expect.stringContaining('撤回') })]);
    expect(okData(await o.admin.as.call('help', 'offers', { orgId: o.orgId })).items).toEqual([]);
    expect(code(await o.admin.as.call('help', 'answerOffer', { helpRequestId, orgId: o.orgId, decision: 'accept' }))).toBe('WRONG_STATE');
    expect(okData(await caller(emu, 'openid-public').call('help', 'publicList', { regionCode: '350102' })).items.map((n) => n.id)).not.toContain(helpRequestId);

    const pending = okData(await requester.as.call('help', 'submit', submissionAt(here)));
    okData(await requester.as.call('help', 'submit', submissionAt(here)));
    expect(code(await requester.as.call('help', 'submit', submissionAt(here)))).toBe('SUBMISSIONS_LIMITED');
    okData(await requester.as.call('help', 'withdraw', { helpRequestId: pending.helpRequestId }));
    expect(okData(await requester.as.call('help', 'submit', submissionAt(here))).status).toBe('pending');
  });

  it('withdrawing while the wave moves: whoever holds the offer in the end is told it closed', async () => {
    const here = spot();
    const [x, y] = [await responder(emu, eastOf(here, 1)), await responder(emu, eastOf(here, 2))];
    const { requester, helpRequestId } = await submitAt(here);
    await verifyNeed(helpRequestId);
    const [withdrawn, declined] = await Promise.all([
      requester.as.call('help', 'withdraw', { helpRequestId }),
      x.admin.as.call('help', 'answerOffer', { helpRequestId, orgId: x.orgId, decision: 'decline', reason: REASON }),
    ]);
    expect(code(withdrawn)).toBe('ok');
    expect(['ok', 'WRONG_STATE']).toContain(code(declined));
    expect((await needDoc(helpRequestId)).status).toBe('withdrawn');
    const holder = code(declined) === 'ok' ? y : x;
    expect(await notes('help.offerClosed', holder.admin.userId)).toHaveLength(1);
    const other = holder === x ? y : x;
    expect(await notes('help.offerClosed', other.admin.userId)).toEqual([]);
  });

  it('completing lowers the open needs and asks the requester to rate; ratings sum up on the organization', async () => {
    const here = spot();
    const o = await responder(emu, here);
    const served: Array<{ requester: Awaited<ReturnType<typeof submitAt>>['requester']; helpRequestId: string }> = [];
    for (let i = 0; i < 2; i++) {
      const n = await submitAt(here);
      await verifyNeed(n.helpRequestId);
      okData(await o.admin.as.call('help', 'answerOffer', { helpRequestId: n.helpRequestId, orgId: o.orgId, decision: 'accept' }));
      served.push(n);
    }
    expect(okData(await o.admin.as.call('help', 'responder', { orgId: o.orgId })).openNeeds).toBe(2);
    for (const n of served) expect(okData(await o.admin.as.call('help', 'complete', { helpRequestId: n.helpRequestId, note: '已陪同复查' }))).toEqual({ helpRequestId: n.helpRequestId, status: 'served' });
    expect(okData(await o.admin.as.call('help', 'responder', { orgId: o.orgId })).openNeeds).toBe(0);
    expect(await notes('help.served', served[0]!.requester.userId)).toHaveLength(1);

    const anyone = caller(emu, 'openid-public');
    expect(okData(await anyone.call('help', 'orgRatings', { orgId: o.orgId }))).toEqual({ orgId: o.orgId, count: 0, latest: [] });
    const [first, second] = served as [(typeof served)[0], (typeof served)[0]];
    expect(code(await first.requester.as.call('help', 'rate', { helpRequestId: first.helpRequestId, stars: 6 }))).toBe('BAD_REQUEST');
    expect(code(await first.requester.as.call('help', 'rate', { helpRequestId: first.helpRequestId, stars: 5, comment: '好'.repeat(101) }))).toBe('BAD_REQUEST');
    expect(code(await second.requester.as.call('help', 'rate', { helpRequestId: first.helpRequestId, stars: 1 }))).toBe('FORBIDDEN');
    okData(await first.requester.as.call('help', 'rate', { helpRequestId: first.helpRequestId, stars: 5 }));
    okData(await second.requester.as.call('help', 'rate', { helpRequestId: second.helpRequestId, stars: 4, comment: '志愿者很耐心' }));
    expect(code(await first.requester.as.call('help', 'rate', { helpRequestId: first.helpRequestId, stars: 1 }))).toBe('WRONG_STATE');

    const ratings = okData(await anyone.call('help', 'orgRatings', { orgId: o.orgId }));
    expect(ratings).toEqual({ orgId: o.orgId, count: 2, average: 4.5, latest: [{ stars: 4, comment: '志愿者很耐心', at: expect.any(String) }, { stars: 5, at: expect.any(String) }] });
    expect(await notes('help.rated', o.admin.userId)).toHaveLength(2);
    expect(okData(await first.requester.as.call('help', 'mine', {})).items[0]).toEqual(expect.objectContaining({ status: 'rated', statusLabel: '已评价', rating: { stars: 5 } }));
  });
});

describe('settings', () => {
  it('setResponder: admins of verified organizations only, known categories', async () => {
    const admin = await person(emu, '管理员');
    const pendingOrg = await registerOrganization(admin);
    const base = spot();
    expect(code(await admin.as.call('help', 'setResponder', { orgId: pendingOrg, active: true, categories: ['community'], base }))).toBe('NOT_VERIFIED');
    const orgId = await verifiedOrganization(emu, admin);
    const member = await person(emu);
    expect(code(await member.as.call('help', 'setResponder', { orgId, active: true, categories: ['community'], base }))).toBe('FORBIDDEN');
    expect(code(await member.as.call('help', 'responder', { orgId }))).toBe('FORBIDDEN');
    expect(code(await admin.as.call('help', 'setResponder', { orgId, active: true, categories: ['nothing_like_it'], base }))).toBe('HELP_INVALID');
    expect(code(await admin.as.call('help', 'setResponder', { orgId, active: true, categories: [], base }))).toBe('HELP_INVALID');
    expect(okData(await admin.as.call('help', 'responder', { orgId }))).toEqual({ orgId, active: false, categories: [], openNeeds: 0 });
    expect(okData(await admin.as.call('help', 'setResponder', { orgId, active: true, categories: ['community', 'community', 'education'], base }))).toEqual({
      orgId,
      active: true,
      categories: ['community', 'education'],
      base,
      openNeeds: 0,
    });
  });

  it('setWilling: registered volunteers only, a place and a radius when willing', async () => {
    expect(code(await caller(emu, 'openid-help-nobody').call('help', 'setWilling', { willing: true, near: spot(), radiusKm: 3 }))).toBe('NOT_REGISTERED');
    const v = await person(emu);
    expect(code(await v.as.call('help', 'setWilling', { willing: true, radiusKm: 3 }))).toBe('HELP_INVALID');
    expect(code(await v.as.call('help', 'setWilling', { willing: true, near: spot(), radiusKm: 30 }))).toBe('BAD_REQUEST');
    const near = spot();
    expect(okData(await v.as.call('help', 'setWilling', { willing: true, near, radiusKm: 3 }))).toEqual({ willing: true, near, radiusKm: 3 });
    expect(okData(await v.as.call('help', 'willing', {}))).toEqual({ willing: true, near, radiusKm: 3 });
  });
});

describe('personal data', () => {
  it('a person’s needs, with their contact, are in their export; deleting the account removes the open ones and strips the accepted', async () => {
    const here = spot();
    const o = await responder(emu, here);
    const requester = await registerVolunteer(emu, `openid-help-erase-${Date.now()}`, '赵求助');
    const open = okData(await requester.as.call('help', 'submit', submissionAt(here)));
    const kept = okData(await requester.as.call('help', 'submit', submissionAt(here)));
    await verifyNeed(kept.helpRequestId);
    okData(await o.admin.as.call('help', 'answerOffer', { helpRequestId: kept.helpRequestId, orgId: o.orgId, decision: 'accept' }));
    okData(await requester.as.call('help', 'setWilling', { willing: true, near: here, radiusKm: 5 }));

    const exported = okData(await requester.as.call('volunteer', 'exportMine', {}));
    const file = JSON.stringify(await (await fetch(exported.url)).json());
    expect(file).toContain(open.helpRequestId);
    expect(file).toContain(kept.helpRequestId);
    expect(file).toContain('13812345678');
    expect(file).toContain('helpWilling');

    okData(await requester.as.call('volunteer', 'deleteAccount', { confirm: '注销' }));
    expect(await docsOf(emu, 'helpRequests', { _id: open.helpRequestId })).toEqual([]);
    const stripped = await needDoc(kept.helpRequestId);
    expect(stripped.contact).toBeUndefined();
    expect(stripped.requesterUserId).toBe(`deleted:${requester.volunteerId}`);
    expect(await docsOf(emu, 'helpWilling', { _id: requester.userId })).toEqual([]);
    expect(await docsOf(emu, 'helpRequesters', { _id: requester.userId })).toEqual([]);
    // The organization still sees the need it serves, without the contact.
    const offers = okData(await o.admin.as.call('help', 'offers', { orgId: o.orgId })).items;
    expect(offers).toEqual([expect.objectContaining({ id: kept.helpRequestId, contact: { name: '已注销', phoneMasked: '' } })]);
  });
});
