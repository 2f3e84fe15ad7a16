// One collection: committed documents by _id, the declared indexes (sorted arrays, and a grid per 2dsphere field)
// kept in step with them, unique checks and candidate selection through the planner.
import { EJSON } from 'bson';
import { idKey, type Doc } from './codec';
import { requestFailed, type DbError } from './errors';
import { GeoGrid, type NearestHint } from './geogrid';
import { SortedIndex, compare, keysOf } from './indexes';
import { plan, walkPlan, type IndexInfo, type Plan } from './planner';
import { resolve } from 'mingo/util';
import type { AnyObject } from 'mingo/types/types';
import type { CollectionConfig } from './index';

/** Documents a transaction has written but not committed (null = deleted), by idKey. */
export type Overlay = Map<string, Doc | null>;

export class Collection {
  readonly docs = new Map<string, Doc>();
  readonly indexes: IndexInfo[];
  /** Documents read by queries since the collection was created: makes index use observable without timing. */
  examined = 0;
  /** Each document's position in `docs` (Map order), to put grid candidates back in full-scan order. */
  private readonly position = new Map<string, number>();
  private nextPosition = 0;

  constructor(
    readonly name: string,
    readonly config: CollectionConfig | null,
  ) {
    this.indexes = (config?.indexes ?? []).map((ix) => {
      const fields = ix.keys.map((k) => k.field);
      const geo = ix.keys.filter((k) => k.direction === '2dsphere').map((k) => k.field);
      return {
        name: ix.name,
        fields,
        geo,
        directions: ix.keys.map((k) => k.direction),
        unique: ix.unique === true,
        structure: new SortedIndex(ix.name, fields, ix.unique === true, geo),
        grids: new Map(geo.map((f) => [f, new GeoGrid(f)])),
      };
    });
  }

  /** Declared in the configuration (strict mode applies), as opposed to created at run time. */
  get declared(): boolean {
    return this.config !== null;
  }

  get(id: unknown): Doc | undefined {
    return this.docs.get(idKey(id));
  }

  /** The grid of a 2dsphere-indexed field, if any. */
  grid(field: string): GeoGrid | undefined {
    for (const ix of this.indexes) {
      const g = ix.grids.get(field);
      if (g) return g;
    }
    return undefined;
  }

  /** Insert or replace a committed document, keeping the indexes in step. Unique checks happen before. */
  put(doc: Doc): void {
    const key = idKey(doc._id);
    const old = this.docs.get(key);
    for (const ix of this.indexes) {
      if (old) unindex(ix, key, old);
      index(ix, key, doc);
    }
    if (!old) this.position.set(key, this.nextPosition++);
    this.docs.set(key, doc);
  }

  /**
   * Insert many new documents (none of them stored yet): unique indexes and grids one document at a time, so
   * `uniqueViolation` sees the earlier ones of the batch; the other indexes in one merge at the end. Throws the
   * first unique violation, leaving the collection as it was.
   */
  insertMany(docs: Doc[]): void {
    const done: [string, Doc][] = [];
    try {
      for (const doc of docs) {
        const err = this.uniqueViolation(doc);
        if (err) throw err;
        const key = idKey(doc._id);
        for (const ix of this.indexes) {
          if (ix.unique) ix.structure.add(key, doc);
          for (const g of ix.grids.values()) g.add(key, doc);
        }
        this.position.set(key, this.nextPosition++);
        this.docs.set(key, doc);
        done.push([key, doc]);
      }
    } catch (e) {
      for (const [key, doc] of done) {
        for (const ix of this.indexes) {
          if (ix.unique) ix.structure.remove(key, doc);
          for (const g of ix.grids.values()) g.remove(key, doc);
        }
        this.docs.delete(key);
        this.position.delete(key);
      }
      throw e;
    }
    for (const ix of this.indexes) if (!ix.unique) ix.structure.addMany(done);
  }

  /** Replay: set or drop a stored document without touching indexes (`rebuild` builds them afterwards). */
  load(key: string, doc: Doc | null): void {
    if (doc) this.docs.set(key, doc);
    else this.docs.delete(key);
  }

  /** Build every index and the scan order from the documents, in bulk (after `load`). */
  rebuild(): void {
    this.position.clear();
    this.nextPosition = 0;
    for (const key of this.docs.keys()) this.position.set(key, this.nextPosition++);
    for (const ix of this.indexes) {
      ix.structure.build(this.docs);
      for (const g of ix.grids.values()) {
        g.clear();
        for (const [key, doc] of this.docs) g.add(key, doc);
      }
    }
  }

  delete(id: unknown): Doc | undefined {
    const key = idKey(id);
    const old = this.docs.get(key);
    if (!old) return undefined;
    for (const ix of this.indexes) unindex(ix, key, old);
    this.docs.delete(key);
    this.position.delete(key);
    return old;
  }

  plan(query: Record<string, unknown>, sort?: Record<string, unknown>, nearest?: NearestHint): Plan {
    return plan(query, sort, this.indexes, (ids) => new Set(ids.map(idKey).filter((k) => this.docs.has(k))), nearest);
  }

  /** Candidate committed documents for a query (a superset of the matches). */
  candidates(p: Plan): Doc[] {
    const ids = p.candidates ? p.candidates() : null;
    const out: Doc[] = [];
    if (ids) {
      for (const k of p.docOrder ? this.inDocOrder(ids) : ids) out.push(this.docs.get(k)!);
    } else {
      for (const d of this.docs.values()) out.push(d);
    }
    const found = out.filter((d) => d !== undefined);
    this.examined += found.length;
    return found;
  }

  /**
   * The first `wanted` matches of a query in its order (with any documents tied with the last of them), read
   * through an index in order and stopping there, as MongoDB reads a limited query; null when no index gives that
   * order (or a document's sort value is one this walk cannot order: an array, a missing value, a mixed type), so
   * the caller reads every candidate instead. Each document read counts as examined.
   */
  readInOrder(query: Record<string, unknown>, sort: Record<string, unknown> | undefined, wanted: number, test: (doc: Doc) => boolean): Doc[] | null {
    if (!Number.isFinite(wanted)) return null;
    const wp = walkPlan(query, sort, this.indexes);
    if (!wp) return null;
    // The sort's fields, at key positions groupAt…: a read stops after the run of entries tied on all of them.
    const sortFields = wp.groupAt === undefined ? [] : wp.index.fields.slice(wp.groupAt, wp.groupAt + wp.groupLength!);
    const tiedWith = (a: unknown[], b: unknown[]): boolean => sortFields.every((_, i) => compare(a[wp.groupAt! + i], b[wp.groupAt! + i]) === 0);
    const seen = new Set<string>();
    const found: Doc[] = [];
    const sortTypes: (string | undefined)[] = sortFields.map(() => undefined);
    let stopAfter: unknown[] | undefined; // the key whose run of equal sort values ends the read
    // With an order, several prefixes (an exploded $in) are merged into one walk in that order.
    const walks = sortFields.length > 0 && wp.prefixes.length > 1 ? [mergeWalks(wp.prefixes.map((prefix) => wp.index.structure.walk(prefix, wp.range, wp.reverse)), wp.groupAt!, sortFields.length, wp.reverse)] : wp.prefixes.map((prefix) => wp.index.structure.walk(prefix, wp.range, wp.reverse));
    for (const walk of walks) {
      for (const entry of walk) {
        if (stopAfter && !tiedWith(entry.key, stopAfter)) break;
        if (seen.has(entry.id)) continue;
        seen.add(entry.id);
        const doc = this.docs.get(entry.id);
        if (!doc) continue;
        this.examined++;
        if (!test(doc)) continue;
        for (const [i, field] of sortFields.entries()) {
          const v = resolve(doc as AnyObject, field);
          const type = v instanceof Date ? 'date' : typeof v;
          if (v === undefined || v === null || Array.isArray(v) || (sortTypes[i] !== undefined && type !== sortTypes[i])) return null;
          sortTypes[i] = type;
        }
        found.push(doc);
        if (found.length >= wanted && !stopAfter) {
          if (sortFields.length === 0) return found;
          stopAfter = entry.key;
        }
      }
      if (stopAfter) break;
    }
    // Index order, as the plan's candidates come, so ties among equal sort values fall as they would there.
    return wp.reverse ? found.reverse() : found;
  }

  /** Committed documents by id, in collection order (counted as examined). */
  fetch(ids: Set<string>): Doc[] {
    const out = this.inDocOrder(ids).map((k) => this.docs.get(k)!);
    this.examined += out.length;
    return out;
  }

  /** Every committed document (a full read, counted as examined). */
  all(): Doc[] {
    this.examined += this.docs.size;
    return [...this.docs.values()];
  }

  /** Ids of committed documents, in the order a full scan reads them. */
  private inDocOrder(ids: Set<string>): string[] {
    return [...ids].filter((k) => this.position.has(k)).sort((a, b) => this.position.get(a)! - this.position.get(b)!);
  }

  /**
   * The E11000 error `doc` would cause, or null. `overlay` holds a transaction's uncommitted writes to this
   * collection: those replace their committed versions for the check.
   */
  uniqueViolation(doc: Doc, overlay?: Overlay): DbError | null {
    return this.uniqueClash(doc, overlay)?.error ?? null;
  }

  /** As `uniqueViolation`, with the id of the document `doc` clashes with (`committed`: not an overlaid one). */
  uniqueClash(doc: Doc, overlay?: Overlay): { error: DbError; id: string; committed: boolean } | null {
    const self = idKey(doc._id);
    for (const ix of this.indexes) {
      if (!ix.unique) continue;
      for (const { key, ids } of ix.structure.holders(doc)) {
        for (const other of ids) {
          // A document the transaction rewrote is checked in its overlaid version below.
          if (other !== self && !overlay?.has(other)) return { error: duplicate(this.name, ix.name, ix.fields, key), id: other, committed: true };
        }
      }
      if (!overlay) continue;
      const clash = overlayClash(doc, overlay, ix.fields);
      if (clash) return { error: duplicate(this.name, ix.name, ix.fields, clash.key), id: clash.id, committed: false };
    }
    return null;
  }

  /** Whether `doc` shares a unique key with a document another open transaction has written but not committed. */
  clashesWithOverlay(doc: Doc, overlay: Overlay): boolean {
    return this.indexes.some((ix) => ix.unique && overlayClash(doc, overlay, ix.fields) !== null);
  }
}

type IndexEntry = { key: unknown[]; id: string };

/**
 * Index walks, each in order, merged into one in that order (MongoDB's SORT_MERGE): by the `length` key positions
 * from `at`, descending when `reverse` (each walk already runs backwards then).
 */
function* mergeWalks(walks: Generator<IndexEntry>[], at: number, length: number, reverse: boolean): Generator<IndexEntry> {
  const order = (a: IndexEntry, b: IndexEntry): number => {
    for (let i = at; i < at + length; i++) {
      const c = compare(a.key[i], b.key[i]);
      if (c !== 0) return reverse ? -c : c;
    }
    return 0;
  };
  const heads = walks.map((w) => w.next());
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) if (!heads[i]!.done && (best < 0 || order(heads[i]!.value as IndexEntry, heads[best]!.value as IndexEntry) < 0)) best = i;
    if (best < 0) return;
    yield heads[best]!.value as IndexEntry;
    heads[best] = walks[best]!.next();
  }
}

function overlayClash(doc: Doc, overlay: Overlay, fields: string[]): { key: unknown[]; id: string } | null {
  const self = idKey(doc._id);
  const mine = keysOf(doc, fields);
  for (const [other, d] of overlay) {
    if (other === self || !d) continue;
    const theirs = keysOf(d, fields);
    const key = mine.find((k) => theirs.some((t) => compare(k, t) === 0));
    if (key) return { key, id: other };
  }
  return null;
}

function index(ix: IndexInfo, key: string, doc: Doc): void {
  ix.structure.add(key, doc);
  for (const g of ix.grids.values()) g.add(key, doc);
}

function unindex(ix: IndexInfo, key: string, doc: Doc): void {
  ix.structure.remove(key, doc);
  for (const g of ix.grids.values()) g.remove(key, doc);
}

/** MongoDB's wording, which CloudBase passes through; functions detect it with /E11000|duplicate key/. */
export function duplicate(coll: string, index: string, fields: string[], key: unknown[]): DbError {
  const parts = fields.map((f, i) => `${f}: ${formatValue(key[i])}`);
  return requestFailed(`E11000 duplicate key error collection: ${coll} index: ${index} dup key: { ${parts.join(', ')} }`);
}

function formatValue(v: unknown): string {
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (v === undefined) return 'null';
  return EJSON.stringify({ v }, { relaxed: true }).slice(5, -1);
}
