// The `database.*` admin-API actions as the stock SDK sends them (see README.md for the shapes), decoded from
// canonical EJSON into engine calls, with results encoded back. User errors become `{ code, message }`.
import { decode, decodeObject, encode, isPlainObject, resolveServerDates, type Doc } from './codec';
import type { Engine } from './engine';
import { DbError, invalidParam, notDocumentOperation } from './errors';
import { LIMITS, checkRequestSize } from './limits';
import type { SortSpec } from './query';

type Params = Record<string, unknown>;
type Reply = Record<string, unknown>;


function txOf(p: Params): string | undefined {
  return typeof p.transactionId === 'string' && p.transactionId ? p.transactionId : undefined;
}

/** Inside a transaction only document operations (queryType DOC) are allowed, as on CloudBase. */
function docTxOf(p: Params): string | undefined {
  const tx = txOf(p);
  if (tx && p.queryType !== 'DOC') throw notDocumentOperation();
  return tx;
}

function sortOf(p: Params): SortSpec | undefined {
  const order = decode(p.order);
  if (order === undefined) return undefined;
  // Older SDKs send [{ field, direction }]; v1.4 sends an object { field: 1 | -1 }.
  if (Array.isArray(order)) {
    const out: SortSpec = {};
    for (const o of order) if (isPlainObject(o)) out[String(o.field)] = o.direction === 'desc' || o.direction === -1 ? -1 : 1;
    return out;
  }
  if (!isPlainObject(order)) throw invalidParam('order must be an object');
  const out: SortSpec = {};
  for (const [k, v] of Object.entries(order)) out[k] = v === -1 || v === 'desc' ? -1 : 1;
  return out;
}

function intParam(v: unknown, name: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw invalidParam(`${name} must be a non-negative integer`);
  return n;
}

export async function dispatch(engine: Engine, action: string, p: Params): Promise<Reply> {
  const now = (): Date => engine.clock();
  switch (action) {
    case 'database.insertDocument': {
      const raw = Array.isArray(p.data) ? p.data : [p.data];
      const docs = raw.map((d) => resolveServerDates(decodeObject(d, 'document'), now) as Doc);
      if (docs.length === 0) throw invalidParam('data is empty');
      const ids = await engine.insert(p.collectionName, docs, txOf(p));
      return { data: { insertedIds: ids } };
    }
    case 'database.getDocument': {
      const query = decodeObject(p.query, 'query');
      const single = p.queryType === 'DOC' || p.multi === false;
      const limit = single ? 1 : Math.min(intParam(p.limit, 'limit') || LIMITS.getDefault, LIMITS.getMax);
      const offset = intParam(p.offset, 'offset') ?? 0;
      const projection = p.projection === undefined ? undefined : decodeObject(p.projection, 'projection');
      const list = await engine.find(p.collectionName, query, { sort: sortOf(p), skip: offset, limit, projection }, docTxOf(p));
      return { data: { list: list.map(encode), limit, offset } };
    }
    case 'database.calculateDocument': {
      const total = engine.count(p.collectionName, decodeObject(p.query, 'query'), txOf(p));
      return { data: { total } };
    }
    case 'database.modifyDocument':
    case 'database.modifyAndReturnDoc': {
      const query = decodeObject(p.query, 'query');
      const data = resolveServerDates(decodeObject(p.data, 'data'), now);
      const andReturn = action === 'database.modifyAndReturnDoc';
      const isDoc = p.queryType === 'DOC';
      const opts = {
        multi: andReturn ? false : p.multi === undefined ? !isDoc : p.multi === true,
        merge: p.merge !== false,
        upsert: p.upsert === true,
      };
      const r = await engine.modify(p.collectionName, query, data, opts, docTxOf(p), andReturn);
      if (andReturn) return { data: { updated: r.updated, doc: r.doc ? encode(r.doc) : null } };
      const out: Record<string, unknown> = { updated: r.updated };
      if (r.upsertedId !== undefined) out.upsert_id = r.upsertedId;
      return { data: out };
    }
    case 'database.removeDocument': {
      const query = decodeObject(p.query, 'query');
      const multi = p.multi === undefined ? p.queryType !== 'DOC' : p.multi === true;
      const deleted = await engine.remove(p.collectionName, query, multi, docTxOf(p));
      return { data: { deleted } };
    }
    case 'database.aggregateDocuments':
    case 'database.aggregate': {
      if (txOf(p)) throw notDocumentOperation();
      const stages = Array.isArray(p.stages) ? p.stages : [];
      const pipeline = stages.map((s) => {
        if (!isPlainObject(s) || typeof s.stageKey !== 'string') throw invalidParam('each stage needs stageKey and stageValue');
        return { [s.stageKey]: decode(s.stageValue) };
      });
      // Without a limit stage CloudBase answers the first 20 results.
      if (!pipeline.some((s) => '$limit' in s)) pipeline.push({ $limit: LIMITS.aggregateDefault });
      const list = engine.aggregate(p.collectionName, pipeline);
      return { data: { list: list.map(encode) } };
    }
    case 'database.addCollection': {
      engine.createCollection(p.collectionName);
      return { data: {} };
    }
    case 'database.emulatorStats': {
      // Emulator-only, on the admin API: what recent queries examined and returned (see stats.ts).
      const report = engine.queryStats(typeof p.collectionName === 'string' ? p.collectionName : undefined);
      if (p.reset === true) engine.resetQueryStats();
      return { data: report };
    }
    case 'database.startTransaction': {
      // The SDK reads `res.transactionId` at the top level of the reply (transaction/index.ts).
      const transactionId = engine.begin();
      return { transactionId, data: { transactionId } };
    }
    case 'database.commitTransaction':
      engine.commit(p.transactionId);
      return { data: {} };
    case 'database.abortTransaction':
      engine.abort(p.transactionId);
      return { data: {} };
    default:
      throw invalidParam(`[emulator] unsupported action ${action}`);
  }
}

export async function handle(engine: Engine, action: string, params: Params): Promise<Reply> {
  try {
    checkRequestSize(params);
    return await dispatch(engine, action, params);
  } catch (e) {
    if (e instanceof DbError) return { code: e.code, message: e.message };
    return { code: 'DATABASE_REQUEST_FAILED', message: `[emulator] ${(e as Error)?.message ?? String(e)}` };
  }
}
