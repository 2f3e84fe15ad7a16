// The shape of every cloud function: parse `{ action, ...payload }`, validate it against the action's schema, know
// the caller from WeChat's context, run the handler, answer the envelope. Handlers stay thin; rules live in domain code.
import * as cloud from 'wx-server-sdk';
import { z } from 'zod';
import type { CommonErrorCode, Envelope } from '../../typings/envelope';
import { callerFromContext, type Caller } from './caller';
import { TransactionBusy } from './db';
import { fail } from './envelope';

type Database = ReturnType<typeof cloud.database>;

export interface ActionContext {
  caller: Caller;
  db: Database;
  cloud: typeof cloud;
  now: Date;
  env: NodeJS.ProcessEnv;
}

export interface ActionDefinition<Req, Res> {
  schema: z.ZodType<Req>;
  /** Most actions need a WeChat identity; the few that do not (certificate verification…) say so. */
  anonymous?: boolean;
  run(request: Req, ctx: ActionContext): Promise<Envelope<Res, string>>;
}

export function action<Req, Res>(
  schema: z.ZodType<Req>,
  run: (request: Req, ctx: ActionContext) => Promise<Envelope<Res, string>>,
): ActionDefinition<Req, Res> {
  return { schema, run };
}

/** The schema of actions that take no payload: anything sent besides `action` is refused. */
export const noPayload = z.strictObject({}) as unknown as z.ZodType<Record<string, never>>;

let initialised = false;

function initCloud(): void {
  if (initialised) return;
  // DYNAMIC_CURRENT_ENV: the environment the function runs in, on CloudBase and in the emulator alike.
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  initialised = true;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function defineFunction(actions: Record<string, ActionDefinition<any, any>>) {
  const main = async (event: unknown): Promise<Envelope<unknown, string>> => {
    initCloud();
    const name = typeof event === 'object' && event !== null ? (event as { action?: unknown }).action : undefined;
    const definition = typeof name === 'string' && Object.prototype.hasOwnProperty.call(actions, name) ? actions[name] : undefined;
    if (!definition) return fail<CommonErrorCode>('UNKNOWN_ACTION', '不支持的操作');
    const caller = callerFromContext(cloud.getWXContext());
    if (!caller && !definition.anonymous) return fail<CommonErrorCode>('UNAUTHENTICATED', '请在微信中打开后重试');
    const payload = clientPayload(event as Record<string, unknown>);
    const parsed = definition.schema.safeParse(payload);
    if (!parsed.success) return fail<CommonErrorCode>('BAD_REQUEST', describeIssue(parsed.error));
    try {
      return await definition.run(parsed.data, {
        caller: caller as Caller,
        db: cloud.database(),
        cloud,
        now: new Date(),
        env: process.env,
      });
    } catch (e) {
      if (e instanceof TransactionBusy) return fail<CommonErrorCode>('BUSY', '当前操作的人较多，请稍后再试');
      // Log the shape of the failure, never the payload: it may carry personal data.
      console.error(`[${name}] failed:`, (e as { errMsg?: string }).errMsg ?? (e as Error).message ?? 'unknown error');
      return fail<CommonErrorCode>('INTERNAL', '服务暂时不可用，请稍后重试');
    }
  };
  return { main, actions: Object.keys(actions) };
}

/**
 * Fields CloudBase adds to a client's event (`userInfo: { appId, openId }` for wx.cloud.callFunction). They are
 * dropped before validation and never trusted: identity comes from cloud.getWXContext() only.
 */
export const PLATFORM_EVENT_FIELDS = ['userInfo', 'tcbContext'] as const;

function clientPayload(event: Record<string, unknown>): Record<string, unknown> {
  const payload: Record<string, unknown> = { ...event };
  delete payload.action;
  for (const field of PLATFORM_EVENT_FIELDS) delete payload[field];
  return payload;
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? `（${issue.path.join('.')}）` : '';
  return `请求内容不正确${where}`;
}
