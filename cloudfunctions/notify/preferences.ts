// notify.preferences / notify.savePreferences — the caller's notification preferences: kinds turned off, quiet
// hours, new-project recommendations; with the kinds grouped for the page and whether they follow the official
// account (the channel used when no subscription is left). Only the kinds that can reach the caller, from their roles
// (_shared/messages/audiences.ts), are listed, and only those may be turned off; a kind turned off when it still
// reached them (an admin no longer) stays as it was.
import type { NotificationKind } from '../../typings/inbox';
import type { NotificationPreferences, PreferencesResponse } from '../../typings/notify';
import { getOrNull, inTransaction } from '../_shared/db/db';
import { followerOfUser } from '../_shared/db/followers';
import type { NotificationPreferencesDoc } from '../_shared/documents/notification';
import { userIdOf } from '../_shared/documents/ids';
import { action, noPayload, type ActionContext } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { DISPATCH_MESSAGES } from '../_shared/messages/dispatch';
import { AUDIENCE_TEXT, KIND_AUDIENCE, kindApplies, type Roles } from '../_shared/messages/audiences';
import { ALL_KINDS, KIND_INFO } from '../_shared/messages/kinds';
import { applyPreferences, PREFERENCES, preferencesFrom, preferencesOf } from '../_shared/messages/preferences';
import { savePreferencesSchema } from './schemas';
import { readUser, rolesOf } from './store';

/** A volunteer's own groups first, an organization admin's and the platform's after (the page shows them in this order). */
const GROUP_ORDER = ['提醒', '报名', '服务时长', '证明', '项目', '求助', '账号', '组织', '平台'];
const groupRank = (kind: NotificationKind) => {
  const rank = GROUP_ORDER.indexOf(KIND_INFO[kind].group);
  return rank === -1 ? GROUP_ORDER.length : rank;
};

async function answerOf(ctx: ActionContext, preferences: NotificationPreferences, roles: Roles): Promise<PreferencesResponse> {
  const user = await readUser(ctx.db, userIdOf(ctx.caller.openid));
  const unionid = user?.unionid ?? ctx.caller.unionid;
  const follows = unionid ? (await followerOfUser(ctx.db, { unionid })) !== null : false;
  const kinds = ALL_KINDS.filter((k) => KIND_INFO[k].turnOff && kindApplies(k, roles))
    // A stable sort: kinds keep their order inside a group.
    .sort((a, b) => groupRank(a) - groupRank(b))
    .map((kind) => ({
    kind,
    label: KIND_INFO[kind].label,
    group: KIND_INFO[kind].group,
    urgent: KIND_INFO[kind].urgent,
  }));
  return { preferences, kinds, followsOfficialAccount: follows };
}

export const preferences = action('notify', 'preferences', noPayload, async (_req, ctx) => {
  const [stored, roles] = await Promise.all([preferencesOf(ctx.db, userIdOf(ctx.caller.openid)), rolesOf(ctx)]);
  return ok(await answerOf(ctx, stored, roles));
});

export const savePreferences = action('notify', 'savePreferences', savePreferencesSchema, async (req, ctx) => {
  const userId = userIdOf(ctx.caller.openid);
  const [current, roles] = await Promise.all([preferencesOf(ctx.db, userId), rolesOf(ctx)]);
  const applies = (kind: NotificationKind) => kindApplies(kind, roles);
  const applied = applyPreferences(current, req, applies);
  if (!applied.ok) {
    const r = applied.refusal;
    if (r.code === 'KIND_NOT_RECEIVED') {
      const kind = r.kind as NotificationKind;
      return fail('KIND_NOT_RECEIVED', DISPATCH_MESSAGES.kindNotReceived(KIND_INFO[kind].label, AUDIENCE_TEXT[KIND_AUDIENCE[kind]]), 'off');
    }
    if (r.code === 'BAD_REQUEST') return fail('BAD_REQUEST', DISPATCH_MESSAGES.kindNotOff(KIND_INFO[r.kind as NotificationKind].label), 'off');
    const message = r.field === 'quietHours.start' ? DISPATCH_MESSAGES.badStart : r.field === 'quietHours.end' ? DISPATCH_MESSAGES.badEnd : DISPATCH_MESSAGES.sameStartEnd;
    return fail('BAD_QUIET_HOURS', message, r.field);
  }
  const saved = await inTransaction(ctx.db, async (t) => {
    // Decided again from what the transaction reads, so two saves at once each apply to the other's result.
    const stored = await getOrNull<NotificationPreferencesDoc>(t, PREFERENCES, userId);
    const again = applyPreferences(preferencesFrom(stored), req, applies);
    const value = again.ok ? again.value : applied.value;
    const doc: Omit<NotificationPreferencesDoc, '_id'> = { ...value, updatedAt: ctx.now };
    await t.collection(PREFERENCES).doc(userId).set({ data: doc });
    return value;
  });
  return ok(await answerOf(ctx, saved, roles));
});
