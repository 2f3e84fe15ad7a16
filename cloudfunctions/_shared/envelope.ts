// Build the one envelope every action answers with (typings/envelope.ts).
import type { ActionError, Envelope } from '../../typings/envelope';

export function ok<Data>(data: Data): Envelope<Data, never> {
  return { ok: true, data };
}

export function fail<Code extends string>(code: Code, message: string): { ok: false; error: ActionError<Code> } {
  return { ok: false, error: { code, message } };
}
