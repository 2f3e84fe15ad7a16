// help.verify — a platform admin, or an admin of a verified organization of the need's county acting for it
// (`asOrgId`), records what the verification found. verify ranks the responders near the need and offers it to the
// first wave (none: unmatched); an urgent need is also told to willing volunteers within reach. reject counts against
// the requester's submissions. The rankings and the willing are read first (queries cannot run in a transaction);
// the need is then read again in the transaction and decided from that read, and everything is written there.
import type { HelpRole } from '../../typings/help';
import { inTransaction, Rollback } from '../_shared/db/db';
import { HELP_REQUESTS, type HelpRequestDoc } from '../_shared/documents/help';
import { action, type Answer } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { HELP_MESSAGES, helpOffered, helpUnmatched, helpUrgentNearby, helpVerified } from '../_shared/messages/help';
import { enqueue } from '../_shared/messages/outbox';
import { lngLatOf } from '../project/view';
import { notFound, refused, writeTally } from './answers';
import { noteOk } from '../../miniprogram/domain/help-rules';
import { dispatchOrder, firstWave, MAX_VOLUNTEERS_TOLD, URGENT_RADIUS_KM, withinReach } from './rules';
import { verifySchema } from './schemas';
import { decide } from './state';
import { adminsOf, needOf, orgOf, partsOf, respondersNear, tallyOf, willingNear } from './store';
import { factsOf } from './view';

type VerifyAnswer = Answer<'help', 'verify'>;

export const PLATFORM_VERIFIER_NAME = '平台';

export const verify = action('help', 'verify', verifySchema, async (req, ctx) => {
  const found = await needOf(ctx.db, req.helpRequestId);
  if (!found) return notFound();
  const parts = await partsOf(ctx, found, req.asOrgId ? { asOrgId: req.asOrgId } : {});
  // Acting for an organization is acting as its admin, not as a platform admin, and the other way round.
  const roles = new Set<HelpRole>([...parts.roles].filter((r) => (req.asOrgId ? r !== 'platformAdmin' : r !== 'regionOrgAdmin')));
  const early = decide(found.status, req.decision, roles, 1, { startsAt: found.startsAt, now: ctx.now });
  if (!early.ok) return early.code === 'FORBIDDEN' && roles.has('requester') ? fail('FORBIDDEN', HELP_MESSAGES.ownNeed) : refused(early, found.status);
  const note = req.note.trim();
  if (!noteOk(note)) return fail('HELP_INVALID', HELP_MESSAGES.noteRequired, 'note');

  const location = lngLatOf(found.place.location);
  const ranking = req.decision === 'verify' ? await respondersNear(ctx.db, location) : null;
  const order = ranking ? dispatchOrder({ category: found.category, location }, ranking.facts) : [];
  const wave = firstWave(order, found.urgent);
  const admins = await adminsOf(ctx.db, wave);
  const willing =
    req.decision === 'verify' && found.urgent
      ? (await willingNear(ctx.db, location, URGENT_RADIUS_KM))
          .filter((w) => w._id !== found.requesterUserId && withinReach(w.distanceM, w.radiusKm))
          .slice(0, MAX_VOLUNTEERS_TOLD)
      : [];
  const byName = req.asOrgId ? ((await orgOf(ctx.db, req.asOrgId))?.name ?? '') : PLATFORM_VERIFIER_NAME;

  return inTransaction<VerifyAnswer, VerifyAnswer>(ctx.db, async (t) => {
    const need = await needOf(t, req.helpRequestId);
    if (!need) throw new Rollback(notFound());
    const decision = decide(need.status, req.decision, roles, wave.length, { startsAt: need.startsAt, now: ctx.now });
    if (!decision.ok) throw new Rollback(refused(decision, need.status));
    const verification: NonNullable<HelpRequestDoc['verification']> = {
      method: req.method,
      note,
      byUserId: parts.userId,
      ...(req.asOrgId ? { asOrgId: req.asOrgId } : {}),
      byName,
      at: ctx.now,
      decision: req.decision,
    };
    const change = { status: decision.next, verification, order, wave, asked: [...wave], updatedAt: ctx.now };
    await t.collection(HELP_REQUESTS).doc(need._id).update({ data: change });
    const next: HelpRequestDoc = { ...need, ...change };
    await writeTally(t, need.requesterUserId, await tallyOf(t, need.requesterUserId), ctx.now, -1, req.decision === 'reject');

    const facts = factsOf(next);
    // Verified with no organization to offer it to: the requester is told that (it says the need is true) alone.
    if (decision.next === 'unmatched') await enqueue(t, helpUnmatched(facts, ctx.now), ctx.now);
    else await enqueue(t, helpVerified(facts, req.decision, note, ctx.now), ctx.now);
    for (const orgId of wave) for (const admin of admins.get(orgId) ?? []) await enqueue(t, helpOffered(facts, orgId, admin, need.urgent), ctx.now);
    for (const w of willing) await enqueue(t, helpUrgentNearby(facts, w._id, w.distanceM), ctx.now);
    return ok({ helpRequestId: need._id, status: decision.next, offeredTo: wave.length, volunteersTold: willing.length });
  });
});
