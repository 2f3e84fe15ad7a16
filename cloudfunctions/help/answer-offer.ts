// help.answerOffer — an admin of an organization the need is offered to accepts it or declines with a reason.
//
// accept: the need becomes the organization's (acceptedBy), a draft project is made from it, the responder's open
// needs go up, the other offers of the wave are closed and the requester is told — one transaction. Two
// organizations accepting at once both read the need dispatched and both write it: CloudBase's snapshot isolation
// fails the later write at once (DESIGN §3), inTransaction runs the loser again from a fresh snapshot, where the need
// is accepted by the other: HELP_TAKEN, and nothing of the loser's is written (its draft included).
//
// decline: the wave moves on (rules.ts waveAfterDecline) and the next organization is told; none left: unmatched.
// The next wave's admins are read before the transaction from the need as read then; the transaction decides from
// its own read, and should the need have moved meanwhile (another decline of the same wave), the write conflicts or
// the decision differs — then the whole action runs again from the start.
import type { AnswerOfferRequest, HelpRole } from '../../typings/help';
import { inTransaction, Rollback, type Tx } from '../_shared/db/db';
import { HELP_REQUESTS, HELP_RESPONDERS, type HelpRequestDoc } from '../_shared/documents/help';
import { action, type ActionContext, type Answer } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { HELP_MESSAGES, helpAccepted, helpOffered, helpOfferClosed, helpUnmatched } from '../_shared/messages/help';
import { enqueue } from '../_shared/messages/outbox';
import { Moved, notFound, refused, untilSettled } from './answers';
import { draftProject } from './draft';
import { noteOk } from '../../miniprogram/domain/help-rules';
import { waveAfterDecline } from './rules';
import { answerOfferSchema } from './schemas';
import { decide } from './state';
import { adminsOf, needOf, orgOf, partsOf, responderOf } from './store';
import { factsOf } from './view';

type OfferAnswer = Answer<'help', 'answerOffer'>;

const taken = () => fail('HELP_TAKEN', HELP_MESSAGES.taken);

/** Statuses a need reaches once some organization accepted it. */
const ACCEPTED_ONWARDS = ['accepted', 'served', 'rated'];

function refusal(need: HelpRequestDoc, roles: ReadonlySet<HelpRole>, orgId: string, transition: 'accept' | 'decline', now: Date): OfferAnswer | null {
  const decision = decide(need.status, transition, roles, 1, { startsAt: need.startsAt, now });
  if (decision.ok) return null;
  if (decision.code === 'WRONG_STATE' && ACCEPTED_ONWARDS.includes(need.status) && need.acceptedBy?.orgId !== orgId) return taken();
  return refused(decision, need.status);
}

export const answerOffer = action('help', 'answerOffer', answerOfferSchema, (req, ctx): Promise<OfferAnswer> => untilSettled(() => answerOnce(req, ctx)));

async function answerOnce(req: AnswerOfferRequest, ctx: ActionContext): Promise<OfferAnswer> {
  const found = await needOf(ctx.db, req.helpRequestId);
  if (!found) return notFound();
  const parts = await partsOf(ctx, found, { orgId: req.orgId });
  const roles = new Set([...parts.roles].filter((r) => r !== 'acceptedOrgAdmin'));
  if (req.decision === 'accept' && found.status === 'accepted' && found.acceptedBy && found.acceptedBy.orgId === req.orgId && roles.has('offeredOrgAdmin')) {
    // Accepted already by this very organization: the same answer again.
    return ok({ helpRequestId: found._id, status: found.status, projectId: found.acceptedBy.projectId });
  }
  const early = refusal(found, roles, req.orgId, req.decision, ctx.now);
  if (early) return early;
  const org = await orgOf(ctx.db, req.orgId);
  if (!org) return notFound();

  if (req.decision === 'decline') {
    const reason = (req.reason ?? '').trim();
    if (!noteOk(reason)) return fail('REASON_REQUIRED', HELP_MESSAGES.reasonRequired, 'reason');
    const wave = waveAfterDecline(found.order, found.wave, found.asked, req.orgId, found.urgent);
    const fresh = wave.filter((id) => !found.wave.includes(id));
    const admins = await adminsOf(ctx.db, fresh);
    return inTransaction<OfferAnswer, OfferAnswer>(ctx.db, async (t) => {
      const need = await current(t, req.helpRequestId, found);
      const left = refusal(need, roles, req.orgId, 'decline', ctx.now);
      if (left) throw new Rollback(left);
      const decision = decide(need.status, 'decline', roles, wave.length, { startsAt: need.startsAt, now: ctx.now });
      if (!decision.ok) throw new Rollback(refused(decision, need.status));
      const change = {
        status: decision.next,
        wave,
        asked: [...need.asked, ...fresh],
        declines: [...need.declines, { orgId: req.orgId, orgName: org.name, reason, at: ctx.now }],
        updatedAt: ctx.now,
      };
      await t.collection(HELP_REQUESTS).doc(need._id).update({ data: change });
      const facts = factsOf(need);
      for (const orgId of fresh) for (const admin of admins.get(orgId) ?? []) await enqueue(t, helpOffered(facts, orgId, admin, need.urgent), ctx.now);
      if (decision.next === 'unmatched') await enqueue(t, helpUnmatched(facts, ctx.now), ctx.now);
      return ok({ helpRequestId: need._id, status: decision.next });
    });
  }

  if (org.status !== 'verified') return fail('NOT_VERIFIED', HELP_MESSAGES.notVerified);
  const others = found.wave.filter((id) => id !== req.orgId);
  const admins = await adminsOf(ctx.db, others);
  return inTransaction<OfferAnswer, OfferAnswer>(ctx.db, async (t) => {
    const need = await current(t, req.helpRequestId, found);
    const left = refusal(need, roles, req.orgId, 'accept', ctx.now);
    if (left) throw new Rollback(left);
    const project = draftProject(need, org, parts.userId, ctx.now, ctx.env);
    const { _id: projectId, ...projectData } = project;
    await t.collection('projects').doc(projectId).set({ data: projectData });
    const acceptedBy = { orgId: org._id, orgName: org.name, projectId, at: ctx.now };
    await t.collection(HELP_REQUESTS).doc(need._id).update({ data: { status: 'accepted', acceptedBy, updatedAt: ctx.now } });
    const responder = await responderOf(t, org._id);
    if (responder) await t.collection(HELP_RESPONDERS).doc(org._id).update({ data: { openNeeds: Math.max(0, responder.openNeeds) + 1, updatedAt: ctx.now } });
    const facts = factsOf(need);
    await enqueue(t, helpAccepted(facts, org.name, ctx.now), ctx.now);
    for (const orgId of others) for (const admin of admins.get(orgId) ?? []) await enqueue(t, helpOfferClosed(facts, orgId, admin, 'taken'), ctx.now);
    return ok({ helpRequestId: need._id, status: 'accepted' as const, projectId });
  });
}

/** The need as the transaction reads it; its wave changed since the read outside: decide it all again. */
async function current(t: Tx, id: string, seen: HelpRequestDoc): Promise<HelpRequestDoc> {
  const need = await needOf(t, id);
  if (!need) throw new Rollback(notFound());
  if (need.status === 'dispatched' && need.wave.join(',') !== seen.wave.join(',')) throw new Moved();
  return need;
}
