// The shape of every cloud function: parse `{ action, ...payload }`, validate it against the action's schema, know
// the caller from WeChat's context, run the handler, answer the envelope. Handlers stay thin; rules live in domain
// code. Everything is typed against the contract map in typings/ (`Functions`): a function must serve exactly its
// contract's actions, each handler takes its contract's request and may answer only its contract's response and
// error codes (plus the common ones). Timer triggers (config.json `triggers`) reach the same `main`; the frame
// routes them to the function's trigger handlers, never to an action, and only when the platform fired them.
// A mutating action (its contract's `mutates`) with a request id runs at most once per id (idempotency.ts); actions
// listed in security/rate-limit.ts are limited per caller.
import * as cloud from 'wx-server-sdk';
import * as z from 'zod';
import type { ActionName, CommonErrorCode, EmptyRequest, Envelope, ErrorOf, FunctionName, RequestOf, ResponseOf } from '../../../typings';
import { mutates, REQUEST_ID_FIELD, REQUEST_ID_PATTERN } from '../../../miniprogram/domain/actions';
import { TransactionBusy, type Database } from '../db/db';
import { RequestClaimLost, runInRequestScope } from '../db/request-scope';
import { userIdOf } from '../documents/ids';
import { rateLimited, rateLimitOf, takeAttempt } from '../security/rate-limit';
import { callerFromContext, type Caller } from './caller';
import { fail, ok } from './envelope';
import { logFailure } from './failure-log';
import { httpRequestOf, looksLikeHttpAccess, textResponse, type HttpRequest, type HttpResponse } from './http-access';
import { isMessagePushSource, looksLikeMessagePush, PUSH_RECEIVED, type MessagePush } from './message-push';
import { nestsDeeperThan } from './nesting';
import { schemaRefusal } from './schema-refusal';
import { keyRingFromEnv } from '../security/crypto';
import {
  awaitAnswer,
  claimRequest,
  finishRequest,
  fingerprintOf,
  leaseMsOf,
  PLAIN_ANSWERS,
  requestDocId,
  sealedAnswers,
  requestIdReused,
  stillRunning,
  type RequestKey,
} from './idempotency';
import { declaredOpenApis, isOpenApiProbe, probeOpenApis } from './openapi-probe';
import { BAD_REQUEST_MESSAGES, failWith, MESSAGES } from '../messages/answers';
import { kickDispatcher, trackingEnqueues } from '../messages/kick';

export interface ActionContext {
  caller: Caller;
  db: Database;
  cloud: typeof cloud;
  now: Date;
  env: NodeJS.ProcessEnv;
  /** cloud.getWXContext().SOURCE: who invoked the function (wx_client, wx_devtools, "wx_client,scf" from another function…). */
  source: string;
}

/** What an action of function F may answer: its contract's response, or one of its contract's error codes. */
export type Answer<F extends FunctionName, A extends ActionName<F>> = Envelope<ResponseOf<F, A>, ErrorOf<F, A>>;

export interface ActionDefinition<F extends FunctionName, A extends ActionName<F>> {
  fn: F;
  action: A;
  schema: z.ZodType<RequestOf<F, A>>;
  run(request: RequestOf<F, A>, ctx: ActionContext): Promise<Answer<F, A>>;
  /** The answer holds personal data in full (a phone): its request record keeps it encrypted (`sealedAnswer`). */
  sealedAnswer?: true;
}

/** Every action of the contract, and nothing else. */
export type ActionHandlers<F extends FunctionName> = { [A in ActionName<F>]: ActionDefinition<F, A> };

/**
 * One action of function `fn`: `action('volunteer', 'register', registerSchema, async (req, ctx) => …)`. The names
 * tie the schema, the request, the answer and the error codes to typings/ — the compiler refuses anything else.
 */
export function action<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  schema: z.ZodType<RequestOf<F, A>>,
  run: (request: RequestOf<F, A>, ctx: ActionContext) => Promise<Answer<F, A>>,
): ActionDefinition<F, A> {
  return { fn, action, schema, run };
}

/**
 * A mutating action whose answer holds personal data in full (help.contact: the contact's phone): the frame keeps
 * the answer of its request record encrypted with the data key ring (idempotency.ts `sealedAnswers`), so a retry is
 * answered the same and no plain phone is at rest (RULES §8).
 */
export function sealedAnswer<F extends FunctionName, A extends ActionName<F>>(definition: ActionDefinition<F, A>): ActionDefinition<F, A> {
  return { ...definition, sealedAnswer: true };
}

/** The schema of actions that take no payload: anything sent besides `action` is refused. */
export const noPayload = z.strictObject({}) satisfies z.ZodType<EmptyRequest>;

/** A timer trigger's event, as CloudBase delivers it (config.json `triggers`, type `timer`). */
export interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  /** The firing time, ISO 8601. */
  Time: string;
  /** The trigger's `config` text after the cron expression, if any. */
  Message?: string;
}

export interface TriggerContext {
  db: Database;
  cloud: typeof cloud;
  now: Date;
  env: NodeJS.ProcessEnv;
}

export type TriggerHandler = (event: TimerEvent, ctx: TriggerContext) => Promise<unknown>;

/** A WeChat message push this function is set up to receive (config.json `messagePush`), by its `Event`. */
export type PushHandler = (push: MessagePush, ctx: TriggerContext) => Promise<void>;

/** A request through CloudBase's HTTP access service to a path routed to this function (http-access.ts). */
export type HttpHandler = (request: HttpRequest, ctx: TriggerContext) => Promise<HttpResponse>;

/**
 * cloud.getWXContext().SOURCE of an invocation the platform's timer made (WeChat cloud docs, Cloud.getWXContext:
 * "wx_trigger 云函数定时触发器调用"). SOURCE follows the call chain comma-separated ("wx_client,scf"); only a timer
 * firing this very function counts, so the comparison is exact.
 */
export const TRIGGER_SOURCE = 'wx_trigger';

let initialised = false;

function initCloud(): void {
  if (initialised) return;
  // DYNAMIC_CURRENT_ENV: the environment the function runs in, on CloudBase and in the emulator alike.
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  initialised = true;
}

function isTimerEvent(event: unknown): event is TimerEvent {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as Record<string, unknown>;
  return e.Type === 'Timer' && typeof e.TriggerName === 'string';
}

export function defineFunction<F extends FunctionName>(
  actions: ActionHandlers<F>,
  triggers: Record<string, TriggerHandler> = {},
  pushes: Record<string, PushHandler> = {},
  http?: HttpHandler,
): { main: (event: unknown) => Promise<unknown>; actions: string[] } {
  const table = actions as unknown as Record<string, ActionDefinition<F, ActionName<F>> | undefined>;
  // Whatever an event holds, the caller gets the envelope: a failure before the handler ran (reading the context,
  // the schema, the frame's bookkeeping) is INTERNAL in Chinese, never the platform's English error.
  // (A timer's failure still throws: SCF then records the invocation as failed, and no person is waiting for it.)
  const main = async (event: unknown): Promise<unknown> => {
    initCloud();
    const context = cloud.getWXContext();
    // A timer event counts only when the platform's timer sent it: a client that sends the same shape gains nothing
    // (it has no `action`, so it is an unknown action).
    if (isTimerEvent(event) && context.SOURCE === TRIGGER_SOURCE) return runTrigger(triggers, event);
    // Likewise a push counts only from WeChat (message-push.ts); the same event from a client is an unknown action.
    if (looksLikeMessagePush(event) && isMessagePushSource(context.SOURCE)) return runPush(pushes, event);
    // HTTP access carries no WeChat user; the same shape with one is a client's call, hence an unknown action.
    if (looksLikeHttpAccess(event) && !context.OPENID) return runHttp(http, event as Record<string, unknown>);
    try {
      return await answer(event, context);
    } catch (e) {
      const name = typeof event === 'object' && event !== null ? (event as { action?: unknown }).action : undefined;
      return failureAnswer(typeof name === 'string' ? name : 'event', e);
    }
  };
  const answer = async (event: unknown, context: ReturnType<typeof cloud.getWXContext>): Promise<unknown> => {
    if (nestsDeeperThan(event)) return fail<CommonErrorCode>('BAD_REQUEST', BAD_REQUEST_MESSAGES.tooDeep);
    if (isOpenApiProbe(event, context.OPENID)) return ok({ openapi: await probeOpenApis(cloud, declaredOpenApis(__dirname)) });

    const name = typeof event === 'object' && event !== null ? (event as { action?: unknown }).action : undefined;
    const definition = typeof name === 'string' && Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
    if (!definition) return failWith('UNKNOWN_ACTION');
    const caller = callerFromContext(context);
    if (!caller) return failWith('UNAUTHENTICATED');
    const payload = clientPayload(event as Record<string, unknown>);
    const requestId = (event as Record<string, unknown>)[REQUEST_ID_FIELD];
    if (requestId !== undefined && (typeof requestId !== 'string' || !REQUEST_ID_PATTERN.test(requestId))) {
      return fail<CommonErrorCode>('BAD_REQUEST', BAD_REQUEST_MESSAGES.requestId);
    }
    const parsed = definition.schema.safeParse(payload);
    if (!parsed.success) return schemaRefusal(definition.fn, parsed.error);
    const ctx: ActionContext = { caller, db: cloud.database(), cloud, now: new Date(), env: process.env, source: String(context.SOURCE ?? '') };
    const limit = rateLimitOf(definition.fn, definition.action);
    const limitedAnswer = async (): Promise<unknown | null> => {
      if (!limit) return null;
      const attempt = await takeAttempt(ctx.db, caller.openid, limit, ctx.now);
      return attempt.allowed ? null : rateLimited(attempt.retryAfterSeconds);
    };
    try {
      if (!mutates(definition.fn, definition.action)) return (await limitedAnswer()) ?? (await runHandler(definition, parsed.data, ctx));
      if (typeof requestId !== 'string') {
        const limited = await limitedAnswer();
        if (limited) return limited;
        const { result, enqueued } = await trackingEnqueues(() => runHandler(definition, parsed.data, ctx));
        if (enqueued) await kickDispatcher(cloud);
        return result;
      }
      const key: RequestKey = {
        id: requestDocId(caller.openid, definition.fn, definition.action, requestId),
        userId: userIdOf(caller.openid),
        fn: definition.fn,
        action: definition.action,
        fingerprint: fingerprintOf(payload),
      };
      const codec = definition.sealedAnswer ? sealedAnswers(keyRingFromEnv(ctx.env)) : PLAIN_ANSWERS;
      const claim = await claimRequest(ctx.db, key, ctx.now, leaseMs(), codec);
      if (claim.kind === 'replay') return claim.answer;
      if (claim.kind === 'reused') return requestIdReused();
      if (claim.kind === 'inFlight') return (await awaitAnswer(ctx.db, key, undefined, codec)) ?? stillRunning();
      const limited = await limitedAnswer();
      const { result: answer, enqueued } = limited
        ? { result: limited, enqueued: false }
        : await trackingEnqueues(() => runInRequestScope({ id: key.id, attempt: claim.attempt, now: ctx.now, codec }, () => runHandler(definition, parsed.data, ctx)));
      // Unstored, the claim ends with its lease (then a retry answers what was committed, or runs again).
      await finishRequest(ctx.db, key.id, claim.attempt, answer, codec).catch((e) => logFailure(`${definition.action}.storeAnswer`, e));
      // After the answer is stored, so a retry meanwhile replays it; the notify function delivers what was enqueued.
      if (enqueued) await kickDispatcher(cloud);
      return answer;
    } catch (e) {
      // The frame's own bookkeeping failed before the handler ran (its failures are answers already).
      return failureAnswer(definition.action, e);
    }
  };
  return { main, actions: Object.keys(actions) };
}

/** The handler's answer; a failure it throws becomes BUSY or INTERNAL, so the frame can store or release it. */
async function runHandler<F extends FunctionName>(definition: ActionDefinition<F, ActionName<F>>, request: unknown, ctx: ActionContext): Promise<unknown> {
  try {
    return await definition.run(request as RequestOf<F, ActionName<F>>, ctx);
  } catch (e) {
    return failureAnswer(definition.action, e);
  }
}

function failureAnswer(name: string, e: unknown): unknown {
  if (e instanceof TransactionBusy || e instanceof RequestClaimLost) return stillRunning();
  // Log the shape of the failure only: the SDK's message echoes the query, which may carry personal data.
  logFailure(name, e);
  return failWith('INTERNAL');
}

let lease: number | undefined;
/** Claims last the function's timeout (config.json beside the bundle) plus a margin. */
function leaseMs(): number {
  lease ??= leaseMsOf(__dirname);
  return lease;
}

async function runTrigger(triggers: Record<string, TriggerHandler>, event: TimerEvent): Promise<unknown> {
  const handler = Object.prototype.hasOwnProperty.call(triggers, event.TriggerName) ? triggers[event.TriggerName] : undefined;
  // Throwing makes SCF record the invocation as failed, which is what an unknown trigger is.
  if (!handler) throw new Error(`no handler for timer trigger "${event.TriggerName}"`);
  return handler(event, { db: cloud.database(), cloud, now: new Date(), env: process.env });
}

async function runPush(pushes: Record<string, PushHandler>, push: MessagePush): Promise<string> {
  const kind = push.Event ?? '';
  const handler = Object.prototype.hasOwnProperty.call(pushes, kind) ? pushes[kind] : undefined;
  // A push this function was not set up for is a configuration fault: failing the invocation shows it in the log.
  if (!handler) throw new Error(`no handler for message push <${push.MsgType}, ${kind}>`);
  await handler(push, { db: cloud.database(), cloud, now: new Date(), env: process.env });
  return PUSH_RECEIVED;
}

async function runHttp(http: HttpHandler | undefined, event: Record<string, unknown>): Promise<HttpResponse> {
  if (!http) return textResponse(404, 'text/plain; charset=utf-8', MESSAGES.UNKNOWN_ACTION);
  try {
    return await http(httpRequestOf(event), { db: cloud.database(), cloud, now: new Date(), env: process.env });
  } catch (e) {
    logFailure('http', e);
    return textResponse(500, 'text/plain; charset=utf-8', MESSAGES.INTERNAL);
  }
}

/**
 * Fields CloudBase adds to a client's event (`userInfo: { appId, openId }` for wx.cloud.callFunction). They are
 * dropped before validation and never trusted: identity comes from cloud.getWXContext() only.
 */
export const PLATFORM_EVENT_FIELDS = ['userInfo', 'tcbContext'] as const;

function clientPayload(event: Record<string, unknown>): Record<string, unknown> {
  const payload: Record<string, unknown> = { ...event };
  delete payload.action;
  delete payload[REQUEST_ID_FIELD];
  for (const field of PLATFORM_EVENT_FIELDS) delete payload[field];
  return payload;
}

/** The error codes every one of actions A of function F may answer (a schema part shared by several actions). */
export type CodeOfEvery<F extends FunctionName, A extends ActionName<F>> =
  (A extends unknown ? (code: ErrorOf<F, A> | CommonErrorCode) => void : never) extends (code: infer C) => void ? C & string : never;

/**
 * Refinement parameters for a schema check that is also a domain rule: `z.number().refine(isWeekday,
 * refusedAs('volunteer', ['register', 'updateProfile'], 'AVAILABILITY_INVALID', '…'))` narrows the type the handler
 * sees and answers the domain's code — one the contract of every action using that schema part lists.
 */
export function refusedAs<F extends FunctionName, A extends ActionName<F>>(
  _fn: F,
  _actions: readonly A[],
  code: CodeOfEvery<F, A>,
  message: string,
  field?: string,
): { error: string; params: { code: string; field?: string } } {
  return { error: message, params: field === undefined ? { code } : { code, field } };
}
