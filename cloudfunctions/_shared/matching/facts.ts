// The facts matching decides on (issue 12), read once by the caller and passed in: no I/O here, no clock of its own.
// Both directions use them: projects for a volunteer (project.forYou) and volunteers for a shift (match).
import type { RecruitmentScope, ProjectStatus } from '../../../typings/project';
import type { AvailabilitySlot } from '../../../typings/volunteer';

export interface LngLatPoint {
  longitude: number;
  latitude: number;
}

/** A time a person already holds (a confirmed, pending or offered sign-up): half-open [startsAt, endsAt). */
export interface HeldInterval {
  startsAt: Date;
  endsAt: Date;
}

export interface VolunteerFacts {
  userId: string;
  /** 'YYYY-MM-DD', decrypted for the decision only (ages are computed on the shift's Shanghai date). */
  birthDate: string;
  skills: readonly string[];
  /** Service category codes the volunteer chose as intentions (服务意向). */
  intentions: readonly string[];
  /** Weekly availability: ISO weekday and parts of the day (Asia/Shanghai). */
  availability: readonly AvailabilitySlot[];
  /** WeChat proved the phone number (scope 'real_name', as the signup function decides). */
  phoneVerified: boolean;
  /** A guardian's consent is on record (minors). */
  guardianConsent: boolean;
  /** Organizations where the volunteer is an active member (scope 'team'). */
  memberOf: readonly string[];
  /** The places the volunteer holds (confirmed, pending, offered). */
  holds: readonly HeldInterval[];
  /** Where the volunteer is (the phone's location) or lives; absent: distance plays no part. */
  location?: LngLatPoint;
}

export interface ShiftFacts {
  shiftId: string;
  projectId: string;
  orgId: string;
  status: ProjectStatus;
  cancelled: boolean;
  startsAt: Date;
  endsAt: Date;
  places: number;
  /** Places minus those held (the signup function's capacity shards). */
  placesLeft: number;
  category: string;
  conditions: {
    minAge?: number;
    maxAge?: number;
    skills: readonly string[];
    scope: RecruitmentScope;
    teamOrgId?: string;
    minorsAllowed: boolean;
  };
  location: LngLatPoint;
}
