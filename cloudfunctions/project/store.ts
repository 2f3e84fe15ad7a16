// The reads and writes of the project function: who may manage a project, its shifts by id, the sign-ups of a shift
// to tell, and the documents a saved form becomes.
import { randomBytes } from 'node:crypto';
import type { ProjectInput } from '../../typings/project-actions';
import { regionPrefixes } from '../../miniprogram/domain/region';
import { getOrNull, type Database, type Tx } from '../_shared/db/db';
import { isOrgAdmin } from '../_shared/db/people';
import { everyRow, rows } from '../_shared/db/paging';
import { userIdOf } from '../_shared/documents/ids';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { initialCapacity, projectPasswordHash, type ProjectDoc, type ShiftDoc, type SignupDoc } from '../_shared/documents/project';
import type { ActionContext } from '../_shared/frame/action';
import { fail } from '../_shared/frame/envelope';
import { FORBIDDEN_MESSAGES, NOT_VERIFIED_MESSAGES } from '../_shared/messages/answers';
import { maskPhone } from '../_shared/rules/mask';
import { encryptField, keyRingFromEnv } from '../_shared/security/crypto';
import { DEFAULT_CANCEL_CUTOFF_HOURS, MAX_SHIFTS_PER_PROJECT, searchTokens, spanOf, type PlannedShift } from './rules';

export const newProjectId = (): string => `prj_${randomBytes(10).toString('hex')}`;
export const shiftIdOf = (projectId: string, n: number): string => `${projectId}-${n}`;
export const seriesIdOf = (projectId: string): string => `${projectId}-r`;

/** Sign-ups that hold or wait for a place: the volunteers a change of time, place or a cancellation must reach. */
export const LIVE_SIGNUP_STATUSES = ['confirmed', 'waitlisted', 'offered', 'pending'] as const;

export type Manager = { ok: true; org: OrganizationDoc; userId: string } | { ok: false; answer: ReturnType<typeof fail<'FORBIDDEN' | 'NOT_VERIFIED'>> };

/** The caller manages orgId's projects: an active admin of it, and it is verified (only those publish, RULES §2). */
export async function managerOf(ctx: ActionContext, orgId: string): Promise<Manager> {
  const userId = userIdOf(ctx.caller.openid);
  const org = await getOrNull<OrganizationDoc>(ctx.db, 'organizations', orgId);
  if (!org || !(await isOrgAdmin(ctx.db, orgId, userId))) return { ok: false, answer: fail('FORBIDDEN', FORBIDDEN_MESSAGES.manageProject) };
  if (org.status !== 'verified') return { ok: false, answer: fail('NOT_VERIFIED', NOT_VERIFIED_MESSAGES.publish) };
  return { ok: true, org, userId };
}

export function projectOf(db: Database | Tx, projectId: string): Promise<ProjectDoc | null> {
  return getOrNull<ProjectDoc>(db, 'projects', projectId);
}

/** Every shift of a project, in start order (one read: a project has at most 100). */
export async function shiftsOf(db: Database, projectId: string): Promise<ShiftDoc[]> {
  return rows<ShiftDoc>(db.collection('shifts').where({ projectId }).orderBy('startsAt', 'asc').limit(MAX_SHIFTS_PER_PROJECT));
}

/** Read inside a transaction, by id: the shifts of a project as its snapshot sees them. */
export async function shiftsInTx(t: Tx, project: ProjectDoc): Promise<ShiftDoc[]> {
  const out: ShiftDoc[] = [];
  for (let n = 0; n < project.shiftCount; n++) {
    const shift = await getOrNull<ShiftDoc>(t, 'shifts', shiftIdOf(project._id, n));
    if (shift) out.push(shift);
  }
  return out;
}

/** Everyone signed up for a shift who still holds or waits for a place, 100 at a time. */
export async function liveSignupsOf(db: Database, shiftId: string): Promise<SignupDoc[]> {
  const _ = db.command;
  return everyRow<SignupDoc>(db, 'signups', { shiftId, status: _.in([...LIVE_SIGNUP_STATUSES]) }, null, 10_000);
}

/** The fields of a project document a saved form sets (status and bookkeeping are the caller's). */
export function projectFields(
  projectId: string,
  input: ProjectInput,
  org: OrganizationDoc,
  shifts: readonly PlannedShift[],
  previous: ProjectDoc | null,
  env: NodeJS.ProcessEnv,
): Omit<ProjectDoc, '_id' | 'status' | 'discoverable' | 'createdBy' | 'createdAt' | 'updatedAt'> {
  const c = input.conditions;
  const ring = keyRingFromEnv(env);
  const { password: _password, ...formConditions } = c;
  void _password;
  const passwordHash =
    c.scope !== 'password' ? undefined : c.password ? projectPasswordHash(projectId, c.password, ring) : previous?.conditions.passwordHash;
  const span = shifts.length > 0 ? spanOf(shifts) : { startsAt: previous?.startsAt ?? new Date(0), endsAt: previous?.endsAt ?? new Date(0), days: previous?.days ?? [] };
  const regionCode = input.place.regionCode;
  return {
    orgId: org._id,
    orgName: org.name,
    title: input.title.trim(),
    category: input.category,
    serviceObjects: input.serviceObjects,
    content: input.content.trim(),
    conditions: {
      ...(c.minAge !== undefined ? { minAge: c.minAge } : {}),
      ...(c.maxAge !== undefined ? { maxAge: c.maxAge } : {}),
      skills: c.skills,
      scope: c.scope,
      ...(c.scope === 'team' && c.teamOrgId ? { teamOrgId: c.teamOrgId } : {}),
      ...(passwordHash ? { passwordHash } : {}),
      minorsAllowed: c.minorsAllowed,
      ...(c.minorsAllowed && c.guardianConsentNote ? { guardianConsentNote: c.guardianConsentNote.trim() } : {}),
    },
    place: {
      address: input.place.address.trim(),
      ...(input.place.name ? { name: input.place.name.trim() } : {}),
      location: { type: 'Point', coordinates: [input.place.longitude, input.place.latitude] },
      regionCode,
      regionPrefixes: safeRegionPrefixes(regionCode),
      checkinRadiusM: input.place.checkinRadiusM,
    },
    risk: { disclosure: input.risk.disclosure.trim(), risky: input.risk.risky, ...(previous?.risk.insurance ? { insurance: previous.risk.insurance } : {}) },
    ...(input.coverFileId ? { coverFileId: input.coverFileId } : {}),
    // Only the masked phone is kept: volunteers reach the contact through the organization.
    contact: { name: input.contact.name.trim(), phoneMasked: /^1\d{10}$/.test(input.contact.phone) ? maskPhone(input.contact.phone) : '' },
    approvalMode: input.approvalMode,
    cancelCutoffHours: input.cancelCutoffHours ?? DEFAULT_CANCEL_CUTOFF_HOURS,
    startsAt: span.startsAt,
    endsAt: span.endsAt,
    days: span.days,
    tokens: searchTokens(input.title, org.name),
    shiftCount: shifts.length,
    form: {
      ...input,
      conditions: formConditions,
      contact: { name: input.contact.name, phone: encryptField(input.contact.phone, ring, CONTACT_PHONE_PURPOSE) },
    },
  };
}

export const CONTACT_PHONE_PURPOSE = 'project-contact-phone';

/** A draft may hold a region code not yet valid; it keeps no prefixes until it is. */
function safeRegionPrefixes(code: string): string[] {
  try {
    return regionPrefixes(code);
  } catch {
    return [];
  }
}

/** The shift documents of a saved form, `${projectId}-${n}` in start order. */
export function shiftDocs(projectId: string, orgId: string, shifts: readonly PlannedShift[], now: Date): ShiftDoc[] {
  return shifts.map((s, n) => ({
    _id: shiftIdOf(projectId, n),
    projectId,
    orgId,
    ...(s.fromRepeat ? { seriesId: seriesIdOf(projectId) } : {}),
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    places: s.places,
    cancelled: false,
    capacity: initialCapacity(),
    createdAt: now,
    updatedAt: now,
  }));
}

/** A document written with set() carries no _id in its data. */
export function withoutId<T extends { _id: string }>(doc: T): Omit<T, '_id'> {
  const { _id, ...rest } = doc;
  void _id;
  return rest;
}
