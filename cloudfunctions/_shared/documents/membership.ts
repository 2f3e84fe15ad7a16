// Collection `memberships`: a person's relation to an organization; `_id` is membershipId(orgId, userId).
import type { MemberRole, MembershipStatus } from '../../../typings/organization';

export interface MembershipDoc {
  _id: string;
  orgId: string;
  userId: string;
  role: MemberRole;
  status: MembershipStatus;
  message?: string;
  requestCount: number;
  requestedAt: Date;
  since?: Date;
  decidedAt?: Date;
  decidedBy?: string;
  declineReason?: string;
}

export function membershipId(orgId: string, userId: string): string {
  return `${orgId}_${userId}`;
}
