// Contracts of the `project` cloud function: publishing (organization admins), platform review, discovery (anyone),
// project detail, posters and group-chat attribution. Rules: shared/docs/RULES.md §3. Shared words: ./project.ts.
import type { ForYouActions } from './project-foryou';
import type { ApprovalMode, ProjectStatus, RecruitmentScope, ServiceCategoryCode, ServiceObjectCode } from './project';

/** One shift as the form gives it: instants as ISO strings, to the minute. */
export interface ShiftInput {
  startsAt: string;
  endsAt: string;
  places: number;
}

/**
 * A repeat rule: every chosen weekday from `firstDate`, `startTime`–`endTime` Asia/Shanghai, for `weeks` weeks or
 * until `untilDate` (inclusive), each occurrence one shift with `places`.
 */
export interface RepeatRuleInput {
  /** 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  /** 'HH:mm'. */
  startTime: string;
  endTime: string;
  /** 'YYYY-MM-DD', the first day the series may start. */
  firstDate: string;
  weeks?: number;
  untilDate?: string;
  places: number;
}

/** Everything the publish form holds. A draft may be incomplete; `submit` decides whether it can be published. */
export interface ProjectInput {
  title: string;
  category: ServiceCategoryCode;
  serviceObjects: ServiceObjectCode[];
  content: string;
  conditions: {
    minAge?: number;
    maxAge?: number;
    skills: string[];
    scope: RecruitmentScope;
    teamOrgId?: string;
    /** scope 'password': the sign-up password; stored only as a keyed hash. Omit on update to keep the stored one. */
    password?: string;
    minorsAllowed: boolean;
    /** What guardian consent minors need (required when minors may join). */
    guardianConsentNote?: string;
  };
  place: {
    address: string;
    name?: string;
    longitude: number;
    latitude: number;
    regionCode: string;
    /**
     * Check-in and check-out must be made within this many metres of the place (50–5000), or 0: the project checks
     * no location (an online or roaming activity, a venue where GPS is poor) — scans then send none. New projects
     * default to 300 on the form.
     */
    checkinRadiusM: number;
  };
  risk: { disclosure: string; risky: boolean };
  /** A cloud storage file the form uploaded (wx.cloud.uploadFile). */
  coverFileId?: string;
  contact: { name: string; phone: string };
  approvalMode: ApprovalMode;
  cancelCutoffHours?: number;
  shifts: ShiftInput[];
  repeat?: RepeatRuleInput;
}

export interface SaveDraftRequest {
  orgId: string;
  /** Absent: a new draft. Present: that draft (or rejected project) is replaced by `project`. */
  projectId?: string;
  project: ProjectInput;
}
export interface SaveDraftResponse {
  projectId: string;
  status: ProjectStatus;
  shiftCount: number;
}
export type SaveDraftError = 'FORBIDDEN' | 'NOT_VERIFIED' | 'PROJECT_NOT_FOUND' | 'NOT_EDITABLE' | 'PROJECT_INVALID';

export interface SubmitProjectRequest {
  projectId: string;
}
export interface SubmitProjectResponse {
  projectId: string;
  /** recruiting: published; submitted: waiting for the platform's review. */
  status: ProjectStatus;
}
export type SubmitProjectError = 'FORBIDDEN' | 'NOT_VERIFIED' | 'PROJECT_NOT_FOUND' | 'NOT_EDITABLE' | 'PROJECT_INVALID' | 'CONTENT_FLAGGED';

export interface ReviewProjectRequest {
  projectId: string;
  decision: 'approve' | 'reject';
  reason?: string;
}
export interface ReviewProjectResponse {
  projectId: string;
  status: ProjectStatus;
}
export type ReviewProjectError = 'FORBIDDEN' | 'PROJECT_NOT_FOUND' | 'NOT_SUBMITTED' | 'REASON_REQUIRED' | 'PROJECT_INVALID';

export interface UpdateShiftRequest {
  projectId: string;
  shiftId: string;
  startsAt: string;
  endsAt: string;
}
export interface UpdateSeriesRequest {
  projectId: string;
  seriesId: string;
  /** New times of day ('HH:mm', Asia/Shanghai) for every future shift of the series that is not cancelled. */
  startTime: string;
  endTime: string;
}
export interface UpdatePlaceRequest {
  projectId: string;
  place: ProjectInput['place'];
}
export interface ChangePlacesRequest {
  projectId: string;
  shiftId: string;
  places: number;
}
export interface ShiftsChangedResponse {
  projectId: string;
  /** Shifts changed. */
  shiftIds: string[];
  /** Volunteers told (one message each per change). */
  notified: number;
}
/** Every change of a published project (and its cancellation) may answer these. */
export type ShiftChangeError =
  | 'FORBIDDEN'
  | 'NOT_VERIFIED'
  | 'PROJECT_NOT_FOUND'
  | 'SHIFT_NOT_FOUND'
  | 'NOT_PUBLISHED'
  | 'NOT_CANCELLABLE'
  | 'PROJECT_INVALID'
  | 'PLACES_BELOW_TAKEN'
  | 'REASON_REQUIRED';

export interface CancelProjectRequest {
  projectId: string;
  /** Absent: the whole project; present: that shift only. */
  shiftId?: string;
  reason: string;
}

export interface RecordInsuranceRequest {
  projectId: string;
  insurer: string;
  policyNo: string;
}
export interface RecordInsuranceResponse {
  projectId: string;
  recordedAt: string;
}
export type RecordInsuranceError = 'FORBIDDEN' | 'NOT_VERIFIED' | 'PROJECT_NOT_FOUND' | 'PROJECT_INVALID' | 'NOT_CANCELLABLE';

/** One project in a list. */
export interface ProjectCard {
  projectId: string;
  title: string;
  orgName: string;
  category: ServiceCategoryCode;
  status: ProjectStatus;
  address: string;
  regionCode: string;
  startsAt: string;
  endsAt: string;
  /** Metres from the point asked about, when sorted or filtered by distance. */
  distanceM?: number;
  /** Places still free over the shifts to come (places minus confirmed), when known. */
  placesLeft?: number;
}

export interface MyProjectsRequest {
  orgId: string;
  cursor?: string;
  limit?: number;
}
export interface ProjectListResponse {
  items: ProjectCard[];
  /** Pass back to get the next page; absent on the last page. */
  nextCursor?: string;
}
export type MyProjectsError = 'FORBIDDEN' | 'NOT_VERIFIED' | 'DISCOVER_INVALID';

export type DiscoverSort = 'distance' | 'startsAt' | 'newest';
export interface DiscoverRequest {
  /** The phone's location (GCJ-02, as wx.getLocation answers). Needed for sort 'distance'. */
  near?: { longitude: number; latitude: number };
  /** Region fallback without a location: a 2/4/6-digit GB/T 2260 prefix. */
  regionCode?: string;
  category?: ServiceCategoryCode;
  /** 'YYYY-MM-DD' in Asia/Shanghai: projects with a shift on or between these days. */
  fromDate?: string;
  toDate?: string;
  keyword?: string;
  hasPlacesLeft?: boolean;
  sort: DiscoverSort;
  cursor?: string;
  limit?: number;
}
export type DiscoverError = 'DISCOVER_INVALID';

export interface ShiftView {
  shiftId: string;
  seriesId?: string;
  startsAt: string;
  endsAt: string;
  places: number;
  placesLeft: number;
  waitlisted: number;
  cancelled: boolean;
}

export interface ProjectDetail {
  projectId: string;
  orgId: string;
  orgName: string;
  title: string;
  category: ServiceCategoryCode;
  serviceObjects: ServiceObjectCode[];
  content: string;
  status: ProjectStatus;
  conditions: {
    minAge?: number;
    maxAge?: number;
    skills: string[];
    scope: RecruitmentScope;
    teamOrgId?: string;
    minorsAllowed: boolean;
    guardianConsentNote?: string;
  };
  place: { address: string; name?: string; longitude: number; latitude: number; regionCode: string; checkinRadiusM: number };
  risk: { disclosure: string; risky: boolean; insured: boolean };
  coverUrl?: string;
  contact: { name: string; phoneMasked: string };
  approvalMode: ApprovalMode;
  cancelCutoffHours: number;
  startsAt: string;
  endsAt: string;
  shifts: ShiftView[];
  /** Masked names (张*) of confirmed volunteers, at most 20, and how many are going in all. */
  going: { names: string[]; count: number };
  /**
   * For the organization's admins: the review outcome, what is missing before check-in, and the saved form to edit
   * (its contact phone in full, since the admin typed it; never the sign-up password, only whether one is set).
   */
  admin?: { rejectReason?: string; insuranceMissing: boolean; form: ProjectInput; passwordSet: boolean };
  /** A signed-in caller's own sign-ups of this project that hold or wait for a place (add to calendar, 已报名). */
  mySignups: MySignupOfProject[];
  /** The caller may edit it (an admin of its organization). */
  canEdit: boolean;
}
export interface MySignupOfProject {
  shiftId: string;
  status: 'confirmed' | 'waitlisted' | 'offered' | 'pending';
}
export interface GetProjectRequest {
  projectId: string;
}
export type GetProjectError = 'PROJECT_NOT_FOUND';

/**
 * A cover image for the form. Storage is private (ADMINONLY: a mini-program can neither upload nor read a file), so
 * the photo comes through the function as base64, at most 70 KB (a function's request body is at most 100 KB as
 * text), JPEG or PNG by its first bytes; it is stored under the organization's own path.
 */
export interface UploadCoverRequest {
  orgId: string;
  photo: { contentType: 'image/jpeg' | 'image/png'; base64: string };
}
export interface UploadCoverResponse {
  /** Put into the form's coverFileId. */
  fileId: string;
  /** A one-hour link to show it on the form. */
  url: string;
}
export type UploadCoverError = 'FORBIDDEN' | 'NOT_VERIFIED' | 'COVER_INVALID';

export interface PosterRequest {
  projectId: string;
}
export interface PosterResponse {
  scene: string;
  /** The mini-program code image, a temporary link. */
  url: string;
  fileId: string;
}
export type PosterError = 'FORBIDDEN' | 'NOT_VERIFIED' | 'PROJECT_NOT_FOUND' | 'NOT_PUBLISHED' | 'WECHAT_FAILED';

export interface ResolveSceneRequest {
  scene: string;
}
export interface ResolveSceneResponse {
  projectId: string;
}
export type ResolveSceneError = 'SCENE_UNKNOWN';

export interface AttributeGroupRequest {
  projectId: string;
  /** wx.getGroupEnterInfo's cloudID. */
  cloudID: string;
}
export interface AttributeGroupResponse {
  /** An opaque id of the group chat (not WeChat's openGId). */
  groupId: string;
}
export type AttributeGroupError = 'PROJECT_NOT_FOUND' | 'GROUP_UNKNOWN';

export interface ProjectActions extends ForYouActions {
  saveDraft: { request: SaveDraftRequest; response: SaveDraftResponse; error: SaveDraftError; mutates: true };
  submit: { request: SubmitProjectRequest; response: SubmitProjectResponse; error: SubmitProjectError; mutates: true };
  review: { request: ReviewProjectRequest; response: ReviewProjectResponse; error: ReviewProjectError; mutates: true };
  updateShift: { request: UpdateShiftRequest; response: ShiftsChangedResponse; error: ShiftChangeError; mutates: true };
  updateSeries: { request: UpdateSeriesRequest; response: ShiftsChangedResponse; error: ShiftChangeError; mutates: true };
  updatePlace: { request: UpdatePlaceRequest; response: ShiftsChangedResponse; error: ShiftChangeError; mutates: true };
  changePlaces: { request: ChangePlacesRequest; response: ShiftsChangedResponse; error: ShiftChangeError; mutates: true };
  cancel: { request: CancelProjectRequest; response: ShiftsChangedResponse; error: ShiftChangeError; mutates: true };
  recordInsurance: { request: RecordInsuranceRequest; response: RecordInsuranceResponse; error: RecordInsuranceError; mutates: true };
  mine: { request: MyProjectsRequest; response: ProjectListResponse; error: MyProjectsError; mutates: false };
  get: { request: GetProjectRequest; response: ProjectDetail; error: GetProjectError; mutates: false };
  discover: { request: DiscoverRequest; response: ProjectListResponse; error: DiscoverError; mutates: false };
  uploadCover: { request: UploadCoverRequest; response: UploadCoverResponse; error: UploadCoverError; mutates: true };
  poster: { request: PosterRequest; response: PosterResponse; error: PosterError; mutates: true };
  resolveScene: { request: ResolveSceneRequest; response: ResolveSceneResponse; error: ResolveSceneError; mutates: false };
  attributeGroup: { request: AttributeGroupRequest; response: AttributeGroupResponse; error: AttributeGroupError; mutates: true };
}
