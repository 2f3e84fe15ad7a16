// Reading more than one page: a function's get() returns at most 100 documents on CloudBase.
import type { Database } from './db';

/** CloudBase answers at most 100 documents per get() in a function. */
export const PAGE = 100;

export type Query = ReturnType<ReturnType<Database['collection']>['where']>;

/** The documents one query answers (at most 100 in a function). */
export async function rows<T>(query: Query): Promise<T[]> {
  return ((await query.get()) as unknown as { data: T[] }).data;
}

/** Every document of a query, 100 at a time in _id order, up to `cap` (the query must be supported by an index). */
export async function allRows<T>(query: Query, cap = 1000): Promise<T[]> {
  const out: T[] = [];
  while (out.length < cap) {
    const page = await rows<T>(query.orderBy('_id', 'asc').skip(out.length).limit(PAGE));
    out.push(...page);
    if (page.length < PAGE) break;
  }
  return out;
}

/** Every document a paged query answers, `page(skip)` giving one page in a stable order, up to `cap`. */
export async function allPages<T>(page: (skip: number) => Promise<{ data: unknown[] }>, cap = 2000): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; skip < cap; skip += PAGE) {
    const { data } = await page(skip);
    out.push(...(data as T[]));
    if (data.length < PAGE) break;
  }
  return out;
}

/** `items` cut into runs of at most `size` (e.g. deleteFile takes at most 50 files per call). */
export function inBatches<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('inBatches: size must be a positive integer');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
