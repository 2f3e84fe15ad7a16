// Whatever an event holds, every action answers the envelope with a Chinese message: random JSON through the
// emulator's gateway for every action of every function; events nested thousands deep as CloudBase would deliver
// them (no door in front: the runtime's own invoke, and the built bundle called as SCF calls it); the gateway's door.
import * as path from 'node:path';
import * as fc from 'fast-check';
import type { Emulator } from '../../../emulator/src/server';
import { caller, startTestEmulator } from '../../../emulator/test/support';
import { functionEnv } from '../../organization/test-support';
import { BAD_REQUEST_MESSAGES } from '../messages/answers';

let emu: Emulator;
let actions: Array<{ fn: string; action: string }>;

beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
  const listed = (await (await fetch(emu.gatewayUrl)).json()) as { functions: Array<{ name: string; actions: string[] }> };
  actions = listed.functions.flatMap((f) => f.actions.map((action) => ({ fn: f.name, action })));
});
afterAll(async () => emu.stop());

/** A person can read it: an error with a stable code and a message in Chinese, with no English words in it. */
function expectEnvelope(body: unknown): void {
  expect(body).toEqual(expect.objectContaining({ ok: expect.any(Boolean) }));
  const answer = body as { ok: boolean; data?: unknown; error?: { code: unknown; message: unknown } };
  if (answer.ok) return expect('data' in answer).toBe(true);
  expect(answer.error).toEqual({ code: expect.stringMatching(/^[A-Z_]+$/), message: expect.stringMatching(/[\u4e00-\u9fff]/), ...(answer.error && 'field' in answer.error ? { field: expect.any(String) } : {}) });
  expect(String(answer.error!.message)).not.toMatch(/[A-Za-z]{4,}/);
}

function nested(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { a: value };
  return value;
}

test('the gateway lists every function’s actions', () => {
  expect(actions.length).toBeGreaterThan(20);
  expect(actions).toEqual(expect.arrayContaining([{ fn: 'volunteer', action: 'register' }, { fn: 'user', action: 'session' }]));
});

test('random JSON sent to every action answers the envelope in Chinese', async () => {
  const junk = fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'requestId', 'userInfo', 'name', 'orgId')), fc.jsonValue({ maxDepth: 6 }), { maxKeys: 6 });
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...actions), junk, fc.string({ maxLength: 12 }), async ({ fn, action }, payload, openid) => {
      const { status, body } = await caller(emu, `openid-fuzz-${Buffer.from(openid).toString('hex').slice(0, 20)}`).raw(fn, { ...payload, action });
      expect(status).toBe(200);
      expectEnvelope(body);
    }),
    { numRuns: 150 },
  );
});

test('an event that is not an object, or names no action, answers UNKNOWN_ACTION', async () => {
  for (const body of [[], [1, 2], 'text', 42, null, { action: 7 }, { action: '__proto__' }, { action: 'constructor' }]) {
    const { status, body: answer } = await caller(emu, 'openid-fuzz-shape').raw('volunteer', body);
    expect(status).toBe(200);
    expect(answer).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
    expectEnvelope(answer);
  }
});

/** JSON text nesting `depth` levels (too deep for JSON.stringify to write). */
function nestedText(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

test.each(['array', 'object'] as const)('10 000 nested %ss at the gateway: the envelope, and the next call is answered', async (kind) => {
  for (const { fn, action } of [{ fn: 'volunteer', action: 'register' }, { fn: 'organization', action: 'search' }]) {
    const res = await fetch(`${emu.gatewayUrl}/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': 'openid-fuzz-deep' },
      body: `{"action":"${action}","name":${nestedText(10_000, kind)}}`,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: BAD_REQUEST_MESSAGES.tooDeep } });
  }
  expect((await caller(emu, 'openid-fuzz-deep').raw('user', { action: 'session' })).body).toMatchObject({ ok: true });
});

test('an event nested past 100 levels reaching the function (no door, as on CloudBase) is refused by the frame', async () => {
  // 2 000 levels is what the runtime's JSON channel carries; CloudBase carries more (below, the bundle itself).
  for (const kind of ['array', 'object'] as const) {
    const outcome = await emu.runtime!.invoke('volunteer', { action: 'updateProfile', extra: nested(2_000, kind) }, { openid: 'openid-fuzz-nodoor', source: 'wx_client' });
    expect(outcome).toMatchObject({ ok: true });
    expect(JSON.parse((outcome as { json: string }).json)).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: BAD_REQUEST_MESSAGES.tooDeep } });
  }
  const justUnder = await emu.runtime!.invoke('user', { action: 'session', x: nested(98, 'array') }, { openid: 'openid-fuzz-nodoor', source: 'wx_client' });
  expect(JSON.parse((justUnder as { json: string }).json)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: BAD_REQUEST_MESSAGES.unreadable } });
});

test('the built bundle, called as SCF calls it with a 100 000-deep event, answers the envelope', async () => {
  const saved = { ...process.env };
  Object.assign(process.env, { WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_OPENID: 'openid-fuzz-bundle', WX_APPID: 'wx-fuzz', TCB_ENV: emu.env, SCF_NAMESPACE: emu.env });
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { main } = require(path.join(__dirname, '..', '..', 'volunteer', 'index.js')) as { main(event: unknown): Promise<unknown> };
    for (const kind of ['array', 'object'] as const) {
      const answer = await main({ action: 'register', name: nested(100_000, kind) });
      expect(answer).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: BAD_REQUEST_MESSAGES.tooDeep } });
      expect(() => JSON.stringify(answer)).not.toThrow();
    }
  } finally {
    process.env = saved;
  }
});
