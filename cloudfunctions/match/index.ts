// Cloud function `match` (issue 12, volunteers for a shift): an organization admin's suggested volunteers for a
// shift, invitations (fair, capped per week), the series assistant's proposal, and the invited volunteer's view of
// an invitation. Contracts: typings/match.ts. How the cap holds under concurrency and how the assignment is
// modelled: README.md.
import { defineFunction } from '../_shared/frame/action';
import { invitation } from './invitation';
import { invite } from './invite';
import { seriesProposal } from './series-proposal';
import { suggest } from './suggest';

export const { main, actions } = defineFunction<'match'>({ suggest, invite, seriesProposal, invitation });
