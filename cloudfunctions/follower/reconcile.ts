// The nightly reconciliation (timer `reconcileFollowers`): walk the official account's follower list (cgi-bin/user/get,
// pages of up to 10,000 openids, next_openid to go on) and their details (cgi-bin/user/info/batchget, 100 at a time),
// and correct the followers collection: add followers it misses, correct a subscription or a unionid, and once the
// list is done mark those it still holds as subscribed but WeChat no longer lists as unsubscribed (their unfollow
// push was lost). A walk spans runs: each run holds the cursor's lease, works for its budget, saves where it stopped.
// An event pushed at or after the walk's start is never overridden (rules.ts correctionOf, store.ts conditions).
import type { FollowerSyncDoc } from '../_shared/documents/follower-sync';
import type { WeChatApi, WeChatOutcome } from '../_shared/wechat/api';
import { correctionOf, DETAILS_PER_CALL, runIdOf, walkStepOf, type WalkStep } from './rules';
import { followersByOpenid, markSeen, saveSync, sweepUnseen, syncOf, takeSyncLease, writeCorrection, type NodeDb } from './store';

/** A run works this long (ms) unless ZY_FOLLOWER_SYNC_BUDGET_MS says otherwise; 0 means one step per run. */
export const DEFAULT_BUDGET_MS = 40_000;
/** The lease outlives the function's 60 s timeout, so a run that is killed still holds the cursor until it is dead. */
const LEASE_MS = 70_000;

export interface ReconcileContext {
  db: NodeDb;
  api: WeChatApi;
  appid: string;
  clock: () => Date;
  budgetMs: number;
  /** This run's id, for the lease. */
  runToken: string;
}

export interface ReconcileReport {
  step: WalkStep | 'busy';
  runId?: string;
  /** Calls to WeChat and sweeps done by this run. */
  steps: number;
  state?: FollowerSyncDoc['state'];
  stoppedBy?: 'budget' | 'failure' | 'lease';
}

export function budgetOf(env: Record<string, string | undefined>): number {
  const raw = env.ZY_FOLLOWER_SYNC_BUDGET_MS?.trim();
  if (!raw) return DEFAULT_BUDGET_MS;
  const ms = Number(raw);
  // Well under the 60 s timeout: a run must leave time to save the cursor.
  return Number.isInteger(ms) && ms >= 0 ? Math.min(ms, 45_000) : DEFAULT_BUDGET_MS;
}

type Walk = Pick<FollowerSyncDoc, 'runId' | 'walkStartSeconds' | 'nextOpenid' | 'listDone' | 'queue' | 'pages' | 'seen' | 'added' | 'corrected'>;

function failureOf(api: string, outcome: Exclude<WeChatOutcome<unknown>, { ok: true }>, at: Date): NonNullable<FollowerSyncDoc['lastFailure']> {
  return outcome.kind === 'answered' ? { at, api, errcode: outcome.errcode, detail: outcome.errmsg.slice(0, 200) } : { at, api, detail: outcome.detail.slice(0, 200) };
}

export async function reconcileFollowers(ctx: ReconcileContext): Promise<ReconcileReport> {
  const started = ctx.clock();
  const deadline = started.getTime() + ctx.budgetMs;
  if (!(await takeSyncLease(ctx.db, ctx.appid, ctx.runToken, started, new Date(started.getTime() + LEASE_MS)))) return { step: 'busy', steps: 0 };
  const sync = (await syncOf(ctx.db, ctx.appid))!;
  const step = walkStepOf(sync, started);
  const release = () => saveSync(ctx.db, ctx.appid, ctx.runToken, { leaseUntil: ctx.clock(), updatedAt: ctx.clock() });
  if (step === 'rest') {
    await release();
    return { step, runId: sync.runId, steps: 0, state: sync.state };
  }
  let walk: Walk = sync;
  if (step === 'start') {
    walk = { runId: runIdOf(started), walkStartSeconds: Math.floor(started.getTime() / 1000), nextOpenid: '', listDone: false, queue: [], pages: 0, seen: 0, added: 0, corrected: 0 };
    await saveSync(ctx.db, ctx.appid, ctx.runToken, { ...walk, state: 'walking', startedAt: started, updatedAt: started }, true);
  }
  let steps = 0;
  for (;;) {
    const now = ctx.clock();
    if (steps > 0 && now.getTime() >= deadline) {
      await release();
      return { step, runId: walk.runId, steps, state: 'walking', stoppedBy: 'budget' };
    }
    steps++;
    if (walk.queue.length > 0) {
      const chunk = walk.queue.slice(0, DETAILS_PER_CALL);
      const details = await ctx.api.followerDetails(chunk);
      if (!details.ok) return stopOnFailure(ctx, walk, step, steps, failureOf('cgi-bin/user/info/batchget', details, now));
      const held = await followersByOpenid(ctx.db, chunk);
      const counts = { seen: 0, added: 0, corrected: 0 };
      const following: string[] = [];
      for (const detail of details.value) {
        const written = await writeCorrection(ctx.db, detail.openid, correctionOf(detail, held.get(detail.openid) ?? null, walk, now), walk, now);
        if (detail.subscribe === 1) following.push(detail.openid);
        if (written === 'added') counts.added++;
        else if (written === 'corrected') counts.corrected++;
        if (written !== 'none' && detail.subscribe === 1) counts.seen++;
      }
      await markSeen(ctx.db, following, walk.runId, now);
      walk = { ...walk, queue: walk.queue.slice(chunk.length), seen: walk.seen + counts.seen, added: walk.added + counts.added, corrected: walk.corrected + counts.corrected };
    } else if (!walk.listDone) {
      const page = await ctx.api.listFollowers(walk.nextOpenid);
      if (!page.ok) return stopOnFailure(ctx, walk, step, steps, failureOf('cgi-bin/user/get', page, now));
      const { openids, nextOpenid } = page.value;
      // WeChat ends the list with an empty page (or an empty next_openid).
      walk = openids.length === 0 ? { ...walk, listDone: true } : { ...walk, queue: openids, nextOpenid, listDone: nextOpenid === '', pages: walk.pages + 1 };
    } else {
      const markedUnsubscribed = await sweepUnseen(ctx.db, walk, now);
      const end = ctx.clock();
      await saveSync(ctx.db, ctx.appid, ctx.runToken, { ...walk, state: 'finished', finishedAt: end, markedUnsubscribed, leaseUntil: end, updatedAt: end }, true);
      console.log(`[reconcileFollowers] ${walk.runId} finished: ${walk.pages} pages, ${walk.seen} seen, ${walk.added} added, ${walk.corrected} corrected, ${markedUnsubscribed} marked unsubscribed`);
      return { step, runId: walk.runId, steps, state: 'finished' };
    }
    if (!(await saveSync(ctx.db, ctx.appid, ctx.runToken, { ...walk, updatedAt: ctx.clock() }, true))) {
      // The lease passed and another run took the cursor: it goes on from what was last saved.
      return { step, runId: walk.runId, steps, state: 'walking', stoppedBy: 'lease' };
    }
  }
}

/** A WeChat failure (the adapter has already refreshed a rejected token once): keep the cursor for the next run. */
async function stopOnFailure(ctx: ReconcileContext, walk: Walk, step: WalkStep, steps: number, failure: NonNullable<FollowerSyncDoc['lastFailure']>): Promise<ReconcileReport> {
  await saveSync(ctx.db, ctx.appid, ctx.runToken, { lastFailure: failure, leaseUntil: ctx.clock(), updatedAt: ctx.clock() });
  console.error(`[reconcileFollowers] ${walk.runId} stopped: ${failure.api} ${failure.errcode ?? 'unanswered'}`);
  return { step, runId: walk.runId, steps, state: 'walking', stoppedBy: 'failure' };
}
