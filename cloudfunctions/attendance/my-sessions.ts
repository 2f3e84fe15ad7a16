// attendance.mySessions — the volunteer's own sessions of today (Asia/Shanghai), with yesterday's that reached
// past midnight, newest first: what the check-in page shows after a scan and after a sync. Two reads: the day documents list them. Asked for a shift, it also says
// whether the shift's project checks the location, so the page asks for it only then.
import { getOrNull } from '../_shared/db/db';
import { registeredVolunteer } from '../_shared/db/people';
import { action } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { notRegistered } from '../_shared/messages/answers';
import { checksLocation, dayDocId, sessionsOfTheDay } from './rules';
import { dayDocIn, entriesOf, SESSIONS, shiftContext, type SessionDoc } from './store';
import { mySessionsSchema } from './schemas';
import { previousDay, shanghaiDay } from './tokens';
import { sessionView } from './view';

export const mySessions = action('attendance', 'mySessions', mySessionsSchema, async (req, ctx) => {
  const me = await registeredVolunteer(ctx);
  if (!me) return notRegistered();
  const day = shanghaiDay(ctx.now);
  const [today, yesterday] = await Promise.all([day, previousDay(day)].map((d) => dayDocIn(ctx.db, dayDocId(me.volunteer._id, d))));
  const entries = sessionsOfTheDay(entriesOf(today ?? null), entriesOf(yesterday ?? null), new Date(Date.parse(`${day}T00:00:00+08:00`)))
    .filter((e) => req.shiftId === undefined || e.shiftId === req.shiftId);
  const sessions = await Promise.all(entries.map((e) => getOrNull<SessionDoc>(ctx.db, SESSIONS, e.sessionId)));
  const items = sessions.filter((s): s is SessionDoc => s !== null).map(sessionView).reverse();
  const context = req.shiftId !== undefined ? await shiftContext(ctx.db, req.shiftId) : null;
  return ok({ items, ...(context ? { locationRequired: checksLocation(context.project.place) } : {}) });
});
