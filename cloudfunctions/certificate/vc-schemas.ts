// Request shapes of the verification actions, each `satisfies` its contract in typings/certificate-vc.ts (no casts).
import * as z from 'zod';
import type { VerifyRequest } from '../../typings/certificate-vc';

// ── Verification ──
/** A credential of 200 records is about 60 KB; the event limit (6 MB) bounds the rest. */
export const MAX_CREDENTIAL_CHARS = 2_000_000;

export const verifySchema = z.union([
  z.strictObject({ number: z.string().max(64) }),
  z.strictObject({ scene: z.string().max(128) }),
  z.strictObject({ credential: z.union([z.string().min(1).max(MAX_CREDENTIAL_CHARS), z.record(z.string(), z.unknown())]) }),
]) satisfies z.ZodType<VerifyRequest>;
