// volunteer.profile — the caller's own profile. Identity from WeChat context only: there is no way to ask for
// someone else's.
import type { MyProfile, ProfileRequest } from '../../typings/volunteer';
import { action, noPayload } from '../_shared/action';
import { keyRingFromEnv } from '../_shared/crypto';
import { ok } from '../_shared/envelope';
import { toMyProfile } from './profile-view';
import { activeOrganizationsOf, loadRegistered, notRegistered } from './store';

export const profile = action<ProfileRequest, MyProfile>(noPayload, async (_req, ctx) => {
  const me = await loadRegistered(ctx);
  if (!me) return notRegistered();
  const organizations = await activeOrganizationsOf(ctx.db, me.userId);
  return ok(toMyProfile(me.volunteer, organizations, keyRingFromEnv(ctx.env), ctx.now));
});
