// Only an active admin of the organization that runs the project may see its suggestions and invite, read in the
// acting call from the caller's own membership.
import { userIdOf } from '../_shared/documents/ids';
import type { ActionContext } from '../_shared/frame/action';
import { fail } from '../_shared/frame/envelope';
import { MATCH_MESSAGES } from '../_shared/messages/match';
import { isActiveAdmin } from '../signup/store';

export const forbidden = () => fail('FORBIDDEN', MATCH_MESSAGES.forbidden);

/** The caller's users id when they administer `orgId`, else null. */
export async function adminOf(ctx: ActionContext, orgId: string): Promise<string | null> {
  const userId = userIdOf(ctx.caller.openid);
  return (await isActiveAdmin(ctx.db, orgId, userId)) ? userId : null;
}
