// The database proper, in plain JS values: collections, the journal, locks and transactions. `actions.ts`
// translates the SDK's wire format to these calls.
import { EJSON } from 'bson';
import { isEqual, setValue } from 'mingo/util';
import type { AnyObject } from 'mingo/types/types';
import { clone, idFromKey, idKey, isPlainObject, newId, type Doc } from './codec';
import { Collection, duplicate } from './collection';
import { DbError, collectionMissing, conflict, invalidParam, notDocumentOperation, requestFailed } from './errors';
import { distanceMeters, firstPoint, pointOf, type LngLat } from './geo';
import { capBoxes, type NearestHint } from './geogrid';
import type { CollectionConfig, DatabaseServiceOptions } from './index';
import { Journal, type Change } from './journal';
import { checkDocument } from './limits';
import { applyUpdate, arrange, compileQuery, nearClause, runPipeline, type Criteria, type SortSpec } from './query';
import { geoKeyFilter } from './planner';
import { QueryStats, type QueryOperation, type StatsReport } from './stats';
import { LockManager, Transaction, Versions, lockKey } from './transactions';

export interface FindOptions {
  sort?: SortSpec;
  skip?: number;
  limit?: number;
  projection?: Record<string, unknown>;
}

export interface ModifyOptions {
  multi: boolean;
  /** false: `data` replaces the document (doc.set). */
  merge: boolean;
  upsert: boolean;
}

export interface ModifyResult {
  updated: number;
  upsertedId?: unknown;
  doc?: Doc | null;
}

const DEFAULT_LOCK_TIMEOUT_MS = 5000;
const DEFAULT_TRANSACTION_TIMEOUT_MS = 30000;
/** A snapshot is written once the journal has grown by this much since the last one. */
const DEFAULT_COMPACT_JOURNAL_BYTES = 8 * 1024 * 1024;

export interface TransactionCounts {
  begun: number;
  committed: number;
  /** Aborted by a write conflict (fail-fast: another transaction held or changed the document). */
  conflicts: number;
  /** Rolled back by their caller (a refusal or a decision to retry decided mid-transaction). */
  rolledBack: number;
  /** Aborted otherwise: timeout, a failed commit, the database closing. */
  otherAborts: number;
}

export class Engine {
  private readonly collections = new Map<string, Collection>();
  private readonly locks: LockManager;
  private readonly transactions = new Map<string, Transaction>();
  /** Open transactions, whose snapshots `versions` serves. */
  private readonly open = new Set<Transaction>();
  private readonly versions = new Versions();
  /** Sequence number of the last committed change set: a transaction's snapshot is the value at its start. */
  private commitSeq = 0;
  private readonly stats = new QueryStats();
  private readonly configs: Map<string, CollectionConfig>;
  private readonly now: () => Date;
  private readonly txTimeoutMs: number;
  private readonly compactAfterBytes: number;
  private opSeq = 0;
  private closed = false;
  private readonly txCounts: TransactionCounts = { begun: 0, committed: 0, conflicts: 0, rolledBack: 0, otherAborts: 0 };

  constructor(
    private readonly options: DatabaseServiceOptions,
    private readonly journal: Journal | null,
  ) {
    this.configs = new Map(options.collections.map((c) => [c.name, c]));
    this.now = options.now ?? (() => new Date());
    this.locks = new LockManager(options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS);
    this.txTimeoutMs = options.transactionTimeoutMs ?? DEFAULT_TRANSACTION_TIMEOUT_MS;
    this.compactAfterBytes = options.compactJournalBytes ?? DEFAULT_COMPACT_JOURNAL_BYTES;
  }

  /**
   * Replay stored data into the collections' document maps, then build every index once, in bulk (inserting into
   * sorted arrays one entry at a time made restart time grow with the square of the data). A fresh snapshot is
   * written only when there is none yet, the journal ended in a torn line, or it has grown long; otherwise new
   * writes go on appending to the (short) journal.
   */
  load(): void {
    const sets = this.journal?.load() ?? [];
    for (const set of sets) for (const ch of set) this.replay(ch);
    for (const c of this.options.collections) this.ensureCollection(c.name);
    for (const c of this.collections.values()) c.rebuild();
    const j = this.journal;
    if (j && (sets.length === 0 || j.tornTail || j.appendedBytes >= this.compactAfterBytes)) j.compact(this.stateChanges());
  }

  clock(): Date {
    return this.now();
  }

  close(): void {
    if (this.closed) return;
    for (const tx of this.transactions.values()) this.finish(tx, 'aborted', 'database closed');
    if (this.journal && this.journal.appendedBytes > 0) this.journal.compact(this.stateChanges());
    this.journal?.close();
    this.closed = true;
  }

  private stateChanges(): Change[] {
    const out: Change[] = [];
    for (const c of this.collections.values()) out.push({ op: 'create', coll: c.name });
    for (const c of this.collections.values()) for (const doc of c.docs.values()) out.push({ op: 'put', coll: c.name, doc });
    return out;
  }

  private ensureCollection(name: string): Collection {
    let c = this.collections.get(name);
    if (!c) {
      c = new Collection(name, this.configs.get(name) ?? null);
      this.collections.set(name, c);
    }
    return c;
  }

  /** Apply a stored change without checks or indexes (replay; `rebuild` follows). */
  private replay(ch: Change): void {
    const c = this.ensureCollection(ch.coll);
    if (ch.op === 'put') c.load(idKey(ch.doc._id), ch.doc);
    else if (ch.op === 'delete') c.load(idKey(ch.id), null);
  }

  /** Snapshot once the journal has grown past its bound, so the next open replays little. */
  private compactIfLong(): void {
    if (!this.journal || this.journal.appendedBytes < this.compactAfterBytes) return;
    this.journal.compact(this.stateChanges());
  }

  /** Apply a change set atomically: unique checks in order, journal, or undo everything on error. */
  private commitChanges(changes: Change[]): void {
    if (this.isBulkInsert(changes)) return this.commitBulkInsert(changes as Extract<Change, { op: 'put' }>[]);
    const undo: (() => void)[] = [];
    const replaced: [string, Doc | null][] = [];
    try {
      for (const ch of changes) {
        const existed = this.collections.has(ch.coll);
        const c = this.ensureCollection(ch.coll);
        if (!existed) undo.push(() => this.collections.delete(ch.coll));
        if (ch.op === 'put') {
          const err = c.uniqueViolation(ch.doc);
          if (err) throw err;
          const old = c.get(ch.doc._id);
          c.put(ch.doc);
          replaced.push([lockKey(ch.coll, idKey(ch.doc._id)), old ?? null]);
          undo.push(() => (old ? c.put(old) : c.delete(ch.doc._id)));
        } else if (ch.op === 'delete') {
          const old = c.delete(ch.id);
          replaced.push([lockKey(ch.coll, idKey(ch.id)), old ?? null]);
          if (old) undo.push(() => c.put(old));
        }
      }
      this.journal?.append(changes);
    } catch (e) {
      for (const u of undo.reverse()) u();
      throw e;
    }
    this.commitSeq++;
    this.compactIfLong();
    // Open snapshots must still read what this commit replaced, and their writes to it must conflict.
    if (this.open.size) for (const [key, before] of replaced) this.versions.record(key, this.commitSeq, before);
  }

  /** Many new documents into one existing collection: indexed in bulk (insertMany), the same checks and journal. */
  private static readonly BULK = 64;

  private isBulkInsert(changes: Change[]): boolean {
    if (changes.length < Engine.BULK) return false;
    const coll = changes[0].coll;
    const c = this.collections.get(coll);
    return c !== undefined && changes.every((ch) => ch.op === 'put' && ch.coll === coll && !c.docs.has(idKey(ch.doc._id)));
  }

  private commitBulkInsert(changes: Extract<Change, { op: 'put' }>[]): void {
    const c = this.collections.get(changes[0].coll)!;
    c.insertMany(changes.map((ch) => ch.doc));
    try {
      this.journal?.append(changes);
    } catch (e) {
      for (const ch of changes) c.delete(ch.doc._id);
      throw e;
    }
    this.commitSeq++;
    this.compactIfLong();
    if (this.open.size) for (const ch of changes) this.versions.record(lockKey(c.name, idKey(ch.doc._id)), this.commitSeq, null);
  }

  // ---- collections ----

  collection(name: unknown): Collection {
    this.assertOpen();
    if (typeof name !== 'string' || name === '') throw invalidParam('collectionName is required');
    const c = this.collections.get(name);
    if (!c) throw collectionMissing(name);
    return c;
  }

  createCollection(name: unknown): void {
    this.assertOpen();
    if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw invalidParam(`invalid collection name: ${String(name)}`);
    if (this.collections.has(name)) throw new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `[ResourceInUse] Table exist: ${name}`);
    this.commitChanges([{ op: 'create', coll: name }]);
  }

  hasCollection(name: string): boolean {
    return this.collections.has(name);
  }

  explain(name: string, query: Criteria, sort?: SortSpec): { indexed: boolean; index?: string; reason?: string } {
    const c = this.collections.get(name);
    if (!c) return { indexed: false, reason: `collection ${name} does not exist` };
    const p = c.plan(query, sort);
    return p.indexed ? { indexed: true, index: p.index } : { indexed: false, reason: p.reason };
  }

  /** Documents read by queries on a collection since it was opened (0 if it does not exist). */
  examined(name: string): number {
    return this.collections.get(name)?.examined ?? 0;
  }

  /** In strict mode a declared collection refuses queries no declared index supports. */
  private strictCheck(c: Collection, query: Criteria, sort?: SortSpec): void {
    if (!this.options.strict || !c.declared) return;
    const p = c.plan(query, sort);
    if (!p.indexed) {
      throw requestFailed(`[emulator strict] query not supported by any declared index on ${c.name}: ${EJSON.stringify(query, { relaxed: true })} (${p.reason})`);
    }
  }

  // ---- reads ----

  /**
   * Committed documents matching a query (transactions read only by `_id`, through `txRead`). `firstK`: the
   * results are read nearest-first and only the first k are kept (a geo index can stop early).
   */
  private matching(c: Collection, query: Criteria, firstK?: number): Doc[] {
    const test = compileQuery(query);
    const nearest = firstK === undefined ? undefined : nearestHint(c, query, test, firstK);
    return c.candidates(c.plan(query, undefined, nearest)).filter(test);
  }

  /** Cost of recent queries and totals per collection (documents examined and returned). */
  queryStats(collection?: string): StatsReport {
    return this.stats.report(collection);
  }

  resetQueryStats(): void {
    this.stats.reset();
  }

  private examinedTotal(): number {
    let n = 0;
    for (const c of this.collections.values()) n += c.examined;
    return n;
  }

  private recordQuery(name: unknown, operation: QueryOperation, query: unknown, examinedBefore: number, returned: number, sort?: SortSpec): void {
    this.stats.record({ collection: String(name), operation, query, sort, examined: this.examinedTotal() - examinedBefore, returned });
  }

  async find(name: unknown, query: Criteria, opts: FindOptions, txId?: string): Promise<Doc[]> {
    const before = this.examinedTotal();
    const out = await this.findDocs(name, query, opts, txId);
    this.recordQuery(name, 'get', query, before, out.length, opts.sort);
    return out;
  }

  private async findDocs(name: unknown, query: Criteria, opts: FindOptions, txId?: string): Promise<Doc[]> {
    const c = this.collection(name);
    this.strictCheck(c, query, opts.sort);
    const tx = txId ? this.activeTx(txId) : undefined;
    const skip = opts.skip ?? 0;
    const limit = opts.limit ?? Infinity;
    // Without an explicit order a geo-near query comes nearest first (see arrange), so skip + limit bound it.
    const firstK = opts.sort && Object.keys(opts.sort).length ? undefined : skip + limit;
    if (tx) {
      // Snapshot read of one document, no lock.
      const doc = this.txRead(tx, c, this.pinnedKey(query));
      return arrange(doc && compileQuery(query)(doc) ? [doc] : [], query, opts.sort, skip, limit, opts.projection);
    }
    if (firstK !== undefined || (opts.sort && Object.keys(opts.sort).length)) {
      // Geo conditions are never walked (walkPlan): the grid and nearest-first reading above serve them.
      const read = c.readInOrder(query, opts.sort, skip + limit, compileQuery(query));
      if (read) return arrange(read, query, opts.sort, skip, limit, opts.projection);
    }
    return arrange(this.matching(c, query, firstK), query, opts.sort, skip, limit, opts.projection);
  }

  count(name: unknown, query: Criteria, txId?: string): number {
    const c = this.collection(name);
    if (txId) {
      this.activeTx(txId);
      throw notDocumentOperation();
    }
    // Counting a whole collection needs no index (MongoDB answers it from the collection's metadata).
    if (Object.keys(query).length > 0) this.strictCheck(c, query);
    const before = this.examinedTotal();
    const n = this.matching(c, query).length;
    this.recordQuery(name, 'count', query, before, n);
    return n;
  }

  aggregate(name: unknown, stages: Record<string, unknown>[]): Doc[] {
    const before = this.examinedTotal();
    const out = this.aggregateDocs(name, stages);
    this.recordQuery(name, 'aggregate', stages, before, out.length);
    return out;
  }

  private aggregateDocs(name: unknown, stages: Record<string, unknown>[]): Doc[] {
    const c = this.collection(name);
    let input: Doc[];
    let rest = stages;
    const first = stages[0];
    if (first && '$geoNear' in first) {
      const next = stages[1]?.$limit;
      input = this.geoNear(c, first.$geoNear, typeof next === 'number' ? next : Infinity);
      rest = stages.slice(1);
    } else if (first && '$match' in first && isPlainObject(first.$match)) {
      this.strictCheck(c, first.$match);
      input = c.candidates(c.plan(first.$match)); // narrowed by an index; the $match stage still filters
    } else {
      input = c.all();
    }
    for (const s of rest) if ('$geoNear' in s) throw requestFailed('$geoNear is only valid as the first stage in a pipeline.');
    const resolveCollection = (n: string): Doc[] => (this.collections.get(n)?.all() ?? []).map((d) => clone(d));
    return runPipeline(input.map((d) => clone(d)), rest, resolveCollection);
  }

  /**
   * `$geoNear` as the first stage: needs a 2dsphere index, distances in metres, nearest first. `nextLimit`: a
   * `$limit` stage right after it, which bounds how many results matter as its own `limit` does.
   */
  private geoNear(c: Collection, spec: unknown, nextLimit: number): Doc[] {
    // Aggregate.geoNear: near (GeoJSON Point), spherical (必填，值为 true) and distanceField are required; a geo
    // index is required, and `key` names it when the collection has several.
    if (!isPlainObject(spec)) throw invalidParam('$geoNear needs an object');
    const near = pointOf(spec.near);
    if (!near) throw invalidParam('$geoNear.near must be a GeoJSON Point');
    if (spec.spherical !== true) throw invalidParam('$geoNear.spherical is required and must be true');
    const distanceField = spec.distanceField;
    if (typeof distanceField !== 'string' || !distanceField) throw invalidParam('$geoNear.distanceField is required');
    const geoFields = [...new Set(c.indexes.flatMap((ix) => ix.geo))];
    let key = typeof spec.key === 'string' ? spec.key : undefined;
    if (key && !geoFields.includes(key)) throw requestFailed(`$geoNear requires a 2dsphere index on ${key} in ${c.name}`);
    if (!key) {
      if (geoFields.length === 0) throw requestFailed(`$geoNear requires a 2dsphere index, but ${c.name} has none`);
      if (geoFields.length > 1) throw requestFailed(`There is more than one 2dsphere index on ${c.name}; unsure which to use for $geoNear`);
      key = geoFields[0];
    }
    const field = key;
    const max = typeof spec.maxDistance === 'number' ? spec.maxDistance : Infinity;
    const min = typeof spec.minDistance === 'number' ? spec.minDistance : 0;
    const multiplier = typeof spec.distanceMultiplier === 'number' ? spec.distanceMultiplier : 1;
    const query = isPlainObject(spec.query) ? spec.query : {};
    const limit = typeof spec.limit === 'number' ? spec.limit : typeof spec.num === 'number' ? spec.num : Infinity;
    const hasQuery = Object.keys(query).length > 0;
    const test = hasQuery ? compileQuery(query) : () => true;
    const wanted = (doc: Doc): number | undefined => {
      const p = firstPoint(doc, field);
      const d = p ? distanceMeters(near, p) : NaN;
      return p && d <= max && d >= min && test(doc) ? d : undefined;
    };
    // An index-narrowed query is read as before; otherwise the field's grid replaces the full read.
    const narrowed = hasQuery && c.plan(query).candidates !== null;
    const ids = narrowed ? null : geoNearIds(c, field, near, min, max, Math.min(limit, nextLimit), (id) => wanted(c.docs.get(id)!));
    // A compound 2dsphere index rules documents out by its other fields' keys before they are read.
    const byKeys = ids && hasQuery ? geoKeyFilter(query, c.indexes, field) : null;
    const docs = ids ? c.fetch(byKeys ? new Set([...ids].filter((id) => byKeys.test(c.docs.get(id)!))) : ids) : hasQuery ? this.matching(c, query) : c.all();
    const withDistance = docs
      .map((doc) => ({ doc, d: wanted(doc) }))
      .filter((x): x is { doc: Doc; d: number } => x.d !== undefined)
      .sort((a, b) => a.d - b.d);
    return withDistance.slice(0, limit).map(({ doc, d }) => {
      const out = clone(doc);
      setValue(out as AnyObject, distanceField, d * multiplier);
      if (typeof spec.includeLocs === 'string') setValue(out as AnyObject, spec.includeLocs, clone(valueOf(doc, field)));
      return out;
    });
  }

  // ---- writes ----

  async insert(name: unknown, docs: Doc[], txId?: string): Promise<unknown[]> {
    const c = this.collection(name);
    const tx = txId ? this.activeTx(txId) : undefined;
    const prepared = docs.map((d) => {
      if (!isPlainObject(d)) throw invalidParam('a document must be an object');
      const doc = d._id === undefined ? { _id: newId(), ...d } : d;
      checkDocument(doc);
      return doc;
    });
    if (tx) {
      const overlay = tx.overlay(c.name);
      for (const doc of prepared) {
        const k = idKey(doc._id);
        this.claim(tx, c.name, k);
        const exists = overlay.has(k) ? overlay.get(k) !== null : c.docs.has(k);
        if (exists) throw duplicate(c.name, '_id_', ['_id'], [doc._id]);
        this.txUniqueCheck(tx, c, doc);
        overlay.set(k, doc);
      }
      return prepared.map((d) => d._id);
    }
    const keys = prepared.map((d) => idKey(d._id));
    if (new Set(keys).size !== keys.length) throw duplicate(c.name, '_id_', ['_id'], [prepared.find((d, i) => keys.indexOf(idKey(d._id)) !== i)!._id]);
    return this.withLocks(c.name, keys, () => {
      for (const d of prepared) if (c.docs.has(idKey(d._id))) throw duplicate(c.name, '_id_', ['_id'], [d._id]);
      this.commitChanges(prepared.map((doc) => ({ op: 'put', coll: c.name, doc })));
      return prepared.map((d) => d._id);
    });
  }

  async modify(name: unknown, query: Criteria, data: Record<string, unknown>, opts: ModifyOptions, txId?: string, returnDoc = false): Promise<ModifyResult> {
    const before = this.examinedTotal();
    const r = await this.modifyDocs(name, query, data, opts, txId, returnDoc);
    this.recordQuery(name, 'update', query, before, r.updated);
    return r;
  }

  private async modifyDocs(name: unknown, query: Criteria, data: Record<string, unknown>, opts: ModifyOptions, txId?: string, returnDoc = false): Promise<ModifyResult> {
    const c = this.collection(name);
    this.strictCheck(c, query);
    const change = updater(data, opts.merge);
    const test = compileQuery(query);
    const tx = txId ? this.activeTx(txId) : undefined;
    const overlay = tx?.overlay(c.name);
    const pinned = singleId(query);
    let targets: string[];
    if (tx) {
      const k = this.pinnedKey(query);
      this.claim(tx, c.name, k);
      const current = this.txRead(tx, c, k);
      targets = current && test(current) ? [k] : [];
    } else {
      targets = this.matching(c, query).map((d) => idKey(d._id));
      if (!opts.multi) targets = targets.slice(0, 1);
    }
    const lockKeys = pinned !== undefined ? [...new Set([...targets, idKey(pinned)])] : targets;

    const run = (): ModifyResult => {
      const result: ModifyResult = { updated: 0 };
      const puts: Doc[] = [];
      for (const k of targets) {
        const current = overlay?.has(k) ? overlay.get(k) : c.docs.get(k);
        if (!current || !test(current)) continue; // changed while we waited for its lock
        const next = change(current);
        if (!sameId(next._id, current._id)) throw requestFailed("Performing an update on the path '_id' would modify the immutable field '_id'");
        checkDocument(next);
        if (returnDoc) result.doc = next;
        if (isEqual(next, current)) continue; // nothing changed: CloudBase counts modified documents
        puts.push(next);
      }
      if (targets.length === 0 && opts.upsert) {
        const base: Doc = seedFromQuery(query);
        const doc = change(base);
        if (doc._id === undefined) doc._id = pinned ?? newId();
        checkDocument(doc);
        if ((overlay?.has(idKey(doc._id)) ? overlay.get(idKey(doc._id)) : c.get(doc._id))) throw duplicate(c.name, '_id_', ['_id'], [doc._id]);
        puts.push(doc);
        result.upsertedId = doc._id;
        if (returnDoc) result.doc = doc;
      }
      if (tx && overlay) {
        for (const doc of puts) {
          this.txUniqueCheck(tx, c, doc);
          overlay.set(idKey(doc._id), doc);
        }
      } else {
        this.commitChanges(puts.map((doc) => ({ op: 'put', coll: c.name, doc })));
      }
      result.updated = puts.length - (result.upsertedId !== undefined ? 1 : 0);
      return result;
    };

    if (tx) return run();
    return this.withLocks(c.name, lockKeys, run);
  }

  async remove(name: unknown, query: Criteria, multi: boolean, txId?: string): Promise<number> {
    const before = this.examinedTotal();
    const n = await this.removeDocs(name, query, multi, txId);
    this.recordQuery(name, 'remove', query, before, n);
    return n;
  }

  private async removeDocs(name: unknown, query: Criteria, multi: boolean, txId?: string): Promise<number> {
    const c = this.collection(name);
    this.strictCheck(c, query);
    const test = compileQuery(query);
    const tx = txId ? this.activeTx(txId) : undefined;
    const overlay = tx?.overlay(c.name);
    let targets: string[];
    if (tx) {
      const k = this.pinnedKey(query);
      this.claim(tx, c.name, k);
      targets = [k];
    } else {
      targets = this.matching(c, query).map((d) => idKey(d._id));
      if (!multi) targets = targets.slice(0, 1);
    }
    const run = (): number => {
      const gone = targets.filter((k) => {
        const current = overlay?.has(k) ? overlay.get(k) : c.docs.get(k);
        return current && test(current);
      });
      if (overlay) for (const k of gone) overlay.set(k, null);
      else this.commitChanges(gone.map((k) => ({ op: 'delete', coll: c.name, id: idFromKey(k) })));
      return gone.length;
    };
    if (tx) return run();
    return this.withLocks(c.name, targets, run);
  }

  /** Run a non-transactional write while holding the documents' locks (waiting for transactions that hold them). */
  private async withLocks<T>(coll: string, ids: string[], f: () => T): Promise<T> {
    const owner = `op:${++this.opSeq}`;
    const keys = [...new Set(ids.map((k) => lockKey(coll, k)))].sort();
    const taken: string[] = [];
    try {
      for (const k of keys) {
        await this.locks.acquire(k, owner);
        taken.push(k);
      }
      this.assertOpen();
      return f();
    } finally {
      for (const k of taken) this.locks.release(k, owner);
    }
  }

  // ---- transactions ----

  /** What transactions did since the database opened (the bench's conflicts per sign-up). */
  transactionCounts(): TransactionCounts {
    return { ...this.txCounts };
  }

  begin(): string {
    this.assertOpen();
    this.txCounts.begun++;
    const tx = new Transaction(this.commitSeq);
    this.transactions.set(tx.id, tx);
    this.open.add(tx);
    tx.timer = setTimeout(() => this.finish(tx, 'aborted', `open longer than ${this.txTimeoutMs} ms`), this.txTimeoutMs);
    tx.timer.unref?.();
    return tx.id;
  }

  commit(txId: unknown): void {
    const tx = this.activeTx(txId);
    const changes: Change[] = [];
    for (const [coll, overlay] of tx.overlays) {
      for (const [k, doc] of overlay) changes.push(doc ? { op: 'put', coll, doc } : { op: 'delete', coll, id: idFromKey(k) });
    }
    try {
      this.commitChanges(changes);
    } catch (e) {
      this.finish(tx, 'aborted', (e as Error).message);
      throw e;
    }
    this.finish(tx, 'committed', '');
  }

  abort(txId: unknown): void {
    // Rolling back a transaction a conflict already aborted succeeds: the SDK rolls back after every failure.
    const known = typeof txId === 'string' ? this.transactions.get(txId) : undefined;
    if (known?.state === 'aborted') return;
    const tx = this.activeTx(txId);
    this.finish(tx, 'aborted', 'rolled back');
  }

  private activeTx(txId: unknown): Transaction {
    this.assertOpen();
    const tx = typeof txId === 'string' ? this.transactions.get(txId) : undefined;
    if (!tx) throw conflict(`[emulator] transaction ${String(txId)} does not exist or has ended`);
    if (tx.state !== 'active') throw conflict(`[emulator] transaction ${tx.id} was ${tx.state}${tx.abortReason ? `: ${tx.abortReason}` : ''}`);
    return tx;
  }

  /**
   * A transaction's write to a document takes its lock, and fails at once (aborting the transaction) when another
   * transaction or a waiting plain write holds it, or when a commit after this transaction's snapshot changed it.
   */
  private claim(tx: Transaction, coll: string, key: string): void {
    const lk = lockKey(coll, key);
    if (tx.locks.has(lk)) return;
    let why = '';
    if (this.versions.changedSince(lk, tx.snapshot)) why = 'was changed by a commit after this transaction started';
    else if (!this.locks.tryAcquire(lk, tx.id)) why = 'is locked by another transaction';
    if (why) {
      const message = `[emulator] write conflict: document ${JSON.stringify(idFromKey(key))} in ${coll} ${why}; the transaction is aborted`;
      this.finish(tx, 'aborted', message);
      throw conflict(message);
    }
    tx.locks.add(lk);
  }

  /**
   * Unique keys inside a transaction, as snapshot isolation decides them: a clash with a document the snapshot
   * sees (or the transaction's own write) is a duplicate key (E11000); a clash with a document committed after the
   * snapshot, or written by another open transaction, is a write conflict.
   */
  private txUniqueCheck(tx: Transaction, c: Collection, doc: Doc): void {
    const clash = c.uniqueClash(doc, tx.overlay(c.name));
    const raced = (why: string): never => {
      const message = `[emulator] write conflict: a unique key of document ${JSON.stringify(doc._id)} in ${c.name} ${why}; the transaction is aborted`;
      this.finish(tx, 'aborted', message);
      throw conflict(message);
    };
    if (clash) {
      if (clash.committed && this.versions.changedSince(lockKey(c.name, clash.id), tx.snapshot)) raced('was taken by a commit after this transaction started');
      throw clash.error;
    }
    for (const other of this.open) {
      const theirs = other === tx ? undefined : other.overlays.get(c.name);
      if (theirs && c.clashesWithOverlay(doc, theirs)) raced('is being written by another transaction');
    }
  }

  /** A document as the transaction sees it: its own write, else the committed version as of its snapshot. */
  private txRead(tx: Transaction, c: Collection, key: string): Doc | undefined {
    const overlay = tx.overlay(c.name);
    if (overlay.has(key)) return overlay.get(key) ?? undefined;
    return this.versions.at(lockKey(c.name, key), tx.snapshot, c.docs.get(key));
  }

  /** The document a transaction's operation names; CloudBase transactions allow no other kind of query. */
  private pinnedKey(query: Criteria): string {
    const id = singleId(query);
    if (id === undefined || Object.keys(query).length !== 1) throw notDocumentOperation();
    return idKey(id);
  }

  private finish(tx: Transaction, state: 'committed' | 'aborted', reason: string): void {
    if (tx.state !== 'active') return;
    if (state === 'committed') this.txCounts.committed++;
    else if (reason.startsWith('[emulator] write conflict')) this.txCounts.conflicts++;
    else if (reason === 'rolled back') this.txCounts.rolledBack++;
    else this.txCounts.otherAborts++;
    tx.state = state;
    tx.abortReason = reason;
    if (tx.timer) clearTimeout(tx.timer);
    tx.overlays.clear();
    for (const k of tx.locks) this.locks.release(k, tx.id);
    tx.locks.clear();
    this.open.delete(tx);
    let oldest: number | undefined;
    for (const t of this.open) oldest = oldest === undefined ? t.snapshot : Math.min(oldest, t.snapshot);
    this.versions.prune(oldest);
    // Keep ended transactions briefly so late operations get a clear error, then forget them.
    setTimeout(() => this.transactions.delete(tx.id), 60000).unref?.();
  }

  private assertOpen(): void {
    if (this.closed) throw requestFailed('[emulator] the database is closed');
  }
}

/**
 * For a nearest-first read of the first k results: the near clause's field and centre, and the rank of a
 * committed document (its sort distance, as arrange computes it) if it is a result.
 */
function nearestHint(c: Collection, query: Criteria, test: (doc: Doc) => boolean, k: number): NearestHint | undefined {
  let near: ReturnType<typeof nearClause>;
  try {
    near = nearClause(query);
  } catch {
    return undefined; // a malformed clause: the query itself reports it
  }
  if (!near || !Number.isFinite(k)) return undefined; // all results wanted: nothing to stop early for
  const { field, spec } = near;
  const rank = (id: string): number | undefined => {
    const doc = c.docs.get(id);
    if (!doc || !test(doc)) return undefined;
    const p = firstPoint(doc, field);
    return p ? distanceMeters(spec.center, p) : Infinity;
  };
  return { field, center: spec.center, k, rank };
}

/** Ids that hold every `$geoNear` result, read through the field's grid; null when the field has none. */
function geoNearIds(c: Collection, field: string, near: LngLat, min: number, max: number, k: number, rank: (id: string) => number | undefined): Set<string> | null {
  const grid = c.grid(field);
  if (!grid) return null;
  const boxes = capBoxes(near, max);
  return boxes ? grid.within(boxes) : grid.nearest(near, k, rank, min);
}

/** The single `_id` a query pins by equality, if any. */
function singleId(query: Criteria): unknown {
  const v = query._id;
  if (v === undefined) return undefined;
  if (isPlainObject(v)) {
    if (Object.keys(v).some((k) => k.startsWith('$'))) return '$eq' in v ? v.$eq : undefined;
  }
  return v instanceof RegExp ? undefined : v;
}

function sameId(a: unknown, b: unknown): boolean {
  return idKey(a) === idKey(b);
}

function valueOf(doc: Doc, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (isPlainObject(v) ? v[k] : undefined), doc);
}

/** How to turn a document into its updated version. */
function updater(data: Record<string, unknown>, merge: boolean): (doc: Doc) => Doc {
  const keys = Object.keys(data);
  const operators = keys.filter((k) => k.startsWith('$'));
  if (operators.length && operators.length !== keys.length) throw invalidParam('update mixes operators and plain fields');
  if (!merge) {
    if (operators.length) throw invalidParam('a replacement document cannot contain update operators');
    return (doc) => {
      const { _id: ignored, ...rest } = data;
      void ignored;
      return { _id: doc._id, ...clone(rest) };
    };
  }
  const modifier = operators.length ? normalizeModifier(data) : { $set: data };
  return (doc) => applyUpdate(doc, modifier);
}

/** The SDK encodes `_.addToSet({ each: [...] })` without the `$`; MongoDB needs `$each`. */
function normalizeModifier(data: Record<string, unknown>): Record<string, unknown> {
  const add = data.$addToSet;
  if (!isPlainObject(add)) return data;
  const fixed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(add)) {
    fixed[k] = isPlainObject(v) && Object.keys(v).length === 1 && Array.isArray(v.each) ? { $each: v.each } : v;
  }
  return { ...data, $addToSet: fixed };
}

/** An upserted document starts from the query's equality fields (as MongoDB does). */
function seedFromQuery(query: Criteria): Doc {
  const doc: Doc = {};
  for (const [k, v] of Object.entries(query)) {
    if (k.startsWith('$') || k.includes('.')) continue;
    if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) {
      if ('$eq' in v) doc[k] = clone(v.$eq);
      continue;
    }
    if (!(v instanceof RegExp)) doc[k] = clone(v);
  }
  return doc;
}

