// CloudBase's ceilings and document rules, refused or clamped as production does. Sources and the choices made
// where the documentation is ambiguous are listed in README.md ("Limits and document rules").
import { calculateObjectSize } from 'bson';
import { isPlainObject, type Doc } from './codec';
import { invalidParam } from './errors';

export const LIMITS = {
  /** `get()` from a function or the admin API: default and maximum (Collection.get: 云函数端默认且最多 100 条). */
  getDefault: 100,
  getMax: 100,
  /** The client SDK (mini-program): default and maximum (小程序端默认且最多 20 条). */
  clientGetMax: 20,
  /** `aggregate()` without a `limit` stage returns this many. */
  aggregateDefault: 20,
  /** One database request or answer (数据库流量: 单次出包 16 MB). */
  requestBytes: 16 * 1024 * 1024,
  /** One document, as stored (BSON). */
  documentBytes: 16 * 1024 * 1024,
} as const;

/** Bytes of the encoded parts of a database request (documents, query, update, stages). */
export function requestBytes(p: Record<string, unknown>): number {
  let total = 0;
  const add = (v: unknown): void => {
    if (typeof v === 'string') total += Buffer.byteLength(v);
    else if (Array.isArray(v)) v.forEach(add);
    else if (isPlainObject(v)) add(v.stageValue);
  };
  add(p.data);
  add(p.query);
  add(p.stages);
  return total;
}

export function checkRequestSize(p: Record<string, unknown>): void {
  const bytes = requestBytes(p);
  if (bytes > LIMITS.requestBytes) throw invalidParam(`request too large: ${bytes} bytes (limit ${LIMITS.requestBytes})`);
}

/** `_id` is a non-empty string or a finite number: what `collection.doc(id)` accepts (docId必须为字符串或数字). */
export function checkId(id: unknown): void {
  const ok = (typeof id === 'string' && id.length > 0) || (typeof id === 'number' && Number.isFinite(id));
  if (!ok) throw invalidParam(`_id must be a non-empty string or a number, got ${describe(id)}`);
}

/**
 * A document about to be stored: its `_id`, its field names at every depth (none may start with `$` or contain
 * `.`), and its size.
 */
export function checkDocument(doc: Doc): void {
  checkId(doc._id);
  checkFieldNames(doc, '');
  const bytes = calculateObjectSize(doc);
  if (bytes > LIMITS.documentBytes) throw invalidParam(`document ${String(doc._id)} too large: ${bytes} bytes (limit ${LIMITS.documentBytes})`);
}

function checkFieldNames(v: unknown, path: string): void {
  if (Array.isArray(v)) {
    v.forEach((x, i) => checkFieldNames(x, `${path}[${i}]`));
    return;
  }
  if (!isPlainObject(v)) return;
  for (const [k, x] of Object.entries(v)) {
    if (k.startsWith('$')) throw invalidParam(`field name ${JSON.stringify(k)}${path ? ` in ${path}` : ''} must not start with $`);
    if (k.includes('.')) throw invalidParam(`field name ${JSON.stringify(k)}${path ? ` in ${path}` : ''} must not contain .`);
    checkFieldNames(x, path ? `${path}.${k}` : k);
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Date) return 'a date';
  return typeof v === 'string' ? 'an empty string' : typeof v;
}
