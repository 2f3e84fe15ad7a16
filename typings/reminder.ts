// Contracts of the `reminder` cloud function. It serves no client action: its timer (config.json, every 10 minutes)
// writes to the outbox — shift reminders 24 h and 2 h before (the 24-hour one leads to typings/signup-reminder.ts),
// the organization admins' morning digest and new-project recommendations — and the notify function delivers them.
// How and why: cloudfunctions/reminder/README.md.

/** No actions: the function is its timer. */
export interface ReminderActions {}
