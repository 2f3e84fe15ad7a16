// project.updateShift / updateSeries / updatePlace / changePlaces / cancel — an organization admin changes a
// published project; change.ts writes it and tells every volunteer signed up for a changed shift.
//
// changePlaces only sets `places`. Promoting the waitlist when places increase is the signup function's
// (it owns sign-ups and `capacity`): it must hook this action's effect (the shift's `places` going up).
import { shanghaiClock } from '../../miniprogram/domain/calendar';
import type { ShiftDoc } from '../_shared/documents/project';
import { regionPrefixes } from '../../miniprogram/domain/region';
import { action } from '../_shared/frame/action';
import { fail, refusal } from '../_shared/frame/envelope';
import { failWith, placesBelowTakenMessage } from '../_shared/messages/answers';
import { heldByShift, placesChanged } from '../_shared/signup/places';
import { changeProject, type Applies, type ChangePlan, type Refusal } from './change';
import { atTimesOfDay, checkAllFuture, checkPlace, checkPlaces, checkReason, checkShift, checkSpan, checkTimesOfDay, isPublished } from './rules';
import { cancelSchema, changePlacesSchema, updatePlaceSchema, updateSeriesSchema, updateShiftSchema } from './schemas';

/** '12月5日 09:00–11:30' in Asia/Shanghai. */
export function whenText(startsAt: Date, endsAt: Date): string {
  const start = shanghaiClock(startsAt);
  const end = shanghaiClock(endsAt);
  const sameDay = start.format('YYYY-MM-DD') === end.format('YYYY-MM-DD');
  return `${start.format('M月D日 HH:mm')}–${end.format(sameDay ? 'HH:mm' : 'M月D日 HH:mm')}`;
}

const published: Applies = (p) => (isPublished(p.status) ? null : failWith('NOT_PUBLISHED'));
const asDate = (d: Date | string) => new Date(d);
const future = (s: ShiftDoc, now: Date) => !s.cancelled && asDate(s.startsAt).getTime() > now.getTime();

function emptyPlan(): ChangePlan {
  return { shiftUpdates: new Map(), notify: new Map() };
}

/** A shift may be changed until it starts, and then only so that it still starts in the future. */
function findChangeable(shifts: ShiftDoc[], shiftId: string, now: Date): ShiftDoc | Refusal {
  const shift = shifts.find((s) => s._id === shiftId);
  if (!shift || shift.cancelled) return failWith('SHIFT_NOT_FOUND');
  if (asDate(shift.startsAt).getTime() <= now.getTime()) return failWith('NOT_PUBLISHED');
  return shift;
}

const isRefusal = (x: ShiftDoc | Refusal): x is Refusal => 'ok' in x;

/** The project's span stays within a year with the new times. */
function spanWith(shifts: ShiftDoc[], changed: Map<string, { startsAt: Date; endsAt: Date }>): Refusal | null {
  const all = shifts.filter((s) => !s.cancelled).map((s) => changed.get(s._id) ?? { startsAt: asDate(s.startsAt), endsAt: asDate(s.endsAt) });
  const checked = checkSpan(all);
  return checked.ok ? null : refusal(checked);
}

export const updateShift = action('project', 'updateShift', updateShiftSchema, (req, ctx) =>
  changeProject(ctx, req.projectId, published, (_project, shifts) => {
    const shift = findChangeable(shifts, req.shiftId, ctx.now);
    if (isRefusal(shift)) return shift;
    const checked = checkShift({ startsAt: req.startsAt, endsAt: req.endsAt, places: shift.places }, ctx.now, 'startsAt');
    if (!checked.ok) return refusal(checked);
    const times = { startsAt: checked.value.startsAt, endsAt: checked.value.endsAt };
    const span = spanWith(shifts, new Map([[shift._id, times]]));
    if (span) return span;
    const plan = emptyPlan();
    plan.shiftUpdates.set(shift._id, times);
    const what = `的班次时间由 ${whenText(asDate(shift.startsAt), asDate(shift.endsAt))} 改为 ${whenText(times.startsAt, times.endsAt)}`;
    plan.notify.set(shift._id, { kind: 'changed', at: ctx.now, what });
    return plan;
  }),
);

export const updateSeries = action('project', 'updateSeries', updateSeriesSchema, (req, ctx) =>
  changeProject(ctx, req.projectId, published, (_project, shifts) => {
    const times = checkTimesOfDay(req.startTime, req.endTime);
    if (!times.ok) return refusal(times);
    const { start, end } = times.value;
    const series = shifts.filter((s) => s.seriesId === req.seriesId && future(s, ctx.now));
    if (series.length === 0) return failWith('SHIFT_NOT_FOUND');
    const changed = new Map(series.map((s) => [s._id, atTimesOfDay({ startsAt: asDate(s.startsAt) }, start, end)]));
    // Moved earlier on today's date, an occurrence could fall before now.
    const allFuture = checkAllFuture(changed.values(), ctx.now, 'startTime');
    if (!allFuture.ok) return refusal(allFuture);
    const span = spanWith(shifts, changed);
    if (span) return span;
    const plan = emptyPlan();
    for (const s of series) {
      const times = changed.get(s._id)!;
      plan.shiftUpdates.set(s._id, times);
      const what = `的班次时间由 ${whenText(asDate(s.startsAt), asDate(s.endsAt))} 改为 ${whenText(times.startsAt, times.endsAt)}`;
      plan.notify.set(s._id, { kind: 'changed', at: ctx.now, what });
    }
    return plan;
  }),
);

export const updatePlace = action('project', 'updatePlace', updatePlaceSchema, (req, ctx) =>
  changeProject(ctx, req.projectId, published, (_project, shifts) => {
    const checked = checkPlace(req.place);
    if (!checked.ok) return refusal(checked);
    const plan = emptyPlan();
    plan.projectUpdate = {
      place: {
        address: req.place.address.trim(),
        ...(req.place.name ? { name: req.place.name.trim() } : {}),
        location: { type: 'Point', coordinates: [req.place.longitude, req.place.latitude] },
        regionCode: req.place.regionCode,
        regionPrefixes: regionPrefixes(req.place.regionCode),
        checkinRadiusM: req.place.checkinRadiusM,
      },
    };
    const what = `的服务地点改为 ${req.place.address.trim()}`;
    for (const s of shifts.filter((x) => future(x, ctx.now))) {
      plan.notify.set(s._id, { kind: 'changed', at: ctx.now, what });
    }
    return plan;
  }),
);

// Places held are read from the shift's capacity shards; after the change the signup function's placesChanged
// resizes the shards (never below what is held) and offers new places to the waitlist in order.
export const changePlaces = action('project', 'changePlaces', changePlacesSchema, async (req, ctx) => {
  const held = (await heldByShift(ctx.db, [req.shiftId])).get(req.shiftId) ?? 0;
  const answer = await changeProject(ctx, req.projectId, published, (_project, shifts) => {
    const shift = findChangeable(shifts, req.shiftId, ctx.now);
    if (isRefusal(shift)) return shift;
    const places = checkPlaces(req.places, 'places');
    if (!places.ok) return refusal(places);
    if (places.value < held) return fail('PLACES_BELOW_TAKEN', placesBelowTakenMessage(held), 'places');
    const plan = emptyPlan();
    plan.shiftUpdates.set(shift._id, { places: places.value });
    return plan;
  });
  if (answer.ok) await placesChanged(ctx.db, req.shiftId, ctx.now);
  return answer;
});

const cancellable: Applies = (p) => (p.status === 'finished' || p.status === 'cancelled' ? failWith('NOT_CANCELLABLE') : null);

export const cancel = action('project', 'cancel', cancelSchema, (req, ctx) =>
  changeProject(ctx, req.projectId, cancellable, (_project, shifts) => {
    const reason = checkReason(req.reason);
    if (!reason.ok) return refusal(reason);
    const targets = req.shiftId ? shifts.filter((s) => s._id === req.shiftId && !s.cancelled) : shifts.filter((s) => !s.cancelled);
    if (req.shiftId && targets.length === 0) return failWith('SHIFT_NOT_FOUND');
    const plan = emptyPlan();
    if (!req.shiftId) plan.cancelProject = true;
    plan.projectUpdate = req.shiftId ? {} : { cancelReason: reason.value };
    for (const s of targets) {
      plan.shiftUpdates.set(s._id, { cancelled: true, cancelReason: reason.value });
      if (asDate(s.endsAt).getTime() <= ctx.now.getTime()) continue; // a shift already over has no one to tell
      const when = whenText(asDate(s.startsAt), asDate(s.endsAt));
      plan.notify.set(s._id, { kind: 'cancelled', at: ctx.now, when, reason: reason.value });
    }
    return plan;
  }),
);
