// certificate.bulkIssue / continueBulkIssue / bulkProgress — at the end of a project the issuing organization's admin
// (the project's organization, or the unit a 草根 team is attached to, or a successor) issues a certificate to every
// volunteer with confirmed records of it, scoped to the project's period. The batch (its
// volunteers fixed) is written first, so its id answers even a lost first reply; then each volunteer is issued or
// skipped in one transaction that also moves the batch's `done` (read in it: a second run at the same place
// conflicts or rolls back, so nobody is handled twice; a run that dies loses nothing). A call stops once its budget
// is spent (at least one volunteer each call) and continueBulkIssue carries on, inside the 60 s function limit.
import { randomBytes } from 'node:crypto';
import { formatDate, shanghaiDate } from '../../miniprogram/domain/calendar';
import type { BulkIssueView } from '../../typings/certificate-vol';
import { signingKeyRingFromEnv } from '../_shared/credentials/signing';
import { getOrNull, inFollowUpTransaction, inTransaction, Rollback, type Database } from '../_shared/db/db';
import { loadCaller, isOrgAdmin } from '../_shared/db/people';
import { PAGE, rows } from '../_shared/db/paging';
import { certificateKeyIdOf, type CertificateBatchDoc, type CertificateDoc } from '../_shared/documents/certificate';
import type { OrganizationDoc } from '../_shared/documents/organization';
import type { ProjectDoc } from '../_shared/documents/project';
import type { ServiceRecordDoc } from '../_shared/documents/service-record';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { action, type ActionContext } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { BULK_ISSUE_SKIP_MESSAGES, CERTIFICATE_REQUEST_MESSAGES, failWith, FORBIDDEN_CERTIFICATE_MESSAGES, ISSUER_UNAVAILABLE_MESSAGES } from '../_shared/messages/answers';
import { maskName } from '../_shared/rules/mask';
import { issueInTransaction } from './issue';
import { confirmedRecordsOf, resolveIssuer, volunteerLineOf } from './issuing';
import { liveCertificateOfKey } from './request';
import { certifiedRecords } from './snapshot';
import { bulkBatchSchema, bulkIssueSchema } from './schemas';

/** Volunteers one bulk issue takes (a batch document stays far below the 16 MB document limit). */
export const MAX_BULK_ISSUE_VOLUNTEERS = 2000;
/** A call hands over to continueBulkIssue after this, well inside the 60 s timeout; the page shows progress between calls. */
export const BULK_ISSUE_BUDGET_MS = 15_000;

/** The call's budget: ZY_CERTIFICATE_BULK_BUDGET_MS when set (a test gives 0: exactly one volunteer per call). */
export function budgetMsOf(env: NodeJS.ProcessEnv): number {
  const set = Number(env.ZY_CERTIFICATE_BULK_BUDGET_MS);
  return env.ZY_CERTIFICATE_BULK_BUDGET_MS !== undefined && env.ZY_CERTIFICATE_BULK_BUDGET_MS !== '' && Number.isFinite(set) && set >= 0 ? set : BULK_ISSUE_BUDGET_MS;
}

/** A batch's certificate of a volunteer has a fixed id, so nothing a re-run does can make a second one. */
export function bulkCertificateId(batchId: string, volunteerId: string): string {
  return `ct_${batchId}_${volunteerId}`;
}

export function bulkView(b: CertificateBatchDoc): BulkIssueView {
  return { batchId: b._id, projectId: b.projectId, total: b.total, done: b.done, issued: b.issued, skipped: b.skipped, finished: b.finished };
}

/** The project's days in Asia/Shanghai, first shift's start to last shift's end. */
export function projectPeriod(project: Pick<ProjectDoc, 'startsAt' | 'endsAt'>): { kind: 'period'; from: string; to: string } {
  return { kind: 'period', from: formatDate(shanghaiDate(new Date(project.startsAt))), to: formatDate(shanghaiDate(new Date(project.endsAt))) };
}

/** Distinct volunteers with current confirmed records of the project, in keyset order (index projectId_current_status_id). */
async function volunteersOfProject(db: Database, projectId: string, cap: number): Promise<string[] | 'tooMany'> {
  const _ = db.command;
  const seen = new Set<string>();
  let after: string | null = null;
  for (;;) {
    const where: Record<string, unknown> = { projectId, current: true, status: 'confirmed', ...(after ? { _id: _.gt(after) } : {}) };
    const page: Array<Pick<ServiceRecordDoc, '_id' | 'volunteerId'>> = await rows(db.collection('serviceRecords').where(where).orderBy('_id', 'asc').field({ volunteerId: true }).limit(PAGE));
    for (const r of page) seen.add(r.volunteerId);
    if (seen.size > cap) return 'tooMany';
    if (page.length < PAGE) return [...seen].sort();
    after = page[page.length - 1]!._id;
  }
}

interface Issuing {
  issuer: OrganizationDoc & { certificateSettings: NonNullable<OrganizationDoc['certificateSettings']> };
  onBehalfOf?: Extract<Awaited<ReturnType<typeof resolveIssuer>>, { ok: true }>['onBehalfOf'];
}

/** The issuer as it is now (its settings may have changed since the batch began), or why it cannot issue. */
type IssuingRefusal = ReturnType<typeof fail<'ISSUER_UNAVAILABLE' | 'CERTIFICATE_SETTINGS_MISSING' | 'PROJECT_NOT_FOUND'>>;

async function issuingOf(db: Database, recordsOrgId: string): Promise<Issuing | { refusal: IssuingRefusal }> {
  const recordsOrg = await getOrNull<OrganizationDoc>(db, 'organizations', recordsOrgId);
  if (!recordsOrg) return { refusal: failWith('PROJECT_NOT_FOUND', 'projectId') };
  const resolved = await resolveIssuer(db, recordsOrg);
  if (!resolved.ok) return { refusal: fail('ISSUER_UNAVAILABLE', ISSUER_UNAVAILABLE_MESSAGES[resolved.reason]) };
  const settings = resolved.issuer.certificateSettings;
  if (!settings) return { refusal: fail('CERTIFICATE_SETTINGS_MISSING', CERTIFICATE_REQUEST_MESSAGES.settingsMissing(resolved.issuer.name, false)) };
  return { issuer: { ...resolved.issuer, certificateSettings: settings }, ...(resolved.onBehalfOf ? { onBehalfOf: resolved.onBehalfOf } : {}) };
}

/** The volunteer at `read.done`, issued or skipped in one transaction; false when another run moved the batch first. */
async function issueNext(ctx: ActionContext, read: CertificateBatchDoc, issuing: Issuing): Promise<boolean> {
  const volunteerId = read.volunteerIds[read.done]!;
  const volunteer = await getOrNull<VolunteerDoc>(ctx.db, 'volunteers', volunteerId);
  const registered = volunteer && volunteer.status === 'active' ? volunteer : null;
  const records = registered ? certifiedRecords(await confirmedRecordsOf(ctx.db, volunteerId), read.recordsOrgId, read.scope) : [];
  const keyId = certificateKeyIdOf(volunteerId, read.recordsOrgId, read.scope);
  const ring = signingKeyRingFromEnv(ctx.env);
  return inFollowUpTransaction<boolean, boolean>(ctx.db, async (t) => {
    const batch = await getOrNull<CertificateBatchDoc>(t, 'certificateBatches', read._id);
    if (!batch || batch.finished || batch.done !== read.done) throw new Rollback(false);
    const skip = (code: CertificateBatchDoc['skipped'][number]['code']) => ({ volunteerId, name: maskName(volunteer?.name ?? ''), code, reason: BULK_ISSUE_SKIP_MESSAGES[code] });
    let skipped: CertificateBatchDoc['skipped'][number] | null = null;
    if (!registered) skipped = skip('NOT_REGISTERED');
    else if (records.length === 0) skipped = skip('NO_CONFIRMED_RECORDS');
    else if (await liveCertificateOfKey(t, keyId)) skipped = skip('ALREADY_LIVE');
    else {
      const certificate: CertificateDoc = {
        _id: bulkCertificateId(batch._id, volunteerId),
        status: 'reviewing',
        keyId,
        volunteerId,
        issuerOrgId: issuing.issuer._id,
        recordsOrgId: batch.recordsOrgId,
        scope: batch.scope,
        requestedAt: ctx.now,
        batchId: batch._id,
        updatedAt: ctx.now,
      };
      const issued = await issueInTransaction(t, {
        certificate,
        issuer: issuing.issuer,
        onBehalfOf: issuing.onBehalfOf,
        volunteer: volunteerLineOf(registered, ctx.env),
        volunteerUserId: registered.userId,
        records,
        issuedBy: batch.createdBy,
        now: ctx.now,
        ring,
      });
      await t.collection('certificateKeys').doc(keyId).set({ data: { current: issued._id, updatedAt: ctx.now } });
    }
    const done = batch.done + 1;
    await t.collection('certificateBatches').doc(batch._id).update({
      data: {
        done,
        issued: batch.issued + (skipped ? 0 : 1),
        skipped: skipped ? [...batch.skipped, skipped] : batch.skipped,
        finished: done >= batch.total,
        updatedAt: ctx.now,
      },
    });
    return true;
  });
}

/** Issues volunteer after volunteer until the batch is finished or the call's budget is spent (after one at least). */
async function carryOn(ctx: ActionContext, batchId: string) {
  const started = Date.now();
  const budget = budgetMsOf(ctx.env);
  let first = (await getOrNull<CertificateBatchDoc>(ctx.db, 'certificateBatches', batchId))!;
  if (first.finished) return ok(bulkView(first));
  const issuing = await issuingOf(ctx.db, first.recordsOrgId);
  if ('refusal' in issuing) return issuing.refusal;
  for (let handled = 0; ; ) {
    if (first.finished || (handled > 0 && Date.now() - started >= budget)) return ok(bulkView(first));
    if (await issueNext(ctx, first, issuing)) handled++;
    first = (await getOrNull<CertificateBatchDoc>(ctx.db, 'certificateBatches', batchId))!;
  }
}

export const bulkIssue = action('certificate', 'bulkIssue', bulkIssueSchema, async (req, ctx) => {
  const project = await getOrNull<ProjectDoc>(ctx.db, 'projects', req.projectId);
  const { userId } = await loadCaller(ctx);
  if (!project) return failWith('PROJECT_NOT_FOUND', 'projectId');
  const issuing = await issuingOf(ctx.db, project.orgId);
  if ('refusal' in issuing) return issuing.refusal;
  // Issuing in bulk is the issuer's own act under its seal (no review follows): only its admins may start it — for
  // a 草根 team's project, the unit's admins, not the team's.
  if (!(await isOrgAdmin(ctx.db, issuing.issuer._id, userId))) return fail('FORBIDDEN', FORBIDDEN_CERTIFICATE_MESSAGES.bulk);
  const volunteerIds = await volunteersOfProject(ctx.db, project._id, MAX_BULK_ISSUE_VOLUNTEERS);
  if (volunteerIds === 'tooMany') return fail('TOO_MANY_VOLUNTEERS', CERTIFICATE_REQUEST_MESSAGES.tooManyVolunteers(MAX_BULK_ISSUE_VOLUNTEERS));
  if (volunteerIds.length === 0) return fail('NO_CONFIRMED_RECORDS', CERTIFICATE_REQUEST_MESSAGES.noConfirmedRecords);
  const batch: CertificateBatchDoc = {
    _id: `cb_${randomBytes(12).toString('hex')}`,
    projectId: project._id,
    projectTitle: project.title,
    recordsOrgId: project.orgId,
    issuerOrgId: issuing.issuer._id,
    scope: projectPeriod(project),
    volunteerIds,
    total: volunteerIds.length,
    done: 0,
    issued: 0,
    skipped: [],
    finished: false,
    createdBy: userId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  // The answer this transaction commits with is the request's answer if the reply is lost: the batch to carry on.
  await inTransaction(ctx.db, async (t) => {
    const { _id, ...body } = batch;
    await t.collection('certificateBatches').doc(_id).set({ data: body });
    return ok(bulkView(batch));
  });
  return carryOn(ctx, batch._id);
});

async function adminsBatch(ctx: ActionContext, batchId: string): Promise<CertificateBatchDoc | null> {
  const batch = await getOrNull<CertificateBatchDoc>(ctx.db, 'certificateBatches', batchId);
  const { userId } = await loadCaller(ctx);
  // Another organization's batch is answered as no batch at all.
  return batch && (await isOrgAdmin(ctx.db, batch.issuerOrgId, userId)) ? batch : null;
}

export const continueBulkIssue = action('certificate', 'continueBulkIssue', bulkBatchSchema, async (req, ctx) => {
  if (!(await adminsBatch(ctx, req.batchId))) return fail('CERTIFICATE_BATCH_NOT_FOUND', CERTIFICATE_REQUEST_MESSAGES.batchNotFound, 'batchId');
  return carryOn(ctx, req.batchId);
});

export const bulkProgress = action('certificate', 'bulkProgress', bulkBatchSchema, async (req, ctx) => {
  const batch = await adminsBatch(ctx, req.batchId);
  if (!batch) return fail('CERTIFICATE_BATCH_NOT_FOUND', CERTIFICATE_REQUEST_MESSAGES.batchNotFound, 'batchId');
  return ok(bulkView(batch));
});
