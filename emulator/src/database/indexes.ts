// Secondary index structures: one sorted array of (key tuple, id) per declared index, searched by binary search.
// Keys follow a strict total order (MongoDB's type order, then value), a missing field is indexed as null (as MongoDB
// does, so two documents without a unique field collide), and an array value is indexed as itself and as each of
// its elements (multikey), which makes every index lookup return a superset of the matching documents: the
// query itself is then evaluated by mingo on that candidate set.
import { resolve } from 'mingo/util';
import type { AnyObject } from 'mingo/types/types';
import type { Doc } from './codec';

export interface Bound {
  value: unknown;
  inclusive: boolean;
}
export interface Range {
  lower?: Bound;
  upper?: Bound;
}

// mingo's compare is not a total order (an array equals its elements), so the index has its own.
function typeRank(v: unknown): number {
  if (v === null || v === undefined) return 1;
  if (typeof v === 'number') return 2;
  if (typeof v === 'string') return 3;
  if (Array.isArray(v)) return 5;
  if (typeof v === 'boolean') return 8;
  if (v instanceof Date) return 9;
  if (v instanceof RegExp) return 11;
  return 4; // object
}

export function compare(a: unknown, b: unknown): number {
  // Fast paths for the common keys (strings, numbers): the same answer as below.
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof Date && b instanceof Date) return compare(a.getTime(), b.getTime());
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 1:
      return 0;
    case 2:
    case 3:
    case 8:
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 9:
      return compare((a as Date).getTime(), (b as Date).getTime());
    case 11:
      return compare(String(a), String(b));
    case 5: {
      const xs = a as unknown[];
      const ys = b as unknown[];
      for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
        const c = compare(xs[i], ys[i]);
        if (c !== 0) return c;
      }
      return compare(xs.length, ys.length);
    }
    default: {
      // Key order is ignored, as mingo's equality ignores it.
      const ka = Object.keys(a as object).sort();
      const kb = Object.keys(b as object).sort();
      const c = compare(ka, kb);
      if (c !== 0) return c;
      for (const k of ka) {
        const d = compare((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]);
        if (d !== 0) return d;
      }
      return 0;
    }
  }
}

interface Entry {
  key: unknown[];
  id: string;
}

const MAX_KEYS_PER_DOC = 1000;

function expand(v: unknown, out: unknown[]): void {
  out.push(v);
  if (Array.isArray(v)) for (const x of v) expand(x, out);
}

function uniqueValues(vs: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const v of vs) if (!out.some((o) => compare(o, v) === 0)) out.push(v);
  return out;
}

/** Every key tuple a document contributes to an index over `fields` (`blank` fields all key as null). */
export function keysOf(doc: Doc, fields: string[], blank?: ReadonlySet<string>): unknown[][] {
  let tuples: unknown[][] = [[]];
  for (const f of fields) {
    if (blank?.has(f)) {
      for (const t of tuples) t.push(null);
      continue;
    }
    const raw = resolve(doc as AnyObject, f);
    const values: unknown[] = [];
    if (raw === undefined) values.push(null);
    else expand(raw, values);
    const distinct = uniqueValues(values);
    const next: unknown[][] = [];
    for (const t of tuples) for (const v of distinct) if (next.length < MAX_KEYS_PER_DOC) next.push([...t, v]);
    tuples = next;
  }
  return tuples;
}

function comparePrefix(key: unknown[], prefix: unknown[]): number {
  for (let i = 0; i < prefix.length; i++) {
    const c = compare(key[i], prefix[i]);
    if (c !== 0) return c;
  }
  return 0;
}

function compareEntries(a: Entry, b: Entry): number {
  const c = comparePrefix(a.key, b.key);
  if (c !== 0) return c;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export class SortedIndex {
  private entries: Entry[] = [];
  /**
   * 2dsphere fields of a non-unique index: the grid answers geo conditions and the planner never narrows the
   * sorted structure past a geo field, so their values key as null here (sorting GeoJSON objects was most of the
   * cost of building such an index).
   */
  private readonly blank: ReadonlySet<string>;

  constructor(
    readonly name: string,
    readonly fields: string[],
    readonly unique: boolean,
    geoFields: string[] = [],
  ) {
    this.blank = new Set(unique ? [] : geoFields);
  }

  private keys(doc: Doc): unknown[][] {
    return keysOf(doc, this.fields, this.blank);
  }

  get size(): number {
    return this.entries.length;
  }

  /** First position whose entry is not before `e` (binary search). */
  private lowerBound(before: (e: Entry) => boolean): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(this.entries[mid])) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Build the index from scratch over many documents: one sort instead of one splice per entry. */
  build(docs: Iterable<[string, Doc]>): void {
    const entries: Entry[] = [];
    for (const [id, doc] of docs) for (const key of this.keys(doc)) entries.push({ key, id });
    entries.sort(compareEntries);
    this.entries = entries.filter((e, i) => i === 0 || compareEntries(entries[i - 1], e) !== 0);
  }

  /**
   * Index many new documents at once: their entries sorted, then merged with the index in one pass (one splice
   * per entry made bulk inserts grow with the square of a multikey index's size).
   */
  addMany(items: Iterable<[string, Doc]>): void {
    const fresh: Entry[] = [];
    for (const [id, doc] of items) for (const key of this.keys(doc)) fresh.push({ key, id });
    if (fresh.length === 0) return;
    fresh.sort(compareEntries);
    // Each new entry's place by binary search; the runs between them are copied without comparing.
    const merged: Entry[] = [];
    let from = 0;
    let last: Entry | undefined;
    for (const e of fresh) {
      if (last && compareEntries(last, e) === 0) continue;
      last = e;
      const at = this.lowerBound((x) => compareEntries(x, e) < 0);
      for (let i = from; i < at; i++) merged.push(this.entries[i]);
      from = at;
      if (at < this.entries.length && compareEntries(this.entries[at], e) === 0) continue;
      merged.push(e);
    }
    for (let i = from; i < this.entries.length; i++) merged.push(this.entries[i]);
    this.entries = merged;
  }

  add(id: string, doc: Doc): void {
    for (const key of this.keys(doc)) {
      const e = { key, id };
      const at = this.lowerBound((x) => compareEntries(x, e) < 0);
      if (at < this.entries.length && compareEntries(this.entries[at], e) === 0) continue;
      this.entries.splice(at, 0, e);
    }
  }

  remove(id: string, doc: Doc): void {
    for (const key of this.keys(doc)) {
      const e = { key, id };
      const at = this.lowerBound((x) => compareEntries(x, e) < 0);
      if (at < this.entries.length && compareEntries(this.entries[at], e) === 0) this.entries.splice(at, 1);
    }
  }

  /** Ids whose first fields equal `prefix` and whose next field lies in `range` (if given). */
  find(prefix: unknown[], range?: Range): Set<string> {
    const k = prefix.length;
    const lower = range?.lower;
    const upper = range?.upper;
    const before = (e: Entry): boolean => {
      const c = comparePrefix(e.key, prefix);
      if (c !== 0) return c < 0;
      if (!lower) return false;
      const d = compare(e.key[k], lower.value);
      return d < 0 || (d === 0 && !lower.inclusive);
    };
    const ids = new Set<string>();
    for (let i = this.lowerBound(before); i < this.entries.length; i++) {
      const e = this.entries[i];
      if (comparePrefix(e.key, prefix) !== 0) break;
      if (upper) {
        const d = compare(e.key[k], upper.value);
        if (d > 0 || (d === 0 && !upper.inclusive)) break;
      }
      ids.add(e.id);
    }
    return ids;
  }

  /**
   * Entries whose first fields equal `prefix` and whose next field lies in `range`, in index order (`reverse`:
   * from the last). Lazy, so a reader that has what it needs stops without touching the rest.
   */
  *walk(prefix: unknown[], range?: Range, reverse = false): Generator<{ key: unknown[]; id: string }> {
    const k = prefix.length;
    const lower = range?.lower;
    const upper = range?.upper;
    const belowRange = (e: Entry): boolean => {
      const c = comparePrefix(e.key, prefix);
      if (c !== 0) return c < 0;
      if (!lower) return false;
      const d = compare(e.key[k], lower.value);
      return d < 0 || (d === 0 && !lower.inclusive);
    };
    const notAboveRange = (e: Entry): boolean => {
      const c = comparePrefix(e.key, prefix);
      if (c !== 0) return c < 0;
      if (!upper) return true;
      const d = compare(e.key[k], upper.value);
      return d < 0 || (d === 0 && upper.inclusive);
    };
    const start = this.lowerBound(belowRange);
    const end = this.lowerBound(notAboveRange);
    if (reverse) for (let i = end - 1; i >= start; i--) yield this.entries[i];
    else for (let i = start; i < end; i++) yield this.entries[i];
  }

  /** Ids of other documents holding one of `doc`'s full key tuples (for unique checks). */
  holders(doc: Doc): { key: unknown[]; ids: Set<string> }[] {
    return this.keys(doc).map((key) => ({ key, ids: this.find(key) }));
  }
}
