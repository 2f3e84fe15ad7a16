// Needs whose time has passed, through the emulator and the stock SDK: the `expire` timer (fired as the platform fires
// it) expires exactly the open needs whose start has passed and leaves those taken on alone, tells each requester
// once, closes open offers, frees the submission limit's place, and a rerun changes nothing; it reads in pages of at
// most 100 and resumes after stopping at its budget. Before the timer ran, verifying, accepting, declining and
// withdrawing after the start are refused and the lists leave such needs out. The timer racing an accept: one wins.
import type { Emulator } from '../../emulator/src/server';
import { caller, serverSdk, startTestEmulator } from '../../emulator/test/support';
import type { Database } from '../_shared/db/db';
import type { HelpRequestDoc } from '../_shared/documents/help';
import type { NotificationDoc } from '../_shared/documents/notification';
import { functionEnv } from '../organization/test-support';
import { draftProjectIdOf } from './draft';
import { EXPIRE_PAGE, expirePast } from './expire';
import { docOf, docsOf, okData, person, platformAdmin, responder, spot, submissionAt } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

const MIN = 60_000;
const NOTE = '已电话联系求助人本人，情况属实';
const REASON = '本周人手不足，无法按时安排';
const TIME_PASSED = '这条求助的服务时间已过';
type Point = { longitude: number; latitude: number };

const code = (res: { ok: boolean; error?: { code: string } }) => (res.ok ? 'ok' : res.error!.code);
const needDoc = async (id: string) => (await docOf<HelpRequestDoc>(emu, 'helpRequests', id))!;
const notes = (kind: string, recipientUserId: string) => docsOf<NotificationDoc>(emu, 'notifications', { kind, recipientUserId });
const db = () => serverSdk(emu).database() as unknown as Database;

async function submitAt(here: Point, urgent = false) {
  const requester = await person(emu, '李求助');
  const { helpRequestId } = okData(await requester.as.call('help', 'submit', submissionAt(here, { urgent })));
  return { requester, helpRequestId };
}

const verifyNeed = async (helpRequestId: string) => okData(await platformAdmin(emu).call('help', 'verify', { helpRequestId, decision: 'verify', method: 'call', note: NOTE }));

/** Time passes: the need's service started a minute ago (as if it had been submitted for then). */
async function startedAgo(helpRequestId: string, ms = MIN): Promise<void> {
  const startsAt = new Date(Date.now() - ms);
  await db().collection('helpRequests').doc(helpRequestId).update({ data: { startsAt, endsAt: new Date(startsAt.getTime() + 3 * 60 * MIN) } });
}

/** Fire the timer as the platform does (at `at`, now by default); answers what the run did. */
async function fire(at?: Date): Promise<{ expired: number; finished: boolean }> {
  const fired = await emu.triggers!.fire('help', 'expire', at);
  if (!fired.outcome.ok) throw new Error(fired.outcome.message);
  return JSON.parse(fired.outcome.json) as { expired: number; finished: boolean };
}

describe('the expire timer', () => {
  it('expires exactly the open needs whose start has passed, tells each requester once, closes offers, frees the limit; a rerun changes nothing', async () => {
    const here = spot();
    const o = await responder(emu, here);
    // pending (its requester at the limit of two awaiting), dispatched to o, unmatched (no responder where it is).
    const limited = await person(emu, '王求助');
    const pending = okData(await limited.as.call('help', 'submit', submissionAt(here)));
    const stillAhead = okData(await limited.as.call('help', 'submit', submissionAt(here)));
    expect(code(await limited.as.call('help', 'submit', submissionAt(here)))).toBe('SUBMISSIONS_LIMITED');
    const dispatched = await submitAt(here);
    await verifyNeed(dispatched.helpRequestId);
    const unmatched = await submitAt(spot());
    expect((await verifyNeed(unmatched.helpRequestId)).status).toBe('unmatched');
    // Taken on in time, then started: accepted, served, rated stay as they are.
    const taken: Record<'accepted' | 'served' | 'rated', string> = { accepted: '', served: '', rated: '' };
    for (const status of ['accepted', 'served', 'rated'] as const) {
      const n = await submitAt(here);
      await verifyNeed(n.helpRequestId);
      okData(await o.admin.as.call('help', 'answerOffer', { helpRequestId: n.helpRequestId, orgId: o.orgId, decision: 'accept' }));
      if (status !== 'accepted') okData(await o.admin.as.call('help', 'complete', { helpRequestId: n.helpRequestId }));
      if (status === 'rated') okData(await n.requester.as.call('help', 'rate', { helpRequestId: n.helpRequestId, stars: 5 }));
      taken[status] = n.helpRequestId;
    }
    // A dispatched need still ahead of its start.
    const future = await submitAt(here);
    await verifyNeed(future.helpRequestId);

    const past = [pending.helpRequestId, dispatched.helpRequestId, unmatched.helpRequestId];
    for (const id of [...past, ...Object.values(taken)]) await startedAgo(id);
    const before = new Map(await Promise.all([...Object.values(taken), future.helpRequestId, stillAhead.helpRequestId].map(async (id) => [id, await needDoc(id)] as const)));

    const first = await fire();
    expect(first.finished).toBe(true);
    expect(first.expired).toBeGreaterThanOrEqual(3);
    for (const id of past) expect(await needDoc(id)).toEqual(expect.objectContaining({ status: 'expired', expiredAt: expect.any(Date) }));
    // Those taken on and the one still ahead: untouched, to the field.
    for (const [id, doc] of before) expect(await needDoc(id)).toEqual(doc);

    // Each requester told once, with a way forward; nobody else.
    for (const userId of [limited.userId, dispatched.requester.userId, unmatched.requester.userId]) {
      expect(await notes('help.expired', userId)).toEqual([expect.objectContaining({ title: '求助已过期', body: expect.stringContaining('重新提交'), link: expect.stringContaining('/help/mine/') })]);
    }
    for (const id of Object.values(taken)) {
      const requester = (await needDoc(id)).requesterUserId;
      expect(await notes('help.expired', requester)).toEqual([]);
    }
    // The organization holding the dispatched one's offer: closed, because its time passed.
    const closed = await notes('help.offerClosed', o.admin.userId);
    expect(closed).toEqual([expect.objectContaining({ body: expect.stringContaining('服务时间已过') })]);
    expect(closed[0]!._id).toContain(dispatched.helpRequestId);
    expect(okData(await o.admin.as.call('help', 'offers', { orgId: o.orgId })).items.map((n) => n.id).sort()).toEqual([...Object.values(taken), future.helpRequestId].sort());

    // The expired pending need no longer holds its requester's place.
    expect(await docsOf(emu, 'helpRequesters', { _id: limited.userId })).toEqual([expect.objectContaining({ awaiting: 1 })]);
    expect(okData(await limited.as.call('help', 'submit', submissionAt(here))).status).toBe('pending');
    const mine = okData(await limited.as.call('help', 'mine', {})).items.find((n) => n.id === pending.helpRequestId);
    expect(mine).toEqual(expect.objectContaining({ status: 'expired', statusLabel: '已过期' }));

    // A rerun (or a retried firing) finds nothing to do and writes nothing.
    const snapshot = await Promise.all(past.map(needDoc));
    const requesters = [limited.userId, dispatched.requester.userId, unmatched.requester.userId];
    expect(await fire()).toEqual({ expired: 0, finished: true });
    expect(await Promise.all(past.map(needDoc))).toEqual(snapshot);
    for (const userId of requesters) expect(await notes('help.expired', userId)).toHaveLength(1);
    expect(await notes('help.offerClosed', o.admin.userId)).toHaveLength(1);
    expect(await docsOf(emu, 'helpRequesters', { _id: limited.userId })).toEqual([expect.objectContaining({ awaiting: 2 })]);
  });

  it(`reads at most ${EXPIRE_PAGE} needs a query and goes on page after page; stopped at its budget, the next run resumes`, async () => {
    const startsAt = new Date(Date.now() - 10 * MIN);
    const ids = Array.from({ length: EXPIRE_PAGE + 5 }, (_, i) => `help_bulk_${Date.now().toString(36)}_${i}`);
    const need = (id: string): Omit<HelpRequestDoc, '_id'> & { _id: string } => ({
      _id: id,
      status: 'unmatched',
      what: '独居老人需要陪同去医院复查',
      category: 'community',
      forWhom: { object: 'elderly', description: '独居老人' },
      place: { address: '福州市鼓楼区五四路100号', location: { type: 'Point', coordinates: [119.2965, 26.0745] } },
      regionCode: '350102',
      regionPrefixes: ['35', '3501', '350102'],
      regionNames: ['福建省', '福州市', '鼓楼区'],
      startsAt,
      endsAt: new Date(startsAt.getTime() + 60 * MIN),
      volunteersWanted: 1,
      urgent: false,
      requesterUserId: `u_bulk_${id}`,
      submittedAt: new Date(startsAt.getTime() - 24 * 60 * MIN),
      verification: { method: 'call', note: NOTE, byUserId: 'u_platform', byName: '平台', at: new Date(), decision: 'verify' },
      order: [],
      wave: [],
      asked: [],
      declines: [],
      updatedAt: new Date(),
    });
    for (const id of ids) await db().collection('helpRequests').add({ data: need(id) });
    const run = await fire();
    expect(run).toEqual({ expired: expect.any(Number), finished: true });
    expect(run.expired).toBeGreaterThanOrEqual(ids.length);
    for (const part of [ids.slice(0, EXPIRE_PAGE), ids.slice(EXPIRE_PAGE)]) {
      expect(await docsOf(emu, 'helpRequests', { _id: db().command.in(part), status: 'expired' })).toHaveLength(part.length);
    }

    // Out of time from the start: one need, then it stops; the next run does the rest.
    const more = ids.slice(0, 3).map((id) => `${id}_more`);
    for (const id of more) await db().collection('helpRequests').add({ data: need(id) });
    expect(await expirePast(db(), new Date(), new Date(), Date.now() - 1)).toEqual({ expired: 1, finished: false });
    expect(await expirePast(db(), new Date(), new Date(), Date.now() + 60_000)).toEqual({ expired: 2, finished: true });
    expect(await docsOf(emu, 'helpRequests', { _id: db().command.in(more), status: 'expired' })).toHaveLength(3);
    for (const id of more) expect(await notes('help.expired', `u_bulk_${id}`)).toHaveLength(1);
  });
});

describe('after the start, before the timer ran', () => {
  it('verify, reject, accept, decline and withdraw are refused (服务时间已过) and change nothing; what was taken on goes on', async () => {
    const here = spot();
    const o = await responder(emu, here);
    const pending = await submitAt(here);
    const dispatched = await submitAt(here);
    await verifyNeed(dispatched.helpRequestId);
    const accepted = await submitAt(here);
    await verifyNeed(accepted.helpRequestId);
    okData(await o.admin.as.call('help', 'answerOffer', { helpRequestId: accepted.helpRequestId, orgId: o.orgId, decision: 'accept' }));
    for (const n of [pending, dispatched, accepted]) await startedAgo(n.helpRequestId);
    const before = await Promise.all([pending, dispatched].map((n) => needDoc(n.helpRequestId)));

    const timePassed = { ok: false, error: expect.objectContaining({ code: 'WRONG_STATE', message: expect.stringContaining(TIME_PASSED) }) };
    for (const decision of ['verify', 'reject'] as const) {
      expect(await platformAdmin(emu).call('help', 'verify', { helpRequestId: pending.helpRequestId, decision, method: 'call', note: NOTE })).toEqual(timePassed);
    }
    expect(await o.admin.as.call('help', 'answerOffer', { helpRequestId: dispatched.helpRequestId, orgId: o.orgId, decision: 'accept' })).toEqual(timePassed);
    expect(await o.admin.as.call('help', 'answerOffer', { helpRequestId: dispatched.helpRequestId, orgId: o.orgId, decision: 'decline', reason: REASON })).toEqual(timePassed);
    expect(await dispatched.requester.as.call('help', 'withdraw', { helpRequestId: dispatched.helpRequestId })).toEqual(timePassed);
    expect(await pending.requester.as.call('help', 'withdraw', { helpRequestId: pending.helpRequestId })).toEqual(timePassed);
    // A stranger still learns nothing of where it stands.
    expect(code(await (await person(emu, '路人')).as.call('help', 'withdraw', { helpRequestId: pending.helpRequestId }))).toBe('FORBIDDEN');

    expect(await Promise.all([pending, dispatched].map((n) => needDoc(n.helpRequestId)))).toEqual(before);
    expect(await docsOf(emu, 'projects', { _id: draftProjectIdOf(dispatched.helpRequestId) })).toEqual([]);
    expect(await notes('help.accepted', dispatched.requester.userId)).toEqual([]);
    // The need an organization took on in time is served and rated as ever.
    expect(okData(await o.admin.as.call('help', 'complete', { helpRequestId: accepted.helpRequestId }))).toEqual({ helpRequestId: accepted.helpRequestId, status: 'served' });
    expect(okData(await accepted.requester.as.call('help', 'rate', { helpRequestId: accepted.helpRequestId, stars: 4 }))).toEqual({ helpRequestId: accepted.helpRequestId, status: 'rated' });
  });

  it('the lists: verifyQueue and offers leave it out, publicList keeps only what was taken on, 我的求助 shows 已过期', async () => {
    const here = spot();
    const o = await responder(emu, here);
    const pending = await submitAt(here);
    const dispatched = await submitAt(here);
    await verifyNeed(dispatched.helpRequestId);
    const unmatched = await submitAt(spot());
    await verifyNeed(unmatched.helpRequestId);
    const accepted = await submitAt(here);
    await verifyNeed(accepted.helpRequestId);
    okData(await o.admin.as.call('help', 'answerOffer', { helpRequestId: accepted.helpRequestId, orgId: o.orgId, decision: 'accept' }));
    const ahead = await submitAt(here);
    await verifyNeed(ahead.helpRequestId);
    const pendingAhead = await submitAt(here);
    const all = [pending, dispatched, unmatched, accepted, ahead, pendingAhead].map((n) => n.helpRequestId);
    // Before the start, every one is listed where it belongs.
    const queue = async () => okData(await platformAdmin(emu).call('help', 'verifyQueue', {})).items.map((n) => n.id).filter((id) => all.includes(id));
    const offered = async () => okData(await o.admin.as.call('help', 'offers', { orgId: o.orgId })).items.map((n) => n.id).sort();
    const listed = async () => okData(await caller(emu, 'openid-public').call('help', 'publicList', { regionCode: '3501' })).items.map((n) => n.id).filter((id) => all.includes(id)).sort();
    expect((await queue()).sort()).toEqual([pending.helpRequestId, pendingAhead.helpRequestId].sort());
    expect(await offered()).toEqual([dispatched.helpRequestId, accepted.helpRequestId, ahead.helpRequestId].sort());
    expect(await listed()).toEqual([dispatched.helpRequestId, unmatched.helpRequestId, accepted.helpRequestId, ahead.helpRequestId].sort());

    for (const n of [pending, dispatched, unmatched, accepted]) await startedAgo(n.helpRequestId);
    expect(await queue()).toEqual([pendingAhead.helpRequestId]);
    expect(await offered()).toEqual([accepted.helpRequestId, ahead.helpRequestId].sort());
    expect(await listed()).toEqual([accepted.helpRequestId, ahead.helpRequestId].sort());
    for (const n of [pending, dispatched, unmatched]) {
      expect(okData(await n.requester.as.call('help', 'mine', {})).items).toEqual([expect.objectContaining({ id: n.helpRequestId, status: 'expired', statusLabel: '已过期' })]);
    }
    expect(okData(await accepted.requester.as.call('help', 'mine', {})).items).toEqual([expect.objectContaining({ status: 'accepted' })]);
    // Once the timer ran, the same.
    await fire();
    expect(await queue()).toEqual([pendingAhead.helpRequestId]);
    expect(await offered()).toEqual([accepted.helpRequestId, ahead.helpRequestId].sort());
    expect(await listed()).toEqual([accepted.helpRequestId, ahead.helpRequestId].sort());
  });
});

describe('the timer racing an accept', () => {
  it('one wins, consistently: accepted with its draft and no expiry notice, or expired with its offer closed and no draft', async () => {
    const winners: string[] = [];
    for (let round = 0; round < 4; round++) {
      const here = spot();
      const x = await responder(emu, here);
      const { requester, helpRequestId } = await submitAt(here);
      await verifyNeed(helpRequestId);
      const startsAt = (await needDoc(helpRequestId)).startsAt;
      // The firing is due after the start; the accept comes (by the clock) before it: both may proceed, one commits.
      const [run, answer] = await Promise.all([
        fire(new Date(new Date(startsAt).getTime() + MIN)),
        x.admin.as.call('help', 'answerOffer', { helpRequestId, orgId: x.orgId, decision: 'accept' }),
      ]);
      const need = await needDoc(helpRequestId);
      const drafts = await docsOf(emu, 'projects', { _id: draftProjectIdOf(helpRequestId) });
      if (code(answer) === 'ok') {
        winners.push('accept');
        expect(need.status).toBe('accepted');
        expect(drafts).toHaveLength(1);
        expect(await notes('help.accepted', requester.userId)).toHaveLength(1);
        expect(await notes('help.expired', requester.userId)).toEqual([]);
        expect(await notes('help.offerClosed', x.admin.userId)).toEqual([]);
      } else {
        winners.push('timer');
        expect(answer).toEqual({ ok: false, error: expect.objectContaining({ code: 'WRONG_STATE', message: expect.stringContaining(TIME_PASSED) }) });
        expect(need.status).toBe('expired');
        expect(run.expired).toBeGreaterThanOrEqual(1);
        expect(drafts).toEqual([]);
        expect(await notes('help.accepted', requester.userId)).toEqual([]);
        expect(await notes('help.expired', requester.userId)).toHaveLength(1);
        expect(await notes('help.offerClosed', x.admin.userId)).toEqual([expect.objectContaining({ body: expect.stringContaining('服务时间已过') })]);
        expect((await docOf<{ openNeeds: number }>(emu, 'helpResponders', x.orgId))!.openNeeds).toBe(0);
      }
      // Whoever won, the loser wrote nothing: a second firing changes nothing either.
      const settled = await needDoc(helpRequestId);
      await fire(new Date(new Date(startsAt).getTime() + 2 * MIN));
      expect(await needDoc(helpRequestId)).toEqual(settled);
    }
    expect(winners).toHaveLength(4);
  });
});
