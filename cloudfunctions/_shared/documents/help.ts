// Collections of help requests (求助, issue 12; the `help` function writes them all): `helpRequests` (the needs),
// `helpRequesters` (per account, the submission limit's tally), `helpResponders` (per organization, how it takes
// part in dispatch), `helpWilling` (per volunteer, their willingness to be told of urgent needs nearby),
// `helpRatings` (per organization, the requesters' ratings summed) and `helpContactViews` (one per reveal of a need's
// phone). Rules: cloudfunctions/help/README.md.
import type { HelpRole, HelpStatus, VerificationMethod } from '../../../typings/help';
import type { ServiceCategoryCode, ServiceObjectCode } from '../../../typings/project';
import type { EncryptedField } from '../security/crypto';
import type { GeoPoint } from './project';

export const HELP_REQUESTS = 'helpRequests';
export const HELP_REQUESTERS = 'helpRequesters';
export const HELP_RESPONDERS = 'helpResponders';
export const HELP_WILLING = 'helpWilling';
export const HELP_RATINGS = 'helpRatings';
export const HELP_CONTACT_VIEWS = 'helpContactViews';

/** The associated data the contact is encrypted under (crypto.ts), with the volunteers' key ring. */
export const HELP_CONTACT_PURPOSE = 'help-contact';

export interface HelpRequestDoc {
  _id: string;
  status: HelpStatus;
  what: string;
  category: ServiceCategoryCode;
  forWhom: { object: ServiceObjectCode; description: string };
  place: { address: string; name?: string; location: GeoPoint };
  /** The county (GB/T 2260, six digits) and its 2/4/6-digit prefixes (publicList looks up any of them). */
  regionCode: string;
  regionPrefixes: string[];
  regionNames: string[];
  startsAt: Date;
  endsAt: Date;
  volunteersWanted: number;
  urgent: boolean;
  /** `{ name, phone }` as JSON, encrypted (HELP_CONTACT_PURPOSE), the masked phone beside it; gone once the requester deleted their account. */
  contact?: { cipher: EncryptedField; phoneMasked: string };
  requesterUserId: string;
  submittedAt: Date;
  /** The verification's record (verify or reject); a need is public only with decision 'verify' (state.ts isPublic). */
  verification?: {
    method: VerificationMethod;
    note: string;
    byUserId: string;
    /** The organization the verifier acted for; absent: a platform admin. */
    asOrgId?: string;
    /** What the requester is shown: the organization's name, or 平台. */
    byName: string;
    at: Date;
    decision: 'verify' | 'reject';
  };
  /** The organizations ranked for it, best first (rules.ts dispatchOrder), fixed at verification. */
  order: string[];
  /** Those holding an offer now (while dispatched); kept as it was when the need left dispatch. */
  wave: string[];
  /** Everyone ever offered it, in the order they were asked. */
  asked: string[];
  declines: Array<{ orgId: string; orgName: string; reason: string; at: Date }>;
  acceptedBy?: { orgId: string; orgName: string; projectId: string; at: Date };
  servedAt?: Date;
  servedNote?: string;
  rating?: { stars: number; comment?: string; at: Date };
  withdrawnAt?: Date;
  /** When the expire timer found its start passed while it was still open. */
  expiredAt?: Date;
  updatedAt: Date;
  /**
   * How many times the contact's phone was revealed (help.contact): counted in the transaction that writes each
   * `helpContactViews` record, so 我的求助 says how many in all while it lists only the newest.
   */
  contactViewCount?: number;
}

/**
 * `helpContactViews/<id>`: one reveal of a need's contact — who, as which part and organization, when, never the phone
 * (RULES §8). Its own document, not an array on the need: reveals have no bound a need could hold (a document is at most
 * 16 MB, MongoDB's BSON limit that CloudBase inherits and does not document lower; WeChat's quota page: 16 MB a
 * database packet), and every list read of needs would carry them. The requester sees `byName` and `at` in 我的求助.
 */
export interface ContactViewDoc {
  /** help/store.ts contactViewIdOf: from the frame's request, so a retried request writes it once. */
  _id: string;
  helpRequestId: string;
  byUserId: string;
  /** The part they reached it as (state.ts CONTACT_RULES). */
  as: Extract<HelpRole, 'platformAdmin' | 'regionOrgAdmin' | 'acceptedOrgAdmin'>;
  /** The organization they acted for; absent: a platform admin. */
  orgId?: string;
  /** The organization's name, or 平台. */
  byName: string;
  at: Date;
}

/** `helpRequesters/<userId>`: rules.ts RequesterTally, written in the transactions that change the person's needs. */
export interface RequesterTallyDoc {
  _id: string;
  awaiting: number;
  rejectedAt: Date[];
  updatedAt: Date;
}

/** `helpResponders/<orgId>`: whether and for what a verified organization receives offers, from where. */
export interface ResponderDoc {
  _id: string;
  active: boolean;
  categories: ServiceCategoryCode[];
  base: GeoPoint;
  /** Needs it accepted and has not yet served (the ranking's load). */
  openNeeds: number;
  updatedAt: Date;
}

/** `helpWilling/<userId>`: present only while the volunteer is willing. */
export interface WillingDoc {
  _id: string;
  near: GeoPoint;
  radiusKm: number;
  updatedAt: Date;
}

/** `helpRatings/<orgId>`: the ratings of the needs it served, summed, with the latest few. */
export interface OrgRatingDoc {
  _id: string;
  count: number;
  sum: number;
  /** Newest first, at most RATINGS_KEPT. */
  latest: Array<{ helpRequestId: string; stars: number; comment?: string; at: Date }>;
  updatedAt: Date;
}

export const RATINGS_KEPT = 5;
