// Collection `requests`: one document per mutating request (cloudfunctions/_shared/frame/idempotency.ts), so a retry
// of one user intent answers what the first answered. `_id` is a hash of the caller, function, action and request id.
// Collection `rateLimits`: one document per caller and limited kind of action, the attempts of the current window.

/**
 * running: an invocation holds the request (until `leaseUntil`) and nothing it did has committed yet;
 * committed: a transaction of the action committed together with this state (its change is made);
 * done: the answer is stored and is what every retry gets.
 */
export type RequestState = 'running' | 'committed' | 'done';

export interface RequestDoc {
  _id: string;
  /** The caller's user id (documents/ids.ts), so export and deletion find the person's requests. */
  userId: string;
  fn: string;
  action: string;
  /** sha256 of the payload's canonical JSON: the same id with another payload is refused. */
  fingerprint: string;
  state: RequestState;
  /** The invocation holding the request: only it may mark, answer or release it. */
  attempt: string;
  /** Past this instant an invocation that never committed is known dead (the function's timeout has passed). */
  leaseUntil: Date;
  /** The answer as JSON: the final one when done; when committed, the committing transaction's, if it was one. */
  answer?: string;
  createdAt: Date;
  /** The request id is forgotten from then on (24 h). */
  expiresAt: Date;
}

export interface RateLimitDoc {
  _id: string;
  /** Start of the current fixed window. */
  windowStart: Date;
  count: number;
  /** End of the window: the document is worthless from then on. */
  expiresAt: Date;
}
