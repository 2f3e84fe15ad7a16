// Cloud function `user`: identity and roles of the caller.
import { defineFunction } from '../_shared/action';
import { session } from './session';

export const { main, actions } = defineFunction({ session });
