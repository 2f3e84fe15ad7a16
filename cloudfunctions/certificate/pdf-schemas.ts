// Request shapes of the PDF and summary actions, each `satisfies` its wire type in typings/certificate-pdf.ts (no casts).
import * as z from 'zod';
import type { DownloadCertificateRequest } from '../../typings/certificate-pdf';

/** CertificateDoc ids: `ct_<24 hex>` (a request), or `ct_<batch id>_<volunteer id>` (a bulk issue, bulk.ts). */
export const CERTIFICATE_ID = /^ct_(?:[0-9a-f]{24}|cb_[0-9a-f]{24}_v_[0-9a-f]{24})$/;

export const downloadSchema = z.strictObject({ certificateId: z.string().regex(CERTIFICATE_ID) }) satisfies z.ZodType<DownloadCertificateRequest>;
