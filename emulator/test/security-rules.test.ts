// Security rules as code, enforced for direct client access (POST /client/database); functions are not subject to them.
import type { CollectionConfig } from '../src/database';
import type { Emulator } from '../src/server';
import { serverSdk, startTestEmulator } from './support';

const TEST_COLLECTIONS: CollectionConfig[] = [
  { name: 'closed', indexes: [], rules: { read: false, write: false } },
  { name: 'bulletin', indexes: [], rules: { read: true, write: false } },
  { name: 'diary', indexes: [{ name: 'owner', keys: [{ field: '_openid', direction: 1 }] }], rules: { read: 'doc._openid == auth.openid', write: 'doc._openid == auth.openid' } },
];

function client(emu: Emulator, openid?: string) {
  return async (body: object) => {
    const res = await fetch(`${emu.baseUrl}/client/database`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { code?: string; data?: { list?: string[]; total?: number; insertedIds?: string[]; updated?: number } };
  };
}

describe('the project’s own rules', () => {
  let emu: Emulator;
  beforeAll(async () => {
    // Not strict: counting a whole collection is the point here, not an indexed query.
    emu = await startTestEmulator({ functionsDir: null, strict: false });
  });
  afterAll(async () => emu.stop());

  test('clients read and write nothing directly: every declared collection is closed', async () => {
    const alice = client(emu, 'openid-alice');
    for (const collection of ['users', 'volunteers', 'organizations', 'notifications']) {
      expect((await alice({ action: 'get', collection, query: { _openid: 'openid-alice' } })).code).toBe('DATABASE_PERMISSION_DENIED');
      expect((await alice({ action: 'add', collection, data: { x: 1 } })).code).toBe('DATABASE_PERMISSION_DENIED');
    }
    const users = serverSdk(emu).database().collection('users');
    expect(((await users.count()) as { total: number }).total).toBe(0);
  });
});

describe('rule kinds', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ functionsDir: null, collections: TEST_COLLECTIONS, strict: false });
    await serverSdk(emu).database().collection('bulletin').add({ data: { text: '周六社区清洁' } });
  });
  afterAll(async () => emu.stop());

  test('false refuses, true allows only what it names', async () => {
    const alice = client(emu, 'openid-alice');
    expect((await alice({ action: 'get', collection: 'closed' })).code).toBe('DATABASE_PERMISSION_DENIED');
    expect((await alice({ action: 'get', collection: 'bulletin' })).data?.list).toHaveLength(1);
    expect((await alice({ action: 'add', collection: 'bulletin', data: { text: 'spam' } })).code).toBe('DATABASE_PERMISSION_DENIED');
    expect((await client(emu)({ action: 'get', collection: 'bulletin' })).data?.list).toHaveLength(1);
  });

  test('an owner rule: creations are stamped, reads and changes must be limited to the caller', async () => {
    const alice = client(emu, 'openid-alice');
    const bob = client(emu, 'openid-bob');
    const added = await alice({ action: 'add', collection: 'diary', data: { text: '今天服务了3小时', _openid: 'openid-bob' } });
    expect(added.data?.insertedIds).toHaveLength(1);
    const mine = await alice({ action: 'get', collection: 'diary', query: { _openid: 'openid-alice' } });
    expect(mine.data?.list?.map((d) => JSON.parse(d)._openid)).toEqual(['openid-alice']);
    expect((await alice({ action: 'get', collection: 'diary' })).code).toBe('DATABASE_PERMISSION_DENIED');
    expect((await bob({ action: 'get', collection: 'diary', query: { _openid: 'openid-alice' } })).code).toBe('DATABASE_PERMISSION_DENIED');
    expect((await bob({ action: 'update', collection: 'diary', query: { _openid: 'openid-alice' }, data: { text: 'x' } })).code).toBe('DATABASE_PERMISSION_DENIED');
    expect((await bob({ action: 'remove', collection: 'diary', query: { _openid: 'openid-alice' } })).code).toBe('DATABASE_PERMISSION_DENIED');
    expect((await client(emu)({ action: 'add', collection: 'diary', data: { text: 'anonymous' } })).code).toBe('DATABASE_PERMISSION_DENIED');
    const all = (await serverSdk(emu).database().collection('diary').where({ _openid: 'openid-alice' }).get()) as unknown as { data: Array<{ text: string }> };
    expect(all.data.map((d) => d.text)).toEqual(['今天服务了3小时']);
  });
});

test('a rule the emulator cannot enforce stops it from starting', async () => {
  await expect(
    startTestEmulator({ functionsDir: null, collections: [{ name: 'odd', indexes: [], rules: { read: 'doc.age > 18' } }] }),
  ).rejects.toThrow(/odd\.rules\.read.*not one the emulator can enforce/);
});
