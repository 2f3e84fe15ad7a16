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
  /** Present once registered. */
  volunteer?: { name: string; volunteerNo: string };
  /** True on the call that created the user document. */
  firstSeen: boolean;
}

export type SessionError = never;

export interface UserActions {
  session: { request: SessionRequest; response: SessionResponse; error: SessionError; mutates: true };
}
