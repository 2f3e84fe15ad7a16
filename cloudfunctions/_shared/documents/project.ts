// Collections `projects`, `shifts` and `signups` (database/collections.json). Issue 8; rules: RULES.md §3.
// Ownership while issue 8 is built: the `project` function writes projects and the publishing fields of shifts;
// the `signup` function writes signups, capacityShards, signupSchedules and a shift's `capacity` — nothing else does.
import type {
  ApprovalMode,
  ProjectStatus,
  RecruitmentScope,
  ServiceCategoryCode,
  ServiceObjectCode,
  SignupStatus,
} from '../../../typings/project';
import type { AttendanceSettings } from '../../../typings/attendance';
import type { ProjectInput } from '../../../typings/project-actions';
import { keyedHash, type EncryptedField, type KeyRing } from '../security/crypto';

/** GeoJSON point as CloudBase stores `db.Geo.Point` (longitude first). */
export interface GeoPoint {
  type: 'Point';
  coordinates: [number, number];
}

export interface ProjectDoc {
  _id: string;
  orgId: string;
  /** The organization's public name, copied so lists need no second read. */
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
    /** scope 'team': the organization whose active members may sign up. */
    teamOrgId?: string;
    /** scope 'password': a keyed hash of the sign-up password, never the password. */
    passwordHash?: string;
    minorsAllowed: boolean;
    /** What guardian consent a minor needs, when minors may join (publishing: added in issue 8). */
    guardianConsentNote?: string;
  };
  place: {
    address: string;
    name?: string;
    location: GeoPoint;
    regionCode: string;
    regionPrefixes: string[];
    /** Check-in is accepted within this distance of `location`. */
    checkinRadiusM: number;
  };
  risk: { disclosure: string; risky: boolean; insurance?: { insurer: string; policyNo: string; recordedAt: Date } };
  coverFileId?: string;
  contact: { name: string; phoneMasked: string };
  approvalMode: ApprovalMode;
  /** Hours before a shift's start after which a withdrawal is recorded as late (default 24). */
  cancelCutoffHours: number;
  /** Hours a waitlisted volunteer has to confirm an offered place (default 12, shorter when the shift is near). */
  offerHours?: number;
  /** First shift start and last shift end, kept for discovery's date filter and ordering. */
  startsAt: Date;
  endsAt: Date;
  /** The Shanghai days (days since 1970-01-01 there) its open shifts are on: discovery's date range (indexed). */
  days: number[];
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  publishedAt?: Date;
  // Publishing fields (the `project` function's, added in issue 8):
  /** Keyword tokens of the title and organization name (cloudfunctions/project/rules.ts searchTokens), indexed. */
  tokens: string[];
  /** Shifts are `${projectId}-${n}` for n < shiftCount, so a project's shifts are read by id. */
  shiftCount: number;
  /** The cover's content-security check (mediaCheckAsync); the cover is shown to others only once it passed. */
  coverCheck?: { traceId: string; state: CoverCheckState };
  review?: { decision: 'approve' | 'reject'; reason?: string; reviewedBy: string; reviewedAt: Date };
  cancelReason?: string;
  /** When it was last submitted (each submission is reviewed once). */
  submittedAt?: Date;
  /** The poster's scene code (collection projectScenes), once a poster was made. */
  scene?: string;
  /** True exactly while status is 'recruiting' (projectStatusFields): what discovery's geoNear filters on. */
  discoverable: boolean;
  /** Check-in settings (issue 9, set by the `attendance` function's `settings`); absent: DEFAULT_ATTENDANCE. */
  attendance?: AttendanceSettings;
  /** The form as last saved, for editing a draft: no password, the contact phone only encrypted (RULES §8). */
  form: Omit<ProjectInput, 'contact' | 'conditions'> & {
    contact: { name: string; phone: EncryptedField };
    conditions: Omit<ProjectInput['conditions'], 'password'>;
  };
}

/** The status and what follows from it, written together so they never disagree. */
export function projectStatusFields(status: ProjectStatus): { status: ProjectStatus; discoverable: boolean } {
  return { status, discoverable: status === 'recruiting' };
}

export interface ShiftDoc {
  _id: string;
  projectId: string;
  orgId: string;
  /** Shifts made by one repeat rule share a series id, so they can be edited together. */
  seriesId?: string;
  startsAt: Date;
  endsAt: Date;
  places: number;
  cancelled: boolean;
  /** Why the organization cancelled it (publishing field, issue 8). */
  cancelReason?: string;
  /**
   * Written by the `signup` function only (cloudfunctions/signup/README.md, "Capacity"). The places themselves are
   * counted in `capacityShards` (each shard a fixed slice of `places`), so one hot shift is not one hot document;
   * here only what lists need: whether the shift was last seen full (a waitlist may exist) and how many shards.
   * A shift written without it gets its shards on its first sign-up (initialCapacity gives the starting value).
   */
  capacity: ShiftCapacity;
  /**
   * The last change of time or place, or the cancellation, that its volunteers were told of (project function): a
   * sign-up that read the shift before it and committed after it tells its volunteer itself (signup.ts), with the
   * same notification id the change uses, so each is told exactly once.
   */
  lastChange?: ShiftChange;
  createdAt: Date;
  updatedAt: Date;
}

/** What a shift's volunteers are told of a change: the new time or place (`what`), or the cancellation. */
export type ShiftChange = { kind: 'changed'; at: Date; what: string } | { kind: 'cancelled'; at: Date; when: string; reason: string };

export interface ShiftCapacity {
  /** Shards the places are split into; 0 until the first sign-up creates them. */
  shards: number;
  /** Every place held when last decided: new sign-ups join the waitlist (discovery's "has places left"). */
  full: boolean;
}

/** What a new shift starts with: no shards yet, not full. */
export function initialCapacity(): ShiftCapacity {
  return { shards: 0, full: false };
}

/** One slice of a shift's places (collection `capacityShards`, _id `<shiftId>_<index>`). */
export interface CapacityShardDoc {
  _id: string;
  shiftId: string;
  index: number;
  /** The places of this slice; the slices of a shift add up to its places. */
  places: number;
  /** Places held here: confirmed, pending approval and offered sign-ups. */
  taken: number;
  /**
   * Waitlisted sign-ups counted on this shard (each names it in `waitShardId`), written in the transaction that
   * moves a sign-up into or out of the waitlist: the shift's shards add up to its waitlist's length, so lists read it
   * with the places and no count query. Absent: none.
   */
  waitlisted?: number;
  updatedAt: Date;
}

export function capacityShardId(shiftId: string, index: number): string {
  return `${shiftId}_${index}`;
}

export interface SignupHistoryEntry {
  status: SignupStatus;
  reason: string;
  at: Date;
  /** users._id of whoever made the change when it was not the volunteer (an admin) or `system` (timer). */
  by?: string;
}

export interface SignupDoc {
  /** signupId(shiftId, userId): one sign-up per person per shift, so a double tap cannot make two. */
  _id: string;
  shiftId: string;
  projectId: string;
  orgId: string;
  userId: string;
  status: SignupStatus;
  /** Why this status, in the words the volunteer was shown (stored so the organization sees it too). */
  reason: string;
  /** The shift's interval, copied so overlap checks read one collection. */
  startsAt: Date;
  endsAt: Date;
  /** The group chat whose project card led here (an opaque group id resolved from a CloudID), if any. */
  viaGroupId?: string;
  /** Copied at sign-up so 我的报名 and messages need no second read. */
  projectTitle: string;
  orgName: string;
  /** The capacity shard holding this sign-up's place, while it holds one (pending, confirmed, offered). */
  shardId?: string;
  /** While waitlisted: the capacity shard that counts it (`CapacityShardDoc.waitlisted`). */
  waitShardId?: string;
  /**
   * When the server received the request that put this sign-up in line (the waitlist is ordered by it, then _id):
   * the moment of arrival the server observes (cloudfunctions/signup/README.md, "Arrival order").
   */
  queuedAt: Date;
  /** offered: the place goes to the next in line after this instant. */
  offerExpiresAt?: Date;
  /** withdrawn after the project's cut-off (RULES §3: recorded, never deleted). */
  late?: boolean;
  /** The shift's start less the project's cut-off when signing up: a withdrawal after it is late. */
  lateAfter?: Date;
  /** An organization admin marked that the volunteer did not come. */
  noShow?: { markedAt: Date; markedBy: string };
  /** A mark an admin undid by checking the volunteer in on site (attendance: they came after all), kept for audit. */
  noShowCleared?: { markedAt: Date; markedBy: string; clearedAt: Date; clearedBy: string };
  /**
   * When the volunteer first checked in for this shift (attendance). 标记未到 and every first check-in write this
   * document in their transactions, so CloudBase's write conflict makes the later one retry and see the other.
   */
  checkedInAt?: Date;
  /**
   * When the volunteer answered the 24-hour reminder with 确认参加 (signup.confirmPlace); the organization sees it on
   * the roster. Written without touching `updatedAt`, which stays the instant the current status began.
   */
  placeConfirmedAt?: Date;
  /** Every earlier status of this sign-up, oldest first: nothing is deleted. */
  history: SignupHistoryEntry[];
  createdAt: Date;
  updatedAt: Date;
}

/**
 * The places and times a person holds (collection `signupSchedules`, _id = userId): confirmed, pending and offered
 * sign-ups. Every change of a hold writes it in the same transaction, so two sign-ups of one person at once conflict
 * here and the second sees the first — the overlap check cannot be raced.
 */
export interface SignupScheduleDoc {
  _id: string;
  holds: Array<{ signupId: string; projectTitle: string; startsAt: Date; endsAt: Date }>;
  updatedAt: Date;
}

/** The keyed hash a sign-up password is stored as (scope 'password'): bound to its project, compared in constant time. */
export function projectPasswordHash(projectId: string, password: string, ring: KeyRing): string {
  return keyedHash('project.password', `${projectId}\n${password.trim()}`, ring);
}

export function signupId(shiftId: string, userId: string): string {
  return `${shiftId}_${userId}`;
}

export type CoverCheckState = 'pending' | 'pass' | 'risky';

/**
 * `mediaChecks/<traceId>`: where a cover's check and WeChat's verdict meet. `submit` writes the project it belongs
 * to, the `wxa_media_check` push writes the verdict, each in a transaction on this document, so whichever comes
 * second sees the first (the push may arrive before submit's transaction commits).
 */
export interface MediaCheckDoc {
  _id: string;
  projectId?: string;
  verdict?: { state: Exclude<CoverCheckState, 'pending'>; suggest: string; label: string; at: Date };
  createdAt: Date;
}
