// volunteer.deleteAccount — PIPL Arts 44–47: personal data deleted or anonymised, service records kept without
// identity. One transaction replaces the volunteer document by its anonymised remainder (volunteer-record.ts
// `anonymised`: why the volunteer number stays is written there), removes the user document and the caller's
// memberships. Messages and export files are bulk data outside the transaction: they are removed before it (losing
// them is harmless should the transaction fail) and swept again after it (anything that arrived meanwhile).
// Organizations the person registered stay (they are the organization's records), but their `createdBy` link to
// the person becomes the same `deleted:<volunteerId>` placeholder.
// After deletion the same credential, and the same WeChat account, can register again.
import type { DeleteAccountRequest, DeleteAccountResponse } from '../../typings/volunteer';
import type { Envelope } from '../../typings/envelope';
import type { ActionContext } from '../_shared/action';
import { action } from '../_shared/action';
import { getOrNull, inTransaction, Rollback } from '../_shared/db';
import { fail, ok } from '../_shared/envelope';
import type { VolunteerDoc } from '../_shared/volunteer-doc';
import type { UserWithExports } from './export-view';
import { deleteAccountSchema } from './schemas';
import { loadRegistered, membershipsOf, notRegistered } from './store';
import { anonymised } from './volunteer-record';

type Answer = Envelope<DeleteAccountResponse, string>;

const CONFIRM_WORD = '注销';

async function removeMessagesAndExports(ctx: ActionContext, userId: string, user: UserWithExports | null): Promise<void> {
  // Messages to the person, and messages to others about the person (e.g. "张* 申请加入…" in admins' inboxes).
  await ctx.db.collection('notifications').where({ recipientUserId: userId }).remove();
  await ctx.db.collection('notifications').where({ aboutUserId: userId }).remove();
  const fileList = (user?.exports ?? []).map((e) => e.fileID);
  if (fileList.length > 0) await ctx.cloud.deleteFile({ fileList });
}

export const deleteAccount = action<DeleteAccountRequest, DeleteAccountResponse>(deleteAccountSchema, async (req, ctx) => {
  if (req.confirm !== CONFIRM_WORD) return fail('BAD_REQUEST', `请输入“${CONFIRM_WORD}”两个字确认注销账号`);
  const me = await loadRegistered(ctx);
  if (!me) return notRegistered();
  const { userId } = me;

  await removeMessagesAndExports(ctx, userId, me.user as UserWithExports);
  const memberships = await membershipsOf(ctx.db, userId);
  const createdOrgIds = (
    await Promise.all([...new Set(memberships.map((m) => m.orgId))].map((id) => getOrNull<{ _id: string; createdBy?: string }>(ctx.db, 'organizations', id)))
  )
    .filter((o) => o?.createdBy === userId)
    .map((o) => o!._id);

  const answer = await inTransaction<Answer, Answer>(ctx.db, async (t) => {
    const current = await getOrNull<VolunteerDoc>(t, 'volunteers', me.volunteer._id);
    if (!current || current.status !== 'active' || current.userId !== userId) throw new Rollback(notRegistered());
    const { _id, ...remainder } = anonymised(current, ctx.now);
    await t.collection('volunteers').doc(_id).set({ data: remainder });
    await t.collection('users').doc(userId).remove();
    for (const m of memberships) await t.collection('memberships').doc(m._id).remove();
    for (const orgId of createdOrgIds) await t.collection('organizations').doc(orgId).update({ data: { createdBy: `deleted:${_id}` } });
    return ok({ deletedAt: ctx.now.toISOString() });
  });
  if (!answer.ok) return answer;

  // Anything written for this person while the transaction ran.
  const user = await getOrNull<UserWithExports>(ctx.db, 'users', userId);
  await ctx.db.collection('memberships').where({ userId }).remove();
  await removeMessagesAndExports(ctx, userId, user);
  return answer;
});
