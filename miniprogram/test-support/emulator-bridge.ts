// Routes wx.cloud.callFunction into the local emulator's gateway, as the WeChat user the test picks,
// so a page test runs the real function against a real (in-memory) database.
// Uses node:http, because jsdom test environments have no fetch.
import * as http from 'node:http';
import { config } from '../config';
import { resetConfig, useConfig } from '../services/runtime-config';

type CallFunctionOption = {
  name: string;
  data?: Record<string, unknown>;
  success?: (res: { result: unknown; errMsg: string }) => void;
  fail?: (err: { errCode: number; errMsg: string }) => void;
  complete?: (res: unknown) => void;
};

export interface EmulatorBridge {
  /** Calls after this are made as this WeChat user. */
  actAs(openid: string): void;
  /** The WeChat user calls are made as now. */
  readonly openid: string;
  /** The next n calls fail as an unreachable network does, without reaching the emulator. */
  dropNextCalls(n: number): void;
  /** Names of the functions called so far, in order. */
  readonly calls: string[];
  uninstall(): void;
}

// wx.cloud.callFunction's errCode when the function threw or timed out.
const FUNCTION_EXECUTE_FAIL = -504002;
const NETWORK_FAIL = -1;

function post(url: string, body: unknown, openid: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(JSON.stringify(body));
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': payload.length, 'x-wx-openid': openid },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
          } catch (e) {
            reject(e);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export function installEmulatorBridge(gatewayUrl: string, openid: string): EmulatorBridge {
  const wxGlobal = (globalThis as unknown as { wx: { cloud?: unknown } }).wx;
  const previousCloud = wxGlobal.cloud;
  let caller = openid;
  let dropping = 0;
  const calls: string[] = [];

  // Answers like the platform: the function's return value as `result`, or a fail with errCode/errMsg.
  async function invoke(name: string, data: Record<string, unknown>) {
    calls.push(name);
    if (dropping > 0) {
      dropping -= 1;
      throw { errCode: NETWORK_FAIL, errMsg: 'cloud.callFunction:fail request:fail' };
    }
    let res: { status: number; body: unknown };
    try {
      res = await post(`${gatewayUrl}/${name}`, data, caller);
    } catch (e) {
      throw { errCode: NETWORK_FAIL, errMsg: `cloud.callFunction:fail ${(e as Error).message}` };
    }
    if (res.status !== 200) {
      const detail = (res.body as { errMsg?: string } | null)?.errMsg ?? `status ${res.status}`;
      throw { errCode: FUNCTION_EXECUTE_FAIL, errMsg: `cloud.callFunction:fail -504002 functions execute fail. ${detail}` };
    }
    return { result: res.body, errMsg: 'cloud.callFunction:ok' };
  }

  const callFunction = (option: CallFunctionOption) => {
    const outcome = invoke(option.name, option.data ?? {});
    if (!option.success && !option.fail && !option.complete) return outcome;
    outcome.then(
      (res) => {
        option.success?.(res);
        option.complete?.(res);
      },
      (err) => {
        option.fail?.(err);
        option.complete?.(err);
      },
    );
    return undefined;
  };

  wxGlobal.cloud = { ...(previousCloud as object), init: () => undefined, callFunction };
  // Cloud mode with an environment, as a deployed mini-program runs (the emulator's stands in for it).
  useConfig({ ...config, mode: 'cloud', cloudEnv: 'zhiyuan-local' });

  return {
    actAs(openid) {
      caller = openid;
    },
    get openid() {
      return caller;
    },
    dropNextCalls(n) {
      dropping = n;
    },
    calls,
    uninstall() {
      wxGlobal.cloud = previousCloud;
      resetConfig();
    },
  };
}
