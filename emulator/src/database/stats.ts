// What each query cost: documents examined (index candidates, full reads, $lookup reads) and returned, per query
// and per collection. The bench and tests read it (`service.stats()`, or `database.emulatorStats` on the admin
// API) instead of timing anything.
import { EJSON } from 'bson';

export type QueryOperation = 'get' | 'count' | 'update' | 'remove' | 'aggregate';

export interface QueryRecord {
  collection: string;
  operation: QueryOperation;
  /** The query (or pipeline), as canonical relaxed EJSON. */
  query: string;
  examined: number;
  returned: number;
  /** The query's shape: see `queryShape`. */
  shape: string;
}

export interface CollectionStats {
  queries: number;
  examined: number;
  returned: number;
}

/** Totals of every query of one shape, and the highest examined/returned of any one of them. */
export interface ShapeStats extends CollectionStats {
  collection: string;
  operation: QueryOperation;
  /** examined / max(returned, 1) of the costliest query of this shape. */
  worstRatio: number;
}

export interface StatsReport {
  collections: Record<string, CollectionStats>;
  /** Per query shape (collection, operation, fields and operators, sort), since the last reset. */
  shapes: Record<string, ShapeStats>;
  /** The most recent queries, oldest first. */
  recent: QueryRecord[];
}

interface Pending {
  collection: string;
  operation: QueryOperation;
  query: unknown;
  sort?: Record<string, unknown>;
  examined: number;
  returned: number;
}

/**
 * A query with its values left out: field names and operators kept, each value replaced by `?` (a list by `[?]`),
 * then the sort. `{ orgId: 'o1', status: { $in: ['a', 'b'] } }` sorted by since is `{orgId:?,status:{$in:[?]}} sort {since:1}`.
 */
export function queryShape(query: unknown, sort?: Record<string, unknown>): string {
  const shape = (v: unknown): string => {
    if (Array.isArray(v)) return v.length > 0 && v.every((x) => isObject(x)) ? `[${v.map(shape).join(',')}]` : '[?]';
    if (isObject(v)) return `{${Object.keys(v).map((k) => `${k}:${shape(v[k])}`).join(',')}}`;
    return '?';
  };
  const sorted = sort && Object.keys(sort).length ? ` sort {${Object.entries(sort).map(([k, d]) => `${k}:${String(d)}`).join(',')}}` : '';
  return shape(query) + sorted;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp) && Object.getPrototypeOf(v) === Object.prototype;
}

export class QueryStats {
  private readonly recent: Pending[] = [];
  private readonly totals = new Map<string, CollectionStats>();
  private readonly shapes = new Map<string, ShapeStats>();

  constructor(private readonly keep = 200) {}

  record(r: Pending): void {
    const t = this.totals.get(r.collection) ?? { queries: 0, examined: 0, returned: 0 };
    t.queries++;
    t.examined += r.examined;
    t.returned += r.returned;
    this.totals.set(r.collection, t);
    const key = `${r.collection} ${r.operation} ${queryShape(r.query, r.sort)}`;
    const sh = this.shapes.get(key) ?? { collection: r.collection, operation: r.operation, queries: 0, examined: 0, returned: 0, worstRatio: 0 };
    sh.queries++;
    sh.examined += r.examined;
    sh.returned += r.returned;
    sh.worstRatio = Math.max(sh.worstRatio, r.examined / Math.max(r.returned, 1));
    this.shapes.set(key, sh);
    // The query is kept as given and only printed when asked for: recording costs nothing per request.
    this.recent.push(r);
    if (this.recent.length > this.keep) this.recent.shift();
  }

  report(collection?: string): StatsReport {
    const collections: Record<string, CollectionStats> = {};
    for (const [name, t] of this.totals) if (!collection || name === collection) collections[name] = { ...t };
    const recent = this.recent
      .filter((r) => !collection || r.collection === collection)
      .map(({ sort, ...r }) => ({ ...r, query: EJSON.stringify(r.query as Record<string, unknown>, { relaxed: true }), shape: queryShape(r.query, sort) }));
    const shapes: Record<string, ShapeStats> = {};
    for (const [key, sh] of this.shapes) if (!collection || sh.collection === collection) shapes[key] = { ...sh };
    return { collections, shapes, recent };
  }

  reset(): void {
    this.recent.length = 0;
    this.totals.clear();
    this.shapes.clear();
  }
}
