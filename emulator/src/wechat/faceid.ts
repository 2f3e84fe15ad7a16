// A fake of Tencent Cloud's 身份信息认证 (FaceID API 3.0 `IdCardVerification`, version 2018-03-01), the adapter behind
// cloudfunctions/_shared/security/identity-verification.ts. Served at POST /tencentcloud/faceid; a function reaches it
// when its ZY_IDV_ENDPOINT points there. Strict as the real API where it is documented:
//  - the request must be signed TC3-HMAC-SHA256 (签名方法 v3) with the secret key the fake is given, over exactly the
//    headers it names; a wrong signature answers AuthFailure.SignatureFailure, a timestamp more than 5 minutes off
//    AuthFailure.SignatureExpire (公共参数: X-TC-Timestamp "误差超过 5 分钟会签名过期"), an unknown action
//    InvalidAction — each as `{ Response: { Error: { Code, Message }, RequestId } }`;
//  - Result codes as documented: "0" name and number consistent, "-1" inconsistent, "-5" no such number on record;
//    a test makes the source fail with `failNext('-4')` (证件库服务异常) or any other code.
// Who is "on record" is set by tests (`enroll`). Calls are recorded without the name or number.
import { createHash, createHmac, randomUUID } from 'node:crypto';

export interface FaceIdCall {
  action: string;
  result: string | null;
  error: string | null;
  at: Date;
}

export const FACEID_PATH = '/tencentcloud/faceid';
const MAX_CLOCK_SKEW_S = 300;

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export class FakeFaceId {
  private readonly people = new Map<string, string>();
  private readonly failures: string[] = [];
  readonly calls: FaceIdCall[] = [];

  constructor(private readonly secretKey: () => string | undefined, private readonly now: () => number = Date.now) {}

  /** The authoritative source knows `number` as belonging to `name`. */
  enroll(name: string, number: string): void {
    this.people.set(number.toUpperCase(), name);
  }

  /** The next check answers this Result code instead (e.g. '-4' 证件库服务异常, '-7' 认证次数超过当日限制). */
  failNext(result: string): void {
    this.failures.push(result);
  }

  handle(headers: Record<string, string | string[] | undefined>, raw: Buffer): { status: number; body: unknown } {
    const header = (name: string) => {
      const v = headers[name.toLowerCase()];
      return Array.isArray(v) ? v[0] : v;
    };
    const requestId = randomUUID();
    const refuse = (code: string, message: string) => {
      this.calls.push({ action: header('x-tc-action') ?? '', result: null, error: code, at: new Date(this.now()) });
      return { status: 200, body: { Response: { Error: { Code: code, Message: message }, RequestId: requestId } } };
    };
    const payload = raw.toString('utf8');
    const signatureProblem = this.checkSignature(header, payload);
    if (signatureProblem) return refuse(signatureProblem[0], signatureProblem[1]);
    if (header('x-tc-action') !== 'IdCardVerification') return refuse('InvalidAction', `action ${header('x-tc-action') ?? ''} not found`);
    if (header('x-tc-version') !== '2018-03-01') return refuse('InvalidParameterValue', 'X-TC-Version must be 2018-03-01');
    let body: { IdCard?: unknown; Name?: unknown };
    try {
      body = JSON.parse(payload) as typeof body;
    } catch {
      return refuse('InvalidParameter', 'body is not JSON');
    }
    if (typeof body.IdCard !== 'string' || typeof body.Name !== 'string') return refuse('MissingParameter', 'IdCard and Name are required');
    const result = this.failures.shift() ?? this.resultFor(body.Name, body.IdCard);
    this.calls.push({ action: 'IdCardVerification', result, error: null, at: new Date(this.now()) });
    return { status: 200, body: { Response: { Result: result, Description: DESCRIPTIONS[result] ?? '', RequestId: requestId } } };
  }

  private resultFor(name: string, number: string): string {
    if (!/^\d{17}[\dX]$/i.test(number)) return '-2';
    if (name.trim() === '') return '-3';
    const onRecord = this.people.get(number.toUpperCase());
    if (onRecord === undefined) return '-5';
    return onRecord === name ? '0' : '-1';
  }

  /** [code, message] when the TC3 signature does not hold, else null. */
  private checkSignature(header: (name: string) => string | undefined, payload: string): [string, string] | null {
    const key = this.secretKey();
    const auth = header('authorization') ?? '';
    const m = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/faceid\/tc3_request, SignedHeaders=([a-z;-]+), Signature=([0-9a-f]{64})$/.exec(auth);
    if (!key || !m) return ['AuthFailure.SignatureFailure', 'the Authorization header is missing or malformed'];
    const [, , date, signedHeaders, signature] = m;
    const timestamp = Number(header('x-tc-timestamp'));
    if (!Number.isInteger(timestamp)) return ['AuthFailure.SignatureFailure', 'X-TC-Timestamp is missing'];
    if (Math.abs(this.now() / 1000 - timestamp) > MAX_CLOCK_SKEW_S) return ['AuthFailure.SignatureExpire', 'the signature has expired'];
    if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date) return ['AuthFailure.SignatureFailure', 'the credential date is not the timestamp date'];
    const names = signedHeaders!.split(';');
    const canonicalHeaders = names.map((n) => `${n}:${(header(n) ?? '').trim().toLowerCase()}\n`).join('');
    const canonicalRequest = `POST\n/\n\n${canonicalHeaders}\n${signedHeaders}\n${sha256Hex(payload)}`;
    const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/faceid/tc3_request\n${sha256Hex(canonicalRequest)}`;
    let k = createHmac('sha256', `TC3${key}`).update(date!).digest();
    k = createHmac('sha256', k).update('faceid').digest();
    k = createHmac('sha256', k).update('tc3_request').digest();
    const expected = createHmac('sha256', k).update(stringToSign).digest('hex');
    return expected === signature ? null : ['AuthFailure.SignatureFailure', 'the signature does not match'];
  }
}

const DESCRIPTIONS: Record<string, string> = {
  '0': '姓名和身份证号一致',
  '-1': '姓名和身份证号不一致',
  '-2': '非法身份证号（长度、校验位等不正确）',
  '-3': '非法姓名（长度、格式等不正确）',
  '-4': '证件库服务异常',
  '-5': '证件库中无此身份证记录',
  '-6': '权威比对系统升级中，请稍后再试',
  '-7': '认证次数超过当日限制',
};
