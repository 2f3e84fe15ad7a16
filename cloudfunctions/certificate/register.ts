// certificate.register — the issuer's numbered register (RULES §5: number, volunteer, date, hours, handler), newest
// issuance first, all entries or one status, keyset paged. certificate.revoke — an admin withdraws an issued
// certificate with a reason: its status becomes revoked with {reason, by, at}; the snapshot and its signature are
// never touched (verification then reports it revoked, from the same archive); the request key is released so the
// volunteer can ask for a new one, and they are told. Revoking a revoked certificate answers the first revocation.
import { dateCursor, datePositionOf } from '../_shared/db/cursor';
import type { CertificateRegisterEntry } from '../../typings/certificate-org';
import { getOrNull, inTransaction, Rollback } from '../_shared/db/db';
import type { CertificateDoc } from '../_shared/documents/certificate';
import { userIdOf } from '../_shared/documents/ids';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { action, type Answer } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { BAD_REQUEST_MESSAGES, CERTIFICATE_ORG_MESSAGES, failWith } from '../_shared/messages/answers';
import { certificateRevoked } from '../_shared/messages/certificate-notifications';
import { enqueue } from '../_shared/messages/outbox';
import { callerIsAdminOf, notIssuerAdmin } from './org-access';
import { registerSchema, revokeSchema } from './org-schemas';
import { CERTIFICATES, registerPage } from './org-store';
import { releaseKey } from './review';

export const REGISTER_PAGE = 20;

function registerEntry(c: CertificateDoc): CertificateRegisterEntry {
  const s = c.snapshot!;
  return {
    certificateId: c._id,
    number: c.number!,
    volunteerName: s.volunteer.name,
    volunteerNo: s.volunteer.volunteerNo,
    credentialType: s.volunteer.credentialType,
    issueDate: s.issueDate,
    totalMinutes: c.totalMinutes ?? s.totalMinutes,
    handler: c.handler ?? s.issuer.handler,
    status: c.status === 'revoked' ? 'revoked' : 'issued',
    ...(s.issuer.onBehalfOf ? { onBehalfOf: { orgId: s.issuer.onBehalfOf.orgId, name: s.issuer.onBehalfOf.name } } : {}),
    ...(c.revoked ? { revoked: { reason: c.revoked.reason, at: c.revoked.at.toISOString() } } : {}),
  };
}

export const register = action('certificate', 'register', registerSchema, async (req, ctx) => {
  const after = datePositionOf(req.cursor);
  if (after === 'invalid') return fail('BAD_REQUEST', BAD_REQUEST_MESSAGES.cursor, 'cursor');
  if (!(await getOrNull<OrganizationDoc>(ctx.db, 'organizations', req.orgId))) return failWith('NOT_FOUND');
  if (!(await callerIsAdminOf(ctx, req.orgId))) return notIssuerAdmin();
  const page = await registerPage(ctx.db, req.orgId, req.status, after, REGISTER_PAGE);
  const next = dateCursor(page.next);
  return ok({ entries: page.rows.filter((c) => c.snapshot && c.number).map(registerEntry), ...(next ? { next } : {}) });
});

type RevokeAnswer = Answer<'certificate', 'revoke'>;

const revokedAnswer = (c: CertificateDoc): RevokeAnswer => ok({ certificateId: c._id, number: c.number!, status: 'revoked', revokedAt: c.revoked!.at.toISOString() });

export const revoke = action('certificate', 'revoke', revokeSchema, async (req, ctx) => {
  const seen = await getOrNull<CertificateDoc>(ctx.db, CERTIFICATES, req.certificateId);
  const notFound = fail('CERTIFICATE_NOT_FOUND', CERTIFICATE_ORG_MESSAGES.certificateNotFound);
  if (!seen) return notFound;
  if (!(await callerIsAdminOf(ctx, seen.issuerOrgId))) return notIssuerAdmin();
  const issuer = await getOrNull<OrganizationDoc>(ctx.db, 'organizations', seen.issuerOrgId);
  const by = userIdOf(ctx.caller.openid);
  return inTransaction<RevokeAnswer, RevokeAnswer>(ctx.db, async (t) => {
    const c = await getOrNull<CertificateDoc>(t, CERTIFICATES, req.certificateId);
    if (!c) throw new Rollback(notFound);
    if (c.status === 'revoked' && c.revoked) return revokedAnswer(c);
    if (c.status !== 'issued' || !c.number) throw new Rollback(fail('CERTIFICATE_NOT_ISSUED', CERTIFICATE_ORG_MESSAGES.notIssued));
    const revoked = { reason: req.reason, by, at: ctx.now };
    // Only status and the revocation are written: the snapshot and its signature stay as issued.
    await t.collection(CERTIFICATES).doc(c._id).update({ data: { status: 'revoked', revoked, updatedAt: ctx.now } });
    await releaseKey(t, c, ctx.now);
    const volunteer = await getOrNull<{ userId: string; status: string }>(t, 'volunteers', c.volunteerId);
    if (volunteer?.status === 'active') {
      await enqueue(t, certificateRevoked({ certificateId: c._id, userId: volunteer.userId, issuerName: issuer?.name ?? '', number: c.number }, req.reason), ctx.now);
    }
    return revokedAnswer({ ...c, revoked });
  });
});
