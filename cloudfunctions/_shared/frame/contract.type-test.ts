// Type test, checked by `npm run typecheck` (never run): the frame ties every function to its contract in typings/.
// Each `@ts-expect-error` below is a mistake the compiler must refuse; if one of them compiled, tsc would report the
// unused directive and the type check would fail.
import * as z from 'zod';
import { MUTATES, type ActionTable } from '../../../miniprogram/domain/actions';
import type { ActionName, EveryActionClassified, FunctionName, RequestOf } from '../../../typings';
import { action, defineFunction, noPayload, refusedAs } from './action';
import { fail, ok } from './envelope';

const session = action('user', 'session', noPayload, async () =>
  ok({ userId: 'u_1', roles: [], registered: false, unread: 0, firstSeen: true }),
);

// The contract's own codes and the common ones are answered freely.
export const listedCodes = action('volunteer', 'scanCard', z.strictObject({ orgId: z.string(), payload: z.string() }), async (req) => {
  if (req.orgId === '') return fail('FORBIDDEN', '');
  if (req.payload === '') return fail('CARD_EXPIRED', '');
  return fail('BUSY', '');
});

// A code the contract does not list (withdrawConsent lists NOT_REGISTERED and CONSENT_NOT_GIVEN only).
// @ts-expect-error CREDENTIAL_TAKEN is not one of withdrawConsent's error codes
export const unlistedCode = action('volunteer', 'withdrawConsent', z.strictObject({ kind: z.literal('extraFields') }), async () => {
  return fail('CREDENTIAL_TAKEN', '该证件已注册');
});

// An action whose contract lists no codes at all can answer only the common ones.
// @ts-expect-error inbox.unread lists no error codes
export const codeOfNoErrorAction = action('inbox', 'unread', noPayload, async () => fail('NOT_REGISTERED', ''));

// An answer that is not the contract's response.
// @ts-expect-error user.session answers { userId, roles, registered, firstSeen }, not a count
export const wrongResponse = action('user', 'session', noPayload, async () => ok({ unread: 3 }));

// A schema whose output is not the contract's request.
// @ts-expect-error organization.get takes { orgId: string }
export const wrongRequest = action('organization', 'get', z.strictObject({ orgId: z.number() }), async () => fail('NOT_FOUND', ''));

// Every action of the contract, exactly.
// @ts-expect-error a function without its `session` action
export const missingAction = defineFunction<'user'>({});

export const extraAction = defineFunction<'user'>({
  session,
  // @ts-expect-error `logout` is not in the user contract
  logout: session,
});

// The right handler under the wrong name: volunteer.card's answer is not volunteer.profile's.
const card = action('volunteer', 'card', noPayload, async () => fail('NOT_REGISTERED', ''));
export const swapped = defineFunction<'inbox'>({
  // @ts-expect-error an action of another function
  list: card,
  markRead: action('inbox', 'markRead', z.strictObject({ ids: z.array(z.string()).optional() }), async () => ok({ unread: 0 })),
  unread: action('inbox', 'unread', noPayload, async () => ok({ unread: 0 })),
});

export const complete = defineFunction<'user'>({ session });

// A schema check standing for a domain rule answers a code every action using it lists.
export const sharedRefusal = refusedAs('volunteer', ['register', 'updateProfile'], 'AVAILABILITY_INVALID', '');
// @ts-expect-error updateProfile does not list GUARDIAN_INVALID
export const refusalNotShared = refusedAs('volunteer', ['register', 'updateProfile'], 'GUARDIAN_INVALID', '');

// Every action says whether it mutates (typings/index.ts), and the run-time table says exactly the same.
// @ts-expect-error an action contract without `mutates`
export type Unclassified = EveryActionClassified<{ user: { session: { request: object; response: unknown; error: never } } }>;
// @ts-expect-error user.session mutates: the table may not say otherwise
export const misclassified = { ...MUTATES, user: { session: false } } satisfies ActionTable;
// @ts-expect-error a table that forgets an action
export const forgotten = { ...MUTATES, inbox: { list: false, unread: false } } satisfies ActionTable;
// The request id travels outside the payload: no contract may have a field of that name (an empty request's index
// signature admits no field at all).
type FreeOfRequestId<R> = string extends keyof R ? true : 'requestId' extends keyof R ? never : true;
export const noRequestIdField: { [F in FunctionName]: { [A in ActionName<F>]: FreeOfRequestId<RequestOf<F, A>> } } = {
  user: { session: true },
  volunteer: {
    registrationRules: true,
    verifyPhone: true,
    register: true,
    profile: true,
    updateProfile: true,
    changeIdentity: true,
    card: true,
    scanCard: true,
    cardProof: true,
    verifyCard: true,
    exportMine: true,
    giveConsent: true,
    withdrawConsent: true,
    deleteAccount: true,
    fileClaim: true,
    addClaimEvidence: true,
    myClaims: true,
    claimQueue: true,
    claimDetail: true,
    decideClaim: true,
  },
  organization: {
    register: true,
    get: true,
    members: true,
    joinRequests: true,
    mine: true,
    search: true,
    reviewQueue: true,
    review: true,
    createInvite: true,
    inviteInfo: true,
    acceptInvite: true,
    requestJoin: true,
    decideJoin: true,
    resubmit: true,
    claimUscc: true,
    decideClaim: true,
    leave: true,
    handOver: true,
    acceptHandOver: true,
    dissolve: true,
    designateSuccessor: true,
  },
  inbox: { list: true, markRead: true, unread: true },
  notify: { subscribeTemplates: true, reportSubscriptions: true, preferences: true, savePreferences: true, deliveryReport: true, requeue: true, kick: true },
  signup: {
    options: true,
    signup: true,
    acceptOffer: true,
    withdraw: true,
    mine: true,
    shiftSignups: true,
    decide: true,
    remove: true,
    markNoShow: true,
    exportRoster: true,
    placeCheck: true,
    confirmPlace: true,
    releasePlace: true,
  },
  project: {
    saveDraft: true,
    submit: true,
    review: true,
    updateShift: true,
    updateSeries: true,
    updatePlace: true,
    changePlaces: true,
    cancel: true,
    recordInsurance: true,
    mine: true,
    get: true,
    discover: true,
    uploadCover: true,
    poster: true,
    resolveScene: true,
    attributeGroup: true,
    forYou: true,
  },
  hours: {
    mine: true,
    history: true,
    reportCorrection: true,
    setHoursPolicy: true,
    queue: true,
    corrections: true,
    confirm: true,
    reject: true,
    adjust: true,
    revoke: true,
    resolveCorrection: true,
    orgTotals: true,
    checkTotals: true,
    totalsReport: true,
  },
  records: {
    bulkEntry: true,
    continueBulkEntry: true,
    bulkProgress: true,
    declare: true,
    makeup: true,
    createHourCodes: true,
    hourCodeBatches: true,
    hourCodes: true,
    redeemHourCode: true,
  },
  attendance: {
    settings: true,
    openStation: true,
    checkIn: true,
    checkOut: true,
    cardCheck: true,
    manualCheck: true,
    mySessions: true,
    dashboard: true,
    markAbsent: true,
  },
  certificate: {
    publicKeys: true,
    // The PDF and the certificate's summary (typings/certificate-pdf.ts).
    download: true,
    detail: true,
    credential: true,
    settings: true,
    saveSettings: true,
    uploadSeal: true,
    reviewQueue: true,
    review: true,
    register: true,
    revoke: true,
    // Verification (typings/certificate-vc.ts).
    verify: true,
    // The volunteer's side and bulk issue (typings/certificate-vol.ts).
    issuable: true,
    request: true,
    mine: true,
    bulkIssue: true,
    continueBulkIssue: true,
    bulkProgress: true,
  },
  reminder: {},
  match: { suggest: true, invite: true, seriesProposal: true, invitation: true },
  help: {
    submit: true,
    verify: true,
    answerOffer: true,
    withdraw: true,
    complete: true,
    rate: true,
    mine: true,
    verifyQueue: true,
    offers: true,
    publicList: true,
    setResponder: true,
    responder: true,
    orgRatings: true,
    setWilling: true,
    willing: true,
    contact: true,
  },
};
