// Reading more than one page, never with skip: a function's get() returns at most 100 documents on CloudBase, and
// a skip makes the database read every document it skips. Pages continue after the last document read (keyset
// paging) in an order an index gives, so each page reads what it answers (database/collections.json declares an
// index of the where's fields followed by the order's field and `_id`).
import type { Database } from './db';

/** CloudBase answers at most 100 documents per get() in a function. */
export const PAGE = 100;

export type Query = ReturnType<ReturnType<Database['collection']>['where']>;

/** The documents one query answers (at most 100 in a function). */
export async function rows<T>(query: Query): Promise<T[]> {
  return ((await query.get()) as unknown as { data: T[] }).data;
}

/** An order for keyset paging: one field, then `_id` ascending to break ties. */
export interface KeysetOrder {
  field: string;
  direction: 'asc' | 'desc';
  /** The tie-break's direction (default ascending): an index declared `field -1, _id -1` is read in order with 'desc'. */
  idDirection?: 'asc' | 'desc';
}

/** Where the last page ended: the last document's order value and id. */
export interface Position {
  value?: unknown;
  id: string;
}

type Keyed = { _id: string };

/**
 * One page of `where` in `order` then `_id` (or `_id` alone), after `after`. With an order, documents tied with
 * `after` on its value come first (equal value, larger `_id`), then those past it: two index reads, each stopping
 * at `size`. `next` is where a following page starts, null when this one was not full.
 */
export async function keysetPage<T extends Keyed>(
  db: Database,
  collection: string,
  where: Record<string, unknown>,
  order: KeysetOrder | null,
  after: Position | null,
  size: number,
): Promise<{ rows: T[]; next: Position | null }> {
  const _ = db.command;
  const coll = db.collection(collection);
  const out: T[] = [];
  if (!order) {
    const condition = after ? { ...where, _id: _.gt(after.id) } : where;
    out.push(...(await rows<T>(coll.where(condition).orderBy('_id', 'asc').limit(size))));
  } else {
    const idDirection = order.idDirection ?? 'asc';
    if (after) {
      const tied = { ...where, [order.field]: after.value, _id: idDirection === 'asc' ? _.gt(after.id) : _.lt(after.id) };
      out.push(...(await rows<T>(coll.where(tied).orderBy('_id', idDirection).limit(size))));
    }
    if (out.length < size) {
      const past = after ? { ...where, [order.field]: order.direction === 'asc' ? _.gt(after.value) : _.lt(after.value) } : where;
      out.push(...(await rows<T>(coll.where(past).orderBy(order.field, order.direction).orderBy('_id', idDirection).limit(size - out.length))));
    }
  }
  const last = out[out.length - 1];
  const next = out.length === size && last ? { ...(order ? { value: (last as Record<string, unknown>)[order.field] } : {}), id: last._id } : null;
  return { rows: out, next };
}

/** Every document of `where`, 100 at a time in keyset order, up to `cap`. */
export async function everyRow<T extends Keyed>(db: Database, collection: string, where: Record<string, unknown>, order: KeysetOrder | null = null, cap = 2000): Promise<T[]> {
  const out: T[] = [];
  let after: Position | null = null;
  do {
    const page: { rows: T[]; next: Position | null } = await keysetPage<T>(db, collection, where, order, after, Math.min(PAGE, cap - out.length));
    out.push(...page.rows);
    after = page.next;
  } while (after && out.length < cap);
  return out;
}

/** `items` cut into runs of at most `size` (e.g. deleteFile takes at most 50 files per call). */
export function inBatches<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('inBatches: size must be a positive integer');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
