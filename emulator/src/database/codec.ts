// Wire format ↔ stored values. The SDK sends canonical EJSON strings; documents are kept as plain JS values
// (number, string, boolean, null, Date, RegExp, arrays, objects) so mingo can evaluate them directly.
import { randomBytes } from 'node:crypto';
import { EJSON } from 'bson';
import { invalidParam } from './errors';

export type Doc = Record<string, unknown> & { _id?: unknown };

/** Parse one EJSON string from the SDK into plain JS values. */
export function decode(text: unknown): unknown {
  if (text === undefined || text === null || text === '') return undefined;
  if (typeof text !== 'string') return toPlain(text);
  let parsed: unknown;
  try {
    parsed = EJSON.parse(text, { relaxed: false });
  } catch (e) {
    throw invalidParam(`malformed EJSON: ${(e as Error).message}`);
  }
  return toPlain(parsed);
}

export function decodeObject(text: unknown, what: string): Record<string, unknown> {
  const v = decode(text);
  if (v === undefined) return {};
  if (!isPlainObject(v)) throw invalidParam(`${what} must be an object`);
  return v;
}

/** Replace BSON wrapper classes by the JS values mingo understands. */
export function toPlain(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Date || v instanceof RegExp) return v;
  if (Array.isArray(v)) return v.map(toPlain);
  const bsontype = (v as { _bsontype?: string })._bsontype;
  if (bsontype) {
    switch (bsontype) {
      case 'Int32':
      case 'Double':
        return (v as { valueOf(): number }).valueOf();
      case 'Long':
        return (v as { toNumber(): number }).toNumber();
      case 'Decimal128':
        return Number((v as { toString(): string }).toString());
      case 'ObjectId':
      case 'ObjectID':
        return (v as { toHexString(): string }).toHexString();
      case 'BSONRegExp': {
        const r = v as { pattern: string; options: string };
        // JS has no 'x' (extended) or 'l' flags; keep the ones it knows.
        return new RegExp(r.pattern, r.options.replace(/[^imsu]/g, ''));
      }
      default:
        return v;
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) out[k] = toPlain(val);
  return out;
}

/** Canonical EJSON, as CloudBase answers (the SDK parses it back with EJSON.parse). */
export function encode(v: unknown): string {
  return EJSON.stringify(v as Record<string, unknown>, { relaxed: false });
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** `db.serverDate({offset})` arrives as `{$tcb_server_date:{offset}}`; it becomes the server's clock (+offset ms). */
export function resolveServerDates<T>(v: T, now: () => Date): T {
  if (Array.isArray(v)) return v.map((x) => resolveServerDates(x, now)) as T;
  if (!isPlainObject(v)) return v;
  const marker = v.$tcb_server_date;
  if (marker !== undefined && Object.keys(v).length === 1) {
    const offset = isPlainObject(marker) && typeof marker.offset === 'number' ? marker.offset : 0;
    return new Date(now().getTime() + offset) as T;
  }
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) out[k] = resolveServerDates(val, now);
  return out as T;
}

/**
 * Deep copy of a stored value. Not structuredClone: it builds objects of the host realm, which under jest's vm
 * sandbox have another `Object` constructor and fail mingo's (and our) plain-object checks.
 */
export function clone<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (v instanceof RegExp) return new RegExp(v.source, v.flags) as T;
  if (Array.isArray(v)) return v.map(clone) as T;
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) out[k] = clone(val);
  return out as T;
}

/** CloudBase ids are 32 lowercase hex characters. */
export function newId(): string {
  return randomBytes(16).toString('hex');
}

/** Map key of an _id: the string itself, or '~' + EJSON for other types (and strings starting with '~'). */
export function idKey(id: unknown): string {
  return typeof id === 'string' && !id.startsWith('~') ? id : `~${encode({ v: id })}`;
}

export function idFromKey(key: string): unknown {
  return key.startsWith('~') ? (toPlain(EJSON.parse(key.slice(1), { relaxed: false })) as { v: unknown }).v : key;
}
