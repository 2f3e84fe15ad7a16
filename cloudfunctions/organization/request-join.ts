// organization.requestJoin — a volunteer asks to join an organization as a member. Each active admin is told, in
// the transaction that records the request, under an id keyed by the request number: a retry finds its messages
// there and a renewed request (after a decline) gets new ones.
import { getOrNull, inTransaction, Rollback } from '../_shared/db/db';
import { everyRow } from '../_shared/db/paging';
import { registeredVolunteer } from '../_shared/db/people';
import { membershipId, type MembershipDoc } from '../_shared/documents/membership';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { action, type Answer } from '../_shared/frame/action';
import { fail, ok, refusal } from '../_shared/frame/envelope';
import { failWith, notRegistered, NOT_VERIFIED_MESSAGES } from '../_shared/messages/answers';
import { joinRequested } from '../_shared/messages/notifications';
import { enqueue } from '../_shared/messages/outbox';
import { checkJoinRequest } from './rules';
import { requestJoinSchema } from './schemas';

type RequestJoinAnswer = Answer<'organization', 'requestJoin'>;

export const requestJoin = action('organization', 'requestJoin', requestJoinSchema, async (req, ctx) => {
  const me = await registeredVolunteer(ctx);
  if (!me) return notRegistered();
  const org = await getOrNull<OrganizationDoc>(ctx.db, 'organizations', req.orgId);
  if (!org || org.status === 'rejected') return failWith('NOT_FOUND');
  if (org.status !== 'verified') return fail('NOT_VERIFIED', NOT_VERIFIED_MESSAGES.requestJoin);

  // Who to tell is read before the transaction (a transaction works on single documents); each notification is
  // then written inside it, keyed by the request number so a retry finds it and a renewed request gets a new one.
  const admins = await everyRow<MembershipDoc>(ctx.db, 'memberships', { orgId: org._id, status: 'active', role: 'admin' });
  const message = req.message?.replace(/\s+/g, ' ').trim();

  return inTransaction<RequestJoinAnswer, RequestJoinAnswer>(ctx.db, async (t) => {
    const id = membershipId(org._id, me.userId);
    const existing = await getOrNull<MembershipDoc>(t, 'memberships', id);
    const check = checkJoinRequest(existing);
    if (!check.ok) throw new Rollback(refusal(check));
    const { requestCount } = check.value;
    const request: Omit<MembershipDoc, '_id'> = {
      orgId: org._id,
      userId: me.userId,
      role: 'member',
      status: 'pending',
      ...(message ? { message } : {}),
      requestCount,
      requestedAt: ctx.now,
    };
    await t.collection('memberships').doc(id).set({ data: request });
    for (const admin of admins) {
      await enqueue(
        t,
        joinRequested({
          org: { orgId: org._id, name: org.name },
          adminUserId: admin.userId,
          requesterUserId: me.userId,
          requesterName: me.volunteer.name,
          requestCount,
        }),
        ctx.now,
      );
    }
    return ok({ status: 'pending' as const });
  });
});
