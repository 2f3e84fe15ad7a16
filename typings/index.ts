// Every function, every action: the map the typed clients are checked against.
import type { HoursActions } from './hours-actions';
import type { AttendanceActions } from './attendance';
import type { CertificateActions } from './certificate-actions';
import type { InboxActions } from './inbox';
import type { NotifyActions } from './notify';
import type { ReminderActions } from './reminder';
import type { OrganizationActions } from './organization';
import type { SignupActions } from './signup';
import type { ProjectActions } from './project-actions';
import type { RecordsActions } from './records';
import type { UserActions } from './user';
import type { VolunteerActions } from './volunteer';
import type { MatchActions } from './match';
import type { HelpActions } from './help';

export * from './envelope';
export type * from './hours';
export type * from './hours-actions';
export type * from './attendance';
export type * from './certificate';
export type * from './certificate-actions';
export type * from './certificate-org';
export type * from './certificate-card';
export type * from './certificate-vc';
export type * from './certificate-vol';
export type * from './certificate-pdf';
export type * from './inbox';
export type * from './notify';
export type * from './reminder';
export type * from './signup-reminder';
export type * from './organization';
export type * from './signup';
export type * from './project';
export type * from './project-actions';
export type * from './records';
export type * from './user';
export type * from './volunteer';
export type * from './project-foryou';
export type * from './match';
export type * from './help';

/**
 * Every action's contract. `mutates` says whether the action changes anything: a mutating action's request carries a
 * request id (`requestId`, outside the payload) and a retry with the same id answers what the first answered
 * (cloudfunctions/_shared/frame/idempotency.ts); read-only actions skip that.
 */
export interface ActionContract {
  request: object;
  response: unknown;
  error: string;
  mutates: boolean;
}

export interface Functions {
  user: UserActions;
  volunteer: VolunteerActions;
  organization: OrganizationActions;
  inbox: InboxActions;
  signup: SignupActions;
  project: ProjectActions;
  hours: HoursActions;
  records: RecordsActions;
  attendance: AttendanceActions;
  certificate: CertificateActions;
  notify: NotifyActions;
  reminder: ReminderActions;
  match: MatchActions;
  help: HelpActions;
}

export type FunctionName = keyof Functions;
export type ActionName<F extends FunctionName> = keyof Functions[F] & string;
export type RequestOf<F extends FunctionName, A extends ActionName<F>> = Functions[F][A] extends { request: infer R } ? R : never;
export type ResponseOf<F extends FunctionName, A extends ActionName<F>> = Functions[F][A] extends { response: infer R } ? R : never;
export type ErrorOf<F extends FunctionName, A extends ActionName<F>> = Functions[F][A] extends { error: infer E extends string } ? E : never;

export type MutatesOf<F extends FunctionName, A extends ActionName<F>> = Functions[F][A] extends { mutates: infer M extends boolean } ? M : never;
/** The actions of F that change something (`mutates: true` in their contract). */
export type MutatingAction<F extends FunctionName> = { [A in ActionName<F>]: MutatesOf<F, A> extends true ? A : never }[ActionName<F>];

/**
 * Fails to compile while any action of `Functions` lacks a contract part — above all `mutates`: a new action must say
 * whether it changes anything. Used by the action table (miniprogram/domain/actions.ts).
 */
export type EveryActionClassified<T extends { [F in keyof T]: { [A in keyof T[F]]: ActionContract } }> = T;
export type ClassifiedFunctions = EveryActionClassified<Functions>;
