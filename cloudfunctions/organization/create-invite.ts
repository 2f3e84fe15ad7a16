// organization.createInvite — an active admin of a verified organization invites another admin with a code that
// expires after 72 hours and works once. The code is the invitation's document id: a drawn code that is already
// taken is seen by reading that id in the transaction, and another is drawn.
import { getOrNull, inTransaction } from '../_shared/db/db';
import { membershipOf } from '../_shared/db/people';
import { userIdOf } from '../_shared/documents/ids';
import type { InvitationDoc, OrganizationDoc } from '../_shared/documents/organization';
import { action } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { generateInviteCode, inviteExpiry } from './rules';
import { createInviteSchema } from './schemas';
import { invitePath, isActiveAdmin } from './view';
import { failWith, FORBIDDEN_MESSAGES, NOT_VERIFIED_MESSAGES } from '../_shared/messages/answers';

/** 32^8 codes: even one clash is rare; five in a row means something else is wrong. */
const DRAWS = 5;

export const createInvite = action('organization', 'createInvite', createInviteSchema, async (req, ctx) => {
  const userId = userIdOf(ctx.caller.openid);
  const [org, mine] = await Promise.all([
    getOrNull<OrganizationDoc>(ctx.db, 'organizations', req.orgId),
    membershipOf(ctx.db, req.orgId, userId),
  ]);
  if (!org) return failWith('NOT_FOUND');
  if (!isActiveAdmin(mine)) return fail('FORBIDDEN', FORBIDDEN_MESSAGES.createInvite);
  if (org.status !== 'verified') return fail('NOT_VERIFIED', NOT_VERIFIED_MESSAGES.createInvite);

  const expiresAt = inviteExpiry(ctx.now);
  for (let draw = 0; draw < DRAWS; draw++) {
    const code = generateInviteCode();
    const created = await inTransaction(ctx.db, async (t) => {
      if (await getOrNull<InvitationDoc>(t, 'invitations', code)) return false;
      const invitation: Omit<InvitationDoc, '_id'> = {
        orgId: org._id,
        role: 'admin',
        createdBy: userId,
        createdAt: ctx.now,
        expiresAt,
        usedAt: null,
        usedBy: null,
      };
      await t.collection('invitations').doc(code).set({ data: invitation });
      return true;
    });
    if (created) return ok({ code, validUntil: expiresAt.toISOString(), sharePath: invitePath(code) });
  }
  throw new Error(`createInvite: no free invitation code after ${DRAWS} draws`);
});
