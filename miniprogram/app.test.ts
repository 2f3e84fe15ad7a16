// app.ts: cloud initialisation only in cloud mode; the privacy listener registered once, routed to the gate.
import type { AppConfig } from './config';
import type { PrivacyGate } from './services/privacy';

type Launchable = { onLaunch(): void };

function launch(mode: AppConfig['mode']) {
  const wxFake = { cloud: { init: jest.fn() }, onNeedPrivacyAuthorization: jest.fn() };
  let app: Launchable | undefined;
  let gate: PrivacyGate | undefined;
  Object.assign(globalThis, { wx: wxFake, App: (options: Launchable) => (app = options) });
  jest.isolateModules(() => {
    (require('./config') as { config: AppConfig }).config.mode = mode;
    require('./app');
    gate = (require('./services/privacy') as { privacyGate: PrivacyGate }).privacyGate;
  });
  app!.onLaunch();
  return { wx: wxFake, gate: gate! };
}

test('cloud mode initialises CloudBase with the configured environment', () => {
  const { wx } = launch('cloud');
  expect(wx.cloud.init).toHaveBeenCalledWith({ env: 'your-env-id', traceUser: true });
});

test('local mode does not touch wx.cloud', () => {
  const { wx } = launch('local');
  expect(wx.cloud.init).not.toHaveBeenCalled();
});

test('a privacy request reaches the gate (refused at once when no popup is on screen)', () => {
  const { wx } = launch('cloud');
  expect(wx.onNeedPrivacyAuthorization).toHaveBeenCalledTimes(1);
  const listener = wx.onNeedPrivacyAuthorization.mock.calls[0]![0] as (r: jest.Mock, info: object) => void;
  const resolve = jest.fn();
  listener(resolve, { referrer: 'getLocation' });
  expect(resolve).toHaveBeenCalledWith({ event: 'disagree' });
});

test('the popup on screen is told which API asked', () => {
  const { wx, gate } = launch('cloud');
  const open = jest.fn();
  gate.register(open);
  const listener = wx.onNeedPrivacyAuthorization.mock.calls[0]![0] as (r: jest.Mock, info: object) => void;
  const resolve = jest.fn();
  listener(resolve, { referrer: 'button.getPhoneNumber' });
  expect(open).toHaveBeenCalledWith('button.getPhoneNumber');
  expect(resolve).toHaveBeenCalledWith({ event: 'exposureAuthorization' });
});
