// The official account's API for this function: the wechat slice's adapter (`_shared/wechat/official-account.ts`,
// the official-account half of createWeChatApi; this function sends no subscribe message, so it needs no
// `cloud.openapi`). The adapter keeps the stable access token in `wechatTokens` through the project's database
// helpers (`_shared/db/db.ts`), which speak wx-server-sdk's dialect: writes take `{ data }`, and a transaction's
// documents are reached with `t.collection(name).doc(id)`. This function runs on @cloudbase/node-sdk, whose database
// is the one wx-server-sdk 4 wraps, writes taking the data itself; `wxDialectOf` converts exactly the calls the token
// store makes, as wx-server-sdk's own wrapper does (node_modules/wx-server-sdk, src/api/database).
import { randomBytes } from 'node:crypto';
import type { Database } from '../_shared/db/db';
import type { WeChatApi } from '../_shared/wechat/api';
import { createOfficialAccountApi, officialAccountConfigOf } from '../_shared/wechat/official-account';
import type { NodeDb } from './store';

/** What this function asks WeChat: the follower list and details. */
export type FollowerApi = Pick<WeChatApi, 'listFollowers' | 'followerDetails'>;

export function followerApiOf(db: NodeDb, env: Record<string, string | undefined>, now: () => Date): FollowerApi {
  return createOfficialAccountApi({ db: wxDialectOf(db), config: officialAccountConfigOf(env), now, holder: `follower-${randomBytes(6).toString('hex')}` });
}

interface NodeDocument {
  get(): Promise<unknown>;
  set(data: object): Promise<unknown>;
  update(data: object): Promise<unknown>;
  remove(): Promise<unknown>;
}
interface NodeCollection {
  doc(id: string): NodeDocument;
  add(data: object): Promise<unknown>;
}

/** @cloudbase/database answers some failures in band (`{ code, message }`): wx-server-sdk throws them. */
async function thrown<T>(result: Promise<T>): Promise<T> {
  const answer = await result;
  const code = (answer as { code?: unknown } | null)?.code;
  if (code) throw Object.assign(new Error(String((answer as { message?: unknown }).message ?? code)), { code });
  return answer;
}

function collectionOf(c: NodeCollection) {
  return {
    doc: (id: string) => {
      const d = c.doc(id);
      return {
        get: () => thrown(d.get()),
        set: (o: { data: object }) => thrown(d.set(o.data)),
        update: (o: { data: object }) => thrown(d.update(o.data)),
        remove: () => thrown(d.remove()),
      };
    },
    add: (o: { data: object }) => thrown(c.add(o.data)),
  };
}

/** node-sdk's database in wx-server-sdk's dialect, for the single-document reads, writes and transactions of db.ts. */
export function wxDialectOf(db: NodeDb): Database {
  const nodeDb = db as unknown as {
    collection(name: string): NodeCollection;
    runTransaction(work: (t: { collection(name: string): NodeCollection }) => Promise<unknown>, times?: number): Promise<unknown>;
  };
  const dialect = {
    collection: (name: string) => collectionOf(nodeDb.collection(name)),
    runTransaction: (work: (t: unknown) => Promise<unknown>, times?: number) => nodeDb.runTransaction((t) => work({ collection: (name: string) => collectionOf(t.collection(name)) }), times),
  };
  return dialect as unknown as Database;
}
