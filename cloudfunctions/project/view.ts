// What the project answers look like: list cards, shifts with places left, the detail (masked names only, RULES §8).
import type { MySignupOfProject, ProjectCard, ProjectDetail, ProjectInput, ShiftView } from '../../typings/project-actions';
import { iso } from '../_shared/documents/dates';
import type { ProjectDoc, ShiftDoc } from '../_shared/documents/project';
import { insuranceMissing } from './rules';

/** Places a shift still has, given the places held in its capacity shards (the signup function's count). */
export function placesLeftOf(shift: ShiftDoc, held: ReadonlyMap<string, number>): number {
  return shift.cancelled ? 0 : Math.max(0, shift.places - (held.get(shift._id) ?? 0));
}

/** Places left over the shifts that have not started. */
export function upcomingPlacesLeft(shifts: readonly ShiftDoc[], held: ReadonlyMap<string, number>, now: Date): number {
  return shifts.filter((s) => !s.cancelled && new Date(s.startsAt).getTime() > now.getTime()).reduce((sum, s) => sum + placesLeftOf(s, held), 0);
}

export function projectCard(p: ProjectDoc, extra: { distanceM?: number; placesLeft?: number } = {}): ProjectCard {
  return {
    projectId: p._id,
    title: p.title,
    orgName: p.orgName,
    category: p.category,
    status: p.status,
    address: p.place.address,
    regionCode: p.place.regionCode,
    startsAt: iso(p.startsAt),
    endsAt: iso(p.endsAt),
    ...(extra.distanceM !== undefined ? { distanceM: Math.round(extra.distanceM) } : {}),
    ...(extra.placesLeft !== undefined ? { placesLeft: extra.placesLeft } : {}),
  };
}

export function shiftView(s: ShiftDoc, held: ReadonlyMap<string, number>, waitlisted: ReadonlyMap<string, number>): ShiftView {
  return {
    shiftId: s._id,
    ...(s.seriesId ? { seriesId: s.seriesId } : {}),
    startsAt: iso(s.startsAt),
    endsAt: iso(s.endsAt),
    places: s.places,
    placesLeft: placesLeftOf(s, held),
    waitlisted: waitlisted.get(s._id) ?? 0,
    cancelled: s.cancelled,
  };
}

/**
 * A stored point as read back: the SDK turns GeoJSON into its Point class (longitude, latitude) on the way out, so
 * both shapes are accepted.
 */
export function lngLatOf(location: unknown): { longitude: number; latitude: number } {
  const l = location as { coordinates?: [number, number]; longitude?: number; latitude?: number };
  if (Array.isArray(l.coordinates)) return { longitude: l.coordinates[0], latitude: l.coordinates[1] };
  return { longitude: Number(l.longitude), latitude: Number(l.latitude) };
}

export function projectDetail(
  p: ProjectDoc,
  shifts: readonly ShiftDoc[],
  going: { names: string[]; count: number },
  options: {
    coverUrl?: string;
    canEdit: boolean;
    held: ReadonlyMap<string, number>;
    waitlisted: ReadonlyMap<string, number>;
    mySignups: MySignupOfProject[];
    /** The saved form, for the organization's admins. */
    form?: ProjectInput;
  },
): ProjectDetail {
  const { longitude, latitude } = lngLatOf(p.place.location);
  const c = p.conditions;
  return {
    projectId: p._id,
    orgId: p.orgId,
    orgName: p.orgName,
    title: p.title,
    category: p.category,
    serviceObjects: p.serviceObjects,
    content: p.content,
    status: p.status,
    conditions: {
      ...(c.minAge !== undefined ? { minAge: c.minAge } : {}),
      ...(c.maxAge !== undefined ? { maxAge: c.maxAge } : {}),
      skills: c.skills,
      scope: c.scope,
      ...(c.teamOrgId ? { teamOrgId: c.teamOrgId } : {}),
      minorsAllowed: c.minorsAllowed,
      ...(c.guardianConsentNote ? { guardianConsentNote: c.guardianConsentNote } : {}),
    },
    place: { address: p.place.address, ...(p.place.name ? { name: p.place.name } : {}), longitude, latitude, regionCode: p.place.regionCode, checkinRadiusM: p.place.checkinRadiusM },
    risk: { disclosure: p.risk.disclosure, risky: p.risk.risky, insured: p.risk.insurance !== undefined },
    ...(options.coverUrl ? { coverUrl: options.coverUrl } : {}),
    contact: p.contact,
    approvalMode: p.approvalMode,
    cancelCutoffHours: p.cancelCutoffHours,
    startsAt: iso(p.startsAt),
    endsAt: iso(p.endsAt),
    shifts: shifts.map((shift) => shiftView(shift, options.held, options.waitlisted)),
    going,
    ...(options.canEdit && options.form
      ? {
          admin: {
            ...(p.review?.decision === 'reject' && p.review.reason ? { rejectReason: p.review.reason } : {}),
            insuranceMissing: insuranceMissing(p.risk),
            form: options.form,
            passwordSet: p.conditions.passwordHash !== undefined,
          },
        }
      : {}),
    mySignups: options.mySignups,
    canEdit: options.canEdit,
  };
}
