// The local CloudBase for page tests: an in-memory emulator running the built functions, and the stock
// server SDK pointed at it for arranging and inspecting data.
// Loaded with require and typed narrowly here, so the mini-program's type check (miniprogram-api-typings,
// no DOM) does not also type-check the emulator, which the root tsconfig checks under Node settings.

export interface LocalCloud {
  env: string;
  gatewayUrl: string;
  adminUrl: string;
  /** The fake WeChat open API: every call a function made, in order. */
  wechat: {
    calls: Array<{ api: string; data: Record<string, unknown> }>;
    /** The next call of `api` answers this WeChat error instead. */
    failNext(api: string, answer: { errcode: number }): void;
    /** The person accepted `templateId` in wx.requestSubscribeMessage `times` times: that many messages may be sent. */
    acceptSubscription(openid: string, templateId: string, times?: number): void;
    subscriptionsLeft(openid: string, templateId: string): number;
    /** Every message WeChat delivered to a phone. */
    delivered: Array<{ channel: 'subscribe' | 'officialAccount'; touser: string; templateId: string; page?: string }>;
  };
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Environment variables the functions see, e.g. PLATFORM_ADMIN_OPENIDS. */
  functionEnv?: Record<string, string>;
}

type Doc = Record<string, unknown>;

/** The part of the server SDK's database the tests use. */
export interface ServerDb {
  collection(name: string): {
    add(o: { data: Doc }): Promise<unknown>;
    doc(id: string): { update(o: { data: Doc }): Promise<unknown> };
    where(query: Doc): { get(): Promise<{ data: Doc[] }> };
  };
}

export function startLocalCloud(options: StartOptions = {}): Promise<LocalCloud> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const support = require('../../emulator/test/support') as { startTestEmulator(o: StartOptions): Promise<LocalCloud> };
  return support.startTestEmulator(options);
}

/** The stock wx-server-sdk as a script outside the runtime uses it: plain init plus serviceUrl. */
export function serverDb(cloud: LocalCloud): ServerDb {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk') as { init(o: object): void; database(): unknown };
  sdk.init({ env: cloud.env, serviceUrl: cloud.adminUrl, secretId: 'local', secretKey: 'local' });
  return sdk.database() as ServerDb;
}
