// Cloud function `user`: identity and roles of the caller. Contracts: typings/user.ts.
// Timer trigger: removeExpiredRecords (config.json), removing expired request records and rate-limit windows.
import { removeExpiredRecords } from '../_shared/db/expired-records';
import { defineFunction } from '../_shared/frame/action';
import { session } from './session';

export const { main, actions } = defineFunction<'user'>({ session }, { removeExpiredRecords });
