// mingo glue: one shared context with mingo's operators plus our geo operators; matching, sorting, projection
// and aggregation over plain documents.
import { Aggregator, Context, Query, update as mingoUpdate } from 'mingo';
import type { AnyObject, Options } from 'mingo/types/types';
import { clone, isPlainObject, type Doc } from './codec';
import { requestFailed } from './errors';
import { distanceMeters, firstPoint, geoQueryOperators, parseNear, type NearSpec } from './geo';

const context = Context.init().addQueryOps(geoQueryOperators as unknown as Parameters<Context['addQueryOps']>[0]);

export type Criteria = Record<string, unknown>;
export type SortSpec = Record<string, 1 | -1>;

function options(extra?: Partial<Options>): Partial<Options> {
  return { context, ...extra };
}

/** Wrap mingo's errors (unknown operator, bad argument) as CloudBase request failures. */
function guard<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if ((e as { code?: string }).code) throw e;
    throw requestFailed(`${what}: ${(e as Error).message}`);
  }
}

export function compileQuery(query: Criteria): (doc: Doc) => boolean {
  const q = guard('bad query', () => new Query(query as AnyObject, options()));
  return (doc) => q.test(doc as AnyObject);
}

/** The `{field: {$nearSphere|$near}}` clause of a query (top level or inside a top-level $and), if any. */
export function nearClause(query: Criteria): { field: string; spec: NearSpec } | null {
  for (const [k, v] of Object.entries(query)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const sub of v) {
        const found = isPlainObject(sub) ? nearClause(sub) : null;
        if (found) return found;
      }
    } else if (!k.startsWith('$') && isPlainObject(v)) {
      const op = v.$nearSphere ?? v.$near;
      if (op !== undefined) return { field: k, spec: parseNear(op) };
    }
  }
  return null;
}

/** Sort (stable), then skip/limit, then project. Geo-near queries without an explicit order come nearest first. */
export function arrange(docs: Doc[], query: Criteria, sort: SortSpec | undefined, skip: number, limit: number, projection?: Record<string, unknown>): Doc[] {
  let list = docs;
  const near = nearClause(query);
  if (near && (!sort || Object.keys(sort).length === 0)) {
    list = list
      .map((d) => ({ d, dist: distance(d, near.field, near.spec) }))
      .sort((a, b) => a.dist - b.dist)
      .map((x) => x.d);
  }
  return guard('bad sort or projection', () => {
    let cursor = new Query({}, options()).find<Doc>(list, normalizeProjection(projection));
    if (sort && Object.keys(sort).length) cursor = cursor.sort(sort);
    return cursor.skip(skip).limit(limit).all();
  });
}

function distance(d: Doc, field: string, spec: NearSpec): number {
  const p = firstPoint(d, field);
  return p ? distanceMeters(spec.center, p) : Infinity;
}

/** CloudBase accepts `field({a: true, b: false})`; MongoDB refuses mixing, so inclusion wins (except `_id`). */
export function normalizeProjection(p: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!p || Object.keys(p).length === 0) return undefined;
  const included = Object.entries(p).filter(([k, v]) => k !== '_id' && (v === 1 || v === true));
  if (included.length === 0) return p;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) {
    if (v === 0 || v === false) {
      if (k === '_id') out[k] = 0;
    } else out[k] = v;
  }
  return out;
}

/** Apply update operators to a copy of `doc`. */
export function applyUpdate(doc: Doc, modifier: Record<string, unknown>): Doc {
  const copy = clone(doc);
  guard('bad update', () => mingoUpdate(copy as AnyObject, modifier as never, undefined, undefined, { cloneMode: 'deep', queryOptions: options() }));
  return copy;
}

export function runPipeline(docs: Doc[], pipeline: Record<string, unknown>[], resolveCollection: (name: string) => Doc[]): Doc[] {
  return guard('aggregate failed', () => {
    const agg = new Aggregator(pipeline as AnyObject[], options({ collectionResolver: (name: string) => resolveCollection(name) as AnyObject[] }));
    return agg.run(docs as AnyObject[]) as Doc[];
  });
}
