// The series assignment against brute force: on many small random instances, the min-cost max-flow fills as many
// places as the best feasible assignment and costs no more; it never breaks a limit, a place count or an overlap.
import fc from 'fast-check';
import { costOf, isClique, overlapGroupsOf, overlaps, proposeAssignment, type AssignmentProblem, type SeriesShift } from './assignment';

const HOUR = 3600_000;

/** Every feasible set of pairs under the true rules (no two overlapping shifts for one person), best first. */
function bruteForceOptimum(p: AssignmentProblem): { filled: number; cost: number } {
  const shifts = new Map(p.shifts.map((s) => [s.id, s]));
  const limits = new Map(p.volunteers.map((v) => [v.id, v.limit]));
  let best = { filled: 0, cost: 0 };
  const n = p.pairs.length;
  for (let mask = 0; mask < 1 << n; mask++) {
    const chosen = p.pairs.filter((_, i) => mask & (1 << i));
    if (!feasible(chosen, shifts, limits)) continue;
    const cost = costOf(p, chosen);
    if (chosen.length > best.filled || (chosen.length === best.filled && cost < best.cost)) best = { filled: chosen.length, cost };
  }
  return best;
}

function feasible(chosen: Array<{ volunteerId: string; shiftId: string }>, shifts: Map<string, SeriesShift>, limits: Map<string, number>): boolean {
  const perVolunteer = new Map<string, SeriesShift[]>();
  const perShift = new Map<string, number>();
  for (const c of chosen) {
    const shift = shifts.get(c.shiftId) as SeriesShift;
    const held = perVolunteer.get(c.volunteerId) ?? [];
    if (held.some((h) => overlaps(h, shift))) return false;
    held.push(shift);
    perVolunteer.set(c.volunteerId, held);
    perShift.set(c.shiftId, (perShift.get(c.shiftId) ?? 0) + 1);
  }
  for (const [v, held] of perVolunteer) if (held.length > (limits.get(v) ?? 0)) return false;
  for (const [s, count] of perShift) if (count > (shifts.get(s) as SeriesShift).placesLeft) return false;
  return true;
}

/**
 * Shifts in time slots, the shape a repeat rule makes: shifts of one slot all share the slot's middle hour (a
 * clique), slots never touch. `free` instead draws any intervals, overlapping in chains too.
 */
function instance(shape: 'slots' | 'free'): fc.Arbitrary<AssignmentProblem> {
  const shift = shape === 'slots'
    ? fc.record({ slot: fc.integer({ min: 0, max: 2 }), early: fc.integer({ min: 0, max: 2 }), late: fc.integer({ min: 0, max: 2 }), places: fc.integer({ min: 0, max: 2 }) })
        .map(({ slot, early, late, places }) => ({ startsAt: (slot * 10 + 2 - early) * HOUR, endsAt: (slot * 10 + 3 + late) * HOUR, placesLeft: places }))
    : fc.record({ start: fc.integer({ min: 0, max: 12 }), length: fc.integer({ min: 1, max: 5 }), places: fc.integer({ min: 0, max: 2 }) })
        .map(({ start, length, places }) => ({ startsAt: start * HOUR, endsAt: (start + length) * HOUR, placesLeft: places }));
  return fc
    .record({
      shifts: fc.array(shift, { minLength: 1, maxLength: 4 }),
      limits: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }),
      loadCost: fc.integer({ min: 0, max: 5 }),
      willing: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 9 })), { maxLength: 12 }),
    })
    .map(({ shifts, limits, loadCost, willing }) => {
      const seen = new Set<string>();
      const pairs = willing
        .map(([v, s, cost]) => ({ volunteerId: `v${v % limits.length}`, shiftId: `s${s % shifts.length}`, cost }))
        .filter((p) => !seen.has(`${p.volunteerId}/${p.shiftId}`) && seen.add(`${p.volunteerId}/${p.shiftId}`));
      return {
        volunteers: limits.map((limit, i) => ({ id: `v${i}`, limit })),
        shifts: shifts.map((s, i) => ({ id: `s${i}`, ...s })),
        pairs,
        loadCost,
      };
    });
}

describe('proposeAssignment', () => {
  it('equals the brute-force optimum (places filled, then cost) when shifts overlap within time slots', () => {
    fc.assert(
      fc.property(instance('slots'), (p) => {
        const proposal = proposeAssignment(p);
        expect(proposal.exact).toBe(true);
        expect({ filled: proposal.filled, cost: proposal.cost }).toEqual(bruteForceOptimum(p));
        expect(proposal.cost).toBe(costOf(p, proposal.pairs));
      }),
      { numRuns: 600 },
    );
  });

  it('is feasible on any intervals, optimal whenever it says it is exact, and never better than the optimum', () => {
    fc.assert(
      fc.property(instance('free'), (p) => {
        const proposal = proposeAssignment(p);
        const optimum = bruteForceOptimum(p);
        const shifts = new Map(p.shifts.map((s) => [s.id, s]));
        expect(feasible(proposal.pairs, shifts, new Map(p.volunteers.map((v) => [v.id, v.limit])))).toBe(true);
        expect(proposal.filled).toBe(proposal.pairs.length);
        expect(proposal.filled).toBeLessThanOrEqual(optimum.filled);
        if (proposal.exact) expect({ filled: proposal.filled, cost: proposal.cost }).toEqual(optimum);
      }),
      { numRuns: 600 },
    );
  });

  it('fills more than greedy would: the cheapest first pick is given up when it blocks a place', () => {
    // Greedy by cost gives s0 to v0 (cost 0) and leaves s1 empty: only v0 may take s1.
    const p: AssignmentProblem = {
      volunteers: [{ id: 'v0', limit: 1 }, { id: 'v1', limit: 1 }],
      shifts: [{ id: 's0', startsAt: 0, endsAt: HOUR, placesLeft: 1 }, { id: 's1', startsAt: 2 * HOUR, endsAt: 3 * HOUR, placesLeft: 1 }],
      pairs: [{ volunteerId: 'v0', shiftId: 's0', cost: 0 }, { volunteerId: 'v1', shiftId: 's0', cost: 5 }, { volunteerId: 'v0', shiftId: 's1', cost: 5 }],
    };
    expect(proposeAssignment(p).pairs).toEqual([{ volunteerId: 'v1', shiftId: 's0' }, { volunteerId: 'v0', shiftId: 's1' }]);
  });

  it('keeps each volunteer within their limit and spreads places when loadCost is set', () => {
    const shifts = [0, 1, 2].map((k) => ({ id: `s${k}`, startsAt: k * 24 * HOUR, endsAt: (k * 24 + 3) * HOUR, placesLeft: 1 }));
    const pairs = shifts.flatMap((s) => [{ volunteerId: 'busy', shiftId: s.id, cost: 0 }, { volunteerId: 'other', shiftId: s.id, cost: 1 }]);
    const capped = proposeAssignment({ volunteers: [{ id: 'busy', limit: 2 }, { id: 'other', limit: 0 }], shifts, pairs });
    expect(capped.filled).toBe(2);
    expect(capped.pairs.every((x) => x.volunteerId === 'busy')).toBe(true);
    const spread = proposeAssignment({ volunteers: [{ id: 'busy', limit: 3 }, { id: 'other', limit: 3 }], shifts, pairs, loadCost: 2 });
    // Three places either way; with the load cost all three to `busy` cost 0+2+4, two to `busy` and one to `other` 0+2+1.
    expect(spread.filled).toBe(3);
    expect(new Set(spread.pairs.map((x) => x.volunteerId))).toEqual(new Set(['busy', 'other']));
  });

  it('never gives one person two shifts of the same time slot', () => {
    const shifts = [
      { id: 'a', startsAt: 0, endsAt: 3 * HOUR, placesLeft: 1 },
      { id: 'b', startsAt: HOUR, endsAt: 4 * HOUR, placesLeft: 1 },
    ];
    const p = { volunteers: [{ id: 'v', limit: 3 }], shifts, pairs: [{ volunteerId: 'v', shiftId: 'a', cost: 0 }, { volunteerId: 'v', shiftId: 'b', cost: 0 }] };
    expect(proposeAssignment(p).filled).toBe(1);
  });

  it('treats touching shifts as apart (half-open times) and says when a chain of overlaps makes it inexact', () => {
    const touching = [{ id: 'a', startsAt: 0, endsAt: HOUR, placesLeft: 1 }, { id: 'b', startsAt: HOUR, endsAt: 2 * HOUR, placesLeft: 1 }];
    expect(overlapGroupsOf(touching)).toHaveLength(2);
    const chain = [
      { id: 'a', startsAt: 0, endsAt: 2 * HOUR, placesLeft: 1 },
      { id: 'b', startsAt: HOUR, endsAt: 4 * HOUR, placesLeft: 1 },
      { id: 'c', startsAt: 3 * HOUR, endsAt: 5 * HOUR, placesLeft: 1 },
    ];
    expect(overlapGroupsOf(chain)).toHaveLength(1);
    expect(isClique(chain)).toBe(false);
    expect(proposeAssignment({ volunteers: [], shifts: chain, pairs: [] }).exact).toBe(false);
  });

  it('refuses malformed problems (they are bugs of the caller)', () => {
    const shifts = [{ id: 's', startsAt: 0, endsAt: HOUR, placesLeft: 1 }];
    const volunteers = [{ id: 'v', limit: 1 }];
    expect(() => proposeAssignment({ volunteers, shifts, pairs: [{ volunteerId: 'x', shiftId: 's', cost: 0 }] })).toThrow(/unknown/);
    expect(() => proposeAssignment({ volunteers, shifts, pairs: [{ volunteerId: 'v', shiftId: 's', cost: -1 }] })).toThrow(/cost/);
    expect(() => proposeAssignment({ volunteers, shifts, pairs: [{ volunteerId: 'v', shiftId: 's', cost: 0 }, { volunteerId: 'v', shiftId: 's', cost: 1 }] })).toThrow(/twice/);
    expect(() => proposeAssignment({ volunteers: [{ id: 'v', limit: 1.5 }], shifts, pairs: [] })).toThrow(/limit/);
    expect(() => proposeAssignment({ volunteers, shifts: [{ id: 's', startsAt: HOUR, endsAt: HOUR, placesLeft: 1 }], pairs: [] })).toThrow(/end after/);
  });
});
