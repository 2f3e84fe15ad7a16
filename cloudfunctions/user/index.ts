// Cloud function `user`: identity and roles of the caller. Contracts: typings/user.ts.
import { defineFunction } from '../_shared/frame/action';
import { session } from './session';

export const { main, actions } = defineFunction<'user'>({ session });
