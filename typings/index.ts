// Every function, every action: the map the typed clients are checked against.
import type { InboxActions } from './inbox';
import type { OrganizationActions } from './organization';
import type { UserActions } from './user';
import type { VolunteerActions } from './volunteer';

export * from './envelope';
export type * from './inbox';
export type * from './organization';
export type * from './user';
export type * from './volunteer';

export interface Functions {
  user: UserActions;
  volunteer: VolunteerActions;
  organization: OrganizationActions;
  inbox: InboxActions;
}

export type FunctionName = keyof Functions;
export type ActionName<F extends FunctionName> = keyof Functions[F] & string;
export type RequestOf<F extends FunctionName, A extends ActionName<F>> = Functions[F][A] extends { request: infer R } ? R : never;
export type ResponseOf<F extends FunctionName, A extends ActionName<F>> = Functions[F][A] extends { response: infer R } ? R : never;
export type ErrorOf<F extends FunctionName, A extends ActionName<F>> = Functions[F][A] extends { error: infer E extends string } ? E : never;
