// attendance.mySessions — the volunteer's own sessions of today (Asia/Shanghai), newest first: what the check-in
// page shows after a scan and after a sync. One read: the day document lists them.
import { getOrNull } from '../_shared/db/db';
import { registeredVolunteer } from '../_shared/db/people';
import { action } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { notRegistered } from '../_shared/messages/answers';
import { dayDocId } from './rules';
import { dayDocIn, entriesOf, SESSIONS, type SessionDoc } from './store';
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
  return ok({ items });
});
