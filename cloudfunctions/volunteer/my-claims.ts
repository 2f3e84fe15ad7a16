// volunteer.myClaims — the caller's own claims, newest first, with their state; an approved one names the record's
// volunteer number (now the caller's own).
import { userIdOf } from '../_shared/documents/ids';
import { action, noPayload } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { myClaimView } from './claim-rules';
import { claimsOf, volunteersById } from './claim-store';

export const myClaims = action('volunteer', 'myClaims', noPayload, async (_req, ctx) => {
  const claims = await claimsOf(ctx.db, userIdOf(ctx.caller.openid));
  const approved = claims.filter((c) => c.status === 'approved');
  const volunteers = await volunteersById(ctx.db, approved.map((c) => c.volunteerId));
  return ok({ items: claims.map((c) => myClaimView(c, volunteers.get(c.volunteerId)?.volunteerNo)) });
});
