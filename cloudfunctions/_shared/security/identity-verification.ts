// Real-identity verification (实名核验) behind one small interface, off by default. WeChat's own 实名实人 check
// (微信人脸核身) is open only to mini-programs of listed subject categories (政务民生 run by a government body or
// public institution, public medical institutions, schools, banks and other licensed finance, logistics…; WeChat
// 开放文档 "微信人脸核身2.0", 附录), and Tencent Cloud's 身份信息认证 (二要素核验, FaceID API `IdCardVerification`)
// needs a Tencent Cloud account with 人脸核身 activated and is billed per check. A deployment that qualifies turns it
// on with ZY_IDENTITY_VERIFICATION; then registration and claims require a `verified` answer (README, "Real-identity
// verification"). Off (the default), nothing is called and nothing changes.
//
// The adapter here is Tencent Cloud's IdCardVerification (API 3.0, TC3-HMAC-SHA256 signed): name + 居民身份证 number
// checked against the authoritative source. Result codes (tencentcloud.com/document/api/1061/79049): 0 consistent; -1 inconsistent;
// -2 invalid number; -3 invalid name; -5 no such number on record — all a `mismatch`; -4 source error, -6 source
// upgrading, -7 daily limit — `unavailable`, as is any transport or API error. Only 居民身份证 is covered ("目前仅支持
// 持二代身份证的大陆居民"); other credential types are not checked and go on as when verification is off.
import { createHash, createHmac } from 'node:crypto';
import type { CredentialType } from '../../../typings/volunteer';

export type IdentityVerdict = 'verified' | 'mismatch' | 'unavailable';

export interface IdentityToVerify {
  name: string;
  credential: { type: CredentialType; number: string };
}

export interface IdentityVerifier {
  /** Which source answers, for the audit trail. */
  readonly source: string;
  /** Whether this credential type can be checked at all. */
  covers(type: CredentialType): boolean;
  verifyIdentity(identity: IdentityToVerify): Promise<IdentityVerdict>;
}

/** ZY_IDENTITY_VERIFICATION: empty or `off` (default), or `tencentcloud-faceid`. */
export const IDENTITY_VERIFICATION_MODES = ['off', 'tencentcloud-faceid'] as const;

export const FACEID_ENDPOINT = 'https://faceid.tencentcloudapi.com';
/** The check waits this long at most: a slow source answers `unavailable`, inside the function's timeout. */
export const FACEID_TIMEOUT_MS = 5000;

/**
 * The verifier the environment asks for, or null when verification is off. A mode that is set but unknown, or the
 * Tencent Cloud mode without its keys, is a deployment error: it throws rather than silently registering unchecked.
 */
export function identityVerifierFromEnv(env: NodeJS.ProcessEnv, fetchImpl: typeof fetch = fetch): IdentityVerifier | null {
  const mode = (env.ZY_IDENTITY_VERIFICATION ?? '').trim();
  if (mode === '' || mode === 'off') return null;
  if (mode !== 'tencentcloud-faceid') throw new Error(`ZY_IDENTITY_VERIFICATION: unknown mode "${mode}" (off | tencentcloud-faceid)`);
  const secretId = (env.ZY_IDV_SECRET_ID ?? '').trim();
  const secretKey = (env.ZY_IDV_SECRET_KEY ?? '').trim();
  if (!secretId || !secretKey) throw new Error('ZY_IDENTITY_VERIFICATION=tencentcloud-faceid needs ZY_IDV_SECRET_ID and ZY_IDV_SECRET_KEY');
  return tencentCloudFaceId({ secretId, secretKey, endpoint: (env.ZY_IDV_ENDPOINT ?? '').trim() || FACEID_ENDPOINT, fetchImpl });
}

/** What a registration or a claim does with the verifier: null means go on (off, or a type it cannot check). */
export async function identityRefusal(
  verifier: IdentityVerifier | null,
  identity: IdentityToVerify,
): Promise<'IDENTITY_MISMATCH' | 'IDENTITY_UNAVAILABLE' | null> {
  if (!verifier || !verifier.covers(identity.credential.type)) return null;
  const verdict = await verifier.verifyIdentity(identity);
  if (verdict === 'verified') return null;
  return verdict === 'mismatch' ? 'IDENTITY_MISMATCH' : 'IDENTITY_UNAVAILABLE';
}

const MISMATCH_RESULTS = new Set(['-1', '-2', '-3', '-5']);

export function verdictOfFaceIdResult(result: unknown): IdentityVerdict {
  if (result === '0') return 'verified';
  return typeof result === 'string' && MISMATCH_RESULTS.has(result) ? 'mismatch' : 'unavailable';
}

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();

/** Tencent Cloud API 3.0 request signing (签名方法 v3, TC3-HMAC-SHA256) for a JSON POST to `/`. */
export function tc3Authorization(args: { secretId: string; secretKey: string; service: string; host: string; timestamp: number; payload: string }): string {
  const date = new Date(args.timestamp * 1000).toISOString().slice(0, 10);
  const canonicalRequest = ['POST', '/', '', `content-type:application/json; charset=utf-8\nhost:${args.host}\n`, 'content-type;host', sha256Hex(args.payload)].join('\n');
  const scope = `${date}/${args.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(args.timestamp), scope, sha256Hex(canonicalRequest)].join('\n');
  const signing = hmac(hmac(hmac(`TC3${args.secretKey}`, date), args.service), 'tc3_request');
  const signature = createHmac('sha256', signing).update(stringToSign, 'utf8').digest('hex');
  return `TC3-HMAC-SHA256 Credential=${args.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`;
}

export function tencentCloudFaceId(options: { secretId: string; secretKey: string; endpoint: string; fetchImpl: typeof fetch }): IdentityVerifier {
  const url = new URL(options.endpoint);
  return {
    source: 'tencentcloud-faceid',
    covers: (type) => type === 'CN_ID',
    async verifyIdentity({ name, credential }) {
      const payload = JSON.stringify({ IdCard: credential.number, Name: name });
      const timestamp = Math.floor(Date.now() / 1000);
      try {
        const res = await options.fetchImpl(url, {
          method: 'POST',
          headers: {
            Authorization: tc3Authorization({ secretId: options.secretId, secretKey: options.secretKey, service: 'faceid', host: url.host, timestamp, payload }),
            // Host is signed as the URL's host, which fetch sends.
            'Content-Type': 'application/json; charset=utf-8',
            'X-TC-Action': 'IdCardVerification',
            'X-TC-Version': '2018-03-01',
            'X-TC-Timestamp': String(timestamp),
          },
          body: payload,
          signal: AbortSignal.timeout(FACEID_TIMEOUT_MS),
        });
        if (!res.ok) return 'unavailable';
        const body = (await res.json()) as { Response?: { Result?: unknown; Error?: unknown } };
        if (!body.Response || body.Response.Error) return 'unavailable';
        return verdictOfFaceIdResult(body.Response.Result);
      } catch {
        // Never the name or number in a log: the failure is simply "unavailable".
        return 'unavailable';
      }
    },
  };
}
