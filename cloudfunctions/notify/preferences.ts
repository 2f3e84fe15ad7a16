// notify.preferences / notify.savePreferences — the caller's notification preferences: kinds turned off, quiet
// hours, new-project recommendations; with the kinds grouped for the page and whether they follow the official
// account (the channel used when no subscription is left).
import type { NotificationKind } from '../../typings/inbox';
import type { NotificationPreferences, PreferencesResponse } from '../../typings/notify';
import { getOrNull, inTransaction } from '../_shared/db/db';
import { followerOfUser } from '../_shared/db/followers';
import type { NotificationPreferencesDoc } from '../_shared/documents/notification';
import { userIdOf } from '../_shared/documents/ids';
import { action, noPayload, type ActionContext } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { DISPATCH_MESSAGES } from '../_shared/messages/dispatch';
import { ALL_KINDS, KIND_INFO } from '../_shared/messages/kinds';
import { applyPreferences, PREFERENCES, preferencesFrom, preferencesOf } from '../_shared/messages/preferences';
import { platformAdminOpenids } from '../_shared/security/roles';
import { savePreferencesSchema } from './schemas';
import { readUser } from './store';

/** Platform-only kinds are shown to platform admins only; everyone else sees the rest. */
const PLATFORM_KINDS: readonly NotificationKind[] = ['hours.totalsDifference'];

/** A volunteer's own groups first, an organization admin's and the platform's after (the page shows them in this order). */
const GROUP_ORDER = ['提醒', '报名', '服务时长', '证明', '项目', '求助', '账号', '组织', '平台'];
const groupRank = (kind: NotificationKind) => {
  const rank = GROUP_ORDER.indexOf(KIND_INFO[kind].group);
  return rank === -1 ? GROUP_ORDER.length : rank;
};

async function answerOf(ctx: ActionContext, preferences: NotificationPreferences): Promise<PreferencesResponse> {
  const user = await readUser(ctx.db, userIdOf(ctx.caller.openid));
  const unionid = user?.unionid ?? ctx.caller.unionid;
  const follows = unionid ? (await followerOfUser(ctx.db, { unionid })) !== null : false;
  const platformAdmin = platformAdminOpenids(ctx.env).has(ctx.caller.openid);
  const kinds = ALL_KINDS.filter((k) => KIND_INFO[k].turnOff && (platformAdmin || !PLATFORM_KINDS.includes(k)))
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

export const preferences = action('notify', 'preferences', noPayload, async (_req, ctx) => ok(await answerOf(ctx, await preferencesOf(ctx.db, userIdOf(ctx.caller.openid)))));

export const savePreferences = action('notify', 'savePreferences', savePreferencesSchema, async (req, ctx) => {
  const userId = userIdOf(ctx.caller.openid);
  const applied = applyPreferences(await preferencesOf(ctx.db, userId), req);
  if (!applied.ok) {
    const r = applied.refusal;
    if (r.code === 'BAD_REQUEST') return fail('BAD_REQUEST', DISPATCH_MESSAGES.kindNotOff(KIND_INFO[r.kind as NotificationKind].label), 'off');
    const message = r.field === 'quietHours.start' ? DISPATCH_MESSAGES.badStart : r.field === 'quietHours.end' ? DISPATCH_MESSAGES.badEnd : DISPATCH_MESSAGES.sameStartEnd;
    return fail('BAD_QUIET_HOURS', message, r.field);
  }
  const saved = await inTransaction(ctx.db, async (t) => {
    // Decided again from what the transaction reads, so two saves at once each apply to the other's result.
    const stored = await getOrNull<NotificationPreferencesDoc>(t, PREFERENCES, userId);
    const again = applyPreferences(preferencesFrom(stored), req);
    const value = again.ok ? again.value : applied.value;
    const doc: Omit<NotificationPreferencesDoc, '_id'> = { ...value, updatedAt: ctx.now };
    await t.collection(PREFERENCES).doc(userId).set({ data: doc });
    return value;
  });
  return ok(await answerOf(ctx, saved));
});
