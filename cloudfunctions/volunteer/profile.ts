// volunteer.profile — the caller's own profile. Identity from WeChat context only: there is no way to ask for
// someone else's.
import { registeredVolunteer } from '../_shared/db/people';
import { action, noPayload } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { notRegistered } from '../_shared/messages/answers';
import { keyRingFromEnv } from '../_shared/security/crypto';
import { activeOrganizationsOf } from './store';
import { toMyProfile } from './view';

export const profile = action('volunteer', 'profile', noPayload, async (_req, ctx) => {
  const me = await registeredVolunteer(ctx);
  if (!me) return notRegistered();
  const organizations = await activeOrganizationsOf(ctx.db, me.userId);
  return ok(toMyProfile(me.volunteer, organizations, keyRingFromEnv(ctx.env), ctx.now));
});
