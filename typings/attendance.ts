// Contracts of the `attendance` cloud function: on-site check-in and check-out that nobody can fake, even without
// signal (issue 9). An organization admin opens a station for a shift; the station page makes a new signed token
// every few seconds on the phone, offline; the volunteer scans it to check in and again to check out; an admin can
// also scan the volunteer's card or check someone in or out by hand with a reason. Rules: shared/docs/RULES.md §4.
// How the tokens are made and verified, and what they do not stop: cloudfunctions/attendance/README.md.

/** A project's check-in settings (ProjectDoc.attendance); a project without them has the defaults. */
export interface AttendanceSettings {
  /** Check-in opens this many minutes before a shift's start and closes this many after its end. */
  marginMinutes: number;
  /** Whether someone without a confirmed sign-up for the shift may check in. */
  walkInsAllowed: boolean;
  /** At most this many check-in/check-out pairs per person per day (RULES §4, default 3). */
  pairsPerDay: number;
}

export interface AttendanceSettingsRequest extends Partial<AttendanceSettings> {
  projectId: string;
}
export interface AttendanceSettingsResponse extends AttendanceSettings {
  projectId: string;
}
export type AttendanceSettingsError = 'PROJECT_NOT_FOUND' | 'FORBIDDEN';

// ── The station ─────────────────────────────────────────────────────────────────────────────────────────────────

export interface OpenStationRequest {
  shiftId: string;
}
export interface OpenStationResponse {
  shiftId: string;
  projectTitle: string;
  startsAt: string;
  endsAt: string;
  /** The per-shift station key (base64url, 32 bytes), valid for the shift's day: the phone signs tokens with it. */
  stationKey: string;
  /** The key signs tokens for steps inside [validFrom, validUntil) only (the shift's day in Asia/Shanghai). */
  validFrom: string;
  validUntil: string;
  /** A token names a time step of this many seconds; the station shows a new one each step. */
  stepSeconds: number;
}
export type OpenStationError = 'SHIFT_NOT_FOUND' | 'FORBIDDEN' | 'SHIFT_CANCELLED' | 'INSURANCE_MISSING' | 'STATION_NOT_TODAY';

// ── The volunteer scans the station ─────────────────────────────────────────────────────────────────────────────

export interface GeoLocation {
  latitude: number;
  longitude: number;
}

export interface StationScanRequest {
  /** The station QR's text. */
  token: string;
  /** A scan made offline and synced later: when the phone scanned it (ISO). Absent: scanned now. */
  scannedAt?: string;
  /** The phone's location at the scan, when the project sets a check-in radius. */
  location?: GeoLocation;
  /** The shift the volunteer meant (the page was opened for it): a token of another shift is refused. */
  shiftId?: string;
}

export type SessionState = 'checkedIn' | 'checkedOut' | 'missingCheckout';

/** One check-in/check-out pair as the volunteer and the organization see it. */
export interface SessionView {
  sessionId: string;
  shiftId: string;
  projectTitle: string;
  state: SessionState;
  checkedInAt: string;
  checkedOutAt?: string;
  /** Minutes that count (clamped to the shift, rounded by the organization's rule), once checked out. */
  minutes?: number;
  /** Metres from the project's place, when a location was sent. */
  checkInDistanceM?: number;
  checkOutDistanceM?: number;
}

/** Refusals of a scan: nothing is stored, the message says why. */
/** SCAN_TOO_LATE: an offline scan synced more than MAX_OFFLINE_SYNC_HOURS after it was made. */
export type TokenError = 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'TOKEN_WRONG_SHIFT' | 'SCAN_TIME_INVALID' | 'SCAN_TOO_LATE' | 'STATION_NOT_OPEN';
/** Refusals of any check-in or check-out, whoever records it. */
export type CheckRefusal =
  | 'SHIFT_NOT_FOUND'
  | 'SHIFT_CANCELLED'
  | 'INSURANCE_MISSING'
  | 'OUTSIDE_WINDOW'
  | 'NOT_SIGNED_UP'
  | 'PAIR_LIMIT'
  | 'SESSION_OVERLAP'
  /** 标记未到 came first: only an admin (card or by hand) checks the volunteer in then, and that undoes the mark. */
  | 'MARKED_ABSENT';
export type GeofenceRefusal = 'LOCATION_REQUIRED' | 'OUTSIDE_GEOFENCE';
/**
 * MISSING_CHECKOUT_DECIDED: a check-out synced after the timer closed the session as 未签退, when the organization
 * already confirmed, adjusted or rejected that record (its decision stands).
 */
export type CheckOutRefusal = 'NOT_CHECKED_IN' | 'SESSION_REVERSED' | 'SESSION_EMPTY' | 'MISSING_CHECKOUT_DECIDED';

export type CheckInError = 'NOT_REGISTERED' | TokenError | CheckRefusal | GeofenceRefusal;
export type CheckOutError = CheckInError | CheckOutRefusal;

// ── The admin checks a volunteer in or out ──────────────────────────────────────────────────────────────────────

export type CheckIntent = 'checkIn' | 'checkOut';

export interface CardCheckRequest {
  shiftId: string;
  /** The volunteer card's rotating QR (volunteer.card). */
  cardPayload: string;
  intent: CheckIntent;
}
export interface ManualCheckRequest {
  shiftId: string;
  volunteerId: string;
  intent: CheckIntent;
  /** Why by hand (kept with the session for audit). */
  reason: string;
}
export interface AdminCheckResponse {
  session: SessionView;
  volunteerNo: string;
  nameMasked: string;
}
export type AdminCheckError =
  | 'FORBIDDEN'
  | 'CARD_INVALID'
  | 'CARD_EXPIRED'
  | 'REASON_REQUIRED'
  | CheckRefusal
  | CheckOutRefusal;

// ── The volunteer's own sessions ────────────────────────────────────────────────────────────────────────────────

export interface MySessionsRequest {
  shiftId?: string;
}
export interface MySessionsResponse {
  /** Today's sessions (Asia/Shanghai), after yesterday's that reached past midnight, newest first. */
  items: SessionView[];
  /**
   * Asked for a shift: whether its project checks the location at a scan (a check-in radius). False: the page
   * scans without asking for the location.
   */
  locationRequired?: boolean;
}
export type MySessionsError = 'NOT_REGISTERED';

// ── The day-of dashboard ────────────────────────────────────────────────────────────────────────────────────────

export interface DashboardRequest {
  shiftId: string;
}
export type AttendeeState = 'expected' | 'checkedIn' | 'checkedOut' | 'missingCheckout' | 'noShow' | 'walkIn';
export interface AttendeeRow {
  volunteerId: string;
  /** Admins of the project's organization see the full name (RULES §8: their own project's volunteers). */
  name: string;
  volunteerNo: string;
  state: AttendeeState;
  /** The sign-up, for 标记未到 (absent for a walk-in). */
  signupId?: string;
  checkedInAt?: string;
  checkedOutAt?: string;
  minutes?: number;
}
export interface DashboardResponse {
  shiftId: string;
  projectTitle: string;
  startsAt: string;
  endsAt: string;
  counts: { expected: number; checkedIn: number; checkedOut: number; missing: number };
  rows: AttendeeRow[];
  /** Whether 标记未到 is offered (after the shift's start). */
  noShowMarkable: boolean;
  /** Whether the project checks the location at a scan; false: its scans were not located (未核验位置). */
  locationChecked: boolean;
}
export type DashboardError = 'SHIFT_NOT_FOUND' | 'FORBIDDEN';

export interface MarkAbsentRequest {
  signupId: string;
}
export type MarkAbsentResponse = AttendeeRow;
export type MarkAbsentError = 'SIGNUP_NOT_FOUND' | 'FORBIDDEN' | 'NOT_CONFIRMED' | 'SHIFT_NOT_STARTED' | 'ALREADY_CHECKED_IN';

export interface AttendanceActions {
  settings: { request: AttendanceSettingsRequest; response: AttendanceSettingsResponse; error: AttendanceSettingsError; mutates: true };
  openStation: { request: OpenStationRequest; response: OpenStationResponse; error: OpenStationError; mutates: true };
  checkIn: { request: StationScanRequest; response: SessionView; error: CheckInError; mutates: true };
  checkOut: { request: StationScanRequest; response: SessionView; error: CheckOutError; mutates: true };
  cardCheck: { request: CardCheckRequest; response: AdminCheckResponse; error: AdminCheckError; mutates: true };
  manualCheck: { request: ManualCheckRequest; response: AdminCheckResponse; error: AdminCheckError | 'VOLUNTEER_NOT_FOUND'; mutates: true };
  mySessions: { request: MySessionsRequest; response: MySessionsResponse; error: MySessionsError; mutates: false };
  dashboard: { request: DashboardRequest; response: DashboardResponse; error: DashboardError; mutates: false };
  markAbsent: { request: MarkAbsentRequest; response: MarkAbsentResponse; error: MarkAbsentError; mutates: true };
}
