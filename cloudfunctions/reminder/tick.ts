// Timer `tick` (config.json: every 10 minutes). CloudBase takes one trigger per function, so each firing runs every
// job in turn: the 2-hour reminders first (the most urgent), the 24-hour ones, and in the morning (08:00–12:00
// Shanghai) the admins' digest and the new-project recommendations, until the budget is spent. Each job runs even
// when an earlier one failed; a failure still fails the invocation, so SCF records it.
//
// The jobs reason about the firing's own time (the event's `Time`, when the timer was due), not the moment the
// instance got round to it: a late or retried firing still covers its slot. A test fires it with a chosen time.
import type { TimerEvent, TriggerHandler } from '../_shared/frame/action';
import { sendDigests } from './digest';
import { recommendProjects } from './recommendations';
import { isMorning } from './rules';
import { remindShifts } from './shift-reminders';

/** The function may run 60 s; the jobs stop starting work after this much, leaving the rest to the next firing. */
const DEFAULT_BUDGET_MS = 40_000;

export const tick: TriggerHandler = async (event, ctx) => {
  const started = Date.now();
  const budget = Number(ctx.env.ZY_REMINDER_BUDGET_MS) > 0 ? Number(ctx.env.ZY_REMINDER_BUDGET_MS) : DEFAULT_BUDGET_MS;
  const deadline = started + budget;
  const at = firedAt(event, ctx.now);
  const shift2h = await settle(() => remindShifts(ctx.db, '2h', at, deadline));
  const shift24h = await settle(() => remindShifts(ctx.db, '24h', at, deadline));
  const morning = isMorning(at);
  const digest = morning ? await settle(() => sendDigests(ctx.db, at, deadline)) : skipped;
  const recommendations = morning ? await settle(() => recommendProjects(ctx.db, at, deadline)) : skipped;
  const parts = { shift2h, shift24h, digest, recommendations };
  for (const part of Object.values(parts)) if (part.status === 'rejected') throw part.reason;
  return Object.fromEntries(Object.entries(parts).map(([name, part]) => [name, part.status === 'fulfilled' ? part.value : null]));
};

/** The instant the timer was due (SCF's timer event carries it as ISO 8601); the clock when it carries none. */
export function firedAt(event: TimerEvent, now: Date): Date {
  const at = new Date(event.Time);
  return Number.isNaN(at.getTime()) ? now : at;
}

const skipped: PromiseSettledResult<'not this hour'> = { status: 'fulfilled', value: 'not this hour' };

async function settle<T>(run: () => Promise<T>): Promise<PromiseSettledResult<T>> {
  try {
    return { status: 'fulfilled', value: await run() };
  } catch (reason) {
    return { status: 'rejected', reason };
  }
}
