// user.session — who am I. Creates the user document on first sight, idempotently.
import { administeredVerified } from '../_shared/db/admins';
import { unreadCount } from '../_shared/db/notifications';
import { userIdOf } from '../_shared/documents/ids';
import { action } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { platformAdminOpenids } from '../_shared/security/roles';
import { rolesOf } from './rules';
import { sessionSchema } from './schemas';
import { recordUnionid, userOnFirstSight, volunteerOf } from './store';
import { sessionView } from './view';

export const session = action('user', 'session', sessionSchema, async (_req, ctx) => {
  const userId = userIdOf(ctx.caller.openid);
  const seen = await userOnFirstSight(ctx.db, userId, ctx.caller, ctx.now);
  const { firstSeen } = seen;
  const user = firstSeen ? seen.user : await recordUnionid(ctx.db, seen.user, ctx.caller);
  // A user seen for the first time has no messages nor organizations yet; otherwise the reads go at once.
  const [volunteer, unread, verifiedOrgs] = await Promise.all([
    volunteerOf(ctx.db, user),
    firstSeen ? 0 : unreadCount(ctx.db, userId),
    firstSeen ? [] : administeredVerified(ctx.db, userId),
  ]);
  const active = volunteer !== null && volunteer.status === 'active';
  const roles = rolesOf(user.roles, platformAdminOpenids(ctx.env).has(ctx.caller.openid), active);
  return ok(sessionView(userId, roles, active ? volunteer : null, firstSeen, unread, verifiedOrgs, ctx.env));
});
