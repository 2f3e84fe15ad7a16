// certificate.download — the certificate as a PDF, for the volunteer it certifies or an admin of its issuer. The file
// is made from the register entry's snapshot the first time it is asked for, stored in private storage as
// certificates/<number>.pdf with its sha256 on the register entry, and answered as a temporary link; after that the
// same file is answered. A revoked certificate still downloads (it is what was issued), and the answer says 已撤销.
import { shanghaiDate } from '../../miniprogram/domain/calendar';
import { routes } from '../../miniprogram/domain/routes';
import { credentialOf } from '../_shared/credentials/credential';
import { CERTIFICATE_PDF_TEXT } from '../_shared/messages/certificate-pdf';
import type { DownloadCertificateResponse } from '../../typings/certificate-pdf';
import { getOrNull, inTransaction } from '../_shared/db/db';
import type { CertificateDoc } from '../_shared/documents/certificate';
import { action, type ActionContext, type Answer } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { logFailure } from '../_shared/frame/failure-log';
import { CERTIFICATE_PDF_MESSAGES, failWith } from '../_shared/messages/answers';
import { issuedCertificateFor, type Issued } from './certificate-access';
import { downloadSchema } from './schemas';
import { renderCertificatePdf, textOf, type RenderedCertificate } from './pdf/render';
import { fontChainOf, pdfPathOf } from './pdf/storage';
import { miniProgramCode } from '../_shared/wechat/cloud-openapi';

type DownloadAnswer = Answer<'certificate', 'download'>;

/** How long the link lasts: long enough to open and forward, short enough that a leaked link soon stops working. */
export const LINK_SECONDS = 3600;
/** The page the mini-program code opens (证明核验), without the leading slash getUnlimited wants. */
export const VERIFY_PAGE = routes.verify.slice(1);

export const download = action('certificate', 'download', downloadSchema, async (req, ctx): Promise<DownloadAnswer> => {
  const found = await issuedCertificateFor(ctx, req.certificateId);
  if (!found.ok) return found;
  const issued = found.certificate;

  const recorded = issued.files?.pdfFileId && issued.files.pdfSha256 ? { fileId: issued.files.pdfFileId, sha256: issued.files.pdfSha256 } : null;
  if (recorded) {
    const url = await linkOf(ctx, recorded.fileId);
    if (url) return ok(answerOf(issued, url, recorded.sha256));
  }

  // First download, or the recorded file is missing (the instance that recorded it stopped before uploading).
  let made: RenderedCertificate;
  try {
    made = await makePdf(ctx, issued);
  } catch (e) {
    logFailure('certificate.download', e);
    return e instanceof WeChatFailed ? failWith('WECHAT_FAILED') : failWith('INTERNAL');
  }
  if (made.substituted.length) console.warn(`[certificate.download] ${issued.number}: no font has ${made.substituted.join(' ')}; printed as code points`);

  const fileId = pdfFileIdOf(ctx, issued.number);
  const kept = await inTransaction(ctx.db, async (t) => {
    const current = (await getOrNull<CertificateDoc>(t, 'certificates', issued._id))!;
    const files = current.files ?? {};
    // Recorded by a concurrent first download: theirs stands (the same snapshot gives the same bytes).
    if (files.pdfSha256 && files.pdfSha256 !== recorded?.sha256) return { fileId: files.pdfFileId!, sha256: files.pdfSha256 };
    await t.collection('certificates').doc(issued._id).update({ data: { files: { ...files, pdfFileId: fileId, pdfSha256: made.sha256 }, updatedAt: ctx.now } });
    return { fileId, sha256: made.sha256 };
  });
  if (kept.sha256 === made.sha256) await ctx.cloud.uploadFile({ cloudPath: pdfPathOf(issued.number), fileContent: Buffer.from(made.bytes) });
  const url = await linkOf(ctx, kept.fileId);
  // The concurrent maker has recorded its file and not yet stored it: asking again in a moment finds it.
  if (!url) return failWith('BUSY');
  return ok(answerOf(issued, url, kept.sha256));
});

class WeChatFailed extends Error {}

async function makePdf(ctx: ActionContext, c: Issued): Promise<RenderedCertificate> {
  const s = c.snapshot;
  const [fonts, miniProgramCode, sealImage] = await Promise.all([
    fontChainOf(ctx.cloud, ctx.env).fontsFor(textOf(s)),
    miniProgramCodeOf(ctx, c.number),
    s.issuer.seal.kind === 'image' ? ctx.cloud.downloadFile({ fileID: s.issuer.seal.fileId }).then((f) => new Uint8Array(f.fileContent)) : Promise.resolve(undefined),
  ]);
  // The Verifiable Credential rides inside the PDF, so whoever holds the file also holds what a machine verifies.
  const attachments = [{ name: CERTIFICATE_PDF_TEXT.fileName(c.number, 'json'), mime: 'application/vc', bytes: new Uint8Array(credentialBytesOf(c, ctx.env)), description: CERTIFICATE_PDF_TEXT.credentialAttachment }];
  return renderCertificatePdf(s, { fonts, miniProgramCode, sealImage, verifyUrl: verifyUrlOf(ctx.env, c.number), attachments });
}

/** The credential as the JSON file the volunteer downloads and the PDF embeds (pretty-printed; the proof covers its JCS form). */
export function credentialBytesOf(c: Issued, env: NodeJS.ProcessEnv): Buffer {
  return Buffer.from(`${JSON.stringify(credentialOf(c, env), null, 2)}\n`, 'utf8');
}

/** The plain URL for people outside WeChat (ZY_VERIFY_BASE_URL: where the verify page is served). */
export function verifyUrlOf(env: NodeJS.ProcessEnv, number: string): string {
  const base = (env.ZY_VERIFY_BASE_URL ?? '').replace(/\/+$/, '');
  if (!/^https?:\/\//.test(base)) throw new Error('ZY_VERIFY_BASE_URL is not set to the http(s) address of the verify page');
  return `${base}/verify?no=${encodeURIComponent(number)}`;
}

async function miniProgramCodeOf(ctx: ActionContext, number: string): Promise<{ bytes: Uint8Array; mime: 'image/png' | 'image/jpeg' }> {
  const image = await miniProgramCode(ctx.cloud, {
    // A certificate number is 20 characters of [0-9A-Z]: a scene WeChat takes as it is (≤ 32 visible characters).
    scene: number,
    page: VERIFY_PAGE,
    // The verify page may be newer than the released version; checkPath false lets the code be made before it is.
    checkPath: false,
    envVersion: 'release',
    width: 430,
  });
  if (!image.ok) throw new WeChatFailed(image.kind === 'answered' ? image.errmsg : image.detail);
  return { bytes: new Uint8Array(image.value.bytes), mime: image.value.mime };
}

function pdfFileIdOf(ctx: ActionContext, number: string): string {
  // Same bucket as the fonts folder: cloud://<env>.<bucket>/fonts → cloud://<env>.<bucket>/certificates/<number>.pdf.
  const folder = (ctx.env.ZY_FONTS_FOLDER ?? '').replace(/\/+$/, '');
  return `${folder.slice(0, folder.lastIndexOf('/'))}/${pdfPathOf(number)}`;
}

async function linkOf(ctx: ActionContext, fileId: string): Promise<string | null> {
  const links = (await ctx.cloud.getTempFileURL({ fileList: [{ fileID: fileId, maxAge: LINK_SECONDS }] })) as { fileList: Array<{ tempFileURL?: string; status?: number }> };
  return links.fileList[0]?.tempFileURL || null;
}

function answerOf(c: Issued, url: string, sha256: string): DownloadCertificateResponse {
  const base = { url, expiresInSeconds: LINK_SECONDS, fileName: CERTIFICATE_PDF_TEXT.fileName(c.number, 'pdf'), number: c.number, sha256 };
  if (c.status !== 'revoked' || !c.revoked) return { ...base, status: 'issued' };
  const at = shanghaiDate(c.revoked.at);
  const date = `${at.year}-${String(at.month).padStart(2, '0')}-${String(at.day).padStart(2, '0')}`;
  return { ...base, status: 'revoked', revoked: { notice: CERTIFICATE_PDF_MESSAGES.revoked(c.revoked.reason, date), reason: c.revoked.reason, at: c.revoked.at.toISOString() } };
}
