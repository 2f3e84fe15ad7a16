// help.submit — anyone with a WeChat account asks for help; no volunteer registration is asked (issue 12). What keeps
// needs truthful is verification (a need is public only once a platform admin or a verified organization of its
// county verified it) and the per-account submission limit. The need, the account's user document (made if the
// caller was never seen, so the outcome reaches them), the tally and the notices to the verifiers are written in one
// transaction: the tally is read and written there, so two submissions at once conflict on it and the later one, run
// again, sees the first one's count.
import { randomBytes } from 'node:crypto';
import { inTransaction, Rollback } from '../_shared/db/db';
import { callerAccountIn } from '../_shared/db/people';
import { userIdOf } from '../_shared/documents/ids';
import { HELP_REQUESTS, type HelpRequestDoc } from '../_shared/documents/help';
import { action, type Answer } from '../_shared/frame/action';
import { fail, ok, refusal } from '../_shared/frame/envelope';
import { helpAwaitingVerification } from '../_shared/messages/help';
import { enqueue } from '../_shared/messages/outbox';
import { keyRingFromEnv } from '../_shared/security/crypto';
import { regionPrefixes } from '../../miniprogram/domain/region';
import { writeTally } from './answers';
import { checkSubmission, submissionAllowed } from './rules';
import { submitSchema } from './schemas';
import { tallyOf, verifiersOf } from './store';
import { factsOf, sealContact } from './view';

type SubmitAnswer = Answer<'help', 'submit'>;

export const newHelpRequestId = (): string => `help_${randomBytes(10).toString('hex')}`;

export const submit = action('help', 'submit', submitSchema, async (req, ctx) => {
  const requesterUserId = userIdOf(ctx.caller.openid);
  const checked = checkSubmission(req, ctx.now);
  if (!checked.ok) return refusal(checked);
  const regionCode = req.place.regionCode.trim();
  const verifiers = (await verifiersOf(ctx, regionCode)).filter((id) => id !== requesterUserId);
  const ring = keyRingFromEnv(ctx.env);
  const id = newHelpRequestId();
  const need: HelpRequestDoc = {
    _id: id,
    status: 'pending',
    what: req.what.trim(),
    category: req.category,
    forWhom: { object: req.forWhom.object, description: req.forWhom.description.trim() },
    place: {
      address: req.place.address.trim(),
      ...(req.place.name?.trim() ? { name: req.place.name.trim() } : {}),
      location: { type: 'Point', coordinates: [req.place.longitude, req.place.latitude] },
    },
    regionCode,
    regionPrefixes: regionPrefixes(regionCode),
    regionNames: req.place.regionNames,
    startsAt: checked.value.startsAt,
    endsAt: checked.value.endsAt,
    volunteersWanted: req.volunteersWanted,
    urgent: req.urgent,
    contact: sealContact({ name: req.contact.name.trim(), phone: req.contact.phone }, ring),
    requesterUserId,
    submittedAt: ctx.now,
    order: [],
    wave: [],
    asked: [],
    declines: [],
    updatedAt: ctx.now,
  };

  return inTransaction<SubmitAnswer, SubmitAnswer>(ctx.db, async (t) => {
    const tally = await tallyOf(t, requesterUserId);
    const allowed = submissionAllowed(tally, ctx.now);
    if (!allowed.ok) throw new Rollback(fail('SUBMISSIONS_LIMITED', allowed.message));
    await callerAccountIn(t, ctx);
    await writeTally(t, requesterUserId, tally, ctx.now, +1);
    const { _id, ...data } = need;
    await t.collection(HELP_REQUESTS).doc(_id).set({ data });
    for (const verifier of verifiers) await enqueue(t, helpAwaitingVerification(factsOf(need), verifier), ctx.now);
    return ok({ helpRequestId: id, status: need.status });
  });
});
