// The deploy's open-API check, through the built volunteer function in the emulator's runtime: an invocation
// without a WeChat user (as manager-node's invokeFunction makes) gets each declared API's answer to a deliberately
// invalid call; a mini-program caller sending the same event gains nothing.
import type { Emulator } from '../../../emulator/src/server';
import { caller, startTestEmulator } from '../../../emulator/test/support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => emu.stop());

test('the probe calls every API config.json declares and reports what WeChat answered', async () => {
  const before = emu.wechat.calls.length;
  const outcome = await emu.runtime!.invoke('volunteer', { probe: 'openapi' }, { source: 'tcb_api' });
  expect(outcome.ok).toBe(true);
  const answer = JSON.parse((outcome as { json: string }).json) as { ok: boolean; data: { openapi: Array<{ api: string; errCode: number }> } };
  expect(answer.ok).toBe(true);
  // volunteer's config.json declares the phone number (registration) and the mini-program code (the card image).
  expect(answer.data.openapi.map((r) => r.api)).toEqual(['phonenumber.getPhoneNumber', 'wxacode.getUnlimited']);
  // Allowed, but refused for their (missing) arguments: neither success nor -604101.
  for (const r of answer.data.openapi) {
    expect(r.errCode).not.toBe(0);
    expect(r.errCode).not.toBe(-604101);
  }
  expect(emu.wechat.calls.length).toBe(before + 2);
});

test('a mini-program caller sending the probe event is refused like any unknown action', async () => {
  const before = emu.wechat.calls.length;
  const res = await caller(emu, 'openid-probe').raw('volunteer', { probe: 'openapi' });
  expect(res.body).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
  expect(emu.wechat.calls.length).toBe(before);
});
