// certificate.detail — 证明详情: an issued certificate's summary from its register entry and snapshot (number,
// issuer, period, hours, status), for the volunteer it certifies or an admin of its issuer.
import { action } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { issuedCertificateFor } from './certificate-access';
import { downloadSchema } from './schemas';

export const detail = action('certificate', 'detail', downloadSchema, async (req, ctx) => {
  const found = await issuedCertificateFor(ctx, req.certificateId);
  if (!found.ok) return found;
  const c = found.certificate;
  const s = c.snapshot;
  return ok({
    certificateId: c._id,
    number: c.number,
    status: c.status,
    issuerName: s.issuer.name,
    ...(s.issuer.onBehalfOf ? { onBehalfOfName: s.issuer.onBehalfOf.name } : {}),
    period: s.period,
    totalMinutes: s.totalMinutes,
    recordCount: s.records.length,
    issueDate: s.issueDate,
    ...(c.status === 'revoked' && c.revoked ? { revoked: { reason: c.revoked.reason, at: c.revoked.at.toISOString() } } : {}),
  });
});
