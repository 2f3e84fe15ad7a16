// Timer trigger `removeExpiredRecords` (the `user` function's config.json): the frame's own records outlive their use
// — a request id is forgotten after 24 h (frame/idempotency.ts; a stored answer may carry personal data), a
// rate-limit window ends (security/rate-limit.ts). Reading treats them as gone already; this removes them.
import type { TriggerHandler } from '../frame/action';
import { PAGE } from './paging';

/** Pages of 100 per collection and firing: hourly, this keeps up with far more requests than people make. */
const MAX_PAGES_PER_FIRING = 50;

export const EXPIRING_COLLECTIONS = ['requests', 'rateLimits'] as const;

export const removeExpiredRecords: TriggerHandler = async (_event, ctx) => {
  const removed: Record<string, number> = {};
  for (const collection of EXPIRING_COLLECTIONS) {
    removed[collection] = 0;
    for (let pageNo = 0; pageNo < MAX_PAGES_PER_FIRING; pageNo++) {
      const res = (await ctx.db.collection(collection).where({ expiresAt: ctx.db.command.lte(ctx.now) }).orderBy('expiresAt', 'asc').limit(PAGE).get()) as unknown as {
        data: Array<{ _id: string }>;
      };
      if (res.data.length === 0) break;
      await ctx.db
        .collection(collection)
        .where({ _id: ctx.db.command.in(res.data.map((d) => d._id)), expiresAt: ctx.db.command.lte(ctx.now) })
        .remove();
      removed[collection] += res.data.length;
    }
  }
  return { removed };
};
