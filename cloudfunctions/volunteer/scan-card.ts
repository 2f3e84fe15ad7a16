// volunteer.scanCard — an admin of a verified organization scans a volunteer's card. The answer identifies the
// volunteer without disclosing them (RULES §8): number and masked name only.
import { getOrNull } from '../_shared/db/db';
import { isOrgAdmin } from '../_shared/db/people';
import { userIdOf } from '../_shared/documents/ids';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { action } from '../_shared/frame/action';
import { fail, ok, refusal } from '../_shared/frame/envelope';
import { maskName } from '../_shared/rules/mask';
import { cardKeyFrom, verifyCardCode } from '../_shared/security/card-code';
import { keyRingFromEnv } from '../_shared/security/crypto';
import { scanCardSchema } from './schemas';
import { failWith, FORBIDDEN_MESSAGES } from '../_shared/messages/answers';

export const scanCard = action('volunteer', 'scanCard', scanCardSchema, async (req, ctx) => {
  // The role first: someone who may not scan learns nothing about the code.
  const [admin, organization] = await Promise.all([
    isOrgAdmin(ctx.db, req.orgId, userIdOf(ctx.caller.openid)),
    getOrNull<{ status?: string }>(ctx.db, 'organizations', req.orgId),
  ]);
  if (!admin || organization?.status !== 'verified') {
    return fail('FORBIDDEN', FORBIDDEN_MESSAGES.scanCard);
  }
  const checked = verifyCardCode(req.payload, ctx.now, cardKeyFrom(keyRingFromEnv(ctx.env)));
  if (!checked.ok) return refusal(checked);
  const volunteer = await getOrNull<VolunteerDoc>(ctx.db, 'volunteers', checked.value.volunteerId);
  if (!volunteer || volunteer.status !== 'active') {
    return failWith('CARD_INVALID');
  }
  return ok({ volunteerId: volunteer._id, volunteerNo: volunteer.volunteerNo, nameMasked: maskName(volunteer.name) });
});
