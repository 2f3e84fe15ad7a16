// certificate.verify — anyone, no registration: by number, by the mini-program code's scene, or by the credential
// JSON; answers valid / revoked / unknown / not valid from the register (verification.ts). Limited per caller
// (security/rate-limit.ts), since each number tried is a look-up in the register.
import type { Database } from '../_shared/db/db';
import type { CertificateDoc } from '../_shared/documents/certificate';
import { action } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { verifySchema } from './schemas';
import { verifyCertificate } from './verification';

/** The register entry of a number (index `number`). */
export async function certificateByNumber(db: Database, number: string): Promise<CertificateDoc | null> {
  const res = (await db.collection('certificates').where({ number }).limit(1).get()) as unknown as { data: CertificateDoc[] };
  return res.data[0] ?? null;
}

export const verify = action('certificate', 'verify', verifySchema, async (req, ctx) => {
  const outcome = await verifyCertificate(req, { env: ctx.env, findByNumber: (number) => certificateByNumber(ctx.db, number) });
  return outcome.ok ? ok(outcome.answer) : fail(outcome.code, outcome.message);
});
