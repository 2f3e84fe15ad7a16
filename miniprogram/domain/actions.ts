// Which actions change something, as a table both sides read at run time: the client sends a request id with a
// mutating action (services/api.ts) and the server's action frame makes a retry with that id answer what the first
// answered (cloudfunctions/_shared/frame/idempotency.ts). The compiler holds the table to typings/: every action
// of every function, each with exactly the `mutates` its contract declares.
import type { ActionName, ClassifiedFunctions, FunctionName, MutatesOf } from '../../typings/index';

export type ActionTable = { [F in FunctionName]: { [A in ActionName<F>]: MutatesOf<F, A> } };

export const MUTATES = {
  user: { session: true },
  volunteer: {
    registrationRules: false,
    verifyPhone: true,
    register: true,
    profile: false,
    updateProfile: true,
    changeIdentity: true,
    card: false,
    scanCard: false,
    cardProof: false,
    verifyCard: false,
    exportMine: true,
    giveConsent: true,
    withdrawConsent: true,
    deleteAccount: true,
    fileClaim: true,
    addClaimEvidence: true,
    myClaims: false,
    claimQueue: false,
    claimDetail: false,
    decideClaim: true,
  },
  organization: {
    register: true,
    get: false,
    members: false,
    joinRequests: false,
    mine: false,
    search: false,
    reviewQueue: false,
    review: true,
    createInvite: true,
    inviteInfo: false,
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
  inbox: { list: false, markRead: true, unread: false },
  signup: {
    options: false,
    signup: true,
    acceptOffer: true,
    withdraw: true,
    mine: false,
    shiftSignups: false,
    decide: true,
    remove: true,
    markNoShow: true,
    exportRoster: true,
    placeCheck: false,
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
    mine: false,
    get: false,
    discover: false,
    uploadCover: true,
    poster: true,
    resolveScene: false,
    attributeGroup: true,
    forYou: false,
  },
  hours: {
    mine: false,
    history: false,
    reportCorrection: true,
    setHoursPolicy: true,
    queue: false,
    corrections: false,
    confirm: true,
    reject: true,
    adjust: true,
    revoke: true,
    resolveCorrection: true,
    orgTotals: false,
    checkTotals: false,
    totalsReport: false,
  },
  records: {
    bulkEntry: true,
    continueBulkEntry: true,
    bulkProgress: false,
    declare: true,
    makeup: true,
    createHourCodes: true,
    hourCodeBatches: false,
    hourCodes: false,
    redeemHourCode: true,
  },
  attendance: {
    settings: true,
    openStation: true,
    checkIn: true,
    checkOut: true,
    cardCheck: true,
    manualCheck: true,
    mySessions: false,
    dashboard: false,
    markAbsent: true,
  },
  certificate: {
    publicKeys: false,
    // The PDF and the certificate's summary (typings/certificate-pdf.ts).
    download: true,
    detail: false,
    credential: false,
    // The organization's side (typings/certificate-org.ts).
    settings: false,
    saveSettings: true,
    uploadSeal: true,
    reviewQueue: false,
    review: true,
    register: false,
    revoke: true,
    // Verification (typings/certificate-vc.ts).
    verify: false,
    // The volunteer's side and bulk issue (typings/certificate-vol.ts).
    issuable: false,
    request: true,
    mine: false,
    bulkIssue: true,
    continueBulkIssue: true,
    bulkProgress: false,
  },
  notify: {
    subscribeTemplates: false,
    reportSubscriptions: true,
    preferences: false,
    savePreferences: true,
    deliveryReport: false,
    requeue: true,
    kick: false,
  },
  reminder: {},
  // Matching, volunteers for a shift (typings/match.ts).
  match: { suggest: false, invite: true, seriesProposal: false, invitation: false },
} as const satisfies ActionTable & { [F in keyof ClassifiedFunctions]: object };

/** The event field that carries a mutating action's request id, beside `action` and outside the payload. */
export const REQUEST_ID_FIELD = 'requestId';

/** What the server accepts as a request id: 8–64 characters of [A-Za-z0-9_-]. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export function mutates(fn: string, action: string): boolean {
  const actions = (MUTATES as Record<string, Record<string, boolean> | undefined>)[fn];
  return actions !== undefined && Object.prototype.hasOwnProperty.call(actions, action) && actions[action] === true;
}
