// CloudBase's HTTP 访问服务 (通过 HTTP 访问云函数): a request on a path routed to the function arrives as an 集成请求
// event — { path, httpMethod, headers, queryStringParameters, requestContext, body, isBase64Encoded } — and the
// function answers an 集成响应 { statusCode, headers, body, isBase64Encoded }. Such a call carries no WeChat user:
// the platform injects `userInfo` into every mini-program call and the context's OPENID is empty. So an event counts
// as HTTP access only by its shape, without `action` or `userInfo`, and only with no OPENID in the context; the same
// shape from a mini-program is an unknown action. SOURCE is not relied on (its value for HTTP access is undocumented).

export interface HttpRequest {
  path: string;
  httpMethod: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  queryStringParameters: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded?: boolean;
}

export function looksLikeHttpAccess(event: unknown): boolean {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return false;
  const e = event as Record<string, unknown>;
  return typeof e.httpMethod === 'string' && typeof e.path === 'string' && !('action' in e) && !('userInfo' in e);
}

function stringRecord(value: unknown, lowerCaseKeys: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (typeof v === 'string') out[lowerCaseKeys ? k.toLowerCase() : k] = v;
  return out;
}

/** The request as a handler reads it: headers in lower case, only string values kept, body '' when absent. */
export function httpRequestOf(event: Record<string, unknown>): HttpRequest {
  return {
    path: String(event.path),
    httpMethod: String(event.httpMethod).toUpperCase(),
    headers: stringRecord(event.headers, true),
    queryStringParameters: stringRecord(event.queryStringParameters, false),
    body: typeof event.body === 'string' ? event.body : '',
    isBase64Encoded: event.isBase64Encoded === true || event.isBase64Encoded === 'true',
  };
}

/** The body's bytes, decoding base64 when the platform encoded it (binary bodies, multipart uploads). */
export function bodyBytesOf(request: HttpRequest): Buffer {
  return request.isBase64Encoded ? Buffer.from(request.body, 'base64') : Buffer.from(request.body, 'utf8');
}

export function textResponse(statusCode: number, contentType: string, body: string, headers: Record<string, string> = {}): HttpResponse {
  return { statusCode, headers: { 'content-type': contentType, ...headers }, body, isBase64Encoded: false };
}
