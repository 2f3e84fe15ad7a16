// Request shapes of the volunteer's side and bulk issue, each `satisfies` its contract in
// typings/certificate-vol.ts (no casts).
import * as z from 'zod';
import type { BulkIssueBatchRequest, BulkIssueRequest, CertificateScope, MyCertificatesRequest, RequestCertificateRequest } from '../../typings/certificate-vol';
import { parseDate } from '../../miniprogram/domain/calendar';

const id = z.string().min(1).max(128);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => parseDate(s) !== undefined);

const scopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('period'), from: day, to: day }),
]) satisfies z.ZodType<CertificateScope>;

export const requestSchema = z.strictObject({ orgId: id, scope: scopeSchema }) satisfies z.ZodType<RequestCertificateRequest>;
export const mineSchema = z.strictObject({ cursor: z.string().max(400).optional() }) satisfies z.ZodType<MyCertificatesRequest>;
export const bulkIssueSchema = z.strictObject({ projectId: id }) satisfies z.ZodType<BulkIssueRequest>;
export const bulkBatchSchema = z.strictObject({ batchId: id }) satisfies z.ZodType<BulkIssueBatchRequest>;
