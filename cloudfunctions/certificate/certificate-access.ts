// Who may see an issued certificate and its PDF: the volunteer it certifies, or an active admin of its issuer.
// Anyone else is told it is not found, so the answer does not reveal which certificate ids exist.
import { getOrNull } from '../_shared/db/db';
import type { CertificateDoc } from '../_shared/documents/certificate';
import { userIdOf } from '../_shared/documents/ids';
import type { UserDoc } from '../_shared/documents/user';
import type { ActionContext } from '../_shared/frame/action';
import { fail } from '../_shared/frame/envelope';
import { CERTIFICATE_PDF_MESSAGES } from '../_shared/messages/answers';
import { isActiveAdmin } from '../hours/store';

/** A numbered certificate (issued, or revoked since): it has its snapshot. */
export type Issued = CertificateDoc & Required<Pick<CertificateDoc, 'number' | 'snapshot'>> & { status: 'issued' | 'revoked' };

export async function issuedCertificateFor(
  ctx: ActionContext,
  certificateId: string,
): Promise<{ ok: true; certificate: Issued } | ReturnType<typeof fail<'CERTIFICATE_NOT_FOUND' | 'CERTIFICATE_NOT_ISSUED'>>> {
  const c = await getOrNull<CertificateDoc>(ctx.db, 'certificates', certificateId);
  if (!c || !(await maySee(ctx, c))) return fail('CERTIFICATE_NOT_FOUND', CERTIFICATE_PDF_MESSAGES.notFound);
  if ((c.status !== 'issued' && c.status !== 'revoked') || !c.number || !c.snapshot) return fail('CERTIFICATE_NOT_ISSUED', CERTIFICATE_PDF_MESSAGES.notIssued);
  return { ok: true, certificate: c as Issued };
}

async function maySee(ctx: ActionContext, c: CertificateDoc): Promise<boolean> {
  const userId = userIdOf(ctx.caller.openid);
  const user = await getOrNull<UserDoc>(ctx.db, 'users', userId);
  if (user?.volunteerId && user.volunteerId === c.volunteerId) return true;
  return isActiveAdmin(ctx.db, c.issuerOrgId, userId);
}
