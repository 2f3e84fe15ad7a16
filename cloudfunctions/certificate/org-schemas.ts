// Request shapes of the organization's certificate actions, each `satisfies` its contract in
// typings/certificate-org.ts (no casts). Lengths here; content rules in settings-rules.ts.
import * as z from 'zod';
import type {
  CertificateRegisterRequest,
  CertificateReviewQueueRequest,
  CertificateReviewRequest,
  OrgCertificateRequest,
  RevokeCertificateRequest,
  SaveCertificateSettingsRequest,
  UploadSealRequest,
} from '../../typings/certificate-org';
import { CONTACT_MAX, PERSON_NAME_MAX } from './settings-rules';

export const REASON_MAX = 200;
/** An organization's name is at most 200 characters (organization/schemas.ts); a text seal is that name. */
const SEAL_TEXT_MAX = 200;

const id = z.string().min(1).max(128);
const cursor = z.string().max(400).optional();
const reason = z.string().trim().min(1).max(REASON_MAX);

export const orgCertificateSchema = z.strictObject({ orgId: id }) satisfies z.ZodType<OrgCertificateRequest>;

export const saveSettingsSchema = z.strictObject({
  orgId: id,
  personInCharge: z.string().trim().min(1).max(PERSON_NAME_MAX),
  handler: z.string().trim().min(1).max(PERSON_NAME_MAX),
  contact: z.string().trim().min(1).max(CONTACT_MAX),
  seal: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('text'), text: z.string().trim().min(1).max(SEAL_TEXT_MAX) }),
    z.strictObject({ kind: z.literal('image'), fileId: z.string().min(1).max(400) }),
  ]),
  issuePolicy: z.enum(['immediate', 'review']),
}) satisfies z.ZodType<SaveCertificateSettingsRequest>;

export const uploadSealSchema = z.strictObject({ orgId: id, base64: z.string().min(1).max(96_000) }) satisfies z.ZodType<UploadSealRequest>;

export const reviewQueueSchema = z.strictObject({ orgId: id, cursor }) satisfies z.ZodType<CertificateReviewQueueRequest>;

export const reviewSchema = z.strictObject({
  certificateId: id,
  decision: z.enum(['approve', 'reject']),
  reason: reason.optional(),
}) satisfies z.ZodType<CertificateReviewRequest>;

export const registerSchema = z.strictObject({ orgId: id, status: z.enum(['issued', 'revoked']).optional(), cursor }) satisfies z.ZodType<CertificateRegisterRequest>;

export const revokeSchema = z.strictObject({ certificateId: id, reason }) satisfies z.ZodType<RevokeCertificateRequest>;
