// `npm run bench` (matching part): 100,000 random candidates — 100 volunteers, each against the same 1,000 shifts
// (volunteer facts × shift facts, _shared/matching/facts.ts) — ranked as project.forYou ranks them: every shift
// checked by eligibilityOf, every eligible one scored with its reasons (scoreOf), a project kept with its best shift
// and the best ten kept (recommendProjects). Timed beside one pass over the same pairs that only computes their
// distances, the floor any ranking pays: the ratio says what eligibility, scoring and reasons cost on top. Seeded, so
// every run ranks the same candidates. The eligibility checks alone are timed too, to show where the cost lies.
// Figures, never assertions.
import { performance } from 'node:perf_hooks';
import type { TimeOfDay } from '../typings/volunteer';
import type { RecruitmentScope } from '../typings/project';
import { SERVICE_CATEGORIES, SKILLS } from '../miniprogram/domain/codes';
import type { HeldInterval, LngLatPoint, ShiftFacts, VolunteerFacts } from '../cloudfunctions/_shared/matching/facts';
import { DEFAULT_WEIGHTS, distanceBetween } from '../cloudfunctions/_shared/matching/ranking';
import { recommendProjects } from '../cloudfunctions/_shared/matching/recommend';
import { eligibilityOf } from '../cloudfunctions/_shared/matching/eligibility';
import { random } from './assignment';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const VOLUNTEERS = 100;
const SHIFTS = 1_000;
/** forYou's default answer size. */
const LIMIT = 10;
/** Around 福州, about 60 × 60 km. */
const CENTRE: LngLatPoint = { longitude: 119.3, latitude: 26.08 };
const ORGS = 40;
const PARTS: TimeOfDay[] = ['morning', 'afternoon', 'evening'];
const SCOPES: RecruitmentScope[] = ['open', 'open', 'open', 'open', 'real_name', 'real_name', 'team', 'password'];

type Rng = () => number;
const pick = <T>(next: Rng, list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
const some = <T>(next: Rng, list: readonly T[], most: number): T[] => {
  const n = Math.floor(next() * (most + 1));
  return [...new Set(Array.from({ length: n }, () => pick(next, list)))];
};
const point = (next: Rng): LngLatPoint => ({ longitude: CENTRE.longitude - 0.3 + next() * 0.6, latitude: CENTRE.latitude - 0.3 + next() * 0.6 });
const skillCodes = SKILLS.map((s) => s.code);
const categoryCodes = SERVICE_CATEGORIES.map((c) => c.code);

function volunteer(next: Rng, i: number, now: number): VolunteerFacts {
  // Born 1950–2013: some minors, some past the projects' upper ages.
  const birthYear = 1950 + Math.floor(next() * 64);
  const birthDate = `${birthYear}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
  const holds: HeldInterval[] = Array.from({ length: Math.floor(next() * 4) }, () => {
    const startsAt = now + Math.floor(next() * 60) * DAY + Math.floor(next() * 12) * HOUR;
    return { startsAt: new Date(startsAt), endsAt: new Date(startsAt + 3 * HOUR) };
  });
  const weekdays = some(next, [1, 2, 3, 4, 5, 6, 7] as const, 4);
  return {
    userId: `u${i}`,
    birthDate,
    skills: some(next, skillCodes, 3),
    intentions: some(next, categoryCodes, 3),
    availability: weekdays.map((weekday) => ({ weekday, times: some(next, PARTS, 3) })),
    phoneVerified: next() < 0.8,
    guardianConsent: next() < 0.5,
    memberOf: some(next, Array.from({ length: ORGS }, (_, n) => `o${n}`), 2),
    holds,
    location: point(next),
  };
}

function shift(next: Rng, i: number, now: number): ShiftFacts {
  const startsAt = now + Math.floor(next() * 60) * DAY + Math.floor(next() * 14) * HOUR;
  const places = 5 + Math.floor(next() * 26);
  const scope = pick(next, SCOPES);
  const bounds = next();
  return {
    shiftId: `s${i}`,
    // About three shifts a project, so keeping each project's best shift matters.
    projectId: `p${Math.floor(i / 3)}`,
    orgId: `o${Math.floor(next() * ORGS)}`,
    status: next() < 0.92 ? 'recruiting' : 'in_progress',
    cancelled: next() < 0.03,
    startsAt: new Date(startsAt),
    endsAt: new Date(startsAt + (2 + Math.floor(next() * 3)) * HOUR),
    places,
    placesLeft: Math.floor(next() * (places + 1)),
    category: pick(next, categoryCodes),
    conditions: {
      ...(bounds < 0.3 ? { minAge: 18 } : {}),
      ...(bounds > 0.8 ? { maxAge: 60 } : {}),
      skills: next() < 0.7 ? [] : some(next, skillCodes, 1),
      scope,
      ...(scope === 'team' ? { teamOrgId: `o${Math.floor(next() * ORGS)}` } : {}),
      minorsAllowed: next() < 0.4,
    },
    location: point(next),
  };
}

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function matchingBench(): void {
  const now = Date.UTC(2026, 11, 1, 0, 0);
  const at = new Date(now);
  const next = random(2026);
  const volunteers = Array.from({ length: VOLUNTEERS }, (_, i) => volunteer(next, i, now));
  const shifts = Array.from({ length: SHIFTS }, (_, i) => shift(next, i, now));
  const candidates = VOLUNTEERS * SHIFTS;

  let sink = 0;
  const distancesOnly = (): void => {
    for (const v of volunteers) for (const s of shifts) sink += distanceBetween(v.location!, s.location);
  };
  let recommended = 0;
  const ranking = (): void => {
    recommended = 0;
    for (const v of volunteers) recommended += recommendProjects(v, shifts, DEFAULT_WEIGHTS, at, LIMIT).length;
  };
  let eligible = 0;
  const eligibilityOnly = (): void => {
    eligible = 0;
    for (const v of volunteers) for (const s of shifts) if (eligibilityOf(v, s, at).eligible) eligible += 1;
  };

  const runs = 5;
  const time = (pass: () => void): number[] => {
    pass(); // warm-up
    return Array.from({ length: runs }, () => {
      const t0 = performance.now();
      pass();
      return performance.now() - t0;
    });
  };
  const distanceMs = median(time(distancesOnly));
  const eligibilityMs = median(time(eligibilityOnly));
  const rankingMs = median(time(ranking));
  const perCandidate = (ms: number) => `${((ms * 1e6) / candidates).toFixed(0)} ns`;
  console.log(
    `matching, ${candidates.toLocaleString('en')} candidates (${VOLUNTEERS} volunteers × ${SHIFTS.toLocaleString('en')} shifts, ` +
      `${((eligible / candidates) * 100).toFixed(1)} % eligible), median of ${runs} runs:`,
  );
  console.log(`  distances only: ${distanceMs.toFixed(1)} ms (${perCandidate(distanceMs)} a candidate)`);
  console.log(`  eligibility only: ${eligibilityMs.toFixed(1)} ms (${perCandidate(eligibilityMs)} a candidate)`);
  console.log(
    `  eligibility + scoring + reasons + top ${LIMIT}: ${rankingMs.toFixed(1)} ms (${perCandidate(rankingMs)} a candidate), ` +
      `${(rankingMs / distanceMs).toFixed(1)}× the distance pass; ${recommended} projects recommended`,
  );
  // Keeps the distance pass from being optimised away.
  if (!Number.isFinite(sink)) console.log('  (distance sum not finite)');
}
