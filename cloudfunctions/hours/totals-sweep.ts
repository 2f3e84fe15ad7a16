// The daily consistency sweep (part of the hours timer `daily`, config.json): every volunteer's counters, then every
// organization's and its projects', against the sum of their current confirmed records (checkVolunteer and
// checkOrganization, the checks hours.checkTotals runs on one). One run checks a bounded batch and stops well inside
// the function's 60 s; the sweep's progress (`totalsChecks/sweep`: the phase and the last id done) carries it over
// to the next run, until a run reaches the end: that run files the sweep's report (`totalsChecks/sweep-<n>`, read by
// hours.totalsReport) and, when a counter differed, tells every platform admin through the outbox — in the same
// transaction, so a retried run files and tells nothing twice. hours.totalsReport answers the report to platform
// admins only.
import type { TotalsDifference, TotalsReportView, TotalsSweepView } from '../../typings/hours-actions';
import { getOrNull, inFollowUpTransaction, Rollback, type Database } from '../_shared/db/db';
import { rows } from '../_shared/db/paging';
import { userIdOf } from '../_shared/documents/ids';
import { action, noPayload, type TriggerContext } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { FORBIDDEN_HOURS_MESSAGES } from '../_shared/messages/answers';
import { totalsDifferenceToPlatformAdmin } from '../_shared/messages/hours-notifications';
import { enqueue } from '../_shared/messages/outbox';
import { platformAdminOpenids } from '../_shared/security/roles';
import { checkOrganization, checkVolunteer } from './totals';

export const TOTALS_CHECKS = 'totalsChecks';
const SWEEP_ID = 'sweep';
/** Volunteers or organizations checked per run unless ZY_TOTALS_CHECK_BATCH says otherwise. */
export const DEFAULT_BATCH = 200;
/** A run starts no new check after this long: the function's timeout is 60 s, and one organization may take a few. */
const RUN_BUDGET_MS = 35_000;
/** Differences kept in the report (all are counted). */
const MAX_LISTED = 100;

type Phase = TotalsSweepView['phase'];

interface SweepDoc {
  _id: string;
  sweepNo: number;
  phase: Phase;
  /** The walk's key (volunteerNo, usccKey) of the last document of the phase already checked. */
  after: string;
  startedAt: Date;
  runs: number;
  checked: { volunteers: number; organizations: number };
  differences: TotalsDifference[];
  differenceCount: number;
  /** The report of the sweep before this one. */
  lastReportId?: string;
  updatedAt: Date;
}

interface ReportDoc extends Omit<SweepDoc, 'phase' | 'after' | 'lastReportId'> {
  finishedAt: Date;
}

/**
 * What each phase walks, in the order of a unique key every document has (a range on `_id` alone is no declared
 * index): volunteers by their number (volunteerNo_unique), organizations by `usccKey` (usccKey_unique: the USCC or
 * `none:<orgId>`).
 */
const WALK: Record<Phase, { collection: string; key: 'volunteerNo' | 'usccKey' }> = {
  volunteer: { collection: 'volunteers', key: 'volunteerNo' },
  org: { collection: 'organizations', key: 'usccKey' },
};

/** The next `size` documents of the phase after `after` (a key value; '' from the start). */
async function nextPage(db: Database, phase: Phase, after: string, size: number): Promise<Array<{ _id: string; key: string }>> {
  const { collection, key } = WALK[phase];
  const _ = db.command;
  const found = await rows<Record<string, string>>(
    db.collection(collection).where(after ? { [key]: _.gt(after) } : { [key]: _.gt('') }).orderBy(key, 'asc').field({ _id: true, [key]: true }).limit(size),
  );
  return found.map((d) => ({ _id: d._id!, key: d[key]! }));
}

function freshSweep(sweepNo: number, now: Date): SweepDoc {
  return { _id: SWEEP_ID, sweepNo, phase: 'volunteer', after: '', startedAt: now, runs: 0, checked: { volunteers: 0, organizations: 0 }, differences: [], differenceCount: 0, updatedAt: now };
}

/** The batch size a deployment set (a positive whole number), else the default. */
export function batchOf(env: NodeJS.ProcessEnv): number {
  const n = Number(env.ZY_TOTALS_CHECK_BATCH);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_BATCH;
}

/**
 * One entity's differences, checked twice: the records are summed after the counters are read (no transaction can
 * query), so a confirmation landing between the reads shows as a difference once; only one found again is real.
 */
async function confirmedDifferences(db: Database, phase: Phase, id: string): Promise<TotalsDifference[]> {
  const check = phase === 'volunteer' ? checkVolunteer : checkOrganization;
  if ((await check(db, id)).differences.length === 0) return [];
  return (await check(db, id)).differences;
}

export interface SweepRun {
  sweepNo: number;
  checked: number;
  finished: boolean;
  differenceCount: number;
}

/** One run of the sweep: resumes where the last one stopped, checks up to a batch, saves where it got to. */
export async function sweepTotals(ctx: TriggerContext, started = Date.now()): Promise<SweepRun> {
  const read = (await getOrNull<SweepDoc>(ctx.db, TOTALS_CHECKS, SWEEP_ID)) ?? freshSweep(1, ctx.now);
  const batch = batchOf(ctx.env);
  const next: SweepDoc = { ...read, checked: { ...read.checked }, differences: [...read.differences], runs: read.runs + 1, updatedAt: ctx.now };
  let checked = 0;
  let finished = false;
  while (checked < batch && Date.now() - started < RUN_BUDGET_MS) {
    const page = await nextPage(ctx.db, next.phase, next.after, Math.min(100, batch - checked));
    if (page.length === 0) {
      if (next.phase === 'volunteer') {
        next.phase = 'org';
        next.after = '';
        continue;
      }
      finished = true;
      break;
    }
    for (const { _id, key } of page) {
      const found = await confirmedDifferences(ctx.db, next.phase, _id);
      next.differenceCount += found.length;
      next.differences.push(...found.slice(0, Math.max(0, MAX_LISTED - next.differences.length)));
      if (next.phase === 'volunteer') next.checked.volunteers++;
      else next.checked.organizations++;
      next.after = key;
      checked++;
      if (Date.now() - started >= RUN_BUDGET_MS) break;
    }
  }
  const admins = [...platformAdminOpenids(ctx.env)].map(userIdOf);
  const saved = await inFollowUpTransaction<boolean, false>(ctx.db, async (t) => {
    const now = await getOrNull<SweepDoc>(t, TOTALS_CHECKS, SWEEP_ID);
    // Another run moved the sweep on meanwhile (a retried or overlapping firing): its progress stands.
    if ((now?.runs ?? 0) !== read.runs || (now?.sweepNo ?? read.sweepNo) !== read.sweepNo) throw new Rollback(false);
    if (finished) {
      const reportId = `sweep-${next.sweepNo}`;
      const filed: Omit<ReportDoc, '_id'> = {
        sweepNo: next.sweepNo,
        startedAt: next.startedAt,
        runs: next.runs,
        checked: next.checked,
        differences: next.differences,
        differenceCount: next.differenceCount,
        updatedAt: ctx.now,
        finishedAt: ctx.now,
      };
      await t.collection(TOTALS_CHECKS).doc(reportId).set({ data: filed });
      if (next.differenceCount > 0) for (const admin of admins) await enqueue(t, totalsDifferenceToPlatformAdmin(next.sweepNo, admin, next.differenceCount), ctx.now);
      const { _id, ...fresh } = { ...freshSweep(next.sweepNo + 1, ctx.now), lastReportId: reportId };
      await t.collection(TOTALS_CHECKS).doc(_id).set({ data: fresh });
    } else {
      const { _id, ...body } = next;
      await t.collection(TOTALS_CHECKS).doc(_id).set({ data: body });
    }
    return true;
  });
  return { sweepNo: read.sweepNo, checked: saved ? checked : 0, finished: saved && finished, differenceCount: next.differenceCount };
}

const iso = (d: Date | string) => new Date(d).toISOString();

function sweepView(s: SweepDoc): TotalsSweepView {
  return { sweepNo: s.sweepNo, phase: s.phase, startedAt: iso(s.startedAt), runs: s.runs, checked: s.checked, differences: s.differences, differenceCount: s.differenceCount };
}

function reportView(r: ReportDoc): TotalsReportView {
  return { sweepNo: r.sweepNo, startedAt: iso(r.startedAt), finishedAt: iso(r.finishedAt), runs: r.runs, checked: r.checked, differences: r.differences, differenceCount: r.differenceCount };
}

export const totalsReport = action('hours', 'totalsReport', noPayload, async (_req, ctx) => {
  if (!platformAdminOpenids(ctx.env).has(ctx.caller.openid)) return fail('FORBIDDEN', FORBIDDEN_HOURS_MESSAGES.check);
  const sweep = await getOrNull<SweepDoc>(ctx.db, TOTALS_CHECKS, SWEEP_ID);
  const last = sweep?.lastReportId ? await getOrNull<ReportDoc>(ctx.db, TOTALS_CHECKS, sweep.lastReportId) : null;
  return ok({ current: sweep && sweep.runs > 0 ? sweepView(sweep) : null, last: last ? reportView(last) : null });
});
