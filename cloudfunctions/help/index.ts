// Cloud function `help` (issue 12, 求助: 点单 → 派单 → 接单 → 评单): anyone (no volunteer registration asked) submits a need, a
// platform admin or a verified organization of its county verifies it, it is offered to organizations ranked by fit,
// distance and load, one accepts (a draft project is made from it) or declines with a reason, the organization reports
// it served and the requester rates it. Contracts: typings/help.ts. Roles, dispatch, limits and how the accept race
// holds: README.md. The `expire` timer (expire.ts) moves open needs whose time has passed to expired.
import { defineFunction } from '../_shared/frame/action';
import { answerOffer } from './answer-offer';
import { contact } from './contact';
import { expireTimer } from './expire';
import { mine, offers, orgRatings, publicList, verifyQueue } from './reads';
import { responder, setResponder, setWilling, willing } from './settings';
import { complete, rate, withdraw } from './steps';
import { submit } from './submit';
import { verify } from './verify';

export const { main, actions } = defineFunction<'help'>(
  {
    submit,
    verify,
    answerOffer,
    withdraw,
    complete,
    rate,
    mine,
    verifyQueue,
    offers,
    publicList,
    setResponder,
    responder,
    orgRatings,
    setWilling,
    willing,
    contact,
  },
  { expire: expireTimer },
);
