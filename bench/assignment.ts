// `npm run bench` (assignment part): the series assistant's min-cost max-flow (cloudfunctions/_shared/matching/
// assignment.ts) for 200 volunteers × 50 shifts — weekly shifts of 3 places, two in each time slot (overlapping),
// each volunteer willing for a random 60 % of them, limits of 1–3 — timed over several runs, with the places filled
// and the pairs considered. Figures, never assertions.
import { performance } from 'node:perf_hooks';
import { proposeAssignment, type AssignmentProblem } from '../cloudfunctions/_shared/matching/assignment';

const HOUR = 3600_000;

/** A seeded generator (mulberry32), so every run solves the same instance. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seriesInstance(volunteers: number, shifts: number, seed = 12): AssignmentProblem {
  const next = random(seed);
  const shiftList = Array.from({ length: shifts }, (_, i) => {
    const slot = Math.floor(i / 2);
    const start = slot * 24 * HOUR + (i % 2) * HOUR;
    return { id: `s${i}`, startsAt: start, endsAt: start + 3 * HOUR, placesLeft: 3 };
  });
  const volunteerList = Array.from({ length: volunteers }, (_, i) => ({ id: `v${i}`, limit: 1 + Math.floor(next() * 3) }));
  const pairs: AssignmentProblem['pairs'] = [];
  for (const v of volunteerList) for (const s of shiftList) if (next() < 0.6) pairs.push({ volunteerId: v.id, shiftId: s.id, cost: Math.floor(next() * 1000) });
  return { volunteers: volunteerList, shifts: shiftList, pairs, loadCost: 50 };
}

export function assignmentBench(): void {
  const problem = seriesInstance(200, 50);
  proposeAssignment(problem); // warm-up
  const runs = 5;
  const times: number[] = [];
  let filled = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    filled = proposeAssignment(problem).filled;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const places = problem.shifts.reduce((n, s) => n + s.placesLeft, 0);
  console.log(
    `series assignment, 200 volunteers × 50 shifts (${problem.pairs.length} willing pairs): median ${times[Math.floor(runs / 2)]!.toFixed(1)} ms, ` +
      `best ${times[0]!.toFixed(1)} ms over ${runs} runs; ${filled} of ${places} places filled`,
  );
}
