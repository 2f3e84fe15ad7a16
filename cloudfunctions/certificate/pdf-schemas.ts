// Request shapes of the PDF and summary actions, each `satisfies` its wire type in typings/certificate-pdf.ts (no casts).
import * as z from 'zod';
import type { DownloadCertificateRequest } from '../../typings/certificate-pdf';

/** `ct_<24 hex>`: CertificateDoc ids. */
export const CERTIFICATE_ID = /^ct_[0-9a-f]{24}$/;

export const downloadSchema = z.strictObject({ certificateId: z.string().regex(CERTIFICATE_ID) }) satisfies z.ZodType<DownloadCertificateRequest>;
