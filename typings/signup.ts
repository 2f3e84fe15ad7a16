// Contracts of the `signup` cloud function: a volunteer signs up for a shift, is confirmed, held for approval or
// waitlisted — always with the reason in words — and an organization's admins decide, remove and export the roster.
// Rules: shared/docs/RULES.md §3, §8. Shared words (statuses, scope, approval mode): typings/project.ts.
import type { ApprovalMode, ProjectStatus, RecruitmentScope, SignupStatus } from './project';
import type { SignupReminderActions } from './signup-reminder';

/** What the volunteer sees of one of their sign-ups. */
export interface SignupView {
  signupId: string;
  shiftId: string;
  projectId: string;
  projectTitle: string;
  orgName: string;
  status: SignupStatus;
  /** Why this status, in the words shown when it was decided (also what the organization sees). */
  reason: string;
  startsAt: string;
  endsAt: string;
  /** waitlisted: 1 for the first in line. */
  waitlistPosition?: number;
  /** offered: confirm before this instant, or the place goes to the next in line. */
  offerExpiresAt?: string;
  /** withdrawn: after the project's cut-off. */
  late?: boolean;
  /** Still in play: a withdrawal from this instant on is recorded as late (the project's cut-off before the start). */
  lateAfter?: string;
}

// ── The volunteer's side ──────────────────────────────────────────────────────────────────────────────────────

export interface SignupOptionsRequest {
  projectId: string;
}
export interface ShiftOption {
  shiftId: string;
  startsAt: string;
  endsAt: string;
  places: number;
  placesLeft: number;
  waitlisted: number;
  cancelled: boolean;
  /** The caller's sign-up for this shift, if any. */
  mine?: SignupView;
}
export interface SignupOptionsResponse {
  projectId: string;
  title: string;
  orgName: string;
  scope: RecruitmentScope;
  approvalMode: ApprovalMode;
  cancelCutoffHours: number;
  /** Shifts not yet ended, soonest first. */
  shifts: ShiftOption[];
}
export type SignupOptionsError = 'PROJECT_NOT_FOUND';

export interface SignupRequest {
  shiftId: string;
  /** scope 'password': the sign-up password the organization gave out. */
  password?: string;
}
export type SignupResponse = SignupView;
/** Refusals: nothing is stored, the message says why and what to do. */
export type SignupRefusal =
  | 'NOT_REGISTERED'
  | 'SHIFT_NOT_FOUND'
  | 'PROJECT_NOT_RECRUITING'
  | 'SHIFT_CANCELLED'
  | 'SHIFT_STARTED'
  | 'SCOPE_TEAM_ONLY'
  | 'REAL_NAME_REQUIRED'
  | 'PASSWORD_REQUIRED'
  | 'PASSWORD_WRONG'
  | 'AGE_NOT_MET'
  | 'SKILLS_NOT_MET'
  | 'MINORS_NOT_ALLOWED'
  | 'GUARDIAN_CONSENT_MISSING'
  | 'TIME_OVERLAP'
  | 'NO_SHOW_BLOCKED';

export interface SignupRef {
  signupId: string;
}
export type AcceptOfferResponse = SignupView;
export type AcceptOfferError = 'SIGNUP_NOT_FOUND' | 'NOT_OFFERED' | 'OFFER_EXPIRED' | 'TIME_OVERLAP';

export type WithdrawResponse = SignupView;
export type WithdrawError = 'SIGNUP_NOT_FOUND' | 'NOT_WITHDRAWABLE' | 'SHIFT_ENDED';

export interface MySignupsRequest {
  /** upcoming: shifts not yet ended, soonest first; past: ended shifts, latest first. */
  when: 'upcoming' | 'past';
  cursor?: string;
}
export interface MySignupsResponse {
  items: SignupView[];
  /** Pass back for the next page; absent on the last page. */
  nextCursor?: string;
}

// ── The organization's side (active admins of the project's organization) ───────────────────────────────────

export interface ShiftSignupsRequest {
  shiftId: string;
  status?: SignupStatus;
  cursor?: string;
}
export interface RosterEntry {
  signupId: string;
  userId: string;
  /** Masked (张*): rosters never show a full name (RULES §8). */
  nameMasked: string;
  volunteerNo: string;
  status: SignupStatus;
  reason: string;
  signedUpAt: string;
  waitlistPosition?: number;
  late?: boolean;
  noShow?: boolean;
  /** The group chat whose project card led here, if any. */
  viaGroupId?: string;
  /** When the volunteer confirmed they will come (after the 24-hour reminder): the organization sees who will. */
  placeConfirmedAt?: string;
}
export interface ShiftSignupsResponse {
  shift: {
    shiftId: string;
    projectId: string;
    projectTitle: string;
    /** Whether the project still recruits: with places left, the roster offers 推荐志愿者 (and 排班助手 for a series). */
    projectStatus: ProjectStatus;
    startsAt: string;
    endsAt: string;
    places: number;
    cancelled: boolean;
    /** The series the shift was made in (repeating shifts): 排班助手 opens it. */
    seriesId?: string;
  };
  /** Places held (confirmed, pending approval, offered) and the length of the waitlist. */
  placesTaken: number;
  waitlisted: number;
  items: RosterEntry[];
  nextCursor?: string;
}
export type ShiftSignupsError = 'SHIFT_NOT_FOUND';

/** Manual approval: approve or decline pending sign-ups, up to 100 per call. */
export interface DecideSignupsRequest {
  signupIds: string[];
  decision: 'approve' | 'decline';
  /** Required when declining: the volunteer is told it. */
  reason?: string;
}
export interface DecideSignupsResponse {
  results: Array<{ signupId: string; status: SignupStatus } | { signupId: string; error: { code: 'SIGNUP_NOT_FOUND' | 'NOT_PENDING' | 'FORBIDDEN'; message: string } }>;
}
export type DecideSignupsError = 'REASON_REQUIRED';

export interface RemoveSignupRequest {
  signupId: string;
  reason: string;
}
export type RemoveSignupResponse = RosterEntry;
export type RemoveSignupError = 'SIGNUP_NOT_FOUND' | 'REASON_REQUIRED' | 'NOT_REMOVABLE';

export type MarkNoShowResponse = RosterEntry;
export type MarkNoShowError = 'SIGNUP_NOT_FOUND' | 'NOT_CONFIRMED' | 'SHIFT_NOT_STARTED';

export interface ExportRosterRequest {
  shiftId: string;
}
export interface ExportRosterResponse {
  fileID: string;
  /** A temporary link to the spreadsheet (CSV, UTF-8 with BOM, opens in Excel and WPS). */
  url: string;
  validUntil: string;
  rows: number;
}
export type ExportRosterError = 'SHIFT_NOT_FOUND';

export interface SignupActions extends SignupReminderActions {
  options: { request: SignupOptionsRequest; response: SignupOptionsResponse; error: SignupOptionsError; mutates: false };
  signup: { request: SignupRequest; response: SignupResponse; error: SignupRefusal; mutates: true };
  acceptOffer: { request: SignupRef; response: AcceptOfferResponse; error: AcceptOfferError; mutates: true };
  withdraw: { request: SignupRef; response: WithdrawResponse; error: WithdrawError; mutates: true };
  mine: { request: MySignupsRequest; response: MySignupsResponse; error: never; mutates: false };
  shiftSignups: { request: ShiftSignupsRequest; response: ShiftSignupsResponse; error: ShiftSignupsError; mutates: false };
  decide: { request: DecideSignupsRequest; response: DecideSignupsResponse; error: DecideSignupsError; mutates: true };
  remove: { request: RemoveSignupRequest; response: RemoveSignupResponse; error: RemoveSignupError; mutates: true };
  markNoShow: { request: SignupRef; response: MarkNoShowResponse; error: MarkNoShowError; mutates: true };
  exportRoster: { request: ExportRosterRequest; response: ExportRosterResponse; error: ExportRosterError; mutates: true };
}
