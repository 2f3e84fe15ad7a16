// The `expire` timer (config.json: every 10 minutes): open needs (pending, dispatched, unmatched) whose service start
// has passed become `expired` — nobody can serve them now. Each run reads them status by status with one indexed
// query (status_startsAt) of at most EXPIRE_PAGE, oldest start first, and expires each in its own transaction, which
// decides again from its own read (state.ts decide, the part `system`): a need an organization accepted meanwhile is
// left alone, and a rerun finds nothing left to do. A pending need frees its requester's place in the submission
// limit (rules.ts); a dispatched one closes its offers (helpOfferClosed, 'expired'); the requester is told once
// (help.expired, keyed by the need). The run stops starting work after EXPIRE_BUDGET_MS; the next one resumes.
import type { HelpRole } from '../../typings/help';
import { inTransaction, type Database } from '../_shared/db/db';
import { rows } from '../_shared/db/paging';
import { HELP_REQUESTS, type HelpRequestDoc } from '../_shared/documents/help';
import type { TimerEvent, TriggerHandler } from '../_shared/frame/action';
import { helpExpired, helpOfferClosed } from '../_shared/messages/help';
import { enqueue } from '../_shared/messages/outbox';
import { Moved, untilSettled, writeTally } from './answers';
import { decide, OPEN_STATUSES } from './state';
import { adminsOf, needOf, tallyOf } from './store';
import { factsOf } from './view';

/** At most this many needs per query (CloudBase answers at most 100 to a function). */
export const EXPIRE_PAGE = 100;
/** The function may run 20 s (config.json); a run starts no new need after this much. */
export const EXPIRE_BUDGET_MS = 12_000;

const SYSTEM = new Set<HelpRole>(['system']);

export interface ExpireRun {
  expired: number;
  /** False when the run stopped at its budget (the next firing goes on). */
  finished: boolean;
}

/** The instant the run decides at: the firing's time (SCF's `Time`) or the clock, whichever is later. */
export function expiryInstant(event: Pick<TimerEvent, 'Time'>, now: Date): Date {
  const fired = new Date(event.Time).getTime();
  return Number.isNaN(fired) || fired < now.getTime() ? now : new Date(fired);
}

export const expireTimer: TriggerHandler = async (event, ctx) => expirePast(ctx.db, expiryInstant(event, ctx.now), ctx.now, Date.now() + EXPIRE_BUDGET_MS);

/** Expire every open need whose start is at or before `at`; `now` stamps the writes. */
export async function expirePast(db: Database, at: Date, now: Date, deadline: number): Promise<ExpireRun> {
  const _ = db.command;
  let expired = 0;
  let tried = 0;
  for (const status of OPEN_STATUSES) {
    const seen = new Set<string>();
    for (;;) {
      const page = await rows<HelpRequestDoc>(db.collection(HELP_REQUESTS).where({ status, startsAt: _.lte(at) }).orderBy('startsAt', 'asc').limit(EXPIRE_PAGE));
      const fresh = page.filter((n) => !seen.has(n._id));
      for (const need of fresh) {
        // At least one need per run, so a slow one never stalls the job.
        if (tried > 0 && Date.now() >= deadline) return { expired, finished: false };
        seen.add(need._id);
        tried++;
        if (await untilSettled(() => expireOne(db, need._id, at, now))) expired++;
      }
      // A short page was the last; a page of needs already tried (left alone by their transaction) ends it too.
      if (page.length < EXPIRE_PAGE || fresh.length === 0) break;
    }
  }
  return { expired, finished: true };
}

/** Expire one need if, as its transaction reads it, it is still open and its start has passed; answers whether it did. */
async function expireOne(db: Database, id: string, at: Date, now: Date): Promise<boolean> {
  const seen = await needOf(db, id);
  if (!seen || !decide(seen.status, 'expire', SYSTEM, 1, { startsAt: seen.startsAt, now: at }).ok) return false;
  // The wave's admins are read here; a wave that moved before the transaction's read makes it all run again.
  const admins = seen.status === 'dispatched' ? await adminsOf(db, seen.wave) : new Map<string, string[]>();
  return inTransaction<boolean>(db, async (t) => {
    const need = await needOf(t, id);
    if (!need) return false;
    const decision = decide(need.status, 'expire', SYSTEM, 1, { startsAt: need.startsAt, now: at });
    if (!decision.ok) return false;
    if (need.status === 'dispatched' && need.wave.join(',') !== seen.wave.join(',')) throw new Moved();
    await t.collection(HELP_REQUESTS).doc(need._id).update({ data: { status: decision.next, expiredAt: now, updatedAt: now } });
    if (need.status === 'pending') await writeTally(t, need.requesterUserId, await tallyOf(t, need.requesterUserId), now, -1);
    const facts = factsOf(need);
    if (need.status === 'dispatched') {
      for (const orgId of need.wave) for (const admin of admins.get(orgId) ?? []) await enqueue(t, helpOfferClosed(facts, orgId, admin, 'expired'), now);
    }
    await enqueue(t, helpExpired(facts, now), now);
    return true;
  });
}
