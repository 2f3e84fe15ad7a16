// Cloud function `reminder`: a timer with no client actions. Every 10 minutes it enqueues the shift reminders due
// (24 h before: confirm or release the place; 2 h before: urgent), and each morning the organization admins' digest
// and new-project recommendations; the notify function delivers what it enqueues. Contracts: typings/reminder.ts
// (the page's actions are the signup function's, typings/signup-reminder.ts). How and why: README.md.
import { defineFunction } from '../_shared/frame/action';
import { tick } from './tick';

export const { main, actions } = defineFunction<'reminder'>({}, { tick });
