// The organization's side: only an active admin of the organization that runs the project may open a station, scan
// cards, check someone in or out by hand, change settings or read the dashboard — read on every call.
import { isOrgAdmin } from '../_shared/db/people';
import { userIdOf } from '../_shared/documents/ids';
import type { ActionContext } from '../_shared/frame/action';
import { fail } from '../_shared/frame/envelope';
import { FORBIDDEN_ATTENDANCE_MESSAGES } from '../_shared/messages/answers';

export const forbidden = () => fail('FORBIDDEN', FORBIDDEN_ATTENDANCE_MESSAGES.manage);

/** The caller's users id when they administer `orgId`, else null. */
export async function adminOf(ctx: ActionContext, orgId: string): Promise<string | null> {
  const userId = userIdOf(ctx.caller.openid);
  return (await isOrgAdmin(ctx.db, orgId, userId)) ? userId : null;
}
