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
