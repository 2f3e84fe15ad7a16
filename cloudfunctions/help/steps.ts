// help.withdraw, help.complete, help.rate — the requester withdraws a need no organization accepted (the offers it
// holds are closed), the accepting organization reports the service done (its open needs go back down), the
// requester rates it (the organization's rating aggregate and its admins are told). Each reads the need, asks
// `decide`, then writes everything in one transaction that decides again from its own read.
import { inTransaction, Rollback } from '../_shared/db/db';
import { HELP_RATINGS, HELP_REQUESTS, HELP_RESPONDERS, RATINGS_KEPT, type HelpRequestDoc, type OrgRatingDoc } from '../_shared/documents/help';
import { getOrNull } from '../_shared/db/db';
import { action, type ActionContext, type Answer } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { helpOfferClosed, helpRated, helpServed } from '../_shared/messages/help';
import { enqueue } from '../_shared/messages/outbox';
import type { HelpRole, HelpTransition } from '../../typings/help';
import { Moved, notFound, refused, untilSettled, writeTally } from './answers';
import { completeSchema, helpIdSchema, rateSchema } from './schemas';
import { decide } from './state';
import { adminsOf, needOf, partsOf, responderOf, tallyOf } from './store';
import { factsOf } from './view';

type Refusal = ReturnType<typeof notFound> | ReturnType<typeof refused>;

/** Read the need and the caller's parts, and refuse early what `decide` refuses. */
async function prepare(ctx: ActionContext, id: string, transition: HelpTransition): Promise<{ need: HelpRequestDoc; roles: Set<HelpRole> } | { answer: Refusal }> {
  const need = await needOf(ctx.db, id);
  if (!need) return { answer: notFound() };
  const { roles } = await partsOf(ctx, need);
  const decision = decide(need.status, transition, roles, 1, { startsAt: need.startsAt, now: ctx.now });
  if (!decision.ok) return { answer: refused(decision, need.status) };
  return { need, roles };
}

export const withdraw = action('help', 'withdraw', helpIdSchema, (req, ctx) => untilSettled(() => withdrawOnce(req.helpRequestId, ctx)));

async function withdrawOnce(id: string, ctx: ActionContext): Promise<Answer<'help', 'withdraw'>> {
  const seen = await prepare(ctx, id, 'withdraw');
  if ('answer' in seen) return seen.answer;
  // The wave's admins are read here; a wave that moved before the transaction's read makes it all run again.
  const admins = await adminsOf(ctx.db, seen.need.wave);
  const { roles } = seen;
  return inTransaction<Answer<'help', 'withdraw'>, Answer<'help', 'withdraw'>>(ctx.db, async (t) => {
    const need = await needOf(t, id);
    if (!need) throw new Rollback(notFound());
    const decision = decide(need.status, 'withdraw', roles, 1, { startsAt: need.startsAt, now: ctx.now });
    if (!decision.ok) throw new Rollback(refused(decision, need.status));
    if (need.wave.join(',') !== seen.need.wave.join(',')) throw new Moved();
    await t.collection(HELP_REQUESTS).doc(need._id).update({ data: { status: decision.next, withdrawnAt: ctx.now, updatedAt: ctx.now } });
    if (need.status === 'pending') await writeTally(t, need.requesterUserId, await tallyOf(t, need.requesterUserId), ctx.now, -1);
    if (need.status === 'dispatched') {
      const facts = factsOf(need);
      for (const orgId of need.wave) for (const admin of admins.get(orgId) ?? []) await enqueue(t, helpOfferClosed(facts, orgId, admin, 'withdrawn'), ctx.now);
    }
    return ok({ helpRequestId: need._id, status: decision.next });
  });
}

export const complete = action('help', 'complete', completeSchema, async (req, ctx) => {
  const seen = await prepare(ctx, req.helpRequestId, 'complete');
  if ('answer' in seen) return seen.answer;
  const { roles } = seen;
  const note = req.note?.trim();
  return inTransaction<Answer<'help', 'complete'>, Answer<'help', 'complete'>>(ctx.db, async (t) => {
    const need = await needOf(t, req.helpRequestId);
    if (!need) throw new Rollback(notFound());
    const decision = decide(need.status, 'complete', roles, 1, { startsAt: need.startsAt, now: ctx.now });
    if (!decision.ok || !need.acceptedBy) throw new Rollback(refused(decision.ok ? { ok: false, code: 'WRONG_STATE' } : decision, need.status));
    await t.collection(HELP_REQUESTS).doc(need._id).update({ data: { status: decision.next, servedAt: ctx.now, ...(note ? { servedNote: note } : {}), updatedAt: ctx.now } });
    const responder = await responderOf(t, need.acceptedBy.orgId);
    if (responder) await t.collection(HELP_RESPONDERS).doc(responder._id).update({ data: { openNeeds: Math.max(0, responder.openNeeds - 1), updatedAt: ctx.now } });
    await enqueue(t, helpServed(factsOf(need), need.acceptedBy.orgName), ctx.now);
    return ok({ helpRequestId: need._id, status: decision.next });
  });
});

export const rate = action('help', 'rate', rateSchema, async (req, ctx) => {
  const seen = await prepare(ctx, req.helpRequestId, 'rate');
  if ('answer' in seen) return seen.answer;
  const { roles } = seen;
  const orgId = seen.need.acceptedBy?.orgId;
  const admins = orgId ? await adminsOf(ctx.db, [orgId]) : new Map<string, string[]>();
  const comment = req.comment?.trim();
  return inTransaction<Answer<'help', 'rate'>, Answer<'help', 'rate'>>(ctx.db, async (t) => {
    const need = await needOf(t, req.helpRequestId);
    if (!need) throw new Rollback(notFound());
    const decision = decide(need.status, 'rate', roles, 1, { startsAt: need.startsAt, now: ctx.now });
    if (!decision.ok || !need.acceptedBy) throw new Rollback(refused(decision.ok ? { ok: false, code: 'WRONG_STATE' } : decision, need.status));
    const rating = { stars: req.stars, ...(comment ? { comment } : {}), at: ctx.now };
    await t.collection(HELP_REQUESTS).doc(need._id).update({ data: { status: decision.next, rating, updatedAt: ctx.now } });
    const org = need.acceptedBy.orgId;
    const before = await getOrNull<OrgRatingDoc>(t, HELP_RATINGS, org);
    const latest = [{ helpRequestId: need._id, ...rating }, ...(before?.latest ?? [])].slice(0, RATINGS_KEPT);
    await t.collection(HELP_RATINGS).doc(org).set({ data: { count: (before?.count ?? 0) + 1, sum: (before?.sum ?? 0) + req.stars, latest, updatedAt: ctx.now } });
    for (const admin of admins.get(org) ?? []) await enqueue(t, helpRated(factsOf(need), org, admin, req.stars), ctx.now);
    return ok({ helpRequestId: need._id, status: decision.next });
  });
});
