// organization.inviteInfo — the landing page of a share card shows which organization invites before anyone accepts
// (or registers).
import { getOrNull } from '../_shared/db/db';
import { userIdOf } from '../_shared/documents/ids';
import type { InvitationDoc, OrganizationDoc } from '../_shared/documents/organization';
import { action } from '../_shared/frame/action';
import { ok, refusal } from '../_shared/frame/envelope';
import { checkInvitation, normaliseInviteCode } from './rules';
import { inviteInfoSchema } from './schemas';
import { badInviteCode, inviteOrganizationGone } from './view';

/** The landing page of a share card shows which organization invites before anyone accepts (or registers). */
export const inviteInfo = action('organization', 'inviteInfo', inviteInfoSchema, async (req, ctx) => {
  const code = normaliseInviteCode(req.code);
  if (!code) return badInviteCode();
  const invite = await getOrNull<InvitationDoc>(ctx.db, 'invitations', code);
  const check = checkInvitation(invite, userIdOf(ctx.caller.openid), ctx.now);
  if (!check.ok) return refusal(check);
  const org = await getOrNull<OrganizationDoc>(ctx.db, 'organizations', invite!.orgId);
  if (!org) return inviteOrganizationGone();
  return ok({
    orgId: org._id,
    name: org.name,
    regionNames: org.regionNames,
    validUntil: new Date(invite!.expiresAt).toISOString(),
    state: check.value === 'alreadyMine' ? ('mine' as const) : ('usable' as const),
  });
});

