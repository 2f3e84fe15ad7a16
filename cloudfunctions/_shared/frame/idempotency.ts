// Every mutating action is idempotent (Stripe's idempotency keys are the model): the client sends a request id per
// user intent, and a retry with that id answers what the first answered. Done here, in the frame, for every action
// whose contract says `mutates: true` (miniprogram/domain/actions.ts); handlers know nothing of it.
//
// One `requests` document per request, `_id` = hash of caller + function + action + request id, kept 24 h:
//
//   1. claim   (its own transaction, before the handler): absent or expired → `running`, held by this invocation
//              (a random `attempt`) until `leaseUntil` = now + the function's timeout + a margin. `done` → the stored
//              answer. Another payload under the same id → REQUEST_ID_REUSED. Held by a live invocation → wait a
//              little for its answer, else BUSY (retryable). Two claims at once write the same document: one
//              conflicts, runs again and finds the other's claim — so two invocations never run one request.
//   2. mark    (inside every transaction the handler commits through inTransaction, db/request-scope.ts): checks the
//              attempt still holds the request and sets `committed`, in the same transaction as the change.
//   3. answer  (its own transaction, after the handler): `done` with the answer. A retryable failure (BUSY,
//              CONFLICT, RATE_LIMITED, INTERNAL) of a request that never committed removes the claim instead, so a
//              retry runs afresh; once committed, whatever was answered is the answer.
//
// Why a crash cannot make a second change: the change and `committed` commit together (2). An invocation that dies
// before that commit changed nothing; its claim stays `running` until its lease ends — by then the platform has
// killed it (the lease outlasts the function's timeout) — and a retry takes the request over and runs it. One that
// dies after that commit leaves `committed`: a retry never runs the handler again; it answers the committing
// transaction's result when that was the action's answer (most actions answer from their transaction), otherwise
// ALREADY_APPLIED ("done; refresh to see it"). A late commit of a taken-over invocation fails its attempt check, and
// the takeover's write conflicts with it, so at most one commits. Effects outside a transaction must be safe to
// repeat on their own (a document id derived from the request, a bulk update that sets a value) or refused by the
// system they touch (WeChat's one-time phone code): they are not covered by the mark.
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getOrNull, inTransaction, type Database, type RetryPolicy } from '../db/db';
import type { RequestDoc } from '../documents/request';
import { failWith } from '../messages/answers';
import { decryptField, encryptField, type KeyRing } from '../security/crypto';

export const REQUEST_TTL_MS = 24 * 3600_000;
/** Beyond the function's own timeout before a silent claim counts as dead. */
export const LEASE_MARGIN_MS = 5_000;
/** CloudBase's longest function timeout we allow (DESIGN §5), when config.json does not say. */
const DEFAULT_TIMEOUT_SECONDS = 60;
/** How long a duplicate waits for the running request's answer before answering BUSY. */
export const DUPLICATE_WAIT_MS = 2_500;

/** Answers a retry must not replay: nothing was decided, so the same request id runs again. */
const RETRYABLE = new Set(['BUSY', 'CONFLICT', 'RATE_LIMITED', 'INTERNAL']);

export const alreadyApplied = () => failWith('ALREADY_APPLIED');
export const requestIdReused = () => failWith('REQUEST_ID_REUSED');
/** BUSY, one message wherever it comes from: writers conflicting, or this very request still running. */
export const stillRunning = () => failWith('BUSY');

export interface RequestKey {
  id: string;
  userId: string;
  fn: string;
  action: string;
  fingerprint: string;
}

export type Claim =
  | { kind: 'claimed'; attempt: string }
  | { kind: 'replay'; answer: unknown }
  | { kind: 'inFlight' }
  | { kind: 'reused' };

/**
 * How an answer is kept in its request document. Most are kept as JSON; an action whose answer holds personal data
 * in full (help.contact: a phone, RULES §8 "encrypted at rest") keeps it encrypted (`sealedAnswer`, action.ts), so
 * the retry still gets the same answer and the record holds no plain personal data.
 */
export interface AnswerCodec {
  seal(answer: unknown): string;
  open(stored: string): unknown;
}

export const PLAIN_ANSWERS: AnswerCodec = { seal: (answer) => JSON.stringify(answer), open: (stored) => JSON.parse(stored) as unknown };

/** The associated data a sealed answer is encrypted under (crypto.ts). */
export const SEALED_ANSWER_PURPOSE = 'request-answer';

export function sealedAnswers(ring: KeyRing): AnswerCodec {
  return {
    seal: (answer) => JSON.stringify({ sealed: encryptField(JSON.stringify(answer), ring, SEALED_ANSWER_PURPOSE) }),
    open: (stored) => {
      const kept = JSON.parse(stored) as unknown;
      const sealed = typeof kept === 'object' && kept !== null && 'sealed' in kept ? (kept as { sealed: Parameters<typeof decryptField>[0] }).sealed : undefined;
      return sealed ? (JSON.parse(decryptField(sealed, ring, SEALED_ANSWER_PURPOSE)) as unknown) : kept;
    },
  };
}

export function requestDocId(openid: string, fn: string, action: string, requestId: string): string {
  return `r_${createHash('sha256').update(`request\n${openid}\n${fn}\n${action}\n${requestId}`, 'utf8').digest('hex').slice(0, 40)}`;
}

/** JSON with object keys sorted, so the same payload always has the same fingerprint. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function fingerprintOf(payload: unknown): string {
  return createHash('sha256').update(canonicalJson(payload), 'utf8').digest('hex');
}

/** The lease of this function's claims: its timeout (config.json beside the bundle) plus a margin. */
export function leaseMsOf(functionDir: string): number {
  try {
    const timeout = (JSON.parse(fs.readFileSync(path.join(functionDir, 'config.json'), 'utf8')) as { timeout?: unknown }).timeout;
    const seconds = typeof timeout === 'number' && timeout > 0 ? timeout : DEFAULT_TIMEOUT_SECONDS;
    return seconds * 1000 + LEASE_MARGIN_MS;
  } catch {
    return DEFAULT_TIMEOUT_SECONDS * 1000 + LEASE_MARGIN_MS;
  }
}

/** The frame's own small transactions: short, and a conflict only with a duplicate of the same request. */
const BOOKKEEPING_RETRY: RetryPolicy = { attempts: 8, baseDelayMs: 10, maxDelayMs: 200 };

const at = (value: Date | string): number => new Date(value).getTime();

/** Step 1: take the request, or learn what a retry answers. */
export function claimRequest(db: Database, key: RequestKey, now: Date, leaseMs: number, codec: AnswerCodec = PLAIN_ANSWERS): Promise<Claim> {
  return inTransaction<Claim>(
    db,
    async (t) => {
      const held = await getOrNull<RequestDoc>(t, 'requests', key.id);
      const live = held !== null && at(held.expiresAt) > now.getTime();
      if (held && live) {
        if (held.fingerprint !== key.fingerprint) return { kind: 'reused' };
        if (held.state === 'done') return { kind: 'replay', answer: codec.open(held.answer ?? 'null') };
        if (at(held.leaseUntil) > now.getTime()) return { kind: 'inFlight' };
        if (held.state === 'committed') {
          // The invocation that committed died before answering: never run again; answer what it committed.
          const answer = held.answer ? codec.open(held.answer) : alreadyApplied();
          await t.collection('requests').doc(key.id).update({ data: { state: 'done', answer: codec.seal(answer) } });
          return { kind: 'replay', answer };
        }
        // `running` past its lease: that invocation is gone and committed nothing. Take the request over.
      }
      const attempt = randomBytes(12).toString('hex');
      const doc: Omit<RequestDoc, '_id'> = {
        userId: key.userId,
        fn: key.fn,
        action: key.action,
        fingerprint: key.fingerprint,
        state: 'running',
        attempt,
        leaseUntil: new Date(now.getTime() + leaseMs),
        createdAt: held && live ? new Date(held.createdAt) : now,
        expiresAt: held && live ? new Date(held.expiresAt) : new Date(now.getTime() + REQUEST_TTL_MS),
      };
      await t.collection('requests').doc(key.id).set({ data: doc });
      return { kind: 'claimed', attempt };
    },
    BOOKKEEPING_RETRY,
  );
}

function isRetryable(answer: unknown): boolean {
  const a = answer as { ok?: unknown; error?: { code?: unknown } };
  return a?.ok === false && RETRYABLE.has(String(a.error?.code));
}

/** Step 3: store the answer — or, for a retryable failure that changed nothing, let go of the request. */
export async function finishRequest(db: Database, id: string, attempt: string, answer: unknown, codec: AnswerCodec = PLAIN_ANSWERS): Promise<void> {
  await inTransaction(
    db,
    async (t) => {
      const held = await getOrNull<RequestDoc>(t, 'requests', id);
      // Taken over (this invocation outlived its lease): the request is the other invocation's to answer.
      if (!held || held.attempt !== attempt) return;
      if (held.state === 'running' && isRetryable(answer)) {
        await t.collection('requests').doc(id).remove();
        return;
      }
      await t.collection('requests').doc(id).update({ data: { state: 'done', answer: codec.seal(answer) } });
    },
    BOOKKEEPING_RETRY,
  );
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A duplicate of a running request: its answer once stored, or null when it is not stored within `waitMs`. */
export async function awaitAnswer(db: Database, key: RequestKey, waitMs = DUPLICATE_WAIT_MS, codec: AnswerCodec = PLAIN_ANSWERS): Promise<unknown | null> {
  let waited = 0;
  for (let delay = 50; waited < waitMs; delay = Math.min(delay * 2, 400)) {
    await sleep(delay);
    waited += delay;
    const held = await getOrNull<RequestDoc>(db, 'requests', key.id);
    if (!held) return null; // released after a retryable failure: the client tries again and runs it
    if (held.state === 'done' && held.fingerprint === key.fingerprint) return codec.open(held.answer ?? 'null');
  }
  return null;
}
