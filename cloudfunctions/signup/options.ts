// signup.options — what the sign-up page shows: the project's scope and approval, its shifts not yet ended with the
// places left and the waitlist, and the caller's own sign-up for each.
import { userIdOf } from '../_shared/documents/ids';
import { signupId, type SignupDoc } from '../_shared/documents/project';
import { action } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { failWith } from '../_shared/messages/answers';
import { rows } from '../_shared/db/paging';
import { SIGNUPS, totalsByShift, type ShiftTotals } from '../_shared/signup/places';
import { DEFAULT_CANCEL_CUTOFF_HOURS } from './rules';
import { optionsSchema } from './schemas';
import { projectOf, shiftsOf, waitlistPosition } from './store';
import { signupView } from './view';

export const options = action('signup', 'options', optionsSchema, async (req, ctx) => {
  const project = await projectOf(ctx.db, req.projectId);
  if (!project || project.status === 'draft' || project.status === 'submitted' || project.status === 'rejected') {
    return failWith('PROJECT_NOT_FOUND');
  }
  const userId = userIdOf(ctx.caller.openid);
  const shifts = (await shiftsOf(ctx.db, project._id)).filter((s) => s.endsAt.getTime() > ctx.now.getTime());
  const _ = ctx.db.command;
  const ids = shifts.map((s) => s._id);
  // Places and the waitlist of every shift from the capacity shards, read together: no query per shift.
  const [totals, mine] = ids.length
    ? await Promise.all([totalsByShift(ctx.db, ids), rows<SignupDoc>(ctx.db.collection(SIGNUPS).where({ _id: _.in(ids.map((id) => signupId(id, userId))) }).limit(100))])
    : [new Map<string, ShiftTotals>(), []];
  const options = await Promise.all(
    shifts.map(async (s) => {
      const own = totals.get(s._id) ?? { taken: 0, places: 0, waitlisted: 0, shards: 0 };
      const taken = own.taken;
      const held = own.shards > 0 ? own.places : s.places;
      const my = mine.find((m) => m.shiftId === s._id);
      return {
        shiftId: s._id,
        startsAt: s.startsAt.toISOString(),
        endsAt: s.endsAt.toISOString(),
        places: s.places,
        placesLeft: Math.max(0, Math.min(held, s.places) - taken),
        waitlisted: own.waitlisted,
        cancelled: s.cancelled,
        ...(my ? { mine: signupView(my, my.status === 'waitlisted' ? await waitlistPosition(ctx.db, my) : undefined) } : {}),
      };
    }),
  );
  return ok({
    projectId: project._id,
    title: project.title,
    orgName: project.orgName,
    scope: project.conditions.scope,
    approvalMode: project.approvalMode,
    cancelCutoffHours: project.cancelCutoffHours ?? DEFAULT_CANCEL_CUTOFF_HOURS,
    shifts: options,
  });
});
