// The one result shape of domain code: errors are values with a stable code and a Chinese message a person can act
// on (what is wrong, not just "invalid"). Throwing is reserved for bugs.

export type Ok<T> = { ok: true; value: T };
/** `field`: the request field at fault, as a path (guardian.name, extra.emergencyContact.phone), when the code alone does not say. */
export type Err<C extends string> = { ok: false; code: C; message: string; field?: string };
export type Result<T, C extends string> = Ok<T> | Err<C>;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function err<C extends string>(code: C, message: string, field?: string): Err<C> {
  return field === undefined ? { ok: false, code, message } : { ok: false, code, message, field };
}
