// signup.options — what the sign-up page shows: the project's scope and approval, its shifts not yet ended with the
// places left and the waitlist, and the caller's own sign-up for each.
import { userIdOf } from '../_shared/documents/ids';
import { signupId, type SignupDoc } from '../_shared/documents/project';
import { action } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { failWith } from '../_shared/messages/answers';
import { rows } from '../_shared/db/paging';
import { SHARDS, SIGNUPS } from '../_shared/signup/places';
import type { CapacityShardDoc } from '../_shared/documents/project';
import { DEFAULT_CANCEL_CUTOFF_HOURS } from './rules';
import { optionsSchema } from './schemas';
import { projectOf, shiftsOf, waitlistLength, waitlistPosition } from './store';
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
  const [shards, mine] = ids.length
    ? await Promise.all([
        rows<CapacityShardDoc>(ctx.db.collection(SHARDS).where({ shiftId: _.in(ids) }).limit(100)),
        rows<SignupDoc>(ctx.db.collection(SIGNUPS).where({ _id: _.in(ids.map((id) => signupId(id, userId))) }).limit(100)),
      ])
    : [[], []];
  const options = await Promise.all(
    shifts.map(async (s) => {
      const own = shards.filter((c) => c.shiftId === s._id);
      const taken = own.reduce((n, c) => n + c.taken, 0);
      const held = own.length > 0 ? own.reduce((n, c) => n + c.places, 0) : s.places;
      const my = mine.find((m) => m.shiftId === s._id);
      return {
        shiftId: s._id,
        startsAt: s.startsAt.toISOString(),
        endsAt: s.endsAt.toISOString(),
        places: s.places,
        placesLeft: Math.max(0, Math.min(held, s.places) - taken),
        waitlisted: await waitlistLength(ctx.db, s._id),
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
