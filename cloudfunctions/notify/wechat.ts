// The dispatcher of one invocation: its database, the WeChat adapters (_shared/wechat, the same in production and
// against the emulator's fake), the settings and a run id that names its claims.
import { randomUUID } from 'node:crypto';
import type { TriggerContext } from '../_shared/frame/action';
import { createWeChatApi } from '../_shared/wechat';
import type { Dispatcher } from './dispatch';
import { settingsOf } from './settings';

export function dispatcherOf(ctx: TriggerContext, kind: 'timer' | 'kick' | 'push'): Dispatcher {
  const clock = () => new Date();
  return {
    db: ctx.db,
    wechat: createWeChatApi({ cloud: ctx.cloud, db: ctx.db, env: ctx.env, now: clock }),
    env: ctx.env,
    settings: settingsOf(ctx.env),
    clock,
    runId: `${kind}-${randomUUID()}`,
  };
}
