// Security rules of the database, as declared in database/collections.json and enforced for clients that talk to
// the database directly (the mini-program's `wx.cloud.database()`), which in the emulator go through
// `POST /client/database`. Cloud functions use the admin API and are not subject to rules, as on CloudBase.
//
// Supported rule values, per operation (read, write, or the finer create / update / delete):
//   true / false                                 — everyone / no client
//   "doc._openid == auth.openid" (either order)  — only the creator's own documents; a read must say so in its query
// Anything else is refused when the emulator starts, so a rule the emulator cannot enforce never passes silently.
import type { CollectionConfig } from './database';

export type Operation = 'read' | 'create' | 'update' | 'delete';
type RuleValue = boolean | 'owner';

export interface CollectionRules {
  read: RuleValue;
  create: RuleValue;
  update: RuleValue;
  delete: RuleValue;
}

const OWNER_EXPRESSIONS = new Set(['doc._openid == auth.openid', 'auth.openid == doc._openid']);

function ruleValue(raw: unknown, where: string): RuleValue {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'string' && OWNER_EXPRESSIONS.has(raw.replace(/\s+/g, ' ').trim())) return 'owner';
  throw new Error(`${where}: rule ${JSON.stringify(raw)} is not one the emulator can enforce (true, false, "doc._openid == auth.openid")`);
}

export function parseRules(collections: CollectionConfig[]): Map<string, CollectionRules> {
  const parsed = new Map<string, CollectionRules>();
  for (const c of collections) {
    const raw = (c.rules ?? {}) as Record<string, unknown>;
    const where = `database/collections.json → ${c.name}.rules`;
    const write = raw.write === undefined ? false : ruleValue(raw.write, `${where}.write`);
    const pick = (op: 'create' | 'update' | 'delete'): RuleValue => (raw[op] === undefined ? write : ruleValue(raw[op], `${where}.${op}`));
    parsed.set(c.name, {
      read: raw.read === undefined ? false : ruleValue(raw.read, `${where}.read`),
      create: pick('create'),
      update: pick('update'),
      delete: pick('delete'),
    });
  }
  return parsed;
}

/**
 * May `openid` perform `op` with this query? An owner rule allows a read or change only when the query itself limits
 * it to the caller's documents (`_openid` equal to the caller), as CloudBase requires; a create is stamped instead.
 */
export function allows(rules: CollectionRules | undefined, op: Operation, openid: string | undefined, query: Record<string, unknown>): boolean {
  // A collection without a declared rule is closed to clients.
  const rule = rules?.[op] ?? false;
  if (rule === true) return true;
  if (rule === false || !openid) return false;
  return op === 'create' || query._openid === openid;
}
