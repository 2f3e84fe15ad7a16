// Cloud function `organization`: registration, verification by a platform admin, members and roles (RULES §2).
// Contracts: typings/organization.ts. Timer trigger: releaseExpiredHolds (config.json), ending pending USCC holds past their time.
import { defineFunction } from '../_shared/frame/action';
import { acceptHandOver } from './accept-hand-over';
import { acceptInvite } from './accept-invite';
import { claimUscc } from './claim-uscc';
import { decideClaim } from './decide-claim';
import { designateSuccessor } from './designate-successor';
import { dissolve } from './dissolve';
import { releaseExpiredHolds } from './expired-holds';
import { handOver } from './hand-over';
import { leave } from './leave';
import { resubmit } from './resubmit';
import { createInvite } from './create-invite';
import { decideJoin } from './decide-join';
import { get } from './get';
import { inviteInfo } from './invite-info';
import { joinRequests, members } from './members';
import { mine } from './mine';
import { register } from './register';
import { requestJoin } from './request-join';
import { review } from './review';
import { reviewQueue } from './review-queue';
import { search } from './search';

export const { main, actions } = defineFunction<'organization'>({
  register,
  get,
  members,
  joinRequests,
  mine,
  search,
  reviewQueue,
  review,
  createInvite,
  inviteInfo,
  acceptInvite,
  requestJoin,
  decideJoin,
  resubmit,
  claimUscc,
  decideClaim,
  leave,
  handOver,
  acceptHandOver,
  dissolve,
  designateSuccessor,
}, { releaseExpiredHolds });
