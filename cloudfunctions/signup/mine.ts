// signup.mine — 我的报名: the caller's sign-ups, upcoming (not yet ended, soonest first) or past (latest first),
// 20 a page.
import { userIdOf } from '../_shared/documents/ids';
import type { SignupDoc } from '../_shared/documents/project';
import { action } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { SIGNUPS } from '../_shared/signup/places';
import { mineSchema } from './schemas';
import { pageOf, waitlistPosition } from './store';
import { signupView } from './view';

export const MY_PAGE = 20;

export const mine = action('signup', 'mine', mineSchema, async (req, ctx) => {
  const userId = userIdOf(ctx.caller.openid);
  const _ = ctx.db.command;
  const query =
    req.when === 'upcoming'
      ? ctx.db.collection(SIGNUPS).where({ userId, endsAt: _.gt(ctx.now) }).orderBy('endsAt', 'asc').orderBy('_id', 'asc')
      : ctx.db.collection(SIGNUPS).where({ userId, endsAt: _.lte(ctx.now) }).orderBy('endsAt', 'desc').orderBy('_id', 'asc');
  const page = await pageOf<SignupDoc>(query, req.cursor, MY_PAGE);
  const items = await Promise.all(page.items.map(async (s) => signupView(s, s.status === 'waitlisted' ? await waitlistPosition(ctx.db, s) : undefined)));
  return ok({ items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
});
