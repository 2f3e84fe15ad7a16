// Timer trigger expireOffers (config.json, every 5 minutes): an offered place not confirmed in time goes to the next
// in line. Each offer ends in its own transaction, which re-reads it, so a confirmation that lands first wins and two
// firings at once end each offer once.
import type { TriggerHandler } from '../_shared/frame/action';
import type { SignupDoc } from '../_shared/documents/project';
import { rows } from '../_shared/db/paging';
import { toVolunteer } from '../_shared/messages/signup-notifications';
import { changed, factsOf, SIGNUPS } from '../_shared/signup/places';
import { err, ok } from '../../miniprogram/domain/result';
import { REASONS } from './rules';
import { endHold } from './transitions';

export const EXPIRE_BATCH = 100;

export const expireOffers: TriggerHandler = async (_event, ctx) => {
  const _ = ctx.db.command;
  let expired = 0;
  for (;;) {
    const due = await rows<SignupDoc>(
      ctx.db.collection(SIGNUPS).where({ status: 'offered', offerExpiresAt: _.lte(ctx.now) }).orderBy('offerExpiresAt', 'asc').limit(EXPIRE_BATCH),
    );
    for (const offer of due) {
      const answer = await endHold(ctx.db, offer, ctx.now, (current) => {
        if (current.status !== 'offered' || !current.offerExpiresAt || current.offerExpiresAt.getTime() > ctx.now.getTime()) return err('NOT_DUE', '');
        const next = changed(current, 'expired', REASONS.expired, ctx.now, {}, 'system');
        return ok({ next, tell: (n) => [toVolunteer('signup.expired', factsOf(n, n.history.length), n.reason)] });
      });
      if (answer.ok) expired++;
    }
    if (due.length < EXPIRE_BATCH) return { expired };
  }
};
