// Changing a published project: a shift's time, a series' times, the place, the places, a cancellation. Every
// volunteer signed up for a changed shift (confirmed, waitlisted, offered or pending) is told through the outbox in
// the transaction that makes the change (RULES §3: a change of time or place is told to every signed-up volunteer).
//
// A transaction cannot query (where() is refused inside one), so the sign-ups are read just before it by shiftId.
// A sign-up that lands between that read and the commit changes the shift's `capacity` (the signup function
// writes it in the sign-up's own transaction): the transaction re-reads the shifts by id and starts over when a
// capacity moved, so nobody who signed up before the change commits goes untold.
import type { Envelope } from '../../typings/envelope';
import type { ShiftChangeError, ShiftsChangedResponse } from '../../typings/project-actions';
import { inTransaction, Rollback, type Tx } from '../_shared/db/db';
import { projectStatusFields, type ProjectDoc, type ShiftDoc, type SignupDoc } from '../_shared/documents/project';
import type { ActionContext } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { failWith } from '../_shared/messages/answers';
import { enqueue, type OutgoingNotification } from '../_shared/messages/outbox';
import { spanOf } from './rules';
import { liveSignupsOf, managerOf, projectOf, shiftsInTx, shiftsOf } from './store';

export interface ChangePlan {
  /** Per shift, the fields to set. */
  shiftUpdates: Map<string, Partial<ShiftDoc>>;
  /** Fields of the project to set besides its span and status. */
  projectUpdate?: Partial<ProjectDoc>;
  /** Shifts whose volunteers are told, and what each is told. */
  notify: Map<string, (signup: SignupDoc) => OutgoingNotification>;
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
      return await inTransaction<ChangeAnswer, ChangeAnswer>(ctx.db, (t) => applyPlan(t, ctx, projectId, plan, told, seen));
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
  for (const [shiftId, data] of plan.shiftUpdates) {
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
  for (const [shiftId, message] of plan.notify) {
    for (const signup of told.get(shiftId) ?? []) if (await enqueue(t, message(signup), ctx.now)) notified++;
  }
  const response: ShiftsChangedResponse = { projectId, shiftIds: [...plan.shiftUpdates.keys()], notified };
  return ok(response);
}
