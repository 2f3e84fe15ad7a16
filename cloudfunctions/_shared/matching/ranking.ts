// How well an eligible shift fits a volunteer: a weighted sum of five parts, each in [0, 1] (issue 12):
//   distance      0.5 ^ (km / distanceHalfKm): halves every distanceHalfKm (0 without the volunteer's location)
//   skill         1 − 0.5 ^ (required skills the volunteer has): a project that needs my skills first
//   intention     1 when the project's category is one of my intentions (服务意向)
//   availability  the share of the shift's minutes inside my weekly availability (Asia/Shanghai parts of the day)
//   need          half the share of places still free (fewest filled first), half 1 / (1 + days until it starts)
// Each part is monotone in its fact, so (all else equal) closer, better fitting and more available never rank lower.
// The weights are configuration (ZY_MATCH_WEIGHTS, JSON, any subset of MatchWeights); eligibility is eligibility.ts.
import * as z from 'zod';
import type { MatchReason, MatchReasonKind } from '../../../typings/project-foryou';
import type { TimeOfDay } from '../../../typings/volunteer';
import type { LngLatPoint, ShiftFacts, VolunteerFacts } from './facts';
import { availabilityText, distanceText, intentionText, needText, reason, skillText } from './reasons';

export interface MatchWeights {
  distance: number;
  skill: number;
  intention: number;
  availability: number;
  need: number;
  /** The distance at which the distance part is one half. */
  distanceHalfKm: number;
}

export const DEFAULT_WEIGHTS: Readonly<MatchWeights> = Object.freeze({
  distance: 3,
  skill: 2,
  intention: 2,
  availability: 2,
  need: 1,
  distanceHalfKm: 3,
});

/** At most this many reasons per match: one line under the card. */
export const MAX_REASONS = 3;

const weight = z.number().finite().min(0).max(1000);
const weightsSchema = z
  .object({
    distance: weight,
    skill: weight,
    intention: weight,
    availability: weight,
    need: weight,
    distanceHalfKm: z.number().finite().positive().max(20000),
  })
  .partial()
  .strict();

/**
 * The weights a deployment configured in ZY_MATCH_WEIGHTS (unset or blank: the defaults). A value that does not
 * parse is a deployment error, so it fails loudly rather than ranking with weights nobody chose.
 */
export function weightsFromEnv(env: Readonly<Record<string, string | undefined>>): MatchWeights {
  const raw = env.ZY_MATCH_WEIGHTS?.trim();
  if (!raw) return { ...DEFAULT_WEIGHTS };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error('ZY_MATCH_WEIGHTS is not JSON: expected e.g. {"distance":3,"skill":2,"distanceHalfKm":5}');
  }
  const checked = weightsSchema.safeParse(parsed);
  if (!checked.success) {
    throw new Error(`ZY_MATCH_WEIGHTS is malformed: ${checked.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`);
  }
  const given = Object.fromEntries(Object.entries(checked.data).filter(([, value]) => value !== undefined));
  return { ...DEFAULT_WEIGHTS, ...given };
}

// MongoDB's earth radius (kRadiusOfEarthInMeters), so these distances agree with geoNear's distanceField.
const EARTH_RADIUS_M = 6378100;
const RAD = Math.PI / 180;

/** Great-circle distance in metres (haversine). */
export function distanceBetween(a: LngLatPoint, b: LngLatPoint): number {
  const dLat = (b.latitude - a.latitude) * RAD;
  const dLng = (b.longitude - a.longitude) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * RAD) * Math.cos(b.latitude * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;
const SHANGHAI_OFFSET_MINUTES = 480;
/** The parts of a day a volunteer can tick, as Shanghai minutes of the day [from, to). Night (0–6) is none of them. */
export const PARTS_OF_DAY: ReadonlyArray<{ part: TimeOfDay; from: number; to: number }> = [
  { part: 'morning', from: 6 * 60, to: 12 * 60 },
  { part: 'afternoon', from: 12 * 60, to: 18 * 60 },
  { part: 'evening', from: 18 * 60, to: 24 * 60 },
];

/** The Shanghai wall-clock window that holds the most of the shift and the volunteer ticked, and the share covered. */
export interface AvailabilityFit {
  share: number;
  best?: { weekday: number; part: TimeOfDay };
}

/** Shanghai's offset is fixed (+08:00, no daylight saving), so wall-clock minutes are plain arithmetic. */
export function availabilityFit(v: Pick<VolunteerFacts, 'availability'>, s: Pick<ShiftFacts, 'startsAt' | 'endsAt'>): AvailabilityFit {
  const start = Math.floor(s.startsAt.getTime() / MINUTE_MS) + SHANGHAI_OFFSET_MINUTES;
  const end = Math.floor(s.endsAt.getTime() / MINUTE_MS) + SHANGHAI_OFFSET_MINUTES;
  if (end <= start || v.availability.length === 0) return { share: 0 };
  let covered = 0;
  let best: AvailabilityFit['best'];
  let bestMinutes = 0;
  for (let day = Math.floor(start / DAY_MINUTES); day * DAY_MINUTES < end; day++) {
    // 1970-01-01 was a Thursday (ISO weekday 4).
    const weekday = ((((day + 3) % 7) + 7) % 7) + 1;
    const slot = v.availability.find((a) => a.weekday === weekday);
    if (!slot) continue;
    for (const window of PARTS_OF_DAY) {
      if (!slot.times.includes(window.part)) continue;
      const minutes = Math.min(end, day * DAY_MINUTES + window.to) - Math.max(start, day * DAY_MINUTES + window.from);
      if (minutes <= 0) continue;
      covered += minutes;
      if (minutes > bestMinutes) {
        bestMinutes = minutes;
        best = { weekday, part: window.part };
      }
    }
  }
  return best ? { share: covered / (end - start), best } : { share: 0 };
}

const DAY_MS = 24 * 3600_000;

/** The five parts of a match, each in [0, 1], and what each reason would say. */
export interface MatchParts {
  distanceM?: number;
  distance: number;
  matchedSkills: string[];
  skill: number;
  intention: number;
  availability: AvailabilityFit;
  need: number;
}

export function partsOf(v: VolunteerFacts, s: ShiftFacts, weights: Pick<MatchWeights, 'distanceHalfKm'>, now: Date): MatchParts {
  const distanceM = v.location ? distanceBetween(v.location, s.location) : undefined;
  const matchedSkills = s.conditions.skills.filter((skill) => v.skills.includes(skill));
  const placesShare = s.places > 0 ? Math.min(1, Math.max(0, s.placesLeft) / s.places) : 0;
  const daysToStart = Math.max(0, (s.startsAt.getTime() - now.getTime()) / DAY_MS);
  return {
    ...(distanceM !== undefined ? { distanceM } : {}),
    distance: distanceM === undefined ? 0 : 0.5 ** (distanceM / 1000 / weights.distanceHalfKm),
    matchedSkills,
    skill: 1 - 0.5 ** matchedSkills.length,
    intention: v.intentions.includes(s.category) ? 1 : 0,
    availability: availabilityFit(v, s),
    need: 0.5 * placesShare + 0.5 / (1 + daysToStart),
  };
}

export interface Match {
  score: number;
  reasons: MatchReason[];
}

/**
 * The score of an eligible shift for a volunteer (higher first) and its reasons, strongest contribution first, only
 * parts that contribute. Eligibility is not checked here: rank only what eligibilityOf admitted.
 */
export function scoreOf(v: VolunteerFacts, s: ShiftFacts, weights: MatchWeights, now: Date): Match {
  const p = partsOf(v, s, weights, now);
  const contributions: Array<{ kind: MatchReasonKind; value: number; text: () => string }> = [
    { kind: 'distance', value: weights.distance * p.distance, text: () => distanceText(p.distanceM!) },
    { kind: 'skill', value: weights.skill * p.skill, text: () => skillText(p.matchedSkills) },
    { kind: 'intention', value: weights.intention * p.intention, text: () => intentionText(s.category) },
    {
      kind: 'availability',
      value: weights.availability * p.availability.share,
      text: () => availabilityText(p.availability.best!.weekday, p.availability.best!.part),
    },
    { kind: 'need', value: weights.need * p.need, text: () => needText(s.placesLeft) },
  ];
  const score = contributions.reduce((sum, c) => sum + c.value, 0);
  const reasons = contributions
    .filter((c) => c.value > 0)
    .sort((a, b) => b.value - a.value)
    .slice(0, MAX_REASONS)
    .map((c) => reason(c.kind, c.text()));
  return { score, reasons };
}
