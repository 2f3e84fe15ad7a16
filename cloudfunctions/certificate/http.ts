// The certificate function over CloudBase's HTTP access (routes in config.json `httpAccess`): what outsiders and
// offline verifiers fetch without WeChat.
//   GET  /.well-known/did.json   the deployment's DID document (did:web), every signing key as a Multikey
//   GET  /status/<region>-<year> that list's signed BitstringStatusListCredential (revocation)
//   GET  /verify[?no=<number>]   the plain-URL verification page, with the answer for `no`
//   POST /verify                 the same page for a number, or a credential pasted or uploaded (form fields no,
//                                credential, file; urlencoded or multipart)
// Looking a number up is limited per client address like certificate.verify per caller (security/rate-limit.ts).
import busboy from 'busboy';
import { didDocumentOf, verifyBaseUrlOf } from '../_shared/credentials/did';
import { signingKeyRingFromEnv } from '../_shared/credentials/signing';
import { STATUS_LIST_ID_PATTERN } from '../_shared/credentials/status-list';
import type { TriggerContext } from '../_shared/frame/action';
import { bodyBytesOf, textResponse, type HttpRequest, type HttpResponse } from '../_shared/frame/http-access';
import { MESSAGES, rateLimitedMessage } from '../_shared/messages/answers';
import { takeAttempt, VERIFY } from '../_shared/security/rate-limit';
import type { VerifyRequest } from '../../typings/certificate-vc';
import { servedStatusList } from './status-lists';
import { verifyCertificate } from './verification';
import { MAX_CREDENTIAL_CHARS } from './schemas';
import { certificateByNumber } from './verify';
import { renderVerifyPage, type VerifyPageState } from './verify-page';

const HTML = 'text/html; charset=utf-8';
/** Public documents any verifier (a browser page too) may fetch; never cached, so a revocation shows at once. */
const PUBLIC_JSON_HEADERS = { 'access-control-allow-origin': '*', 'cache-control': 'no-cache' };
/** The page loads nothing and posts only to itself. */
const PAGE_HEADERS = { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'", 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

function json(value: unknown, contentType: string): HttpResponse {
  return textResponse(200, contentType, JSON.stringify(value), PUBLIC_JSON_HEADERS);
}

/** The client address as the access gateway forwards it, if it does; otherwise every such caller shares one bucket. */
function clientKeyOf(request: HttpRequest): string {
  const forwarded = (request.headers['x-forwarded-for'] ?? request.headers['x-real-ip'] ?? '').split(',')[0]!.trim();
  return `http:${forwarded || 'anonymous'}`;
}

interface FormInput {
  no?: string;
  credential?: string;
}

/** The fields of a urlencoded or multipart form (an uploaded file stands for the `credential` field). */
async function formOf(request: HttpRequest): Promise<FormInput> {
  const type = request.headers['content-type'] ?? '';
  const bytes = bodyBytesOf(request);
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const params = new URLSearchParams(bytes.toString('utf8'));
    return { no: params.get('no') ?? undefined, credential: params.get('credential') ?? undefined };
  }
  if (!type.startsWith('multipart/form-data')) return {};
  return new Promise<FormInput>((resolve, reject) => {
    const out: FormInput = {};
    let file = '';
    const parser = busboy({ headers: { 'content-type': type }, limits: { files: 1, fileSize: MAX_CREDENTIAL_CHARS, fieldSize: MAX_CREDENTIAL_CHARS } });
    parser.on('field', (name, value) => {
      if (name === 'no') out.no = value;
      if (name === 'credential') out.credential = value;
    });
    parser.on('file', (_name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => (file = Buffer.concat(chunks).toString('utf8')));
    });
    parser.on('close', () => resolve({ ...out, ...(file.trim() ? { credential: file } : {}) }));
    parser.on('error', reject);
    parser.end(bytes);
  });
}

async function verifyPage(input: FormInput, request: HttpRequest, ctx: TriggerContext): Promise<HttpResponse> {
  const typed = input.no?.trim() ?? '';
  const credential = input.credential?.trim() ?? '';
  const page = (state: VerifyPageState, status = 200) => textResponse(status, HTML, renderVerifyPage(state), PAGE_HEADERS);
  if (!typed && !credential) return page({});
  const verifyRequest: VerifyRequest = credential ? { credential } : { number: typed };
  const attempt = await takeAttempt(ctx.db, clientKeyOf(request), VERIFY, ctx.now);
  if (!attempt.allowed) return page({ typedNumber: typed, refusal: rateLimitedMessage(attempt.retryAfterSeconds) }, 429);
  const outcome = await verifyCertificate(verifyRequest, { env: ctx.env, findByNumber: (number) => certificateByNumber(ctx.db, number) });
  return outcome.ok ? page({ typedNumber: typed, answer: outcome.answer }) : page({ typedNumber: typed, refusal: outcome.message }, 400);
}

export async function certificateHttp(request: HttpRequest, ctx: TriggerContext): Promise<HttpResponse> {
  const { path, httpMethod } = request;
  const notFound = () => textResponse(404, 'text/plain; charset=utf-8', MESSAGES.UNKNOWN_ACTION);
  if (path === '/verify' || path === '/verify/') {
    if (httpMethod === 'GET' || httpMethod === 'HEAD') return verifyPage({ no: request.queryStringParameters.no }, request, ctx);
    if (httpMethod === 'POST') return verifyPage(await formOf(request), request, ctx);
    return textResponse(405, 'text/plain; charset=utf-8', MESSAGES.UNKNOWN_ACTION, { allow: 'GET, POST' });
  }
  if (httpMethod !== 'GET' && httpMethod !== 'HEAD') return textResponse(405, 'text/plain; charset=utf-8', MESSAGES.UNKNOWN_ACTION, { allow: 'GET' });
  if (path === '/.well-known/did.json') return json(didDocumentOf(signingKeyRingFromEnv(ctx.env), verifyBaseUrlOf(ctx.env)), 'application/did+ld+json');
  const status = /^\/status\/([^/]+)$/.exec(path);
  if (status && STATUS_LIST_ID_PATTERN.test(status[1]!)) return json(await servedStatusList(ctx.db, status[1]!, ctx.env), 'application/vc+ld+json');
  return notFound();
}
