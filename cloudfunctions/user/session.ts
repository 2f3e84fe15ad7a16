// user.session — who am I. Creates the user document on first sight, idempotently.
import type { Role, SessionRequest, SessionResponse } from '../../typings/user';
import { action, noPayload } from '../_shared/action';
import { getOrNull, isDuplicateKeyError } from '../_shared/db';
import { ok } from '../_shared/envelope';
import { userIdOf } from '../_shared/ids';
import type { UserDoc } from '../_shared/people';
import { platformAdminOpenids } from '../_shared/roles';

interface VolunteerDoc {
  _id: string;
  name: string;
  volunteerNo: string;
}

export const session = action<SessionRequest, SessionResponse>(noPayload, async (_req, ctx) => {
  const users = ctx.db.collection('users');
  const userId = userIdOf(ctx.caller.openid);
  let user = await getOrNull<UserDoc>(ctx.db, 'users', userId);
  let firstSeen = false;
  if (!user) {
    const fresh: UserDoc = { _id: userId, openid: ctx.caller.openid, roles: [], createdAt: ctx.now };
    if (ctx.caller.unionid) fresh.unionid = ctx.caller.unionid;
    try {
      await users.add({ data: fresh });
      user = fresh;
      firstSeen = true;
    } catch (e) {
      // Another first call won the race for the same id: read what it wrote.
      if (!isDuplicateKeyError(e)) throw e;
      user = await getOrNull<UserDoc>(ctx.db, 'users', userId);
      if (!user) throw e;
    }
  }

  const roles = new Set<Role>(user.roles as Role[]);
  if (platformAdminOpenids(ctx.env).has(ctx.caller.openid)) roles.add('platformAdmin');

  const volunteer = user.volunteerId ? await getOrNull<VolunteerDoc>(ctx.db, 'volunteers', user.volunteerId) : null;
  if (volunteer) roles.add('volunteer');

  return ok({
    userId,
    roles: [...roles].sort(),
    registered: volunteer !== null,
    ...(volunteer ? { volunteer: { name: volunteer.name, volunteerNo: volunteer.volunteerNo } } : {}),
    firstSeen,
  });
});
