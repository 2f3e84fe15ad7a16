// The organization's side: only an active admin of the organization that runs the project may act on its sign-ups,
// read in the acting call from the caller's own membership.
import { userIdOf } from '../_shared/documents/ids';
import type { SignupDoc } from '../_shared/documents/project';
import type { ActionContext } from '../_shared/frame/action';
import { fail } from '../_shared/frame/envelope';
import { FORBIDDEN_SIGNUP_MESSAGES } from '../_shared/messages/answers';
import { isActiveAdmin, signupOf } from './store';

export const forbidden = () => fail('FORBIDDEN', FORBIDDEN_SIGNUP_MESSAGES.manage);

/** The caller's users id and whether they administer `orgId`. */
export async function adminOf(ctx: ActionContext, orgId: string): Promise<string | null> {
  const userId = userIdOf(ctx.caller.openid);
  return (await isActiveAdmin(ctx.db, orgId, userId)) ? userId : null;
}

/** The sign-up and the acting admin, or why not: a sign-up of another organization is "not found" to a stranger. */
export async function managedSignup(ctx: ActionContext, signupId: string): Promise<{ signup: SignupDoc; adminUserId: string } | 'notFound' | 'forbidden'> {
  const signup = await signupOf(ctx.db, signupId);
  if (!signup) return 'notFound';
  const adminUserId = await adminOf(ctx, signup.orgId);
  return adminUserId ? { signup, adminUserId } : 'forbidden';
}
