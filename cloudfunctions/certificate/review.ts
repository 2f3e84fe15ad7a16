// certificate.reviewQueue — the requests waiting for an issuer that reviews first, oldest first, with the volunteer
// (their real name: the admin is their own organization), and the hours and period the certificate would list if
// approved now. certificate.review — an admin approves (issueInTransaction: numbered, snapshot frozen, signed; the
// admin is `issuedBy`) or rejects with a reason (the volunteer is told; the request key's `current` is cleared so
// they can ask again). The decision is made on the certificate document in one transaction: two admins deciding at
// once conflict, the second runs again, finds it decided and answers so — one outcome.
import { dateCursor, datePositionOf } from '../_shared/db/cursor';
import type { CertificateReviewItem } from '../../typings/certificate-org';
import { signingKeyRingFromEnv } from '../_shared/credentials/signing';
import { getOrNull, inTransaction, Rollback, type Tx } from '../_shared/db/db';
import type { CertificateDoc, CertificateKeyDoc } from '../_shared/documents/certificate';
import { userIdOf } from '../_shared/documents/ids';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { action, type Answer } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { BAD_REQUEST_MESSAGES, CERTIFICATE_ORG_MESSAGES, failWith } from '../_shared/messages/answers';
import { certificateRejected } from '../_shared/messages/certificate-notifications';
import { FIELD_LABELS } from '../_shared/messages/field-labels';
import { enqueue } from '../_shared/messages/outbox';
import { issueInTransaction } from './issue';
import { callerIsAdminOf, cannotIssue, issuedByOther, notIssuerAdmin, resolveIssuer } from './org-access';
import { reviewQueueSchema, reviewSchema } from './org-schemas';
import { CERTIFICATE_KEYS, CERTIFICATES, certifiableRecords, reviewPage, volunteerLine, volunteersById } from './org-store';
import { recordLine } from './snapshot';

export const REVIEW_PAGE = 20;

export const reviewQueue = action('certificate', 'reviewQueue', reviewQueueSchema, async (req, ctx) => {
  const after = datePositionOf(req.cursor);
  if (after === 'invalid') return fail('BAD_REQUEST', BAD_REQUEST_MESSAGES.cursor, 'cursor');
  if (!(await getOrNull<OrganizationDoc>(ctx.db, 'organizations', req.orgId))) return failWith('NOT_FOUND');
  if (!(await callerIsAdminOf(ctx, req.orgId))) return notIssuerAdmin();
  const page = await reviewPage(ctx.db, req.orgId, after, REVIEW_PAGE);
  const volunteers = await volunteersById(ctx.db, page.rows.map((c) => c.volunteerId));
  const onBehalf = new Map<string, OrganizationDoc | null>();
  for (const id of new Set(page.rows.map((c) => c.recordsOrgId).filter((id) => id !== req.orgId))) {
    onBehalf.set(id, await getOrNull<OrganizationDoc>(ctx.db, 'organizations', id));
  }
  const items = await Promise.all(
    page.rows.map(async (c): Promise<CertificateReviewItem> => {
      const lines = (await certifiableRecords(ctx.db, c.volunteerId, c.recordsOrgId, c.scope)).map(recordLine);
      const v = volunteers.get(c.volunteerId);
      const recordsOrg = onBehalf.get(c.recordsOrgId);
      return {
        certificateId: c._id,
        volunteerName: v?.name ?? '',
        volunteerNo: v?.volunteerNo ?? '',
        ...(recordsOrg ? { onBehalfOf: { orgId: recordsOrg._id, name: recordsOrg.name } } : {}),
        totalMinutes: lines.reduce((sum, l) => sum + l.minutes, 0),
        recordCount: lines.length,
        period: c.scope.kind === 'period' ? { from: c.scope.from, to: c.scope.to } : lines.length > 0 ? { from: lines[0]!.date, to: lines[lines.length - 1]!.date } : null,
        scope: c.scope,
        requestedAt: c.requestedAt.toISOString(),
      };
    }),
  );
  const next = dateCursor(page.next);
  return ok({ items, ...(next ? { next } : {}) });
});

type ReviewAnswer = Answer<'certificate', 'review'>;

/** A decided certificate: the same decision again answers what it became; the other decision is refused. */
function alreadyDecided(c: CertificateDoc, decision: 'approve' | 'reject'): ReviewAnswer {
  if (decision === 'approve' && (c.status === 'issued' || c.status === 'revoked') && c.number) return ok({ certificateId: c._id, status: 'issued', number: c.number });
  if (decision === 'reject' && c.status === 'rejected') return ok({ certificateId: c._id, status: 'rejected' });
  return fail('CERTIFICATE_DECIDED', CERTIFICATE_ORG_MESSAGES.decided);
}

const notFound = () => fail('CERTIFICATE_NOT_FOUND', CERTIFICATE_ORG_MESSAGES.certificateNotFound);

/** The certificate as read in `t`, still under review; otherwise the answer to give (rolled back). */
async function stillReviewing(t: Tx, certificateId: string, decision: 'approve' | 'reject'): Promise<CertificateDoc> {
  const c = await getOrNull<CertificateDoc>(t, CERTIFICATES, certificateId);
  if (!c) throw new Rollback(notFound());
  if (c.status !== 'reviewing') throw new Rollback(alreadyDecided(c, decision));
  return c;
}

/** The request key names this certificate no more: the volunteer may ask again. */
export async function releaseKey(t: Tx, c: CertificateDoc, now: Date): Promise<void> {
  const key = await getOrNull<CertificateKeyDoc>(t, CERTIFICATE_KEYS, c.keyId);
  if (key?.current === c._id) await t.collection(CERTIFICATE_KEYS).doc(c.keyId).set({ data: { current: null, updatedAt: now } });
}

export const review = action('certificate', 'review', reviewSchema, async (req, ctx) => {
  if (req.decision === 'reject' && !req.reason) return fail('BAD_REQUEST', BAD_REQUEST_MESSAGES.missing(FIELD_LABELS.certificate.reason!), 'reason');
  const seen = await getOrNull<CertificateDoc>(ctx.db, CERTIFICATES, req.certificateId);
  if (!seen) return notFound();
  if (!(await callerIsAdminOf(ctx, seen.issuerOrgId))) return notIssuerAdmin();
  if (seen.status !== 'reviewing') return alreadyDecided(seen, req.decision);
  const adminUserId = userIdOf(ctx.caller.openid);
  const issuerOrg = await getOrNull<OrganizationDoc>(ctx.db, 'organizations', seen.issuerOrgId);
  if (!issuerOrg) return notFound();

  if (req.decision === 'reject') {
    const reason = req.reason!;
    return inTransaction<ReviewAnswer, ReviewAnswer>(ctx.db, async (t) => {
      const c = await stillReviewing(t, req.certificateId, 'reject');
      await t.collection(CERTIFICATES).doc(c._id).update({ data: { status: 'rejected', rejected: { reason, by: adminUserId, at: ctx.now }, updatedAt: ctx.now } });
      await releaseKey(t, c, ctx.now);
      const volunteer = await getOrNull<{ userId: string; status: string }>(t, 'volunteers', c.volunteerId);
      if (volunteer?.status === 'active') await enqueue(t, certificateRejected({ certificateId: c._id, userId: volunteer.userId, issuerName: issuerOrg.name }, reason), ctx.now);
      return ok({ certificateId: c._id, status: 'rejected' as const });
    });
  }

  // Approve: who issues is asked again now (a team may have changed its unit since the request).
  const recordsOrg = seen.recordsOrgId === issuerOrg._id ? issuerOrg : await getOrNull<OrganizationDoc>(ctx.db, 'organizations', seen.recordsOrgId);
  if (!recordsOrg) return notFound();
  const issuer = await resolveIssuer(ctx.db, recordsOrg);
  if (!issuer.ok) return cannotIssue(issuer.reason);
  if (issuer.issuer._id !== seen.issuerOrgId) return issuedByOther(issuer.issuer);
  const records = await certifiableRecords(ctx.db, seen.volunteerId, seen.recordsOrgId, seen.scope);
  if (records.length === 0) return fail('NO_CONFIRMED_RECORDS', CERTIFICATE_ORG_MESSAGES.noConfirmedRecords);
  const ring = signingKeyRingFromEnv(ctx.env);
  return inTransaction<ReviewAnswer, ReviewAnswer>(ctx.db, async (t) => {
    const c = await stillReviewing(t, req.certificateId, 'approve');
    const org = await getOrNull<OrganizationDoc>(t, 'organizations', c.issuerOrgId);
    if (!org?.certificateSettings) throw new Rollback(fail('CERTIFICATE_SETTINGS_MISSING', CERTIFICATE_ORG_MESSAGES.settingsMissing));
    const volunteer = await volunteerLine(t, c.volunteerId, ctx.env);
    if (!volunteer) throw new Rollback(notFound());
    const issued = await issueInTransaction(t, {
      certificate: c,
      issuer: { ...org, certificateSettings: org.certificateSettings },
      ...(issuer.onBehalfOf ? { onBehalfOf: issuer.onBehalfOf } : {}),
      volunteer: volunteer.line,
      volunteerUserId: volunteer.userId,
      records,
      issuedBy: adminUserId,
      now: ctx.now,
      ring,
    });
    return ok({ certificateId: issued._id, status: 'issued' as const, number: issued.number! });
  });
});
