// Cloud function `organization`: registration, verification by a platform admin, members and roles (RULES §2).
// Contracts: typings/organization.ts.
import { defineFunction } from '../_shared/frame/action';
import { acceptInvite } from './accept-invite';
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
});
