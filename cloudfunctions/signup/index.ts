// Cloud function `signup`: a volunteer signs up for a shift and always learns why (confirmed, held for approval,
// waitlisted, or refused); the waitlist is offered freed places in order; organizations approve, remove, mark
// no-shows and export the roster. Contracts: typings/signup.ts. How capacity holds under concurrency: README.md.
import { defineFunction } from '../_shared/frame/action';
import { acceptOffer } from './accept-offer';
import { decide } from './decide';
import { expireOffers } from './expire-offers';
import { exportRoster } from './export-roster';
import { markNoShow } from './mark-no-show';
import { mine } from './mine';
import { options } from './options';
import { confirmPlace, placeCheck, releasePlace } from './place-check';
import { remove } from './remove';
import { shiftSignups } from './shift-signups';
import { signup } from './signup';
import { withdraw } from './withdraw';

export const { main, actions } = defineFunction<'signup'>(
  { options, signup, acceptOffer, withdraw, mine, shiftSignups, decide, remove, markNoShow, exportRoster, placeCheck, confirmPlace, releasePlace },
  { expireOffers },
);
