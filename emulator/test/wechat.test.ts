// The fake WeChat open API behind `cloud.openapi.*`, through the stock SDK inside a function.
import * as path from 'node:path';
import type { Emulator } from '../src/server';
import { caller, startTestEmulator } from './support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionsDir: path.join(__dirname, 'fixtures', 'functions'), collections: [] });
});
afterAll(async () => emu.stop());

test('a phone-number code is exchanged once, and the call is recorded', async () => {
  emu.wechat.issuePhoneCode('code-1', '13812345678');
  const first = await caller(emu, 'openid-a').raw('phone', { code: 'code-1' });
  expect(first.body).toEqual({ ok: true, phone: '13812345678' });
  const again = await caller(emu, 'openid-a').raw('phone', { code: 'code-1' });
  expect(again.body).toMatchObject({ ok: false, errCode: 40029 });
  expect(emu.wechat.calls.filter((c) => c.api === 'phonenumber.getPhoneNumber').map((c) => c.data)).toEqual([{ code: 'code-1' }, { code: 'code-1' }]);
});

test('fake:<number> codes work without set-up (DevTools against the emulator)', async () => {
  const res = await caller(emu, 'openid-a').raw('phone', { code: 'fake:13900001111' });
  expect(res.body).toEqual({ ok: true, phone: '13900001111' });
});
