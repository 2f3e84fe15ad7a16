// certificate.credential — the certificate's Verifiable Credential as a JSON file's text, for the volunteer it
// certifies or an admin of its issuer: rebuilt from the register entry (deterministic), never stored.
import { action } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { CERTIFICATE_PDF_TEXT } from '../_shared/messages/certificate-pdf';
import { issuedCertificateFor } from './certificate-access';
import { credentialBytesOf } from './download';
import { downloadSchema } from './schemas';

export const credential = action('certificate', 'credential', downloadSchema, async (req, ctx) => {
  const found = await issuedCertificateFor(ctx, req.certificateId);
  if (!found.ok) return found;
  const c = found.certificate;
  return ok({ number: c.number, fileName: CERTIFICATE_PDF_TEXT.fileName(c.number, 'json'), json: credentialBytesOf(c, ctx.env).toString('utf8') });
});
