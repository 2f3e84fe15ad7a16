// Who may act on a record: only an active admin of the record's organization ("谁组织谁记录"), checked in the acting
// call from the caller's own membership. A record of another organization is "not found" to a volunteer, forbidden
// to another organization's admin only when it exists.
import type { ServiceRecordDoc } from '../_shared/documents/service-record';
import { userIdOf } from '../_shared/documents/ids';
import type { ActionContext } from '../_shared/frame/action';
import { fail } from '../_shared/frame/envelope';
import { FORBIDDEN_HOURS_MESSAGES } from '../_shared/messages/answers';
import { currentRevision, currentRevisionNumber, isActiveAdmin } from './store';

export const forbidden = () => fail('FORBIDDEN', FORBIDDEN_HOURS_MESSAGES.manage);

/** Caches the caller's admin rights per organization for one call (a bulk call touches one or two). */
export function adminCheck(ctx: ActionContext): { userId: string; administers(orgId: string): Promise<boolean> } {
  const userId = userIdOf(ctx.caller.openid);
  const known = new Map<string, Promise<boolean>>();
  return {
    userId,
    administers(orgId) {
      if (!known.has(orgId)) known.set(orgId, isActiveAdmin(ctx.db, orgId, userId));
      return known.get(orgId)!;
    },
  };
}

/** The record's current revision as read now (outside a transaction), or null. */
export async function recordNow(ctx: ActionContext, recordId: string): Promise<ServiceRecordDoc | null> {
  const n = await currentRevisionNumber(ctx.db, recordId);
  return n === null ? null : currentRevision(ctx.db, recordId, n);
}
