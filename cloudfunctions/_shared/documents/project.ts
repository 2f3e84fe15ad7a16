// Collections `projects`, `shifts` and `signups` (database/collections.json). Issue 8; rules: RULES.md §3.
// Ownership while issue 8 is built: the `project` function writes projects and the publishing fields of shifts;
// the `signup` function writes signups and a shift's `capacity` (places taken, waitlist) — nothing else does.
import type {
  ApprovalMode,
  ProjectStatus,
  RecruitmentScope,
  ServiceCategoryCode,
  ServiceObjectCode,
  SignupStatus,
} from '../../../typings/project';
import type { ProjectInput } from '../../../typings/project-actions';
import type { EncryptedField } from '../security/crypto';

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
  /** First shift start and last shift end, kept for discovery's date filter and ordering. */
  startsAt: Date;
  endsAt: Date;
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
  coverCheck?: { traceId: string; state: 'pending' | 'pass' | 'risky' };
  review?: { decision: 'approve' | 'reject'; reason?: string; reviewedBy: string; reviewedAt: Date };
  cancelReason?: string;
  /** When it was last submitted (each submission is reviewed once). */
  submittedAt?: Date;
  /** The poster's scene code (collection projectScenes), once a poster was made. */
  scene?: string;
  /** True exactly while status is 'recruiting' (projectStatusFields): what discovery's geoNear filters on. */
  discoverable: boolean;
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
  /** Written by the `signup` function only. */
  capacity: { confirmed: number; waitlisted: number };
  createdAt: Date;
  updatedAt: Date;
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
  createdAt: Date;
  updatedAt: Date;
}

export function signupId(shiftId: string, userId: string): string {
  return `${shiftId}_${userId}`;
}
