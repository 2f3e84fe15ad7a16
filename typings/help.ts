// Contracts of the `help` cloud function: help requests (求助: 点单 → 派单 → 接单 → 评单), issue 12.
// Anyone with a WeChat account submits a need (no volunteer registration asked); it stays unseen by the public until a
// platform admin or a verified organization of its county verifies it (a call, a visit, evidence); a verified need is
// offered to organizations ranked by category fit, distance and current load; one accepts (a draft project of that
// organization is made from the need) or declines with a reason and the offer moves on; after the service the requester
// rates it.
// The state machine: cloudfunctions/help/state.ts; the rules in words: cloudfunctions/help/README.md.
import type { EmptyRequest } from './envelope';
import type { ServiceCategoryCode, ServiceObjectCode } from './project';

export type HelpStatus =
  | 'pending' // submitted, waiting for verification: seen only by the requester and the verifiers
  | 'rejected' // the verification found it untrue or unservable
  | 'withdrawn' // the requester withdrew it before an organization accepted
  | 'dispatched' // verified, offered to organizations one wave at a time
  | 'unmatched' // verified, every organization ranked for it declined (or none was found)
  | 'accepted' // an organization accepted: its draft project serves the need
  | 'served' // the organization reported the service done
  | 'rated' // the requester rated the service
  | 'expired'; // its service time came while still pending, dispatched or unmatched: nobody will serve it now

/**
 * What someone does to a need (submitting is not a transition: it creates the need in `pending`). `expire` is the
 * system's alone (the help function's `expire` timer), once the need's start has passed.
 */
export type HelpTransition = 'verify' | 'reject' | 'withdraw' | 'accept' | 'decline' | 'complete' | 'rate' | 'expire';

/**
 * The parts a person plays towards one need. A person may hold several (an organization admin who is also a platform
 * admin); each transition names the parts that may make it.
 */
export type HelpRole =
  | 'requester' // the account that submitted it
  | 'platformAdmin'
  | 'regionOrgAdmin' // an admin of a verified organization of the need's county
  | 'offeredOrgAdmin' // an admin of an organization the need is currently offered to
  | 'acceptedOrgAdmin' // an admin of the organization that accepted it
  | 'other' // anyone else
  | 'system'; // the platform itself (the expire timer): no person ever holds it

export type VerificationMethod = 'call' | 'visit' | 'evidence';

export interface HelpPlaceInput {
  /** Street address as the map picker (wx.chooseLocation) gave it, or typed. */
  address: string;
  name?: string;
  longitude: number;
  latitude: number;
  /** GB/T 2260 six-digit county code. */
  regionCode: string;
  regionNames: string[];
}

export interface SubmitHelpRequest {
  /** What is needed, in the person's words (6–300 characters). */
  what: string;
  category: ServiceCategoryCode;
  /** For whom: who is served (a service-object code) and who they are in a few words (e.g. 独居老人王阿姨). */
  forWhom: { object: ServiceObjectCode; description: string };
  place: HelpPlaceInput;
  /** When: ISO instants, start before end, in the future, within 90 days, at most 12 hours. */
  startsAt: string;
  endsAt: string;
  /** How many volunteers the service needs (1–50). */
  volunteersWanted: number;
  /** Urgent: besides organizations, willing volunteers within the radius are told directly. */
  urgent: boolean;
  /** Whom to reach: encrypted at rest, shown masked (RULES §8); only verifiers and the accepting organization see it. */
  contact: { name: string; phone: string };
}
export interface SubmitHelpResponse {
  helpRequestId: string;
  status: HelpStatus;
}
export type SubmitHelpError = 'HELP_INVALID' | 'SUBMISSIONS_LIMITED';

export interface VerifyHelpRequest {
  helpRequestId: string;
  decision: 'verify' | 'reject';
  method: VerificationMethod;
  /** What the verifier found (required; 2–200 characters): who was called, what the visit saw, what evidence shows. */
  note: string;
  /** The organization the verifier acts for; absent: as a platform admin. */
  asOrgId?: string;
}
export interface VerifyHelpResponse {
  helpRequestId: string;
  status: HelpStatus;
  /** Organizations the need is now offered to (verify only). */
  offeredTo: number;
  /** Willing volunteers told directly (urgent needs). */
  volunteersTold: number;
}
export type HelpDecisionError = 'FORBIDDEN' | 'HELP_NOT_FOUND' | 'WRONG_STATE' | 'HELP_INVALID';

export interface AnswerOfferRequest {
  helpRequestId: string;
  orgId: string;
  decision: 'accept' | 'decline';
  /** Required when declining (2–200 characters): the next organization and the requester read it. */
  reason?: string;
}
export interface AnswerOfferResponse {
  helpRequestId: string;
  status: HelpStatus;
  /** accept: the draft project made from the need (项目编辑 opens it). */
  projectId?: string;
}
/** HELP_TAKEN: another organization accepted it first. */
export type AnswerOfferError = HelpDecisionError | 'HELP_TAKEN' | 'REASON_REQUIRED' | 'NOT_VERIFIED';

export interface HelpIdRequest {
  helpRequestId: string;
}
export interface CompleteHelpRequest {
  helpRequestId: string;
  /** What was done, in a few words (optional, at most 200 characters). */
  note?: string;
}
export interface HelpStatusResponse {
  helpRequestId: string;
  status: HelpStatus;
}

export interface RateHelpRequest {
  helpRequestId: string;
  /** 1–5 stars. */
  stars: number;
  /** A short comment (at most 100 characters). */
  comment?: string;
}

/** A need as its requester, a verifier or an organization it concerns sees it. */
export interface HelpRequestView {
  id: string;
  status: HelpStatus;
  statusLabel: string;
  what: string;
  category: ServiceCategoryCode;
  forWhom: { object: ServiceObjectCode; description: string };
  place: { address: string; name?: string; regionNames: string[]; longitude: number; latitude: number };
  startsAt: string;
  endsAt: string;
  volunteersWanted: number;
  urgent: boolean;
  /** The contact's name and masked phone (138****5678). */
  contact: { name: string; phoneMasked: string };
  submittedAt: string;
  verification?: { method: VerificationMethod; note: string; by: string; at: string; decision: 'verify' | 'reject' };
  /** The declines so far, with their reasons (organization names). */
  declines: Array<{ orgName: string; reason: string; at: string }>;
  acceptedBy?: { orgId: string; orgName: string; projectId: string };
  rating?: { stars: number; comment?: string };
  /**
   * Who reached for the contact's phone in full (help.contact), newest first, at most the newest 20: the
   * organization's name, or 平台 for a platform admin, and when. Shown to the requester (我的求助); the others see it
   * empty.
   */
  contactViews: Array<{ byName: string; at: string }>;
  /** How many times in all the phone was revealed (more than `contactViews` lists once there are over 20); 0 for others. */
  contactViewsTotal: number;
}

/** A need in 求助核实, with whom the caller verifies it as (help.verify `asOrgId`, or none as a platform admin). */
export interface VerifyQueueItem extends HelpRequestView {
  /** The caller's verified organizations of the need's county, by name: each may verify it in its own name. */
  verifiableFor: Array<{ orgId: string; orgName: string }>;
  /** Whether the caller may verify it as a platform admin (in the name 平台). */
  asPlatformAdmin: boolean;
}

/** A verified need as anyone may see it: no contact, no requester, the place to the street only. */
export interface PublicHelpView {
  id: string;
  status: HelpStatus;
  statusLabel: string;
  what: string;
  category: ServiceCategoryCode;
  forWhomObject: ServiceObjectCode;
  regionNames: string[];
  startsAt: string;
  endsAt: string;
  urgent: boolean;
  acceptedByName?: string;
}

export interface HelpListResponse<V> {
  items: V[];
}

export interface PublicHelpRequest {
  /** GB/T 2260 code (2, 4 or 6 digits) of the region to list. */
  regionCode: string;
}

/** How an organization takes part in dispatch: what it serves and from where. */
export interface SetResponderRequest {
  orgId: string;
  /** false: no new offers. */
  active: boolean;
  categories: ServiceCategoryCode[];
  base: { longitude: number; latitude: number };
}
export interface ResponderView {
  orgId: string;
  active: boolean;
  categories: ServiceCategoryCode[];
  base?: { longitude: number; latitude: number };
  /** Needs accepted and not yet served. */
  openNeeds: number;
}
export type ResponderError = 'FORBIDDEN' | 'NOT_VERIFIED' | 'HELP_INVALID';

export interface OrgIdRequest {
  orgId: string;
}

/** The ratings an organization's page shows. */
export interface OrgRatingsResponse {
  orgId: string;
  count: number;
  /** Average stars to one decimal; absent while there are none. */
  average?: number;
  /** The latest comments (at most 5). */
  latest: Array<{ stars: number; comment?: string; at: string }>;
}

/** A volunteer's willingness to be told of urgent needs nearby. */
export interface SetWillingRequest {
  willing: boolean;
  /** Where they usually are; required when willing. */
  near?: { longitude: number; latitude: number };
  /** 1–20 km. */
  radiusKm?: number;
}
export interface WillingView {
  willing: boolean;
  near?: { longitude: number; latitude: number };
  radiusKm?: number;
}

export interface HelpActions {
  submit: { request: SubmitHelpRequest; response: SubmitHelpResponse; error: SubmitHelpError; mutates: true };
  verify: { request: VerifyHelpRequest; response: VerifyHelpResponse; error: HelpDecisionError; mutates: true };
  answerOffer: { request: AnswerOfferRequest; response: AnswerOfferResponse; error: AnswerOfferError; mutates: true };
  withdraw: { request: HelpIdRequest; response: HelpStatusResponse; error: HelpDecisionError; mutates: true };
  complete: { request: CompleteHelpRequest; response: HelpStatusResponse; error: HelpDecisionError; mutates: true };
  rate: { request: RateHelpRequest; response: HelpStatusResponse; error: HelpDecisionError; mutates: true };
  /** The caller's own needs, newest first. */
  mine: { request: EmptyRequest; response: HelpListResponse<HelpRequestView>; error: never; mutates: false };
  /** Needs waiting for verification that the caller may verify (platform admin: all; organization admin: its county). */
  verifyQueue: { request: EmptyRequest; response: HelpListResponse<VerifyQueueItem>; error: never; mutates: false };
  /** Needs offered to or accepted by the organization. */
  offers: { request: OrgIdRequest; response: HelpListResponse<HelpRequestView>; error: 'FORBIDDEN'; mutates: false };
  /** Verified needs of a region, for anyone. */
  publicList: { request: PublicHelpRequest; response: HelpListResponse<PublicHelpView>; error: 'HELP_INVALID'; mutates: false };
  setResponder: { request: SetResponderRequest; response: ResponderView; error: ResponderError; mutates: true };
  responder: { request: OrgIdRequest; response: ResponderView; error: 'FORBIDDEN'; mutates: false };
  orgRatings: { request: OrgIdRequest; response: OrgRatingsResponse; error: never; mutates: false };
  setWilling: { request: SetWillingRequest; response: WillingView; error: 'NOT_REGISTERED' | 'HELP_INVALID'; mutates: true };
  willing: { request: EmptyRequest; response: WillingView; error: never; mutates: false };
  /** The contact's phone in full, to call the requester; each reveal is recorded (mutates: that record). Rate-limited. */
  contact: { request: HelpContactRequest; response: HelpContactResponse; error: HelpContactError; mutates: true };
}

export interface HelpContactRequest {
  helpRequestId: string;
  /** The organization the verifier acts for (a pending need); absent: as a platform admin, or as the accepting organization's admin. */
  asOrgId?: string;
}
/** Whom to call, in full. The page calls the number and keeps only the masked one. */
export interface HelpContactResponse {
  name: string;
  phone: string;
}
/**
 * FORBIDDEN: not a verifier of the need (while pending) nor an admin of the organization that accepted it (while
 * accepted or served); WRONG_STATE: the need is in no status its contact is reached in; CONTACT_GONE: the requester
 * deleted their account, and the contact with it.
 */
export type HelpContactError = 'FORBIDDEN' | 'HELP_NOT_FOUND' | 'WRONG_STATE' | 'CONTACT_GONE';
