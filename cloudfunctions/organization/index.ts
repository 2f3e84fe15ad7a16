// Cloud function `organization`: registration, verification by a platform admin, members and roles (RULES §2).
import { defineFunction } from '../_shared/action';
import { get } from './get';
import { acceptInvite, createInvite, inviteInfo } from './invite';
import { decideJoin, requestJoin } from './join';
import { mine } from './mine';
import { register } from './register';
import { review, reviewQueue } from './review';
import { search } from './search';

export const { main, actions } = defineFunction({
  register,
  get,
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
