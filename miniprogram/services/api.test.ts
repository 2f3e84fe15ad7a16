import { config } from '../config';
import { REQUEST_ID_PATTERN } from '../domain/actions';
import { call, intent, setDevOpenid } from './api';

type RequestOption = {
  url: string;
  method: string;
  data: Record<string, unknown>;
  header: Record<string, string>;
  success(res: { statusCode: number; data: unknown }): void;
  fail(err: { errMsg: string }): void;
};
type CallFunctionOption = {
  name: string;
  data: Record<string, unknown>;
  success(res: { result: unknown }): void;
  fail(err: { errCode?: number; errMsg: string }): void;
};

const session = { userId: 'u_dev', roles: ['volunteer'], registered: false, firstSeen: true };

function fakeWx(overrides: Record<string, unknown>) {
  const storage = new Map<string, string>();
  (globalThis as unknown as { wx: unknown }).wx = {
    getStorageSync: (key: string) => storage.get(key) ?? '',
    setStorageSync: (key: string, value: string) => storage.set(key, value),
    ...overrides,
  };
}

const original = { ...config };
afterEach(() => {
  Object.assign(config, original);
});

describe('api client, local mode', () => {
  beforeEach(() => {
    config.mode = 'local';
  });

  it('POSTs { action, ...payload } to the gateway as the dev openid and returns the body', async () => {
    const request = jest.fn((o: RequestOption) => o.success({ statusCode: 200, data: { ok: true, data: session } }));
    fakeWx({ request });

    await expect(call('user', 'session', {})).resolves.toEqual({ ok: true, data: session });

    const option = request.mock.calls[0]![0];
    expect(option.url).toBe('http://127.0.0.1:3900/functions/user');
    expect(option.method).toBe('POST');
    expect(option.data).toEqual({ action: 'session', requestId: expect.stringMatching(REQUEST_ID_PATTERN) });
    expect(option.header['x-wx-openid']).toBe(config.localOpenid);
  });

  it('uses the openid stored on this install', async () => {
    const request = jest.fn((o: RequestOption) => o.success({ statusCode: 200, data: { ok: true, data: session } }));
    fakeWx({ request });
    setDevOpenid('dev-openid-second-phone');
    await call('user', 'session', {});
    expect(request.mock.calls[0]![0].header['x-wx-openid']).toBe('dev-openid-second-phone');
  });

  it('passes a function error through unchanged', async () => {
    const body = { ok: false, error: { code: 'FORBIDDEN', message: '没有权限' } };
    fakeWx({ request: (o: RequestOption) => o.success({ statusCode: 200, data: body }) });
    await expect(call('user', 'session', {})).resolves.toEqual(body);
  });

  it('turns a failed request into NETWORK', async () => {
    fakeWx({ request: (o: RequestOption) => o.fail({ errMsg: 'request:fail timeout' }) });
    await expect(call('user', 'session', {})).resolves.toEqual({
      ok: false,
      error: { code: 'NETWORK', message: '网络不稳定，请稍后重试' },
    });
  });

  it('turns a crashed function (non-200) into INTERNAL', async () => {
    fakeWx({
      request: (o: RequestOption) => o.success({ statusCode: 500, data: { errCode: -1, errMsg: 'TypeError: boom' } }),
    });
    const res = await call('user', 'session', {});
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('INTERNAL');
  });
});

describe('api client, cloud mode', () => {
  beforeEach(() => {
    config.mode = 'cloud';
    config.cloudEnv = 'prod-test';
  });

  it('calls wx.cloud.callFunction with { action, ...payload } and returns the result', async () => {
    const callFunction = jest.fn((o: CallFunctionOption) => o.success({ result: { ok: true, data: session } }));
    fakeWx({ cloud: { callFunction } });
    await expect(call('user', 'session', {})).resolves.toEqual({ ok: true, data: session });
    expect(callFunction.mock.calls[0]![0]).toMatchObject({ name: 'user', data: { action: 'session', requestId: expect.any(String) } });
  });

  it('maps a platform failure to NETWORK and a function failure to INTERNAL', async () => {
    fakeWx({ cloud: { callFunction: (o: CallFunctionOption) => o.fail({ errMsg: 'cloud.callFunction:fail network' }) } });
    expect(await call('user', 'session', {})).toMatchObject({ ok: false, error: { code: 'NETWORK' } });

    fakeWx({
      cloud: {
        callFunction: (o: CallFunctionOption) =>
          o.fail({ errCode: -504002, errMsg: 'cloud.callFunction:fail -504002 functions execute fail' }),
      },
    });
    expect(await call('user', 'session', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('treats a result that is not an envelope as INTERNAL', async () => {
    fakeWx({ cloud: { callFunction: (o: CallFunctionOption) => o.success({ result: undefined }) } });
    expect(await call('user', 'session', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('request ids', () => {
  beforeEach(() => {
    config.mode = 'cloud';
    config.cloudEnv = 'prod-test';
  });

  /** wx.cloud.callFunction answering each call with the next of `outcomes` ('network' fails the call). */
  function serve(outcomes: Array<unknown | 'network' | 'crash'>) {
    const sent: Array<Record<string, unknown>> = [];
    const callFunction = jest.fn((o: CallFunctionOption) => {
      sent.push(o.data);
      const next = outcomes.shift();
      if (next === 'network') o.fail({ errMsg: 'cloud.callFunction:fail network' });
      else if (next === 'crash') o.fail({ errCode: -504002, errMsg: 'cloud.callFunction:fail -504002 functions execute fail' });
      else o.success({ result: next });
    });
    fakeWx({ cloud: { callFunction } });
    return sent;
  }
  const answered = { ok: true, data: { orgId: 'org_1', status: 'pending' } };
  const busy = { ok: false, error: { code: 'BUSY', message: '当前操作的人较多，请稍后再试' } };
  const refused = { ok: false, error: { code: 'FORBIDDEN', message: '只有该组织的管理员可以邀请管理员' } };

  it('a read-only action carries none', async () => {
    const sent = serve([{ ok: true, data: { organizations: [] } }]);
    await call('organization', 'search', { keyword: '阳光' });
    expect(sent[0]).toEqual({ action: 'search', keyword: '阳光' });
  });

  it('each answered call of a mutating action is a new intent', async () => {
    const sent = serve([answered, refused, answered]);
    await call('organization', 'createInvite', { orgId: 'org_1' });
    await call('organization', 'createInvite', { orgId: 'org_1' });
    await call('organization', 'createInvite', { orgId: 'org_1' });
    const ids = sent.map((e) => e.requestId);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(REQUEST_ID_PATTERN);
  });

  it('the same payload after a network failure, a crashed call or BUSY is a retry: same id, until it is answered', async () => {
    const sent = serve(['network', 'crash', busy, answered, answered]);
    const payload = { orgId: 'org_1' };
    expect(await call('organization', 'createInvite', payload)).toMatchObject({ ok: false, error: { code: 'NETWORK' } });
    expect(await call('organization', 'createInvite', payload)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await call('organization', 'createInvite', payload)).toEqual(busy);
    expect(await call('organization', 'createInvite', payload)).toEqual(answered);
    await call('organization', 'createInvite', payload);
    const ids = sent.map((e) => e.requestId);
    expect(ids.slice(0, 4)).toEqual([ids[0], ids[0], ids[0], ids[0]]);
    expect(ids[4]).not.toBe(ids[0]);
  });

  it('another payload after a failure is another intent', async () => {
    const sent = serve(['network', answered]);
    await call('organization', 'createInvite', { orgId: 'org_1' });
    await call('organization', 'createInvite', { orgId: 'org_2' });
    expect(sent[1]!.requestId).not.toBe(sent[0]!.requestId);
  });

  it('a page may hold one intent for its calls', async () => {
    const sent = serve([answered, answered]);
    const submit = intent();
    await call('organization', 'createInvite', { orgId: 'org_1' }, { intent: submit });
    await call('organization', 'createInvite', { orgId: 'org_1' }, { intent: submit });
    expect(sent.map((e) => e.requestId)).toEqual([submit.requestId, submit.requestId]);
    expect(intent().requestId).not.toBe(submit.requestId);
  });
});

describe('api client, cloud mode without an environment', () => {
  it('says the environment is not configured, instead of 网络不稳定, and calls nothing', async () => {
    config.mode = 'cloud';
    config.cloudEnv = '';
    const callFunction = jest.fn();
    fakeWx({ cloud: { callFunction } });
    expect(await call('user', 'session', {})).toEqual({
      ok: false,
      error: { code: 'CLOUD_NOT_CONFIGURED', message: expect.stringMatching(/^未配置云开发环境/) },
    });
    expect(callFunction).not.toHaveBeenCalled();
  });
});
