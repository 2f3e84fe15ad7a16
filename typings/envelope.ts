// The one envelope every cloud-function action answers with.
// `code` is stable and machine-readable; `message` is Chinese, for a person to act on.

export interface ActionError<Code extends string = string> {
  code: Code;
  message: string;
  /** The request field at fault, as a path (`guardian.name`, `extra.emergencyContact.phone`), when the code alone does not say. */
  field?: string;
  /** RATE_LIMITED: seconds until the caller may try again. */
  retryAfterSeconds?: number;
  /** USCC_MINE: the caller's own organization holding the code, to open it. */
  orgId?: string;
}

export type Envelope<Data, Code extends string = string> =
  | { ok: true; data: Data }
  | { ok: false; error: ActionError<Code | CommonErrorCode> };

/** Errors any action can answer with, besides its own. */
export type CommonErrorCode =
  | 'BAD_REQUEST' // the payload does not match the contract
  | 'UNKNOWN_ACTION'
  | 'UNAUTHENTICATED' // no WeChat identity on the call
  | 'FORBIDDEN' // identity known, role missing
  | 'CONFLICT' // a concurrent change won; retry
  | 'BUSY' // too many concurrent writers on the same records, or this request still running; try again shortly
  | 'RATE_LIMITED' // too many attempts of this kind from the caller; `retryAfterSeconds` says when to try again
  | 'REQUEST_ID_REUSED' // the request id came before with a different payload: a new intent needs a new id
  | 'ALREADY_APPLIED' // this request's change was made but its answer was lost (the first run died after it)
  | 'INTERNAL';

/** What the client sends to a function: `{ action, ...payload }` (WeChat's usual shape). */
export type ActionEvent<A extends string, P> = { action: A } & P;

/** The request of an action that takes nothing besides `action`. */
export type EmptyRequest = Record<string, never>;
