// The one envelope every cloud-function action answers with.
// `code` is stable and machine-readable; `message` is Chinese, for a person to act on.

export interface ActionError<Code extends string = string> {
  code: Code;
  message: string;
  /** The request field at fault, as a path (`guardian.name`, `extra.emergencyContact.phone`), when the code alone does not say. */
  field?: string;
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
  | 'BUSY' // too many concurrent writers on the same records; try again shortly
  | 'INTERNAL';

/** What the client sends to a function: `{ action, ...payload }` (WeChat's usual shape). */
export type ActionEvent<A extends string, P> = { action: A } & P;

/** The request of an action that takes nothing besides `action`. */
export type EmptyRequest = Record<string, never>;
