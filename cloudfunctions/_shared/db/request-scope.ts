// The request a mutating action is running for, as the frame opened it (frame/idempotency.ts), so that every
// transaction the action commits through `inTransaction` also records, in that same transaction, that the request's
// change is made. Carried by AsyncLocalStorage: a handler (and the store helpers it calls) cannot forget it.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestDoc } from '../documents/request';
import type { AnswerCodec } from '../frame/idempotency';
import { getOrNull, type Tx } from './db';

export interface RequestScope {
  /** `requests` document id. */
  id: string;
  /** The invocation's claim on it. */
  attempt: string;
  now: Date;
  /** How the answer is kept (frame/idempotency.ts): JSON, or sealed when it holds personal data. Absent: JSON. */
  codec?: AnswerCodec;
}

/** The invocation no longer holds its request (another took it over after the lease): nothing of it may commit. */
export class RequestClaimLost extends Error {
  constructor() {
    super('the request is held by another invocation');
  }
}

const scope = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(request: RequestScope, work: () => Promise<T>): Promise<T> {
  return scope.run(request, work);
}

export function currentRequest(): RequestScope | undefined {
  return scope.getStore();
}

function isEnvelope(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; data?: unknown; error?: { code?: unknown } };
  return (v.ok === true && 'data' in v) || (v.ok === false && typeof v.error?.code === 'string');
}

/**
 * Inside a transaction of a mutating action: check the invocation still holds the request and mark it committed,
 * keeping the transaction's result as the answer when it is one. The read makes a takeover and this commit conflict,
 * so at most one of them wins.
 */
export async function markCommitted(t: Tx, result: unknown): Promise<void> {
  const request = currentRequest();
  if (!request) return;
  const held = await getOrNull<RequestDoc>(t, 'requests', request.id);
  if (!held || held.attempt !== request.attempt) throw new RequestClaimLost();
  const mark: Partial<RequestDoc> = { state: 'committed' };
  if (isEnvelope(result)) mark.answer = request.codec ? request.codec.seal(result) : JSON.stringify(result);
  await t.collection('requests').doc(request.id).update({ data: mark });
}
