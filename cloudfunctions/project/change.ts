// Changing a published project: a shift's time, a series' times, the place, the places, a cancellation. Every
// volunteer signed up for a changed shift (confirmed, waitlisted, offered or pending) is told through the outbox in
// the transaction that makes the change (RULES §3: a change of time or place is told to every signed-up volunteer).
//
// A transaction cannot query (where() is refused inside one), so the sign-ups are read just before it by shiftId.
// A sign-up can land between that read and the commit, or commit after the change having read the shift before it;
// a waitlisted one moves no capacity, so re-reading the shift cannot see it. Two steps close the gap (README,
// "Changes and the outbox"): after the commit the change reads the shifts' sign-ups again and tells whoever it
// missed (the sweep); and the change stamps each shift with `lastChange`, so a sign-up that read the shift before
// the change and committed after the sweep sees the stamp move and tells its volunteer itself (signup.ts). Both use
// the change's notification id, so everyone is told exactly once.
//
// Sign-ups copy their shift's times (the overlap check and 我的报名 read them there and in the person's schedule), so
// after a change of time each live sign-up of the shift, and its hold in signupSchedules, is moved to the new times
// (retime), one small transaction each, idempotent.
import type { Envelope } from '../../typings/envelope';
import type { ShiftChangeError, ShiftsChangedResponse } from '../../typings/project-actions';
import { getOrNull, inFollowUpTransaction, inTransaction, Rollback, type Tx } from '../_shared/db/db';
import { projectStatusFields, type ProjectDoc, type ShiftChange, type ShiftDoc, type SignupDoc } from '../_shared/documents/project';
import type { ActionContext } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { failWith } from '../_shared/messages/answers';
import { scheduleOf, writeSchedule } from '../_shared/signup/places';
import { shiftChangeNotice } from '../_shared/messages/notifications';
import { enqueue } from '../_shared/messages/outbox';
import { spanOf } from './rules';
import { liveSignupsOf, managerOf, projectOf, shiftsInTx, shiftsOf } from './store';

export interface ChangePlan {
  /** Per shift, the fields to set. */
  shiftUpdates: Map<string, Partial<ShiftDoc>>;
  /** Fields of the project to set besides its span and status. */
  projectUpdate?: Partial<ProjectDoc>;
  /** Shifts whose volunteers are told, and of what change (also stamped on the shift as `lastChange`). */
  notify: Map<string, ShiftChange>;
  /** The whole project is cancelled. */
  cancelProject?: boolean;
}

type ChangeAnswer = Envelope<ShiftsChangedResponse, ShiftChangeError>;
export type Refusal = Extract<ChangeAnswer, { ok: false }>;

/** What a change decides from the project and its shifts as read: a plan, or a refusal to answer. */
export type Decide = (project: ProjectDoc, shifts: ShiftDoc[]) => ChangePlan | Refusal;

/** Which project states a change applies to. */
export type Applies = (project: ProjectDoc) => Refusal | null;

class CapacityMoved {}

const ATTEMPTS = 5;
const capacityKey = (s: ShiftDoc) => JSON.stringify(s.capacity ?? null);

export async function changeProject(ctx: ActionContext, projectId: string, applies: Applies, decide: Decide): Promise<ChangeAnswer> {
  const project = await projectOf(ctx.db, projectId);
  if (!project) return failWith('PROJECT_NOT_FOUND');
  const manager = await managerOf(ctx, project.orgId);
  if (!manager.ok) return manager.answer;
  const refused = applies(project);
  if (refused) return refused;

  for (let attempt = 1; ; attempt++) {
    const shifts = await shiftsOf(ctx.db, projectId);
    const plan = decide(project, shifts);
    if ('ok' in plan) return plan;
    const told = new Map<string, SignupDoc[]>();
    for (const shiftId of plan.notify.keys()) told.set(shiftId, await liveSignupsOf(ctx.db, shiftId));
    const seen = new Map(shifts.map((s) => [s._id, capacityKey(s)]));
    try {
      const answer = await inTransaction<ChangeAnswer, ChangeAnswer>(ctx.db, (t) => applyPlan(t, ctx, projectId, plan, told, seen));
      if (!answer.ok) return answer;
      const notified = answer.data.notified + (await sweep(ctx, project, plan, told));
      await retime(ctx, plan);
      return ok({ ...answer.data, notified });
    } catch (e) {
      if (!(e instanceof CapacityMoved) || attempt >= ATTEMPTS) throw e;
    }
  }
}

async function applyPlan(
  t: Tx,
  ctx: ActionContext,
  projectId: string,
  plan: ChangePlan,
  told: Map<string, SignupDoc[]>,
  seen: Map<string, string>,
): Promise<ChangeAnswer> {
  const project = await projectOf(t, projectId);
  if (!project) throw new Rollback(failWith('PROJECT_NOT_FOUND'));
  const shifts = await shiftsInTx(t, project);
  for (const shiftId of plan.notify.keys()) {
    const shift = shifts.find((s) => s._id === shiftId);
    if (!shift) throw new Rollback(failWith('SHIFT_NOT_FOUND'));
    if (seen.get(shiftId) !== capacityKey(shift)) throw new CapacityMoved();
  }
  const after = shifts.map((s) => ({ ...s, ...(plan.shiftUpdates.get(s._id) ?? {}) }));
  for (const shiftId of new Set([...plan.shiftUpdates.keys(), ...plan.notify.keys()])) {
    const change = plan.notify.get(shiftId);
    const data = { ...(plan.shiftUpdates.get(shiftId) ?? {}), ...(change ? { lastChange: ctx.db.command.set(change) } : {}) };
    await t.collection('shifts').doc(shiftId).update({ data: { ...data, updatedAt: ctx.now } });
  }
  const open = after.filter((s) => !s.cancelled);
  const cancelled = plan.cancelProject === true || open.length === 0;
  const span = open.length > 0 ? spanOf(open.map((s) => ({ startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) }))) : undefined;
  await t.collection('projects').doc(projectId).update({
    data: {
      ...(plan.projectUpdate ?? {}),
      ...(span ? { startsAt: span.startsAt, endsAt: span.endsAt, days: span.days } : {}),
      ...(cancelled ? projectStatusFields('cancelled') : {}),
      updatedAt: ctx.now,
    },
  });
  let notified = 0;
  for (const [shiftId, change] of plan.notify) {
    for (const signup of told.get(shiftId) ?? []) if (await enqueue(t, noticeFor(project, shiftId, signup, change), ctx.now)) notified++;
  }
  const response: ShiftsChangedResponse = { projectId, shiftIds: [...plan.shiftUpdates.keys()], notified };
  return ok(response);
}

function noticeFor(project: Pick<ProjectDoc, '_id' | 'title'>, shiftId: string, signup: SignupDoc, change: ShiftChange) {
  return shiftChangeNotice({ project: { projectId: project._id, title: project.title }, shiftId, volunteerUserId: signup.userId, change });
}

/**
 * After the change committed: every sign-up of a changed shift that exists now but was not read before the
 * transaction is told, one follow-up transaction per shift (the ids make a second telling a no-op). Answers how many
 * were told here.
 */
async function sweep(ctx: ActionContext, project: ProjectDoc, plan: ChangePlan, told: Map<string, SignupDoc[]>): Promise<number> {
  let notified = 0;
  for (const [shiftId, change] of plan.notify) {
    const known = new Set((told.get(shiftId) ?? []).map((s) => s._id));
    const missed = (await liveSignupsOf(ctx.db, shiftId)).filter((s) => !known.has(s._id));
    if (missed.length === 0) continue;
    notified += await inFollowUpTransaction(ctx.db, async (t) => {
      let n = 0;
      for (const signup of missed) if (await enqueue(t, noticeFor(project, shiftId, signup, change), ctx.now)) n++;
      return n;
    });
  }
  return notified;
}

/**
 * After a change of time committed: every live sign-up of the shift carries the shift's times as they now are, and
 * so does its hold in the person's schedule (what the overlap check of the next sign-up reads). Each sign-up in a
 * transaction of its own that re-reads the shift, the sign-up and the schedule, so a re-run or a concurrent withdrawal
 * changes nothing twice.
 */
async function retime(ctx: ActionContext, plan: ChangePlan): Promise<void> {
  for (const [shiftId, update] of plan.shiftUpdates) {
    if (update.startsAt === undefined && update.endsAt === undefined) continue;
    for (const known of await liveSignupsOf(ctx.db, shiftId)) {
      await inFollowUpTransaction(ctx.db, async (t) => {
        const shift = await getOrNull<ShiftDoc>(t, 'shifts', shiftId);
        const signup = await getOrNull<SignupDoc>(t, 'signups', known._id);
        if (!shift || !signup) return;
        const startsAt = new Date(shift.startsAt);
        const endsAt = new Date(shift.endsAt);
        if (new Date(signup.startsAt).getTime() === startsAt.getTime() && new Date(signup.endsAt).getTime() === endsAt.getTime()) return;
        const moved: SignupDoc = { ...signup, startsAt, endsAt };
        await t.collection('signups').doc(signup._id).update({ data: { startsAt, endsAt, updatedAt: ctx.now } });
        const schedule = await scheduleOf(t, signup.userId);
        if (schedule.holds.some((h) => h.signupId === signup._id)) await writeSchedule(t, schedule, { add: moved }, ctx.now);
      });
    }
  }
}
