// volunteer.verifyCard — anyone who scans or types a card image's code learns whether it belongs to a registered
// volunteer, and then only what the image shows: the name masked (RULES §8), the number, today's stars and confirmed
// hours, the organizations' names. Unknown, forged, altered and deleted all answer `valid: false` alike.
import { parseCardProof } from '../../miniprogram/domain/card-proof';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { action } from '../_shared/frame/action';
import { ok, refusal } from '../_shared/frame/envelope';
import { hoursSummary } from '../_shared/hours/summary';
import { maskName } from '../_shared/rules/mask';
import { cardProofKeyFrom, cardProofMatches } from '../_shared/security/card-proof';
import { keyRingFromEnv } from '../_shared/security/crypto';
import { verifyCardSchema } from './schemas';
import { activeOrganizationsOf } from './store';

export const verifyCard = action('volunteer', 'verifyCard', verifyCardSchema, async (req, ctx) => {
  const parts = parseCardProof(req.proof);
  if (!parts.ok) return refusal(parts);
  // Index volunteerNo_unique: one document at most.
  const found = (await ctx.db.collection('volunteers').where({ volunteerNo: parts.value.volunteerNo }).limit(1).get()) as unknown as { data: VolunteerDoc[] };
  const volunteer = found.data[0];
  if (!volunteer || volunteer.status !== 'active' || !cardProofMatches(parts.value, volunteer, cardProofKeyFrom(keyRingFromEnv(ctx.env)))) {
    return ok({ valid: false as const });
  }
  const organizations = await activeOrganizationsOf(ctx.db, volunteer.userId);
  return ok({
    valid: true as const,
    volunteer: {
      nameMasked: maskName(volunteer.name),
      volunteerNo: volunteer.volunteerNo,
      ...hoursSummary(volunteer, ctx.env),
      organizations: organizations.map((o) => o.name),
    },
  });
});
