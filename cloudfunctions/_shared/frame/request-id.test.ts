// The request id on the wire, through the built functions: it travels beside `action` outside the strict payload;
// a malformed one is refused; one reused with another payload is refused with a clear code; read-only actions ignore
// it; the stored answers are the person's data — exported, and removed with the account.
import type { Emulator } from '../../../emulator/src/server';
import { caller, serverSdk, startTestEmulator } from '../../../emulator/test/support';
import { getOrNull, type Database } from '../db/db';
import { userIdOf } from '../documents/ids';
import type { RequestDoc } from '../documents/request';
import { functionEnv, registerVolunteer } from '../../organization/test-support';
import { requestDocId } from './idempotency';

let emu: Emulator;
let db: Database;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
  db = serverSdk(emu).database() as unknown as Database;
});
afterAll(async () => emu.stop());

const send = async (openid: string, fn: string, body: object) => (await caller(emu, openid).raw(fn, body)).body;

test('a malformed request id is refused before anything runs', async () => {
  for (const requestId of ['short', 'has space in it', 'x'.repeat(65), 42, null]) {
    expect(await send('openid-malformed', 'user', { action: 'session', requestId })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  }
  expect(await getOrNull(db, 'users', userIdOf('openid-malformed'))).toBeNull();
});

test('the same request id with another payload is refused, and the first answer stands', async () => {
  const v = await registerVolunteer(emu, 'openid-reuser');
  const first = await send(v.openid, 'volunteer', { action: 'updateProfile', requestId: 'reused-request-1', skillTags: ['摄影'] });
  expect(first).toMatchObject({ ok: true });
  const other = await send(v.openid, 'volunteer', { action: 'updateProfile', requestId: 'reused-request-1', skillTags: ['剪辑'] });
  expect(other).toEqual({ ok: false, error: { code: 'REQUEST_ID_REUSED', message: expect.stringContaining('不一致') } });
  expect(await send(v.openid, 'volunteer', { action: 'profile' })).toMatchObject({ ok: true, data: { skillTags: ['摄影'] } });
  // Key order and the platform's own fields do not make another payload.
  const replay = await send(v.openid, 'volunteer', { skillTags: ['摄影'], requestId: 'reused-request-1', userInfo: { appId: 'wx1', openId: v.openid }, action: 'updateProfile' });
  expect(replay).toEqual(first);
});

test('the id is scoped to the caller: another person sending the same id runs their own request', async () => {
  const a = await send('openid-scope-a', 'user', { action: 'session', requestId: 'shared-request-id' });
  const b = await send('openid-scope-b', 'user', { action: 'session', requestId: 'shared-request-id' });
  expect(a).toMatchObject({ ok: true, data: { userId: userIdOf('openid-scope-a'), firstSeen: true } });
  expect(b).toMatchObject({ ok: true, data: { userId: userIdOf('openid-scope-b'), firstSeen: true } });
});

test('read-only actions accept the id and keep no record of it', async () => {
  const v = await registerVolunteer(emu, 'openid-reader');
  expect(await send(v.openid, 'volunteer', { action: 'profile', requestId: 'read-request-1' })).toMatchObject({ ok: true });
  expect(await getOrNull(db, 'requests', requestDocId(v.openid, 'volunteer', 'profile', 'read-request-1'))).toBeNull();
});

test('stored answers are exported with the person, and removed with the account — all but the deletion’s own', async () => {
  const v = await registerVolunteer(emu, 'openid-leaver');
  expect(await send(v.openid, 'volunteer', { action: 'updateProfile', requestId: 'leaver-request-1', skillTags: ['摄影'] })).toMatchObject({ ok: true });
  const exported = await send(v.openid, 'volunteer', { action: 'exportMine', requestId: 'leaver-request-2' });
  expect(exported).toMatchObject({ ok: true });
  const file = JSON.parse(await (await fetch(exported.data.url)).text()) as Record<string, unknown>;
  expect(JSON.stringify(file)).toContain('updateProfile');

  const deleted = await send(v.openid, 'volunteer', { action: 'deleteAccount', requestId: 'leaver-request-3', confirm: '注销' });
  expect(deleted).toMatchObject({ ok: true, data: { deletedAt: expect.any(String) } });
  expect(await getOrNull(db, 'requests', requestDocId(v.openid, 'volunteer', 'updateProfile', 'leaver-request-1'))).toBeNull();
  expect(await getOrNull(db, 'requests', requestDocId(v.openid, 'volunteer', 'exportMine', 'leaver-request-2'))).toBeNull();
  const own = await getOrNull<RequestDoc>(db, 'requests', requestDocId(v.openid, 'volunteer', 'deleteAccount', 'leaver-request-3'));
  expect(own).toMatchObject({ state: 'done', answer: JSON.stringify(deleted) });
  // A retried deletion answers the same instead of "not registered".
  expect(await send(v.openid, 'volunteer', { action: 'deleteAccount', requestId: 'leaver-request-3', confirm: '注销' })).toEqual(deleted);
});
