// `POST /client/database`: direct database access as the mini-program's client SDK would do it, for a caller given
// in `x-wx-openid` (development gateway, like /functions). Every request is checked against the declared security
// rules first; what the rules allow is carried out by the same database as the admin API.
import { EJSON } from 'bson';
import type { DatabaseService } from './database';
import { LIMITS } from './database/limits';
import { allows, type CollectionRules, type Operation } from './security-rules';

interface ClientRequest {
  action: 'get' | 'count' | 'add' | 'update' | 'remove';
  collection: string;
  query?: Record<string, unknown>;
  data?: Record<string, unknown>;
  limit?: number;
}

const OPERATION: Record<ClientRequest['action'], Operation> = { get: 'read', count: 'read', add: 'create', update: 'update', remove: 'delete' };

const ejson = (value: unknown): string => EJSON.stringify(value, { relaxed: false });

export async function handleClientDatabase(
  database: DatabaseService,
  rules: Map<string, CollectionRules>,
  openid: string | undefined,
  body: unknown,
): Promise<Record<string, unknown>> {
  const req = body as Partial<ClientRequest>;
  if (!req || typeof req.collection !== 'string' || !req.action || !(req.action in OPERATION)) {
    return { code: 'INVALID_PARAM', message: 'expected { action: get|count|add|update|remove, collection, query?, data? }' };
  }
  const query = req.query ?? {};
  if (!allows(rules.get(req.collection), OPERATION[req.action], openid, query)) {
    return { code: 'DATABASE_PERMISSION_DENIED', message: `Permission denied: the security rule of ${req.collection} does not allow this ${OPERATION[req.action]}` };
  }
  const base = { collectionName: req.collection };
  switch (req.action) {
    case 'get':
      return database.handle('database.getDocument', { ...base, queryType: 'WHERE', query: ejson(query), limit: Math.min(req.limit || LIMITS.clientGetMax, LIMITS.clientGetMax) });
    case 'count':
      return database.handle('database.calculateDocument', { ...base, queryType: 'WHERE', query: ejson(query) });
    case 'add':
      // The client SDK stamps the creator; a client can never choose another _openid.
      return database.handle('database.insertDocument', { ...base, data: [ejson({ ...(req.data ?? {}), _openid: openid })] });
    case 'update': {
      const { _openid: _ignored, ...data } = req.data ?? {};
      return database.handle('database.modifyDocument', { ...base, queryType: 'WHERE', query: ejson(query), data: ejson({ $set: data }), multi: true, merge: true, upsert: false });
    }
    case 'remove':
      return database.handle('database.removeDocument', { ...base, queryType: 'WHERE', query: ejson(query), multi: true });
  }
}
