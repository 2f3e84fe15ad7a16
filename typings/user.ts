// Contracts of the `user` cloud function.
import type { EmptyRequest } from './envelope';

export type Role = 'volunteer' | 'platformAdmin';

/** `user.session`: who am I. Creates the user document on first sight. */
export type SessionRequest = EmptyRequest;

export interface SessionResponse {
  userId: string;
  roles: Role[];
  /** Whether the caller has completed real-name registration as a volunteer. */
  registered: boolean;
  /** Present once registered: what 我的 shows of the person, so its first render is this one call. */
  volunteer?: {
    /** Masked as on every screen others may see (张*). */
    nameMasked: string;
    volunteerNo: string;
    confirmedHours: number;
    /** Null until the volunteer has confirmed hours (RULES §6). */
    starLevel: number | null;
  };
  /** Unread notifications (消息's badge). */
  unread: number;
  /** True on the call that created the user document. */
  firstSeen: boolean;
  /**
   * Present when the caller administers verified organizations (at most 100, by name): they verify the help requests
   * of those organizations' counties (help.verify `asOrgId`) and answer the offers made to them (help.offers).
   */
  verifiedOrganizations?: AdministeredOrganization[];
}

export interface AdministeredOrganization {
  orgId: string;
  name: string;
}

export type SessionError = never;

export interface UserActions {
  session: { request: SessionRequest; response: SessionResponse; error: SessionError; mutates: true };
}
