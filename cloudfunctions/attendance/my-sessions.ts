// attendance.mySessions — the volunteer's own sessions of today (Asia/Shanghai), newest first: what the check-in
// page shows after a scan and after a sync. One read: the day document lists them. Asked for a shift, it also says
// whether the shift's project checks the location, so the page asks for it only then.
import { getOrNull } from '../_shared/db/db';
import { registeredVolunteer } from '../_shared/db/people';
import { action } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { notRegistered } from '../_shared/messages/answers';
import { checksLocation, dayDocId } from './rules';
import { dayDocIn, entriesOf, SESSIONS, shiftContext, type SessionDoc } from './store';
import { mySessionsSchema } from './schemas';
import { shanghaiDay } from './tokens';
import { sessionView } from './view';

export const mySessions = action('attendance', 'mySessions', mySessionsSchema, async (req, ctx) => {
  const me = await registeredVolunteer(ctx);
  if (!me) return notRegistered();
  const day = await dayDocIn(ctx.db, dayDocId(me.volunteer._id, shanghaiDay(ctx.now)));
  const entries = entriesOf(day).filter((e) => req.shiftId === undefined || e.shiftId === req.shiftId);
  const sessions = await Promise.all(entries.map((e) => getOrNull<SessionDoc>(ctx.db, SESSIONS, e.sessionId)));
  const items = sessions.filter((s): s is SessionDoc => s !== null).map(sessionView).reverse();
  const context = req.shiftId !== undefined ? await shiftContext(ctx.db, req.shiftId) : null;
  return ok({ items, ...(context ? { locationRequired: checksLocation(context.project.place) } : {}) });
});
