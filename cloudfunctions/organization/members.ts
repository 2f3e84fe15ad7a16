// organization.members and organization.joinRequests — the next page of the lists on the organization's page, for
// its active admins only, continuing from the `…Next` of the page before.
import { membershipOf } from '../_shared/db/people';
import { userIdOf } from '../_shared/documents/ids';
import { action, type ActionContext } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { BAD_REQUEST_MESSAGES, failWith } from '../_shared/messages/answers';
import { FIELD_LABELS } from '../_shared/messages/field-labels';
import { memberPageSchema } from './schemas';
import { decodeMemberCursor, decodeRequestCursor, encodeMemberCursor, encodeRequestCursor, joinRequestPage, memberPage, peopleByUserId } from './store';
import { isActiveAdmin, joinRequestView, memberView } from './view';

/** Someone who is not an active admin learns nothing, not even that the organization exists. */
async function callerIsAdmin(ctx: ActionContext, orgId: string): Promise<boolean> {
  return isActiveAdmin(await membershipOf(ctx.db, orgId, userIdOf(ctx.caller.openid)));
}

const badCursor = () => fail('BAD_REQUEST' as const, BAD_REQUEST_MESSAGES.invalid(FIELD_LABELS.organization.after), 'after');

export const members = action('organization', 'members', memberPageSchema, async (req, ctx) => {
  const after = decodeMemberCursor(req.after);
  if (!after) return badCursor();
  if (!(await callerIsAdmin(ctx, req.orgId))) return failWith('NOT_FOUND');
  const page = await memberPage(ctx.db, req.orgId, after);
  const people = await peopleByUserId(ctx.db, page.members.map((m) => m.userId));
  return ok({
    members: page.members.map((m) => memberView(m, people.get(m.userId))),
    ...(page.next ? { next: encodeMemberCursor(page.next) } : {}),
  });
});

export const joinRequests = action('organization', 'joinRequests', memberPageSchema, async (req, ctx) => {
  const after = decodeRequestCursor(req.after);
  if (!after) return badCursor();
  if (!(await callerIsAdmin(ctx, req.orgId))) return failWith('NOT_FOUND');
  const page = await joinRequestPage(ctx.db, req.orgId, after);
  const people = await peopleByUserId(ctx.db, page.joinRequests.map((m) => m.userId));
  return ok({
    joinRequests: page.joinRequests.map((m) => joinRequestView(m, people.get(m.userId))),
    ...(page.next ? { next: encodeRequestCursor(page.next) } : {}),
  });
});
