// The request bookkeeping of the action frame, through the stock SDK against the emulator, with time passed in: a
// claim, a replay, another payload under one id, a duplicate while the first runs, expiry after 24 h, and the two
// crashes — before the change commits (a retry after the lease runs it) and after (a retry never runs it again).
import type { Emulator } from '../../../emulator/src/server';
import { serverSdk, startTestEmulator } from '../../../emulator/test/support';
import { getOrNull, inTransaction, Rollback, type Database } from '../db/db';
import { RequestClaimLost, runInRequestScope } from '../db/request-scope';
import type { RequestDoc } from '../documents/request';
import { ok } from './envelope';
import {
  awaitAnswer,
  canonicalJson,
  claimRequest,
  finishRequest,
  fingerprintOf,
  REQUEST_TTL_MS,
  requestDocId,
  type Claim,
  type RequestKey,
} from './idempotency';

let emu: Emulator;
let db: Database;
beforeAll(async () => {
  emu = await startTestEmulator();
  db = serverSdk(emu).database() as unknown as Database;
});
afterAll(async () => emu.stop());

const LEASE = 25_000;
const T0 = new Date('2026-03-01T02:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

let serial = 0;
function keyFor(payload: object = { orgId: 'org_1' }): RequestKey {
  serial++;
  return { id: requestDocId('openid-a', 'organization', 'createInvite', `req-${serial}-abcdef`), userId: 'u_a', fn: 'organization', action: 'createInvite', fingerprint: fingerprintOf(payload) };
}
const claimed = (c: Claim): string => {
  if (c.kind !== 'claimed') throw new Error(`expected a claim, got ${c.kind}`);
  return c.attempt;
};
const held = (key: RequestKey) => getOrNull<RequestDoc>(db, 'requests', key.id);

/** The action's change: a counter document written in the action's transaction, as handlers write theirs. */
async function change(key: RequestKey, attempt: string, answer: unknown = ok({ code: 'ABC' })): Promise<unknown> {
  return runInRequestScope({ id: key.id, attempt, now: T0 }, () =>
    inTransaction(db, async (t) => {
      const current = await getOrNull<{ value: number }>(t, 'counters', key.id);
      await t.collection('counters').doc(key.id).set({ data: { value: (current?.value ?? 0) + 1 } });
      return answer;
    }),
  );
}
const changes = async (key: RequestKey) => (await getOrNull<{ value: number }>(db, 'counters', key.id))?.value ?? 0;

test('ids are scoped to caller, function, action and request id; fingerprints ignore key order', () => {
  const id = requestDocId('openid-a', 'organization', 'register', 'abcdefgh');
  expect(id).toMatch(/^r_[0-9a-f]{40}$/);
  expect(new Set([
    id,
    requestDocId('openid-b', 'organization', 'register', 'abcdefgh'),
    requestDocId('openid-a', 'volunteer', 'register', 'abcdefgh'),
    requestDocId('openid-a', 'organization', 'review', 'abcdefgh'),
    requestDocId('openid-a', 'organization', 'register', 'abcdefgi'),
  ]).size).toBe(5);
  expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: undefined } })).toBe('{"a":{"d":[1,{"e":3,"f":2}]},"b":1}');
  expect(fingerprintOf({ a: 1, b: 2 })).toBe(fingerprintOf({ b: 2, a: 1 }));
  expect(fingerprintOf({ a: 1 })).not.toBe(fingerprintOf({ a: '1' }));
});

test('a finished request is replayed; another payload under the same id is refused', async () => {
  const key = keyFor();
  const attempt = claimed(await claimRequest(db, key, T0, LEASE));
  const answer = await change(key, attempt);
  await finishRequest(db, key.id, attempt, answer);
  expect(await claimRequest(db, key, later(1000), LEASE)).toEqual({ kind: 'replay', answer });
  expect(await claimRequest(db, { ...key, fingerprint: fingerprintOf({ orgId: 'org_2' }) }, later(2000), LEASE)).toEqual({ kind: 'reused' });
  expect(await changes(key)).toBe(1);
  expect(await held(key)).toMatchObject({ state: 'done', userId: 'u_a', fn: 'organization', action: 'createInvite' });
});

test('while the first runs a duplicate is told so, and gets the answer once it is stored', async () => {
  const key = keyFor();
  const attempt = claimed(await claimRequest(db, key, T0, LEASE));
  expect(await claimRequest(db, key, later(100), LEASE)).toEqual({ kind: 'inFlight' });
  expect(await awaitAnswer(db, key, 200)).toBeNull();
  const waiting = awaitAnswer(db, key, 2000);
  const answer = await change(key, attempt);
  await finishRequest(db, key.id, attempt, answer);
  expect(await waiting).toEqual(answer);
});

test('concurrent claims of one request: exactly one holds it', async () => {
  const key = keyFor();
  const claims = await Promise.all(Array.from({ length: 5 }, () => claimRequest(db, key, T0, LEASE)));
  expect(claims.filter((c) => c.kind === 'claimed')).toHaveLength(1);
  expect(claims.filter((c) => c.kind === 'inFlight')).toHaveLength(4);
});

test('a retryable failure before any change lets go of the request: the retry runs it', async () => {
  const key = keyFor();
  const attempt = claimed(await claimRequest(db, key, T0, LEASE));
  await finishRequest(db, key.id, attempt, { ok: false, error: { code: 'BUSY', message: '当前操作的人较多，请稍后再试' } });
  expect(await held(key)).toBeNull();
  const again = claimed(await claimRequest(db, key, later(10), LEASE));
  await finishRequest(db, key.id, again, await change(key, again));
  expect(await changes(key)).toBe(1);
});

test('a refusal is an answer: replayed, not run again', async () => {
  const key = keyFor();
  const attempt = claimed(await claimRequest(db, key, T0, LEASE));
  const refusal = { ok: false, error: { code: 'FORBIDDEN', message: '只有该组织的管理员可以邀请管理员' } };
  await finishRequest(db, key.id, attempt, refusal);
  expect(await claimRequest(db, key, later(10), LEASE)).toEqual({ kind: 'replay', answer: refusal });
});

test('a rolled-back transaction marks nothing', async () => {
  const key = keyFor();
  const attempt = claimed(await claimRequest(db, key, T0, LEASE));
  const refused = await runInRequestScope({ id: key.id, attempt, now: T0 }, () =>
    inTransaction(db, async () => {
      throw new Rollback('refused');
    }),
  );
  expect(refused).toBe('refused');
  expect(await held(key)).toMatchObject({ state: 'running' });
});

test('crash before the change committed: nothing happened, and after the lease a retry takes over and runs it once', async () => {
  const key = keyFor();
  const dead = claimed(await claimRequest(db, key, T0, LEASE));
  // The first invocation dies here, before its transaction. Within the lease the retry waits for it …
  expect(await claimRequest(db, key, later(LEASE - 1), LEASE)).toEqual({ kind: 'inFlight' });
  // … after it, the request is taken over.
  const takeover = claimed(await claimRequest(db, key, later(LEASE + 1), LEASE));
  expect(takeover).not.toBe(dead);
  // Had the first been alive after all, its late transaction could not commit.
  await expect(change(key, dead)).rejects.toBeInstanceOf(RequestClaimLost);
  const answer = await change(key, takeover);
  await finishRequest(db, key.id, takeover, answer);
  // Nor can its answer overwrite the takeover's.
  await finishRequest(db, key.id, dead, { ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' } });
  expect(await claimRequest(db, key, later(LEASE + 2), LEASE)).toEqual({ kind: 'replay', answer });
  expect(await changes(key)).toBe(1);
});

test('crash after the change committed: a retry never runs it again — it answers what the transaction answered', async () => {
  const key = keyFor();
  const attempt = claimed(await claimRequest(db, key, T0, LEASE));
  const answer = await change(key, attempt);
  // The invocation dies before storing its answer.
  expect(await held(key)).toMatchObject({ state: 'committed' });
  expect(await claimRequest(db, key, later(1000), LEASE)).toEqual({ kind: 'inFlight' });
  expect(await claimRequest(db, key, later(LEASE + 1), LEASE)).toEqual({ kind: 'replay', answer });
  expect(await claimRequest(db, key, later(LEASE + 2), LEASE)).toEqual({ kind: 'replay', answer });
  expect(await changes(key)).toBe(1);
});

test('crash after a change whose transaction did not give the answer: ALREADY_APPLIED, still never a second change', async () => {
  const key = keyFor();
  const attempt = claimed(await claimRequest(db, key, T0, LEASE));
  await change(key, attempt, { doc: 'not an answer' });
  const replay = await claimRequest(db, key, later(LEASE + 1), LEASE);
  expect(replay).toEqual({ kind: 'replay', answer: { ok: false, error: { code: 'ALREADY_APPLIED', message: expect.stringContaining('已经完成') } } });
  expect(await changes(key)).toBe(1);
});

test('once committed, even a failure is the answer (the change is made: running it again would make a second)', async () => {
  const key = keyFor();
  const attempt = claimed(await claimRequest(db, key, T0, LEASE));
  await change(key, attempt);
  const failure = { ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' } };
  await finishRequest(db, key.id, attempt, failure);
  expect(await claimRequest(db, key, later(10), LEASE)).toEqual({ kind: 'replay', answer: failure });
  expect(await changes(key)).toBe(1);
});

test('a request id is forgotten after 24 h: the same id then starts a new request', async () => {
  const key = keyFor();
  const attempt = claimed(await claimRequest(db, key, T0, LEASE));
  await finishRequest(db, key.id, attempt, await change(key, attempt));
  expect((await held(key))!.expiresAt).toEqual(later(REQUEST_TTL_MS));
  expect((await claimRequest(db, key, later(REQUEST_TTL_MS - 1), LEASE)).kind).toBe('replay');
  const fresh = await claimRequest(db, { ...key, fingerprint: fingerprintOf({ other: true }) }, later(REQUEST_TTL_MS), LEASE);
  expect(fresh.kind).toBe('claimed');
  expect((await held(key))!.expiresAt).toEqual(later(2 * REQUEST_TTL_MS));
});
