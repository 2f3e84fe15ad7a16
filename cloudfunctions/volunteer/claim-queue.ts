// volunteer.claimQueue — the platform admins' queue of claims with evidence, oldest first, 20 a page with a cursor
// (index status_filedAt; never skip). Each item masked (claim-view.ts); the rest is in claimDetail.
import { isPlatformAdmin } from '../_shared/db/people';
import { action } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { BAD_REQUEST_MESSAGES } from '../_shared/messages/answers';
import { keyRingFromEnv } from '../_shared/security/crypto';
import { afterCursor, decodeCursor, encodeCursor, QUEUE_PAGE } from './claim-rules';
import { pendingClaims, volunteersById } from './claim-store';
import { claimQueueItem, notClaimReviewer } from './claim-view';
import { claimQueueSchema } from './schemas';

export const claimQueue = action('volunteer', 'claimQueue', claimQueueSchema, async (req, ctx) => {
  if (!isPlatformAdmin(ctx)) return notClaimReviewer();
  const cursor = decodeCursor(req.cursor);
  if (cursor === 'invalid') return fail('BAD_REQUEST', BAD_REQUEST_MESSAGES.cursor, 'cursor');
  const page = afterCursor(await pendingClaims(ctx.db, cursor), cursor);
  const shown = page.slice(0, QUEUE_PAGE);
  const volunteers = await volunteersById(ctx.db, shown.map((c) => c.volunteerId));
  const ring = keyRingFromEnv(ctx.env);
  const last = shown[shown.length - 1];
  return ok({
    items: shown.map((c) => claimQueueItem(c, volunteers.get(c.volunteerId), ring)),
    ...(page.length > QUEUE_PAGE && last ? { nextCursor: encodeCursor({ filedAt: new Date(last.filedAt), claimId: last._id }) } : {}),
  });
});
