// help.submit — a registered volunteer asks for help. The need, the requester's tally (the submission limit) and the
// notices to the verifiers are written in one transaction: the tally is read and written there, so two submissions
// at once conflict on it and the later one, run again, sees the first one's count.
import { randomBytes } from 'node:crypto';
import { inTransaction, Rollback } from '../_shared/db/db';
import { registeredVolunteer } from '../_shared/db/people';
import { HELP_REQUESTS, type HelpRequestDoc } from '../_shared/documents/help';
import { action, type Answer } from '../_shared/frame/action';
import { notRegistered } from '../_shared/messages/answers';
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
  const person = await registeredVolunteer(ctx);
  if (!person) return notRegistered();
  const checked = checkSubmission(req, ctx.now);
  if (!checked.ok) return refusal(checked);
  const regionCode = req.place.regionCode.trim();
  const verifiers = (await verifiersOf(ctx, regionCode)).filter((id) => id !== person.userId);
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
    requesterUserId: person.userId,
    submittedAt: ctx.now,
    order: [],
    wave: [],
    asked: [],
    declines: [],
    updatedAt: ctx.now,
  };

  return inTransaction<SubmitAnswer, SubmitAnswer>(ctx.db, async (t) => {
    const tally = await tallyOf(t, person.userId);
    const allowed = submissionAllowed(tally, ctx.now);
    if (!allowed.ok) throw new Rollback(fail('SUBMISSIONS_LIMITED', allowed.message));
    await writeTally(t, person.userId, tally, ctx.now, +1);
    const { _id, ...data } = need;
    await t.collection(HELP_REQUESTS).doc(_id).set({ data });
    for (const verifier of verifiers) await enqueue(t, helpAwaitingVerification(factsOf(need), verifier), ctx.now);
    return ok({ helpRequestId: id, status: need.status });
  });
});
