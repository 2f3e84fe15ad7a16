// The help request's state machine (求助: 点单 → 派单 → 接单 → 评单), pure: who may move a need from which status,
// and where it goes. The handlers read the need and the caller's roles, ask `decide`, then write.
//
//   pending ──verify──▶ dispatched ──accept──▶ accepted ──complete──▶ served ──rate──▶ rated
//      │                 │    ▲ decline (offers left)
//      │ reject          │    │
//      ▼                 └────┘   decline (none left) ──▶ unmatched
//   rejected     pending | dispatched | unmatched ──withdraw──▶ withdrawn
//                pending | dispatched | unmatched ──expire (system, once startsAt passed)──▶ expired
//
// Verification (platform admin, or an admin of a verified organization of the need's county) is what makes a need
// true enough to be shown: the requester can never verify their own need, whatever other part they hold.
//
// Time: once a need's start has passed while it is still open (pending, dispatched, unmatched), nobody can serve it
// any more. From that moment only the system's `expire` moves it — even before the timer ran, a person's transition
// out of an open status is refused (WRONG_STATE, timePassed) — and `statusAt` shows it as expired.
import type { HelpRole, HelpStatus, HelpTransition } from '../../typings/help';

export const HELP_STATUSES: readonly HelpStatus[] = ['pending', 'rejected', 'withdrawn', 'dispatched', 'unmatched', 'accepted', 'served', 'rated', 'expired'];
export const HELP_TRANSITIONS: readonly HelpTransition[] = ['verify', 'reject', 'withdraw', 'accept', 'decline', 'complete', 'rate', 'expire'];
export const HELP_ROLES: readonly HelpRole[] = ['requester', 'platformAdmin', 'regionOrgAdmin', 'offeredOrgAdmin', 'acceptedOrgAdmin', 'other', 'system'];

/** The parts a person can hold (store.ts partsOf never gives `system`). */
export const PERSON_ROLES: readonly HelpRole[] = HELP_ROLES.filter((r) => r !== 'system');

/** Statuses in which a need still waits for someone to serve it: they expire once its start has passed. */
export const OPEN_STATUSES: readonly HelpStatus[] = ['pending', 'dispatched', 'unmatched'];

interface Rule {
  from: readonly HelpStatus[];
  /** Any one of these parts may make the transition. */
  by: readonly HelpRole[];
  /** Parts that forbid it even when another part allows it. */
  never?: readonly HelpRole[];
}

/** The specification: every transition, the statuses it leaves and the parts that may make it. */
export const HELP_RULES: Readonly<Record<HelpTransition, Rule>> = {
  verify: { from: ['pending'], by: ['platformAdmin', 'regionOrgAdmin'], never: ['requester'] },
  reject: { from: ['pending'], by: ['platformAdmin', 'regionOrgAdmin'], never: ['requester'] },
  // Once an organization accepted, it has made a project of the need: the requester asks it to cancel instead.
  withdraw: { from: ['pending', 'dispatched', 'unmatched'], by: ['requester'] },
  accept: { from: ['dispatched'], by: ['offeredOrgAdmin'] },
  decline: { from: ['dispatched'], by: ['offeredOrgAdmin'] },
  complete: { from: ['accepted'], by: ['acceptedOrgAdmin'] },
  rate: { from: ['served'], by: ['requester'] },
  // Made by the platform's timer only, once the start has passed (`decide` asks the time).
  expire: { from: OPEN_STATUSES, by: ['system'] },
};

/**
 * A refusal; `timePassed`: the need is still open but its start has passed (refused to persons, as the timer will
 * expire it), or, for `expire`, its start has not come yet.
 */
export type Decision = { ok: true; next: HelpStatus } | { ok: false; code: 'FORBIDDEN' | 'WRONG_STATE'; timePassed?: true; notYet?: true };

/** When the decision is made, and when the need's service starts. */
export interface Timing {
  startsAt: Date | string;
  now: Date;
}

/** Whether the need's start has come at `now`: from its very start, nobody can still arrive in time. */
export function startHasPassed(t: Timing): boolean {
  return new Date(t.startsAt).getTime() <= t.now.getTime();
}

/**
 * Whether parts `roles` may make `transition` on a need in `status`, and the status that follows. `offersLeft` is how
 * many organizations would still hold an offer after it (verify: those ranked for the need; decline: the rest of
 * the wave and the ranking): none left makes the need unmatched. The part is checked before the status, so a
 * stranger learns nothing of where a need stands. `at` (the need's start and the decision's instant; every handler
 * gives it): an open need whose start has passed leaves only by `expire`, and `expire` waits for that start (without
 * `at` it is refused).
 */
export function decide(status: HelpStatus, transition: HelpTransition, roles: ReadonlySet<HelpRole>, offersLeft = 1, at?: Timing): Decision {
  const rule = HELP_RULES[transition];
  const allowed = rule.by.some((r) => roles.has(r)) && !(rule.never ?? []).some((r) => roles.has(r));
  if (!allowed) return { ok: false, code: 'FORBIDDEN' };
  if (!rule.from.includes(status)) return { ok: false, code: 'WRONG_STATE' };
  const passed = at !== undefined && startHasPassed(at);
  if (transition === 'expire' && !passed) return { ok: false, code: 'WRONG_STATE', notYet: true };
  if (transition !== 'expire' && passed && OPEN_STATUSES.includes(status)) return { ok: false, code: 'WRONG_STATE', timePassed: true };
  return { ok: true, next: nextStatus(transition, offersLeft) };
}

/** The status a need is in at `now`: an open need whose start has passed is expired, whether or not the timer ran. */
export function statusAt(need: { status: HelpStatus; startsAt: Date | string }, now: Date): HelpStatus {
  return OPEN_STATUSES.includes(need.status) && startHasPassed({ startsAt: need.startsAt, now }) ? 'expired' : need.status;
}

function nextStatus(transition: HelpTransition, offersLeft: number): HelpStatus {
  switch (transition) {
    case 'verify':
    case 'decline':
      return offersLeft > 0 ? 'dispatched' : 'unmatched';
    case 'reject':
      return 'rejected';
    case 'withdraw':
      return 'withdrawn';
    case 'accept':
      return 'accepted';
    case 'complete':
      return 'served';
    case 'rate':
      return 'rated';
    case 'expire':
      return 'expired';
  }
}

/** Verified needs, the only ones anyone besides the requester and the verifiers may see. */
export const PUBLIC_STATUSES: readonly HelpStatus[] = ['dispatched', 'unmatched', 'accepted', 'served', 'rated'];

/**
 * A need is public only once verified: its status says so and the verification is recorded as a verification.
 * Both are asked, so a document with a public status but no recorded verification (a bug, a hand edit) stays hidden.
 */
export function isPublic(need: { status: HelpStatus; verification?: { decision: 'verify' | 'reject' } | null }): boolean {
  return PUBLIC_STATUSES.includes(need.status) && need.verification?.decision === 'verify';
}

/** Statuses a requester still waits in: they count against the submission limit (rules.ts). */
export const AWAITING_VERIFICATION: readonly HelpStatus[] = ['pending'];

/**
 * Who may see the contact's phone in full (help.contact), and while when: those who must call the requester — a
 * verifier while the need waits for verification (电话核实), the accepting organization's admins while they serve it.
 */
export type ContactPart = Extract<HelpRole, 'platformAdmin' | 'regionOrgAdmin' | 'acceptedOrgAdmin'>;

export const CONTACT_RULES: ReadonlyArray<{ by: ContactPart; while: readonly HelpStatus[] }> = [
  { by: 'platformAdmin', while: ['pending'] },
  { by: 'regionOrgAdmin', while: ['pending'] },
  { by: 'acceptedOrgAdmin', while: ['accepted', 'served'] },
];

export type ContactDecision = { ok: true; as: ContactPart } | { ok: false; code: 'FORBIDDEN' | 'WRONG_STATE' };

/**
 * Whether parts `roles` may see the contact of a need in `status`, and as which part (the one the access record
 * names). The part is checked before the status, as `decide` does: a stranger learns nothing of where a need stands.
 * The requester is never a reader of their own contact here, whatever else they are (they never verify it either).
 */
export function decideContact(status: HelpStatus, roles: ReadonlySet<HelpRole>): ContactDecision {
  if (roles.has('requester')) return { ok: false, code: 'FORBIDDEN' };
  const held = CONTACT_RULES.filter((r) => roles.has(r.by));
  if (held.length === 0) return { ok: false, code: 'FORBIDDEN' };
  const now = held.find((r) => r.while.includes(status));
  return now ? { ok: true, as: now.by } : { ok: false, code: 'WRONG_STATE' };
}

/** Shown in the public list and an organization's offers at `now`: public, and not an open need whose time has passed. */
export function isListedAt(need: { status: HelpStatus; startsAt: Date | string; verification?: { decision: 'verify' | 'reject' } | null }, now: Date): boolean {
  return isPublic(need) && statusAt(need, now) !== 'expired';
}
