// records.redeemHourCode — a volunteer turns an hour code into a pending record of the code's activity. Each code
// works once, for one person: the code's document is read and marked redeemed in the transaction that writes the
// record, so of any number of people redeeming one code at once exactly one gets it; the record's id is fixed per
// batch and volunteer, so a second code of the same batch records nothing more.
import type { Answer } from '../_shared/frame/action';
import { getOrNull, inTransaction, Rollback } from '../_shared/db/db';
import { registeredVolunteer } from '../_shared/db/people';
import type { HourCodeBatchDoc, HourCodeDoc } from '../_shared/documents/record-making';
import { revisionId, type ServiceRecordDoc } from '../_shared/documents/service-record';
import { action } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { failWith, RECORD_MESSAGES } from '../_shared/messages/answers';
import { maskName } from '../_shared/rules/mask';
import { hourCodeId } from './hour-codes';
import { overlapUnderLock, pendingRecord } from './make';
import { hourCodeRecordId, madeRecordView, normaliseHourCode, overlapText } from './rules';
import { redeemHourCodeSchema } from './schemas';
import { addRecordOnce } from './store';

type Redemption = Answer<'records', 'redeemHourCode'>;

/** Why `code` cannot be redeemed by `volunteerId` now, or null. */
function refusalOf(code: HourCodeDoc | null, batch: HourCodeBatchDoc | null, volunteerId: string, now: Date): Redemption | null {
  if (!code || !batch) return failWith('HOUR_CODE_INVALID', 'code');
  if (code.redeemed) return failWith(code.redeemedByVolunteerId === volunteerId ? 'HOUR_CODE_ALREADY_REDEEMED' : 'HOUR_CODE_USED', 'code');
  if (new Date(code.expiresAt).getTime() <= now.getTime()) return failWith('HOUR_CODE_EXPIRED', 'code');
  return null;
}

export const redeemHourCode = action('records', 'redeemHourCode', redeemHourCodeSchema, async (req, ctx) => {
  const me = await registeredVolunteer(ctx);
  if (!me) return failWith('NOT_REGISTERED');
  const normalised = normaliseHourCode(req.code);
  if (!normalised) return failWith('HOUR_CODE_INVALID', 'code');
  const codeId = hourCodeId(normalised, ctx.env);
  const code = await getOrNull<HourCodeDoc>(ctx.db, 'hourCodes', codeId);
  const batch = code ? await getOrNull<HourCodeBatchDoc>(ctx.db, 'hourCodeBatches', code.codeBatchId) : null;
  const early = refusalOf(code, batch, me.volunteer._id, ctx.now);
  if (early) return early;
  const startsAt = new Date(batch!.startsAt);
  const endsAt = new Date(startsAt.getTime() + batch!.minutes * 60_000);
  if (endsAt.getTime() > ctx.now.getTime()) return fail('RECORD_TIME_INVALID', RECORD_MESSAGES.inFuture, 'code');
  const recordId = hourCodeRecordId(batch!._id, me.volunteer._id);
  const record: ServiceRecordDoc = pendingRecord(
    {
      recordId,
      org: { _id: batch!.orgId, name: batch!.orgName },
      project: { _id: batch!.projectId },
      volunteer: me.volunteer,
      source: 'hourCode',
      kind: batch!.kind,
      startsAt,
      endsAt,
      minutes: batch!.minutes,
      activity: batch!.activity,
      evidenceFileIds: [],
      recordedBy: me.userId,
      origin: { hourCodeId: codeId, codeBatchId: batch!._id },
    },
    ctx.now,
  );
  return inTransaction<Redemption, Redemption>(ctx.db, async (t) => {
    const current = await getOrNull<HourCodeDoc>(t, 'hourCodes', codeId);
    const refused = refusalOf(current, batch, me.volunteer._id, ctx.now);
    if (refused) throw new Rollback(refused);
    if (await getOrNull<ServiceRecordDoc>(t, 'serviceRecords', revisionId(recordId, 1))) throw new Rollback(failWith('HOUR_CODE_ALREADY_REDEEMED', 'code'));
    const clash = await overlapUnderLock(t, ctx.db, me.volunteer._id, startsAt, endsAt, ctx.now);
    if (clash) throw new Rollback(fail('RECORD_OVERLAP', RECORD_MESSAGES.overlap(clash.activity.name, overlapText(clash))));
    await t.collection('hourCodes').doc(codeId).update({
      data: { redeemed: true, redeemedByVolunteerId: me.volunteer._id, redeemedByName: maskName(me.volunteer.name), redeemedAt: ctx.now, recordId },
    });
    await addRecordOnce(t, record, ctx.now);
    return ok(madeRecordView(record));
  });
});
