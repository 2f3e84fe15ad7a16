// organization.register — a registered volunteer registers an organization and becomes its first admin. The
// organization waits for verification by a platform admin (RULES §2) before it may publish. One USCC, one live
// organization: decided by the `organizationCodes` document whose id is the USCC, read and written in the
// transaction that creates the organization and its first admin (application.ts takeCode: a pending hold expires,
// a rejected or dissolved holder released it). Alike names are answered as a warning; the exact name of a live
// organization in the same region is refused.
import { randomBytes } from 'node:crypto';
import { inTransaction, isDuplicateKeyError } from '../_shared/db/db';
import { registeredVolunteer } from '../_shared/db/people';
import { membershipId, type MembershipDoc } from '../_shared/documents/membership';
import type { ApplicationEventDoc, OrganizationDoc } from '../_shared/documents/organization';
import { action, type Answer } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { failWith, notRegistered } from '../_shared/messages/answers';
import { applicationFields, checkApplication, takeCode } from './application';
import { registerSchema } from './schemas';

type RegisterAnswer = Answer<'organization', 'register'>;

export const register = action('organization', 'register', registerSchema, async (req, ctx) => {
  const me = await registeredVolunteer(ctx);
  if (!me) return notRegistered();
  const checked = await checkApplication(ctx, req, me.userId, null);
  if (!checked.ok) return checked.answer;

  const orgId = `org_${randomBytes(10).toString('hex')}`;
  const submitted: ApplicationEventDoc = { event: 'submitted', at: ctx.now, by: me.userId };
  const doc: Omit<OrganizationDoc, '_id'> = {
    ...applicationFields(ctx, orgId, checked.value),
    status: 'pending',
    history: [submitted],
    createdBy: me.userId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    adminsChangedAt: ctx.now,
  };
  const firstAdmin: Omit<MembershipDoc, '_id'> = {
    orgId,
    userId: me.userId,
    role: 'admin',
    status: 'active',
    requestCount: 0,
    requestedAt: ctx.now,
    since: ctx.now,
  };
  const uscc = checked.value.org.uscc;
  try {
    return await inTransaction<RegisterAnswer, RegisterAnswer>(ctx.db, async (t) => {
      if (uscc) await takeCode(t, ctx, uscc, orgId, me.userId);
      await t.collection('organizations').doc(orgId).set({ data: doc });
      await t.collection('memberships').doc(membershipId(orgId, me.userId)).set({ data: firstAdmin });
      return ok({ orgId, status: doc.status, similarNames: checked.value.similar });
    });
  } catch (e) {
    // The last guard (the unique index on usccKey): the code document above should have decided; ask to try again.
    if (isDuplicateKeyError(e)) return failWith('CONFLICT');
    throw e;
  }
});
