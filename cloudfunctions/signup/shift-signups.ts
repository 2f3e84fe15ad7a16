// signup.shiftSignups — an admin's view of one shift: places held and the waitlist, then its sign-ups with status and
// reason (names masked), in arrival order, 20 a page by keyset on shiftId_(status_)queuedAt_id (the first page stays
// well under 20 KB).
import { action } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { BAD_REQUEST_MESSAGES, failWith } from '../_shared/messages/answers';
import { shardsOf } from '../_shared/signup/places';
import { adminOf, forbidden } from './admin';
import { shiftSignupsSchema } from './schemas';
import { shiftAndProject, signupPage, volunteersByUser, waitlistLength, waitlistPosition } from './store';
import { rosterEntry } from './view';

export const ROSTER_PAGE = 20;

export const shiftSignups = action('signup', 'shiftSignups', shiftSignupsSchema, async (req, ctx) => {
  const found = await shiftAndProject(ctx.db, req.shiftId);
  if (!found) return failWith('SHIFT_NOT_FOUND');
  const { shift, project } = found;
  if (!(await adminOf(ctx, shift.orgId))) return forbidden();
  const where = req.status ? { shiftId: shift._id, status: req.status } : { shiftId: shift._id };
  const [page, shards, waitlisted] = await Promise.all([
    signupPage(ctx.db, where, { field: 'queuedAt', direction: 'asc' }, req.cursor, ROSTER_PAGE),
    shardsOf(ctx.db, shift._id),
    waitlistLength(ctx.db, shift._id),
  ]);
  if (!page) return fail('BAD_REQUEST', BAD_REQUEST_MESSAGES.cursor, 'cursor');
  const volunteers = await volunteersByUser(ctx.db, page.items.map((s) => s.userId));
  const items = await Promise.all(
    page.items.map(async (s) => rosterEntry(s, volunteers.get(s.userId), s.status === 'waitlisted' ? await waitlistPosition(ctx.db, s) : undefined)),
  );
  return ok({
    shift: {
      shiftId: shift._id,
      projectId: project._id,
      projectTitle: project.title,
      projectStatus: project.status,
      startsAt: shift.startsAt.toISOString(),
      endsAt: shift.endsAt.toISOString(),
      places: shift.places,
      cancelled: shift.cancelled,
      ...(shift.seriesId ? { seriesId: shift.seriesId } : {}),
    },
    placesTaken: shards.reduce((n, s) => n + s.taken, 0),
    waitlisted,
    items,
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  });
});
