// signup.mine — 我的报名: the caller's sign-ups, upcoming (not yet ended, soonest first) or past (latest first),
// 20 a page by keyset on userId_endsAt_id / userId_endsAtDesc_id (store.ts signupPage).
import { userIdOf } from '../_shared/documents/ids';
import { action } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { BAD_REQUEST_MESSAGES } from '../_shared/messages/answers';
import { mineSchema } from './schemas';
import { signupPage, waitlistPosition } from './store';
import { signupView } from './view';

export const MY_PAGE = 20;

export const mine = action('signup', 'mine', mineSchema, async (req, ctx) => {
  const userId = userIdOf(ctx.caller.openid);
  const _ = ctx.db.command;
  const page =
    req.when === 'upcoming'
      ? await signupPage(ctx.db, { userId, endsAt: _.gt(ctx.now) }, { field: 'endsAt', direction: 'asc' }, req.cursor, MY_PAGE)
      : await signupPage(ctx.db, { userId, endsAt: _.lte(ctx.now) }, { field: 'endsAt', direction: 'desc' }, req.cursor, MY_PAGE);
  if (!page) return fail('BAD_REQUEST', BAD_REQUEST_MESSAGES.cursor, 'cursor');
  const items = await Promise.all(page.items.map(async (s) => signupView(s, s.status === 'waitlisted' ? await waitlistPosition(ctx.db, s) : undefined)));
  return ok({ items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
});
