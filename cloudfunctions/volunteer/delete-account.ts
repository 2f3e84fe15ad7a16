// volunteer.deleteAccount — PIPL Arts 44–47: personal data deleted or anonymised, service records kept without
// identity. What happens to each collection is declared once in _shared/db/personal-data.ts and run from here: one
// transaction makes every single-document change (the volunteer replaced by its anonymised remainder, the user
// document, the credential document and the memberships removed, organizations' `createdBy` replaced); bulk data
// (messages, export files) is swept before it — losing them is harmless should the transaction fail — and again
// after it, for anything that arrived meanwhile. After deletion the same credential, and the same WeChat account,
// can register again. An account that never registered (it may have asked for help) is deleted the same way: each
// collection's erasure does what applies to it.
import { getOrNull, inTransaction, Rollback } from '../_shared/db/db';
import { accountHolder } from '../_shared/db/people';
import { personalCollections, type ErasureContext, type Person } from '../_shared/db/personal-data';
import type { UserDoc } from '../_shared/documents/user';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { action, type Answer } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { failWith, LAST_ADMIN_MESSAGES, notRegistered } from '../_shared/messages/answers';
import { administeredOrganizations } from '../_shared/db/admins';
import { organizationsOrphanedBy } from '../_shared/rules/last-admin';
import { deleteAccountSchema } from './schemas';

type DeleteAnswer = Answer<'volunteer', 'deleteAccount'>;

async function sweep(ctx: ErasureContext, person: Person, phase: 'before' | 'after'): Promise<void> {
  for (const [, collection] of personalCollections()) await collection.sweep?.(ctx, person, phase);
}

/** The last admin of a live organization hands it over or dissolves it first (rules/last-admin.ts). */
async function lastAdminRefusal(db: ErasureContext['db'], userId: string) {
  const orphaned = organizationsOrphanedBy(await administeredOrganizations(db, userId));
  return orphaned.length > 0 ? fail('LAST_ADMIN', LAST_ADMIN_MESSAGES.deleteAccount(orphaned.map((o) => o.name))) : null;
}

export const deleteAccount = action('volunteer', 'deleteAccount', deleteAccountSchema, async (_req, ctx) => {
  const me = await accountHolder(ctx);
  if (!me) return notRegistered();
  // Before anything is swept: a refused deletion removes nothing.
  const refused = await lastAdminRefusal(ctx.db, me.userId);
  if (refused) return refused;
  const erasure: ErasureContext = { db: ctx.db, cloud: ctx.cloud, now: ctx.now };

  await sweep(erasure, me, 'before');
  const answer = await inTransaction<DeleteAnswer, DeleteAnswer>(ctx.db, async (t) => {
    const account = await getOrNull<UserDoc>(t, 'users', me.userId);
    if (!account) throw new Rollback(notRegistered());
    // Registered since the account was read: the sweeps ran for an account without a profile; the person asks again.
    if (!me.volunteer && account.volunteerId && (await getOrNull<VolunteerDoc>(t, 'volunteers', account.volunteerId))?.status === 'active') {
      throw new Rollback(failWith('CONFLICT'));
    }
    const current = me.volunteer ? await getOrNull<VolunteerDoc>(t, 'volunteers', me.volunteer._id) : null;
    if (me.volunteer && (!current || current.status !== 'active' || current.userId !== me.userId)) throw new Rollback(notRegistered());
    // Again inside: the memberships' erasure writes each administered organization, so a co-admin leaving at the
    // same moment conflicts with this transaction, and the one that runs again counts what the other committed.
    const late = await lastAdminRefusal(ctx.db, me.userId);
    if (late) throw new Rollback(late);
    const person: Person = { ...me, volunteer: current };
    for (const [, collection] of personalCollections()) await collection.erase?.(t, person, erasure);
    return ok({ deletedAt: ctx.now.toISOString() });
  });
  if (!answer.ok) return answer;
  await sweep(erasure, me, 'after');
  return answer;
});
