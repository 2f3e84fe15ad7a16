// The `user` function's timer removeExpiredRecords, fired as CloudBase fires it (the built function's main through
// the emulator's runtime, TCB_SOURCE wx_trigger): expired request records and ended rate-limit windows go, live ones
// stay.
import type { Emulator } from '../../../emulator/src/server';
import { serverSdk, startTestEmulator } from '../../../emulator/test/support';
import { getOrNull, type Database } from './db';

let emu: Emulator;
let db: Database;
beforeAll(async () => {
  emu = await startTestEmulator();
  db = serverSdk(emu).database() as unknown as Database;
});
afterAll(async () => emu.stop());

const timerEvent = { Type: 'Timer', TriggerName: 'removeExpiredRecords', Time: new Date().toISOString(), Message: '' };

test('expired request records and rate-limit windows are removed; live ones stay', async () => {
  const past = new Date(Date.now() - 60_000);
  const future = new Date(Date.now() + 3600_000);
  for (let i = 0; i < 105; i++) {
    await db.collection('requests').add({ data: { _id: `r_old_${i}`, userId: 'u_x', state: 'done', answer: '{"ok":true,"data":{}}', expiresAt: past } });
  }
  await db.collection('requests').add({ data: { _id: 'r_live', userId: 'u_x', state: 'done', expiresAt: future } });
  await db.collection('rateLimits').add({ data: { _id: 'rl_old', windowStart: past, count: 3, expiresAt: past } });
  await db.collection('rateLimits').add({ data: { _id: 'rl_live', windowStart: past, count: 3, expiresAt: future } });

  const outcome = await emu.runtime!.invoke('user', timerEvent, { source: 'wx_trigger' });
  expect(JSON.parse((outcome as { json: string }).json)).toEqual({ removed: { requests: 105, rateLimits: 1 } });
  expect(await getOrNull(db, 'requests', 'r_old_0')).toBeNull();
  expect(await getOrNull(db, 'requests', 'r_old_104')).toBeNull();
  expect(await getOrNull(db, 'requests', 'r_live')).not.toBeNull();
  expect(await getOrNull(db, 'rateLimits', 'rl_old')).toBeNull();
  expect(await getOrNull(db, 'rateLimits', 'rl_live')).not.toBeNull();
});

test('a client sending the timer event gains nothing', async () => {
  await db.collection('requests').add({ data: { _id: 'r_old_client', userId: 'u_x', state: 'done', expiresAt: new Date(Date.now() - 1000) } });
  const res = await fetch(`${emu.gatewayUrl}/user`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': 'openid-client' },
    body: JSON.stringify(timerEvent),
  });
  expect(await res.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
  expect(await getOrNull(db, 'requests', 'r_old_client')).not.toBeNull();
});
