// Contracts of the `match` cloud function (issue 12, "Volunteers for a shift"): an organization admin's suggested
// volunteers for a shift with places left, invitations (fair and capped per week), and the series assistant's
// proposal. The volunteer accepts an invitation by signing up through signup.signup (the message opens 报名).
// Rules: cloudfunctions/_shared/matching/ (eligibility.ts, ranking.ts, invitations.ts, assignment.ts).
import type { MatchReason } from './project-foryou';

export interface SuggestRequest {
  shiftId: string;
}

/** A volunteer who could join the shift, as an organization admin sees them before they sign up. */
export interface Suggestion {
  /** Opaque: what `invite` takes. */
  candidateId: string;
  /** Masked as everywhere (张*). */
  nameMasked: string;
  /** The best first, at most three (距离 1.2 km · 技能：急救 · 周六上午有空). */
  reasons: MatchReason[];
  /** Invited to this very shift already (ISO instant), so the page shows 已邀请. */
  invitedAt?: string;
  /** Invitations they may still receive this week (0: the cap is reached, the page cannot invite them). */
  invitesLeft: number;
}

export interface MatchShiftSummary {
  shiftId: string;
  projectId: string;
  projectTitle: string;
  startsAt: string;
  endsAt: string;
  places: number;
  placesLeft: number;
  seriesId?: string;
}

export interface SuggestResponse {
  shift: MatchShiftSummary;
  /** Best first; among equally good, the least recently invited first. */
  suggestions: Suggestion[];
}

/** SHIFT_CLOSED: the shift started, is cancelled, is full or its project is not recruiting: nobody can join it. */
export type SuggestError = 'SHIFT_NOT_FOUND' | 'SHIFT_CLOSED';

export interface InvitationPair {
  shiftId: string;
  candidateId: string;
}

export interface InviteRequest {
  /** 1–50 pairs of one organization's shifts: one shift's suggestions, or a series proposal sent as a whole. */
  invitations: InvitationPair[];
}

/**
 * invited: the message is on its way. alreadyInvited: an earlier invite to this shift stands (nothing sent again).
 * weeklyCap: they received ZY_INVITES_PER_WEEK invitations this week. notEligible: they could not join it (or signed
 * up already). shiftClosed: the shift started, filled or was cancelled.
 */
export type InviteOutcome = 'invited' | 'alreadyInvited' | 'weeklyCap' | 'notEligible' | 'shiftClosed';

export interface InviteResult extends InvitationPair {
  outcome: InviteOutcome;
}

export interface InviteResponse {
  results: InviteResult[];
  invited: number;
}

export type InviteError = 'SHIFT_NOT_FOUND';

export interface SeriesProposalRequest {
  seriesId: string;
}

export interface ProposedShift {
  shiftId: string;
  startsAt: string;
  endsAt: string;
  placesLeft: number;
  /** The volunteers proposed for it (masked), at most placesLeft. */
  proposed: Array<{ candidateId: string; nameMasked: string }>;
}

export interface SeriesProposalResponse {
  projectId: string;
  projectTitle: string;
  /** The series' shifts still open, soonest first. */
  shifts: ProposedShift[];
  /** Places the proposal fills, and places open in all. */
  filled: number;
  placesLeft: number;
  /** How many willing volunteers were considered. */
  candidates: number;
  /** The proposal is optimal; false only when overlapping shifts chain (see assignment.ts). */
  optimal: boolean;
}

export type SeriesProposalError = 'SERIES_NOT_FOUND';

export interface InvitationRequest {
  invitationId: string;
}

/** The invitation as its volunteer sees it on 报名 (the message's link carries its id). */
export interface InvitationView {
  invitationId: string;
  shiftId: string;
  projectId: string;
  projectTitle: string;
  orgName: string;
  startsAt: string;
  endsAt: string;
  state: 'open' | 'accepted' | 'expired';
}

export type InvitationError = 'INVITATION_NOT_FOUND';

export interface MatchActions {
  suggest: { request: SuggestRequest; response: SuggestResponse; error: SuggestError; mutates: false };
  invite: { request: InviteRequest; response: InviteResponse; error: InviteError; mutates: true };
  seriesProposal: { request: SeriesProposalRequest; response: SeriesProposalResponse; error: SeriesProposalError; mutates: false };
  invitation: { request: InvitationRequest; response: InvitationView; error: InvitationError; mutates: false };
}
