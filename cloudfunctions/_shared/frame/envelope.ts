// Build the one envelope every action answers with (typings/envelope.ts).
import type { ActionError, Envelope } from '../../../typings/envelope';

export function ok<Data>(data: Data): Envelope<Data, never> {
  return { ok: true, data };
}

export function fail<Code extends string>(code: Code, message: string, field?: string): { ok: false; error: ActionError<Code> } {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, field } };
}

/** A domain refusal (a Result's error) as the envelope answers it: its code, its message, the field it names. */
export function refusal<Code extends string>(e: { code: Code; message: string; field?: string }): { ok: false; error: ActionError<Code> } {
  return fail(e.code, e.message, e.field);
}
