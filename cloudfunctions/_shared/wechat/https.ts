// One JSON request to WeChat's HTTPS API with node's http/https (CloudBase's oldest Node.js runtime, 16.13, has no
// global fetch), bounded by a timeout well under a function's 60 s. Whatever is not a JSON answer is "no answer".
import * as http from 'node:http';
import * as https from 'node:https';

export type JsonOutcome = { answered: true; body: Record<string, unknown> } | { answered: false; detail: string };

export function requestJson(url: string, options: { method: 'GET' | 'POST'; body?: unknown; timeoutMs: number }): Promise<JsonOutcome> {
  const target = new URL(url);
  const transport = target.protocol === 'https:' ? https : http;
  const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body), 'utf8');
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: JsonOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const req = transport.request(
      target,
      {
        method: options.method,
        headers: payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => finish({ answered: false, detail: `answer broken off: ${e.message}` }));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          // WeChat answers JSON whatever its content type says; anything else (an edge's 5xx page) is no answer.
          try {
            const body = JSON.parse(text) as unknown;
            if (typeof body === 'object' && body !== null && !Array.isArray(body)) return finish({ answered: true, body: body as Record<string, unknown> });
          } catch {
            // not JSON
          }
          finish({ answered: false, detail: `HTTP ${res.statusCode} without a JSON answer` });
        });
      },
    );
    req.setTimeout(options.timeoutMs, () => {
      finish({ answered: false, detail: `no answer within ${options.timeoutMs} ms` });
      req.destroy();
    });
    req.on('error', (e) => finish({ answered: false, detail: e.message }));
    req.end(payload);
  });
}
