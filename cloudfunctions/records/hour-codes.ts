// Hour codes (时长码): records.createHourCodes makes N single-use codes for a project's activity, answered once in
// plain text and stored only as keyed hashes; records.hourCodeBatches and records.hourCodes list them for the
// organization's admins by serial number and state (never the code); records.redeemHourCode is in redeem-hour-code.ts.
import { randomBytes } from 'node:crypto';
import type { HourCodeBatchView, HourCodeView, IssuedHourCode } from '../../typings/records';
import { getOrNull, inTransaction, isDuplicateKeyError, type Database } from '../_shared/db/db';
import { PAGE, rows } from '../_shared/db/paging';
import { loadCaller } from '../_shared/db/people';
import type { HourCodeBatchDoc, HourCodeDoc } from '../_shared/documents/record-making';
import { action } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { FORBIDDEN_RECORD_MESSAGES, failWith, RECORD_MESSAGES } from '../_shared/messages/answers';
import { keyedHash, keyRingFromEnv } from '../_shared/security/crypto';
import { activityOf, expiryAllowed, newHourCode, normaliseHourCode, RECORD_MAX_AGE_DAYS } from './rules';
import { createHourCodesSchema, hourCodeBatchesSchema, hourCodesSchema } from './schemas';
import { isOrgAdmin, projectOf } from './store';

/** The keyed hash a code is found by (HMAC with the platform's hash key: the stored ids tell nothing without it). */
export function hourCodeId(normalisedCode: string, env: NodeJS.ProcessEnv): string {
  return `hc_${keyedHash('hourCode', normalisedCode, keyRingFromEnv(env)).slice(0, 48)}`;
}

function batchView(b: HourCodeBatchDoc, redeemed: number): HourCodeBatchView {
  return {
    codeBatchId: b._id,
    projectId: b.projectId,
    projectTitle: b.projectTitle,
    count: b.count,
    redeemed,
    minutes: b.minutes,
    kind: b.kind,
    startsAt: new Date(b.startsAt).toISOString(),
    expiresAt: new Date(b.expiresAt).toISOString(),
    createdAt: new Date(b.createdAt).toISOString(),
  };
}

async function redeemedCount(db: Database, codeBatchId: string): Promise<number> {
  const res = (await db.collection('hourCodes').where({ codeBatchId, redeemed: true }).count()) as unknown as { total: number };
  return res.total;
}

const DAY_MS = 86_400_000;

export const createHourCodes = action('records', 'createHourCodes', createHourCodesSchema, async (req, ctx) => {
  const project = await projectOf(ctx.db, req.projectId);
  const { userId } = await loadCaller(ctx);
  if (!project) return failWith('PROJECT_NOT_FOUND', 'projectId');
  if (!(await isOrgAdmin(ctx.db, project.orgId, userId))) return fail('FORBIDDEN', FORBIDDEN_RECORD_MESSAGES.manage);
  const startsAt = new Date(req.startsAt);
  const expiresAt = new Date(req.expiresAt);
  if (startsAt.getTime() % 60_000 !== 0) return fail('RECORD_TIME_INVALID', RECORD_MESSAGES.wholeMinutes, 'startsAt');
  if (startsAt.getTime() < ctx.now.getTime() - RECORD_MAX_AGE_DAYS * DAY_MS) {
    return fail('RECORD_TIME_INVALID', RECORD_MESSAGES.olderThanYear(RECORD_MAX_AGE_DAYS), 'startsAt');
  }
  const endsAt = new Date(startsAt.getTime() + req.minutes * 60_000);
  // A code is redeemed after the service; one that expires before the service ends could never be used.
  if (!expiryAllowed(expiresAt, ctx.now) || expiresAt.getTime() <= endsAt.getTime()) return failWith('HOUR_CODE_EXPIRY_INVALID', 'expiresAt');

  // A clash with an existing code (1 in ~10^9 per code) refuses the whole insert: draw the batch again.
  for (let attempt = 1; ; attempt++) {
    const codeBatchId = `hb_${randomBytes(12).toString('hex')}`;
    const issued: IssuedHourCode[] = [];
    const seen = new Set<string>();
    while (issued.length < req.count) {
      const code = newHourCode();
      if (seen.has(code)) continue;
      seen.add(code);
      issued.push({ serial: issued.length + 1, code });
    }
    const codes: HourCodeDoc[] = issued.map(({ serial, code }) => ({
      _id: hourCodeId(normaliseHourCode(code)!, ctx.env),
      codeBatchId,
      serial,
      expiresAt,
      redeemed: false,
    }));
    try {
      await ctx.db.collection('hourCodes').add({ data: codes });
    } catch (e) {
      if (isDuplicateKeyError(e) && attempt < 3) continue;
      throw e;
    }
    const batch: HourCodeBatchDoc = {
      _id: codeBatchId,
      orgId: project.orgId,
      orgName: project.orgName,
      projectId: project._id,
      projectTitle: project.title,
      kind: req.kind,
      count: req.count,
      startsAt,
      minutes: req.minutes,
      activity: activityOf(req.activity ?? {}, project, startsAt),
      expiresAt,
      createdBy: userId,
      createdAt: ctx.now,
    };
    // The codes count only once their batch exists (redemption reads it): written last, with the request's mark.
    return inTransaction(ctx.db, async (t) => {
      const { _id, ...body } = batch;
      await t.collection('hourCodeBatches').doc(_id).set({ data: body });
      return ok({ batch: batchView(batch, 0), codes: issued });
    });
  }
});

export const hourCodeBatches = action('records', 'hourCodeBatches', hourCodeBatchesSchema, async (req, ctx) => {
  const project = await projectOf(ctx.db, req.projectId);
  if (!project) return failWith('PROJECT_NOT_FOUND', 'projectId');
  const { userId } = await loadCaller(ctx);
  if (!(await isOrgAdmin(ctx.db, project.orgId, userId))) return fail('FORBIDDEN', FORBIDDEN_RECORD_MESSAGES.manage);
  const batches = await rows<HourCodeBatchDoc>(
    ctx.db.collection('hourCodeBatches').where({ projectId: project._id }).orderBy('createdAt', 'desc').limit(20),
  );
  const redeemed = await Promise.all(batches.map((b) => redeemedCount(ctx.db, b._id)));
  return ok({ batches: batches.map((b, i) => batchView(b, redeemed[i]!)) });
});

export const hourCodes = action('records', 'hourCodes', hourCodesSchema, async (req, ctx) => {
  const batch = await getOrNull<HourCodeBatchDoc>(ctx.db, 'hourCodeBatches', req.codeBatchId);
  const { userId } = await loadCaller(ctx);
  // Another organization's batch is answered as no batch at all.
  if (!batch || !(await isOrgAdmin(ctx.db, batch.orgId, userId))) return failWith('HOUR_CODE_BATCH_NOT_FOUND', 'codeBatchId');
  const _ = ctx.db.command;
  const page = await rows<HourCodeDoc>(
    ctx.db
      .collection('hourCodes')
      .where({ codeBatchId: batch._id, serial: _.gt(req.afterSerial ?? 0) })
      .orderBy('serial', 'asc')
      .limit(PAGE),
  );
  const codes: HourCodeView[] = page.map((c) => ({
    serial: c.serial,
    redeemed: c.redeemed,
    ...(c.redeemedByName ? { redeemedBy: c.redeemedByName } : {}),
    ...(c.redeemedAt ? { redeemedAt: new Date(c.redeemedAt).toISOString() } : {}),
  }));
  const last = page[page.length - 1];
  return ok({
    batch: batchView(batch, await redeemedCount(ctx.db, batch._id)),
    codes,
    ...(page.length === PAGE && last && last.serial < batch.count ? { nextAfterSerial: last.serial } : {}),
  });
});
