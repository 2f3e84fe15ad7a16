// app.ts: cloud initialisation only in cloud mode with an environment; local mode from a DevTools compile condition
// in the develop version only; the privacy listener registered once, routed to the gate.
import type { AppConfig } from './config';
import type { PrivacyGate } from './services/privacy';

type LaunchQuery = Record<string, string | undefined>;
type Launchable = { onLaunch(options?: { query?: LaunchQuery }): void };
type EnvVersion = 'develop' | 'trial' | 'release';

function launch(settings: Partial<AppConfig> = {}, query?: LaunchQuery, envVersion: EnvVersion = 'develop') {
  const storage = new Map<string, string>();
  const wxFake = {
    cloud: { init: jest.fn() },
    onNeedPrivacyAuthorization: jest.fn(),
    getAccountInfoSync: () => ({ miniProgram: { envVersion, appId: 'wx-test', version: '' } }),
    getStorageSync: (key: string) => storage.get(key) ?? '',
    setStorageSync: (key: string, value: string) => storage.set(key, value),
  };
  let app: Launchable | undefined;
  let gate: PrivacyGate | undefined;
  let active: () => AppConfig = () => {
    throw new Error('not launched');
  };
  Object.assign(globalThis, { wx: wxFake, App: (options: Launchable) => (app = options) });
  jest.isolateModules(() => {
    Object.assign((require('./config') as { config: AppConfig }).config, { mode: 'cloud', cloudEnv: 'prod-1a2b3c', ...settings });
    require('./app');
    gate = (require('./services/privacy') as { privacyGate: PrivacyGate }).privacyGate;
    active = (require('./services/runtime-config') as { activeConfig: () => AppConfig }).activeConfig;
  });
  app!.onLaunch(query ? { query } : undefined);
  return { wx: wxFake, gate: gate!, config: active(), storage };
}

test('cloud mode initialises CloudBase with the configured environment', () => {
  const { wx } = launch();
  expect(wx.cloud.init).toHaveBeenCalledWith({ env: 'prod-1a2b3c', traceUser: true });
});

test('cloud mode without an environment initialises nothing (calls then say it is not configured)', () => {
  const { wx } = launch({ cloudEnv: '' });
  expect(wx.cloud.init).not.toHaveBeenCalled();
});

test('local mode does not touch wx.cloud', () => {
  const { wx } = launch({ mode: 'local' });
  expect(wx.cloud.init).not.toHaveBeenCalled();
});

const LOCAL = { zyMode: 'local', zyGateway: encodeURIComponent('http://192.168.1.20:41234/functions'), zyOpenid: 'demo-lin' };

test('a DevTools compile condition switches to local mode, with its gateway and dev identity, and no edit of config.ts', () => {
  const { wx, config, storage } = launch({}, LOCAL);
  expect(config).toMatchObject({ mode: 'local', localGateway: 'http://192.168.1.20:41234/functions' });
  expect(storage.get('zy.devOpenid')).toBe('demo-lin');
  expect(wx.cloud.init).not.toHaveBeenCalled();
});

test('outside the develop version the launch query cannot switch anything', () => {
  for (const version of ['trial', 'release'] as const) {
    const { wx, config, storage } = launch({}, LOCAL, version);
    expect(config.mode).toBe('cloud');
    expect(storage.size).toBe(0);
    expect(wx.cloud.init).toHaveBeenCalledTimes(1);
  }
});

test('a gateway that is not on this machine or the LAN, or an odd identity, is not taken', () => {
  const { config, storage } = launch({}, { zyMode: 'local', zyGateway: encodeURIComponent('https://evil.example.com/functions'), zyOpenid: 'a b<c>' });
  expect(config).toMatchObject({ mode: 'local', localGateway: 'http://127.0.0.1:3900/functions' });
  expect(storage.size).toBe(0);
});

test('a privacy request reaches the gate (refused at once when no popup is on screen)', () => {
  const { wx } = launch();
  expect(wx.onNeedPrivacyAuthorization).toHaveBeenCalledTimes(1);
  const listener = wx.onNeedPrivacyAuthorization.mock.calls[0]![0] as (r: jest.Mock, info: object) => void;
  const resolve = jest.fn();
  listener(resolve, { referrer: 'getLocation' });
  expect(resolve).toHaveBeenCalledWith({ event: 'disagree' });
});

test('the popup on screen is told which API asked', () => {
  const { wx, gate } = launch();
  const open = jest.fn();
  gate.register(open);
  const listener = wx.onNeedPrivacyAuthorization.mock.calls[0]![0] as (r: jest.Mock, info: object) => void;
  const resolve = jest.fn();
  listener(resolve, { referrer: 'button.getPhoneNumber' });
  expect(open).toHaveBeenCalledWith('button.getPhoneNumber');
  expect(resolve).toHaveBeenCalledWith({ event: 'exposureAuthorization' });
});
