// Helpers for the database unit tests: call actions with plain values, encoded as the SDK encodes them.
import { EJSON } from 'bson';
import { openDatabase, type CollectionConfig, type DatabaseService, type DatabaseServiceOptions } from './index';

export const ej = (v: unknown): string => EJSON.stringify(v as Record<string, unknown>, { relaxed: false });
export const unej = (s: string): Record<string, unknown> => EJSON.parse(s) as Record<string, unknown>;

export interface TestDb {
  service: DatabaseService;
  call(action: string, params: Record<string, unknown>): Promise<Record<string, any>>;
  insert(coll: string, ...docs: Record<string, unknown>[]): Promise<Record<string, any>>;
  find(coll: string, query?: Record<string, unknown>, extra?: Record<string, unknown>): Promise<Record<string, unknown>[]>;
  get(coll: string, id: string, transactionId?: string): Promise<Record<string, unknown> | undefined>;
  update(coll: string, id: string, data: Record<string, unknown>, transactionId?: string): Promise<Record<string, any>>;
  set(coll: string, id: string, data: Record<string, unknown>, transactionId?: string): Promise<Record<string, any>>;
}

export async function testDb(collections: CollectionConfig[], options: Partial<DatabaseServiceOptions> = {}): Promise<TestDb> {
  const service = await openDatabase({ dataDir: null, strict: true, collections, ...options });
  const call = (action: string, params: Record<string, unknown>) => service.handle(action, params) as Promise<Record<string, any>>;
  const modify = (coll: string, id: string, data: Record<string, unknown>, merge: boolean, transactionId?: string) =>
    call('database.modifyDocument', { collectionName: coll, queryType: 'DOC', query: ej({ _id: id }), data: ej(data), multi: false, merge, upsert: !merge, transactionId });
  return {
    service,
    call,
    insert: (coll, ...docs) => call('database.insertDocument', { collectionName: coll, data: docs.map(ej) }),
    async find(coll, query = {}, extra = {}) {
      const r = await call('database.getDocument', { collectionName: coll, queryType: 'WHERE', query: ej(query), ...extra });
      if (r.code) throw new Error(`${r.code}: ${r.message}`);
      return (r.data.list as string[]).map(unej);
    },
    async get(coll, id, transactionId) {
      const r = await call('database.getDocument', { collectionName: coll, queryType: 'DOC', query: ej({ _id: id }), multi: false, transactionId });
      if (r.code) throw new Error(`${r.code}: ${r.message}`);
      const list = r.data.list as string[];
      return list.length ? unej(list[0]) : undefined;
    },
    update: (coll, id, data, transactionId) => modify(coll, id, data, true, transactionId),
    set: (coll, id, data, transactionId) => modify(coll, id, data, false, transactionId),
  };
}
