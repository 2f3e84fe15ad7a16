// A small query planner. A query is "supported" when `_id` is pinned by equality/$in, or a declared index has a
// non-empty prefix of its fields each constrained by equality/$in/range at the top level (or in a top-level
// $and), or a geo operator targets a field with a 2dsphere index, or every branch of a top-level $or is
// supported, or the query is empty and sorted by an index's first field. The plan also yields the candidate ids
// to evaluate (a superset of the matches), or null for a full scan.
import { isPlainObject } from './codec';
import { GEO_OPERATORS } from './geo';
import { conditionBoxes, type GeoGrid, type NearestHint } from './geogrid';
import { compare, keysOf, type Range, type SortedIndex } from './indexes';
import type { Doc } from './codec';

export interface IndexInfo {
  name: string;
  fields: string[];
  geo: string[]; // fields indexed as 2dsphere
  /** Declared direction per field: which sorts the index can give (CloudBase: all as declared, or all reversed). */
  directions: (1 | -1 | '2dsphere')[];
  unique: boolean;
  structure: SortedIndex;
  grids: Map<string, GeoGrid>; // one per 2dsphere field
}

export interface Plan {
  indexed: boolean;
  index?: string;
  reason?: string;
  /** Candidate ids, or null when every document must be examined. */
  candidates: (() => Set<string> | null) | null;
  /**
   * The candidates come in no useful order (grid cells): put them back in collection order, the order a full
   * scan (what geo queries did before) reads, on which nearest-first ties and single updates depend.
   */
  docOrder?: boolean;
}

interface FieldConstraint {
  eq?: unknown[]; // alternatives ($in or a single value)
  range?: Range;
  geo?: Record<string, unknown>; // the field's condition holding a geo operator
}

const MAX_COMBINATIONS = 1000;
/** MongoDB's internalQueryMaxScansToExplode: the most index scans an $in prefix becomes to give a sort order. */
const MAX_EXPLODED_SCANS = 200;

function isLiteral(v: unknown): boolean {
  if (v instanceof RegExp) return false;
  if (isPlainObject(v)) return !Object.keys(v).some((k) => k.startsWith('$'));
  return true;
}

/** Constraints per field from the top level and top-level $and. Returns null for an unindexable shape. */
export function constraintsOf(query: Record<string, unknown>): Map<string, FieldConstraint> {
  const out = new Map<string, FieldConstraint>();
  const visit = (q: Record<string, unknown>): void => {
    for (const [field, cond] of Object.entries(q)) {
      if (field === '$and' && Array.isArray(cond)) {
        for (const sub of cond) if (isPlainObject(sub)) visit(sub);
        continue;
      }
      if (field.startsWith('$')) continue;
      const c = analyze(cond);
      if (!c) continue;
      const prev = out.get(field);
      // Keep the tighter constraint: equality beats range; a second range is left to mingo.
      if (!prev || (c.eq && !prev.eq) || (c.geo && !prev.eq && !prev.range)) out.set(field, { ...prev, ...c });
    }
  };
  visit(query);
  return out;
}

function analyze(cond: unknown): FieldConstraint | null {
  if (isLiteral(cond)) return { eq: [cond] };
  if (!isPlainObject(cond)) return null;
  if (Object.keys(cond).some((k) => GEO_OPERATORS.has(k))) return { geo: cond };
  if ('$eq' in cond && isLiteral(cond.$eq)) return { eq: [cond.$eq] };
  if (Array.isArray(cond.$in) && cond.$in.every(isLiteral)) return { eq: cond.$in };
  const range: Range = {};
  if ('$gt' in cond) range.lower = { value: cond.$gt, inclusive: false };
  if ('$gte' in cond) range.lower = { value: cond.$gte, inclusive: true };
  if ('$lt' in cond) range.upper = { value: cond.$lt, inclusive: false };
  if ('$lte' in cond) range.upper = { value: cond.$lte, inclusive: true };
  return range.lower || range.upper ? { range } : null;
}

function combinations(lists: unknown[][]): unknown[][] | null {
  let out: unknown[][] = [[]];
  for (const l of lists) {
    const next: unknown[][] = [];
    for (const t of out) for (const v of l) next.push([...t, v]);
    if (next.length > MAX_COMBINATIONS) return null;
    out = next;
  }
  return out;
}

interface Choice {
  index: IndexInfo;
  score: number;
  candidates: (() => Set<string> | null) | null;
  docOrder?: boolean;
}

/**
 * Reading a geo condition through the grid: the cells under its bounding boxes, or for nearest-first on this
 * field without a bound, rings around the centre until the k wanted are found; null when neither applies.
 */
function gridScan(grid: GeoGrid, cond: Record<string, unknown>, nearest: NearestHint | undefined): (() => Set<string>) | null {
  const boxes = conditionBoxes(cond);
  if (boxes) return () => grid.within(boxes);
  if (nearest?.field === grid.field) return () => grid.nearest(nearest.center, nearest.k, nearest.rank);
  return null;
}

function chooseIndex(cons: Map<string, FieldConstraint>, indexes: IndexInfo[], primary: (ids: unknown[]) => Set<string>, nearest?: NearestHint): Choice | null {
  const id = cons.get('_id');
  if (id?.eq) {
    const values = id.eq;
    const index: IndexInfo = { name: '_id_', fields: ['_id'], geo: [], directions: [1], unique: true, structure: null as never, grids: new Map() };
    return { index, score: 1e9, candidates: () => primary(values) };
  }
  let best: Choice | null = null;
  for (const ix of indexes) {
    const eqs: unknown[][] = [];
    let range: Range | undefined;
    let used = 0;
    let geo: { field: string; cond: Record<string, unknown> } | undefined;
    for (const f of ix.fields) {
      const c = cons.get(f);
      if (!c) break;
      if (ix.geo.includes(f)) {
        if (!c.geo) break;
        geo = { field: f, cond: c.geo };
        used++;
        break; // the sorted structure cannot narrow past a geo field
      }
      if (c.eq) {
        eqs.push(c.eq);
        used++;
        continue;
      }
      if (c.range) {
        range = c.range;
        used++;
      }
      break;
    }
    if (used === 0) continue;
    const score = used * 10 + (ix.unique ? 5 : 0) + eqs.length - (geo ? 3 : 0);
    if (best && best.score >= score) continue;
    const structure = ix.structure;
    const combos = combinations(eqs);
    const narrowable = !ix.geo.includes(ix.fields[0]) && combos !== null && (eqs.length > 0 || range !== undefined);
    if (narrowable) {
      const scan = (): Set<string> => {
        const ids = new Set<string>();
        for (const prefix of combos) for (const i of structure.find(prefix, range)) ids.add(i);
        return ids;
      };
      best = { index: ix, score, candidates: scan };
      continue;
    }
    const grid = geo ? gridScan(ix.grids.get(geo.field)!, geo.cond, nearest) : null;
    best = { index: ix, score, candidates: grid, docOrder: grid !== null };
  }
  return best;
}

/**
 * `nearest`: the query is read nearest-first and only its first `k` results matter (see NearestHint), which
 * lets a geo index without a distance bound stop early.
 */
export function plan(
  query: Record<string, unknown>,
  sort: Record<string, unknown> | undefined,
  indexes: IndexInfo[],
  primary: (ids: unknown[]) => Set<string>,
  nearest?: NearestHint,
): Plan {
  const cons = constraintsOf(query);
  const chosen = chooseIndex(cons, indexes, primary, nearest);
  if (chosen) return { indexed: true, index: chosen.index.name, candidates: chosen.candidates, docOrder: chosen.docOrder };

  // A top-level $or is supported when each branch is (candidates: the union).
  const or = query.$or;
  if (Array.isArray(or) && or.length > 0) {
    const branches = or.map((b) => (isPlainObject(b) ? plan({ ...b }, undefined, indexes, primary) : null));
    if (branches.every((b) => b?.indexed)) {
      const names = [...new Set(branches.map((b) => b!.index))];
      const all = branches.every((b) => b!.candidates);
      return {
        indexed: true,
        index: names.join('|'),
        candidates: all
          ? () => {
              const ids = new Set<string>();
              for (const b of branches) {
                const found = b!.candidates!();
                if (!found) return null; // one branch needs a full read, so the union does too
                for (const i of found) ids.add(i);
              }
              return ids;
            }
          : null,
        docOrder: branches.some((b) => b!.docOrder),
      };
    }
  }

  if (Object.keys(query).length === 0) {
    const first = sort ? Object.keys(sort)[0] : undefined;
    const ix = first ? indexes.find((i) => i.fields[0] === first) : undefined;
    if (first === '_id') return { indexed: true, index: '_id_', candidates: null };
    if (ix) return { indexed: true, index: ix.name, candidates: null };
    return { indexed: false, reason: 'empty query without an index-ordered sort scans the whole collection', candidates: null };
  }
  const fields = [...cons.keys()];
  return {
    indexed: false,
    reason: fields.length
      ? `no declared index starts with a constrained field (constrained: ${fields.join(', ')})`
      : 'no field is constrained by equality, $in, a range or a geo operator',
    candidates: null,
  };
}

/**
 * Reading an index in order and stopping early, as MongoDB does for a limited query: the index entries under
 * `prefixes` (each an equality prefix; with an order, their walks are merged in it), the next field bounded by `range`, walked backwards when
 * `reverse`. `groupAt`: the key position of the first sort field, when the walk gives the query's order, and
 * `groupLength` the number of sort fields; the reader then finishes the run of entries equal on every sort field it
 * stops in (none when the sort ends with a unique field such as `_id`), so an in-memory sort of what was read gives exactly the
 * result of sorting every candidate.
 */
export interface WalkPlan {
  index: IndexInfo;
  prefixes: unknown[][];
  range?: Range;
  reverse: boolean;
  groupAt?: number;
  groupLength?: number;
}

const isScalarLiteral = (v: unknown): boolean => isLiteral(v) && !Array.isArray(v) && !isPlainObject(v);

/**
 * How to read a limited query through an index without reading every candidate, or null. Without a sort, the
 * index `plan` chooses, read in its candidate order (the result is the same, read lazily). With a sort, an index
 * whose fields after single-value equalities are the sort's fields, every direction as declared or every one
 * reversed (CloudBase's rule for compound indexes); the most equalities win.
 */
export function walkPlan(query: Record<string, unknown>, sort: Record<string, unknown> | undefined, indexes: IndexInfo[]): WalkPlan | null {
  const cons = constraintsOf(query);
  if (cons.get('_id')?.eq) return null; // a primary look-up reads only what it names
  if ([...cons.values()].some((c) => c.geo)) return null;
  const order = Object.entries(sort ?? {});
  if (order.length === 0) {
    const chosen = chooseIndex(cons, indexes, () => new Set());
    if (!chosen || chosen.index.geo.length > 0) return null;
    const eqs: unknown[][] = [];
    let range: Range | undefined;
    for (const f of chosen.index.fields) {
      const c = cons.get(f);
      if (c?.eq) {
        eqs.push(c.eq);
        continue;
      }
      range = c?.range;
      break;
    }
    const prefixes = combinations(eqs);
    if (!prefixes || (eqs.length === 0 && !range)) return null;
    return { index: chosen.index, prefixes, range, reverse: false };
  }
  let best: WalkPlan | null = null;
  let bestEqs = -1;
  for (const ix of indexes) {
    if (ix.geo.length > 0) continue;
    const lists: unknown[][] = [];
    for (const f of ix.fields) {
      const c = cons.get(f);
      if (!c?.eq || !c.eq.every(isScalarLiteral)) break;
      lists.push(c.eq);
    }
    const k = lists.length;
    if (k + order.length > ix.fields.length) continue;
    const flips = order.map(([field, dir], i) => (ix.fields[k + i] !== field ? null : dir === ix.directions[k + i] ? 1 : dir === -(ix.directions[k + i] as number) ? -1 : null));
    if (flips.some((f) => f === null) || new Set(flips).size !== 1) continue;
    // Reading a whole index in order pays only when nothing else narrows the query.
    if (k === 0 && cons.size > 0 && !cons.has(ix.fields[0])) continue;
    if (k <= bestEqs) continue;
    const first = cons.get(ix.fields[k]);
    if (first?.eq) continue; // an $in on the sort field: several runs, left to the plan
    // $in before the sort fields: one walk per combination, merged in order ("explode for sort", at most
    // MAX_EXPLODED_SCANS walks as MongoDB's internalQueryMaxScansToExplode; more is a blocking sort there).
    const prefixes = combinations(lists);
    if (!prefixes || prefixes.length > MAX_EXPLODED_SCANS) continue;
    const reverse = (order[0][1] as number) < 0;
    // The sorted structure holds every field ascending, whatever the declared direction, so a walk gives exactly the
    // leading order fields that run its way (all of `publishedAt desc, _id desc` walked backwards, only `publishedAt`
    // of `publishedAt desc, _id asc`); ties on those are finished and sorted in memory.
    const exact = order.findIndex(([, dir]) => (dir as number) < 0 !== reverse);
    best = { index: ix, prefixes, range: first?.range, reverse, groupAt: k, groupLength: exact < 0 ? order.length : exact };
    bestEqs = k;
  }
  return best;
}

/**
 * For a geo read on `field` (`$geoNear`): the 2dsphere index on it whose other fields the query constrains most,
 * and a test of those constraints on a document's index keys. MongoDB checks the bounds of a compound 2dsphere
 * index's other fields on the index keys, so a document they rule out is never fetched (examined); its planner
 * keeps the plan that answers with the least work, which is this index. Null when no index has such a field.
 */
export function geoKeyFilter(query: Record<string, unknown>, indexes: IndexInfo[], field: string): { index: string; test: (doc: Doc) => boolean } | null {
  const cons = constraintsOf(query);
  let best: { index: IndexInfo; fields: string[] } | null = null;
  for (const ix of indexes) {
    if (!ix.geo.includes(field)) continue;
    const fields = ix.fields.filter((f) => !ix.geo.includes(f) && (cons.get(f)?.eq || cons.get(f)?.range));
    if (fields.length > 0 && (!best || fields.length > best.fields.length)) best = { index: ix, fields };
  }
  if (!best) return null;
  const checks = best.fields.map((f) => {
    const c = cons.get(f)!;
    return (doc: Doc): boolean => keysOf(doc, [f]).some(([v]) => (c.eq ? c.eq.some((x) => compare(v, x) === 0) : inRange(v, c.range!)));
  });
  return { index: best.index.name, test: (doc) => checks.every((check) => check(doc)) };
}

function inRange(v: unknown, range: Range): boolean {
  const { lower, upper } = range;
  if (lower) {
    const d = compare(v, lower.value);
    if (d < 0 || (d === 0 && !lower.inclusive)) return false;
  }
  if (upper) {
    const d = compare(v, upper.value);
    if (d > 0 || (d === 0 && !upper.inclusive)) return false;
  }
  return true;
}
