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
}

export interface CollectionStats {
  queries: number;
  examined: number;
  returned: number;
}

export interface StatsReport {
  collections: Record<string, CollectionStats>;
  /** The most recent queries, oldest first. */
  recent: QueryRecord[];
}

interface Pending {
  collection: string;
  operation: QueryOperation;
  query: unknown;
  examined: number;
  returned: number;
}

export class QueryStats {
  private readonly recent: Pending[] = [];
  private readonly totals = new Map<string, CollectionStats>();

  constructor(private readonly keep = 200) {}

  record(r: Pending): void {
    const t = this.totals.get(r.collection) ?? { queries: 0, examined: 0, returned: 0 };
    t.queries++;
    t.examined += r.examined;
    t.returned += r.returned;
    this.totals.set(r.collection, t);
    // The query is kept as given and only printed when asked for: recording costs nothing per request.
    this.recent.push(r);
    if (this.recent.length > this.keep) this.recent.shift();
  }

  report(collection?: string): StatsReport {
    const collections: Record<string, CollectionStats> = {};
    for (const [name, t] of this.totals) if (!collection || name === collection) collections[name] = { ...t };
    const recent = this.recent
      .filter((r) => !collection || r.collection === collection)
      .map((r) => ({ ...r, query: EJSON.stringify(r.query as Record<string, unknown>, { relaxed: true }) }));
    return { collections, recent };
  }

  reset(): void {
    this.recent.length = 0;
    this.totals.clear();
  }
}
