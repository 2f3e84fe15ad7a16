// Shift reminders: every confirmed volunteer of a shift hears 24 hours before its start (confirm or release the
// place) and 2 hours before (urgent). Each run covers the reminders due in its window (rules.ts), shift by shift in
// start order, and stops before the time limit, leaving where it stopped in reminderRuns for the next run.
import { getOrNull, inTransaction, type Database } from '../_shared/db/db';
import { PAGE, type Position } from '../_shared/db/paging';
import type { ProjectDoc, ShiftDoc, SignupDoc } from '../_shared/documents/project';
import { enqueue } from '../_shared/messages/outbox';
import { shiftReminder24h, shiftReminder2h } from '../_shared/messages/reminder-notifications';
import { SIGNUPS } from '../_shared/signup/places';
import { placeOf } from '../signup/place-rules';
import { remindable, resumable, startWindow, type ReminderLead } from './rules';
import { confirmedSignups, isTurnedOff, preferencesOf, runOf, saveRun, shiftsStarting } from './store';

/** Projects whose shifts still take place: a cancelled or finished project reminds nobody. */
const RUNNING: readonly ProjectDoc['status'][] = ['recruiting', 'in_progress'];

/** Sign-ups enqueued per transaction (each reads its sign-up and writes one notification). */
const PER_TRANSACTION = 10;

export interface ShiftReminderRun {
  shifts: number;
  enqueued: number;
  /** False when the run stopped at its time limit (the next run resumes). */
  finished: boolean;
}

export async function remindShifts(db: Database, lead: ReminderLead, at: Date, deadline: number): Promise<ShiftReminderRun> {
  const job = `shifts${lead}`;
  const window = startWindow(lead, at);
  const saved = (await runOf(db, job))?.resume;
  let position: Position | null = saved?.value instanceof Date && resumable(lead, saved.value, at) ? saved : null;
  let shifts = 0;
  let enqueued = 0;
  for (;;) {
    const page = await shiftsStarting(db, window.after, window.upTo, position);
    for (const shift of page) {
      // At least one shift per run, so a slow shift can never stall the job.
      if (shifts > 0 && Date.now() >= deadline) {
        await saveRun(db, job, { resume: position }, at);
        return { shifts, enqueued, finished: false };
      }
      enqueued += await remindShift(db, lead, shift, at);
      shifts++;
      position = { value: shift.startsAt, id: shift._id };
    }
    if (page.length < PAGE) break;
  }
  await saveRun(db, job, { resume: null }, at);
  return { shifts, enqueued, finished: true };
}

/** The `lead` reminder to each of the shift's confirmed volunteers who should get it; answers how many were new. */
async function remindShift(db: Database, lead: ReminderLead, shift: ShiftDoc, at: Date): Promise<number> {
  const project = await getOrNull<ProjectDoc>(db, 'projects', shift.projectId);
  if (!project || !RUNNING.includes(project.status)) return 0;
  const kind = lead === '24h' ? 'reminder.shift24h' : 'reminder.shift2h';
  // updatedAt is the instant the sign-up's current status began (places.ts `changed`).
  const due = (await confirmedSignups(db, shift._id)).filter((s) => remindable(lead, shift.startsAt, s.updatedAt, at));
  const prefs = await preferencesOf(db, due.map((s) => s.userId));
  const wanted = due.filter((s) => !isTurnedOff(prefs.get(s.userId), kind));
  let added = 0;
  for (let i = 0; i < wanted.length; i += PER_TRANSACTION) {
    const chunk = wanted.slice(i, i + PER_TRANSACTION);
    added += await inTransaction(db, async (t) => {
      let n = 0;
      for (const read of chunk) {
        // As the transaction reads it: withdrawn or moved since the query, it gets nothing.
        const s = await getOrNull<SignupDoc>(t, SIGNUPS, read._id);
        if (!s || s.status !== 'confirmed' || s.startsAt.getTime() !== shift.startsAt.getTime()) continue;
        const facts = { signupId: s._id, shiftId: shift._id, projectId: project._id, userId: s.userId, projectTitle: project.title, startsAt: shift.startsAt, endsAt: shift.endsAt, place: placeOf(project) };
        if (await enqueue(t, lead === '24h' ? shiftReminder24h(facts) : shiftReminder2h(facts), at)) n++;
      }
      return n;
    });
  }
  return added;
}
