// The matching core's promises (issue 12): no ineligible shift is ever recommended, closer / better fitting / more
// available never ranks lower, and every reason says what its data says. Property-based over random volunteers and
// projects; the eligibility oracle below restates the rules independently of eligibility.ts.
import fc from 'fast-check';
import type { TimeOfDay } from '../../../typings/volunteer';
import { shanghaiDate } from '../../../miniprogram/domain/calendar';
import { eligibilityOf, shanghaiDayOf } from './eligibility';
import type { LngLatPoint, ShiftFacts, VolunteerFacts } from './facts';
import { availabilityFit, DEFAULT_WEIGHTS, distanceBetween, partsOf, scoreOf, weightsFromEnv, type MatchWeights } from './ranking';
import { distanceText, skillShortLabel, WEEKDAY_LABELS } from './reasons';
import { recommendProjects } from './recommend';

const NOW = new Date('2026-12-02T02:00:00Z'); // Wednesday 10:00 in Shanghai
const MINUTE = 60_000;
const SKILL_POOL = ['first_aid', 'driving', 'it', 'tutoring'] as const;
const CATEGORY_POOL = ['community', 'education', 'health'] as const;
const ORG_POOL = ['org_a', 'org_b', 'org_c'] as const;
const PARTS: readonly TimeOfDay[] = ['morning', 'afternoon', 'evening'];
const SHANGHAI = { longitude: 121.47, latitude: 31.23 };

const point: fc.Arbitrary<LngLatPoint> = fc.record({
  longitude: fc.double({ min: SHANGHAI.longitude - 0.5, max: SHANGHAI.longitude + 0.5, noNaN: true }),
  latitude: fc.double({ min: SHANGHAI.latitude - 0.5, max: SHANGHAI.latitude + 0.5, noNaN: true }),
});
const interval = fc
  .record({ startMinutes: fc.integer({ min: -3 * 24 * 60, max: 20 * 24 * 60 }), minutes: fc.integer({ min: 30, max: 10 * 60 }) })
  .map(({ startMinutes, minutes }) => {
    const startsAt = new Date(NOW.getTime() + startMinutes * MINUTE);
    return { startsAt, endsAt: new Date(startsAt.getTime() + minutes * MINUTE) };
  });
const availability = fc.uniqueArray(
  fc.record({ weekday: fc.constantFrom(1, 2, 3, 4, 5, 6, 7) as fc.Arbitrary<1 | 2 | 3 | 4 | 5 | 6 | 7>, times: fc.subarray([...PARTS], { minLength: 1 }) }),
  { selector: (a) => a.weekday, maxLength: 7 },
);
const birthDate = fc
  .record({ year: fc.integer({ min: 1950, max: 2014 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
  .map(({ year, month, day }) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);

const volunteer: fc.Arbitrary<VolunteerFacts> = fc.record(
  {
    userId: fc.constant('u1'),
    birthDate,
    skills: fc.subarray([...SKILL_POOL]),
    intentions: fc.subarray([...CATEGORY_POOL]),
    availability,
    phoneVerified: fc.boolean(),
    guardianConsent: fc.boolean(),
    memberOf: fc.subarray([...ORG_POOL]),
    holds: fc.array(interval, { maxLength: 3 }),
    location: point,
  },
  { requiredKeys: ['userId', 'birthDate', 'skills', 'intentions', 'availability', 'phoneVerified', 'guardianConsent', 'memberOf', 'holds'] },
);

const shift = (projectId: fc.Arbitrary<string>): fc.Arbitrary<ShiftFacts> =>
  fc
    .record({
      projectId,
      n: fc.integer({ min: 0, max: 99 }),
      orgId: fc.constantFrom(...ORG_POOL),
      status: fc.constantFrom('recruiting', 'recruiting', 'recruiting', 'in_progress', 'finished', 'cancelled', 'draft') as fc.Arbitrary<ShiftFacts['status']>,
      cancelled: fc.boolean(),
      interval,
      places: fc.integer({ min: 1, max: 30 }),
      taken: fc.integer({ min: 0, max: 30 }),
      category: fc.constantFrom(...CATEGORY_POOL),
      minAge: fc.option(fc.integer({ min: 10, max: 40 }), { nil: undefined }),
      maxAge: fc.option(fc.integer({ min: 30, max: 80 }), { nil: undefined }),
      skills: fc.subarray([...SKILL_POOL], { maxLength: 2 }),
      scope: fc.constantFrom('open', 'open', 'real_name', 'team', 'password') as fc.Arbitrary<ShiftFacts['conditions']['scope']>,
      teamOrgId: fc.option(fc.constantFrom(...ORG_POOL), { nil: undefined }),
      minorsAllowed: fc.boolean(),
      location: point,
    })
    .map((r) => ({
      shiftId: `${r.projectId}-${r.n}`,
      projectId: r.projectId,
      orgId: r.orgId,
      status: r.status,
      cancelled: r.cancelled,
      startsAt: r.interval.startsAt,
      endsAt: r.interval.endsAt,
      places: r.places,
      placesLeft: Math.max(0, r.places - r.taken),
      category: r.category,
      conditions: {
        ...(r.minAge !== undefined ? { minAge: r.minAge } : {}),
        ...(r.maxAge !== undefined ? { maxAge: r.maxAge } : {}),
        skills: r.skills,
        scope: r.scope,
        ...(r.teamOrgId !== undefined ? { teamOrgId: r.teamOrgId } : {}),
        minorsAllowed: r.minorsAllowed,
      },
      location: r.location,
    }));

const anyShift = shift(fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6'));
const weights: fc.Arbitrary<MatchWeights> = fc.record({
  distance: fc.double({ min: 0, max: 10, noNaN: true }),
  skill: fc.double({ min: 0, max: 10, noNaN: true }),
  intention: fc.double({ min: 0, max: 10, noNaN: true }),
  availability: fc.double({ min: 0, max: 10, noNaN: true }),
  need: fc.double({ min: 0, max: 10, noNaN: true }),
  distanceHalfKm: fc.double({ min: 0.1, max: 50, noNaN: true }),
});

/** Age in whole years on the shift's Shanghai date, restated without the domain's helpers. */
function oracleAge(birth: string, at: Date): number {
  const shanghai = new Date(at.getTime() + 8 * 3600_000);
  const [y, m, d] = birth.split('-').map(Number) as [number, number, number];
  const beforeBirthday = shanghai.getUTCMonth() + 1 < m || (shanghai.getUTCMonth() + 1 === m && shanghai.getUTCDate() < d);
  return shanghai.getUTCFullYear() - y - (beforeBirthday ? 1 : 0);
}

/** Could this volunteer sign up for this shift now? Restated from RULES §3 and issue 12, line by line. */
function oracleCanJoin(v: VolunteerFacts, s: ShiftFacts): boolean {
  const age = oracleAge(v.birthDate, s.startsAt);
  const c = s.conditions;
  return (
    s.status === 'recruiting' &&
    !s.cancelled &&
    s.startsAt > NOW &&
    s.placesLeft > 0 &&
    (c.scope === 'open' || (c.scope === 'real_name' && v.phoneVerified) || (c.scope === 'team' && c.teamOrgId !== undefined && v.memberOf.includes(c.teamOrgId))) &&
    (c.minAge === undefined || age >= c.minAge) &&
    (c.maxAge === undefined || age <= c.maxAge) &&
    (age >= 18 || (c.minorsAllowed && v.guardianConsent)) &&
    c.skills.every((skill) => v.skills.includes(skill)) &&
    v.holds.every((h) => h.endsAt <= s.startsAt || s.endsAt <= h.startsAt)
  );
}

describe('eligibility', () => {
  it('agrees with the rules restated, for every volunteer and shift', () => {
    fc.assert(fc.property(volunteer, anyShift, (v, s) => expect(eligibilityOf(v, s, NOW).eligible).toBe(oracleCanJoin(v, s))), { numRuns: 2000 });
  });

  it('never recommends a project the volunteer cannot join, and leaves out none that fits while there is room', () => {
    fc.assert(
      fc.property(volunteer, fc.array(anyShift, { maxLength: 30 }), weights, fc.integer({ min: 1, max: 10 }), (v, shifts, w, limit) => {
        const chosen = recommendProjects(v, shifts, w, NOW, limit);
        for (const r of chosen) expect(oracleCanJoin(v, r.shift)).toBe(true);
        expect(new Set(chosen.map((r) => r.projectId)).size).toBe(chosen.length);
        const joinable = new Set(shifts.filter((s) => oracleCanJoin(v, s)).map((s) => s.projectId));
        expect(chosen.length).toBe(Math.min(limit, joinable.size));
      }),
      { numRuns: 500 },
    );
  });

  it('says why for each refusal', () => {
    const v: VolunteerFacts = {
      userId: 'u1',
      birthDate: '2000-01-01',
      skills: ['driving'],
      intentions: [],
      availability: [],
      phoneVerified: false,
      guardianConsent: false,
      memberOf: ['org_a'],
      holds: [{ startsAt: new Date('2026-12-05T01:00:00Z'), endsAt: new Date('2026-12-05T03:00:00Z') }],
    };
    const s: ShiftFacts = {
      shiftId: 'p1-0',
      projectId: 'p1',
      orgId: 'org_a',
      status: 'recruiting',
      cancelled: false,
      startsAt: new Date('2026-12-06T01:00:00Z'),
      endsAt: new Date('2026-12-06T03:00:00Z'),
      places: 5,
      placesLeft: 2,
      category: 'community',
      conditions: { skills: [], scope: 'open', minorsAllowed: false },
      location: SHANGHAI,
    };
    const why = (change: Partial<ShiftFacts> & { c?: Partial<ShiftFacts['conditions']> }, who: Partial<VolunteerFacts> = {}) => {
      const { c, ...rest } = change;
      const result = eligibilityOf({ ...v, ...who }, { ...s, ...rest, conditions: { ...s.conditions, ...c } }, NOW);
      return result.eligible ? 'eligible' : result.why;
    };
    expect(why({})).toBe('eligible');
    expect(why({ status: 'in_progress' })).toBe('NOT_RECRUITING');
    expect(why({ cancelled: true })).toBe('SHIFT_CANCELLED');
    expect(why({ startsAt: NOW })).toBe('SHIFT_STARTED');
    expect(why({ placesLeft: 0 })).toBe('NO_PLACES_LEFT');
    expect(why({ c: { scope: 'real_name' } })).toBe('REAL_NAME_REQUIRED');
    expect(why({ c: { scope: 'real_name' } }, { phoneVerified: true })).toBe('eligible');
    expect(why({ c: { scope: 'team', teamOrgId: 'org_b' } })).toBe('SCOPE_TEAM_ONLY');
    expect(why({ c: { scope: 'team', teamOrgId: 'org_a' } })).toBe('eligible');
    expect(why({ c: { scope: 'team' } })).toBe('SCOPE_TEAM_ONLY');
    expect(why({ c: { scope: 'password' } })).toBe('PASSWORD_REQUIRED');
    expect(why({ c: { minAge: 27 } })).toBe('AGE_NOT_MET');
    expect(why({ c: { maxAge: 25 } })).toBe('AGE_NOT_MET');
    expect(why({ c: { maxAge: 26 } })).toBe('eligible');
    expect(why({}, { birthDate: '2010-06-01' })).toBe('MINORS_NOT_ALLOWED');
    expect(why({ c: { minorsAllowed: true } }, { birthDate: '2010-06-01' })).toBe('GUARDIAN_CONSENT_MISSING');
    expect(why({ c: { minorsAllowed: true } }, { birthDate: '2010-06-01', guardianConsent: true })).toBe('eligible');
    expect(why({ c: { skills: ['driving', 'first_aid'] } })).toBe('SKILLS_NOT_MET');
    expect(why({ startsAt: new Date('2026-12-05T02:00:00Z'), endsAt: new Date('2026-12-05T04:00:00Z') })).toBe('TIME_OVERLAP');
    // Back to back is no overlap (half-open intervals).
    expect(why({ startsAt: new Date('2026-12-05T03:00:00Z'), endsAt: new Date('2026-12-05T04:00:00Z') })).toBe('eligible');
  });
});

describe('ranking monotonicity (all else equal)', () => {
  const located = volunteer.filter((v) => v.location !== undefined);

  it('a closer shift never scores lower, and ranks first when strictly closer', () => {
    fc.assert(
      fc.property(located, anyShift, point, point, (v, s, a, b) => {
        const w = { ...DEFAULT_WEIGHTS };
        const [near, far] = distanceBetween(v.location!, a) <= distanceBetween(v.location!, b) ? [a, b] : [b, a];
        const closer = { ...s, projectId: 'p_far_z', location: near };
        const farther = { ...s, projectId: 'p_near_a', location: far };
        expect(scoreOf(v, closer, w, NOW).score).toBeGreaterThanOrEqual(scoreOf(v, farther, w, NOW).score);
        if (distanceBetween(v.location!, far) - distanceBetween(v.location!, near) > 1 && eligibilityOf(v, s, NOW).eligible) {
          expect(recommendProjects(v, [farther, closer], w, NOW, 2).map((r) => r.projectId)).toEqual(['p_far_z', 'p_near_a']);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('more of the skills a project needs, a matching intention or more availability never scores lower', () => {
    fc.assert(
      fc.property(volunteer, anyShift, weights, fc.subarray([...SKILL_POOL]), availability, (v, s, w, extraSkills, extraAvailability) => {
        const base = scoreOf(v, s, w, NOW).score;
        const skilled = { ...v, skills: [...new Set([...v.skills, ...extraSkills])] };
        expect(scoreOf(skilled, s, w, NOW).score).toBeGreaterThanOrEqual(base);
        const intending = { ...v, intentions: [...new Set([...v.intentions, s.category])] };
        expect(scoreOf(intending, s, w, NOW).score).toBeGreaterThanOrEqual(base);
        const merged = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => {
          const times = [...new Set([...(v.availability.find((a) => a.weekday === weekday)?.times ?? []), ...(extraAvailability.find((a) => a.weekday === weekday)?.times ?? [])])];
          return times.length > 0 ? [{ weekday: weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7, times }] : [];
        });
        expect(scoreOf({ ...v, availability: merged }, s, w, NOW).score).toBeGreaterThanOrEqual(base);
      }),
      { numRuns: 1000 },
    );
  });

  it('a project needing a skill I have ranks above the same project needing none, when skill has weight', () => {
    fc.assert(
      fc.property(volunteer.filter((v) => v.skills.length > 0), anyShift, (v, s) => {
        const needing = { ...s, projectId: 'p_z', conditions: { ...s.conditions, skills: [v.skills[0]!] } };
        const needingNone = { ...s, projectId: 'p_a', conditions: { ...s.conditions, skills: [] } };
        expect(scoreOf(v, needing, DEFAULT_WEIGHTS, NOW).score).toBeGreaterThan(scoreOf(v, needingNone, DEFAULT_WEIGHTS, NOW).score);
      }),
    );
  });

  it('fewer places filled and a sooner start never score lower', () => {
    fc.assert(
      fc.property(volunteer, anyShift, weights, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 5 * 24 * 60 }), (v, s, w, morePlaces, laterMinutes) => {
        const base = scoreOf(v, s, w, NOW).score;
        const emptier = { ...s, placesLeft: Math.min(s.places, s.placesLeft + morePlaces) };
        expect(scoreOf(v, emptier, w, NOW).score).toBeGreaterThanOrEqual(base);
        // Later by whole days keeps the same weekday and time, so only the need changes.
        const later = { ...s, startsAt: new Date(s.startsAt.getTime() + Math.floor(laterMinutes / 1440) * 7 * 1440 * MINUTE), endsAt: new Date(s.endsAt.getTime() + Math.floor(laterMinutes / 1440) * 7 * 1440 * MINUTE) };
        expect(scoreOf(v, later, w, NOW).score).toBeLessThanOrEqual(base + 1e-12);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('reasons', () => {
  it('each says what its data says, at most three, strongest first', () => {
    fc.assert(
      fc.property(volunteer, anyShift, weights, (v, s, w) => {
        const { reasons } = scoreOf(v, s, w, NOW);
        expect(reasons.length).toBeLessThanOrEqual(3);
        expect(new Set(reasons.map((r) => r.kind)).size).toBe(reasons.length);
        const p = partsOf(v, s, w, NOW);
        const contribution = { distance: w.distance * p.distance, skill: w.skill * p.skill, intention: w.intention * p.intention, availability: w.availability * p.availability.share, need: w.need * p.need };
        const values = reasons.map((r) => contribution[r.kind]);
        for (const value of values) expect(value).toBeGreaterThan(0);
        for (let i = 1; i < values.length; i++) expect(values[i]!).toBeLessThanOrEqual(values[i - 1]!);
        // Nothing stronger was left out.
        if (reasons.length === 3) for (const value of Object.values(contribution)) expect(value <= values[2]! || values.includes(value)).toBe(true);
        for (const r of reasons) {
          switch (r.kind) {
            case 'distance': {
              expect(v.location).toBeDefined();
              const metres = distanceBetween(v.location!, s.location);
              const m = /^距离 (\d+(?:\.\d)?) (m|km)$/.exec(r.text);
              expect(m).not.toBeNull();
              const shown = Number(m![1]) * (m![2] === 'km' ? 1000 : 1);
              // Rounded as shown: 10 m under a kilometre, 100 m under 10 km, 1 km beyond.
              const step = m![2] === 'm' ? 10 : metres < 9950 ? 100 : 1000;
              expect(Math.abs(shown - metres)).toBeLessThanOrEqual(step / 2 + (metres < 10 ? 10 : 0));
              break;
            }
            case 'skill': {
              const named = r.text.replace(/^技能：/, '').split('、');
              const shared = s.conditions.skills.filter((skill) => v.skills.includes(skill)).map(skillShortLabel);
              expect(named.length).toBeGreaterThan(0);
              for (const n of named) expect(shared).toContain(n);
              break;
            }
            case 'intention':
              expect(v.intentions).toContain(s.category);
              expect(r.text).toMatch(/^意向：/);
              break;
            case 'availability': {
              const m = /^(周.)(上午|下午|晚上)有空$/.exec(r.text);
              expect(m).not.toBeNull();
              const weekday = WEEKDAY_LABELS.indexOf(m![1] as (typeof WEEKDAY_LABELS)[number]) + 1;
              const part = PARTS[['上午', '下午', '晚上'].indexOf(m![2]!)]!;
              expect(v.availability.find((a) => a.weekday === weekday)?.times).toContain(part);
              // The shift really runs in that window on that weekday (Shanghai wall clock).
              const windows = { morning: [6, 12], afternoon: [12, 18], evening: [18, 24] } as const;
              let inWindow = false;
              for (let t = s.startsAt.getTime(); t < s.endsAt.getTime(); t += MINUTE) {
                const local = new Date(t + 8 * 3600_000);
                const isoWeekday = ((local.getUTCDay() + 6) % 7) + 1;
                const hour = local.getUTCHours();
                if (isoWeekday === weekday && hour >= windows[part][0] && hour < windows[part][1]) inWindow = true;
                if (inWindow) break;
              }
              expect(inWindow).toBe(true);
              break;
            }
            case 'need':
              expect(r.text).toBe(`还缺 ${s.placesLeft} 人`);
              break;
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('reads as the issue shows them', () => {
    expect(distanceText(1234)).toBe('距离 1.2 km');
    expect(distanceText(800)).toBe('距离 800 m');
    expect(distanceText(3)).toBe('距离 10 m');
    expect(distanceText(12_600)).toBe('距离 13 km');
    expect(skillShortLabel('first_aid')).toBe('急救');
    const saturdayMorning = { startsAt: new Date('2026-12-05T01:00:00Z'), endsAt: new Date('2026-12-05T03:00:00Z') }; // 09:00–11:00 Shanghai
    expect(availabilityFit({ availability: [{ weekday: 6, times: ['morning'] }] }, saturdayMorning)).toEqual({ share: 1, best: { weekday: 6, part: 'morning' } });
    expect(availabilityFit({ availability: [{ weekday: 6, times: ['afternoon'] }] }, saturdayMorning)).toEqual({ share: 0 });
    const v: VolunteerFacts = {
      userId: 'u1',
      birthDate: '1990-01-01',
      skills: ['first_aid'],
      intentions: [],
      availability: [{ weekday: 6, times: ['morning'] }],
      phoneVerified: true,
      guardianConsent: false,
      memberOf: [],
      holds: [],
      location: SHANGHAI,
    };
    const s: ShiftFacts = {
      shiftId: 'p1-0',
      projectId: 'p1',
      orgId: 'org_a',
      status: 'recruiting',
      cancelled: false,
      ...saturdayMorning,
      places: 10,
      placesLeft: 10,
      category: 'health',
      conditions: { skills: ['first_aid'], scope: 'open', minorsAllowed: false },
      location: { longitude: SHANGHAI.longitude + 0.0131, latitude: SHANGHAI.latitude },
    };
    expect(scoreOf(v, s, DEFAULT_WEIGHTS, NOW).reasons.map((r) => r.text)).toEqual(['距离 1.2 km', '周六上午有空', '技能：急救']);
  });
});

describe('weightsFromEnv', () => {
  it('takes the defaults, a subset, and refuses what no one could have meant', () => {
    expect(weightsFromEnv({})).toEqual(DEFAULT_WEIGHTS);
    expect(weightsFromEnv({ ZY_MATCH_WEIGHTS: '  ' })).toEqual(DEFAULT_WEIGHTS);
    expect(weightsFromEnv({ ZY_MATCH_WEIGHTS: '{"distance":5,"distanceHalfKm":10}' })).toEqual({ ...DEFAULT_WEIGHTS, distance: 5, distanceHalfKm: 10 });
    expect(() => weightsFromEnv({ ZY_MATCH_WEIGHTS: '{distance:5}' })).toThrow(/not JSON/);
    expect(() => weightsFromEnv({ ZY_MATCH_WEIGHTS: '{"distance":-1}' })).toThrow(/distance/);
    expect(() => weightsFromEnv({ ZY_MATCH_WEIGHTS: '{"distanceHalfKm":0}' })).toThrow(/distanceHalfKm/);
    expect(() => weightsFromEnv({ ZY_MATCH_WEIGHTS: '{"distanse":1}' })).toThrow(/malformed/);
    expect(() => weightsFromEnv({ ZY_MATCH_WEIGHTS: '[1,2]' })).toThrow(/malformed/);
  });
});

test('the Shanghai day eligibility reads ages on is calendar.ts’s, at every instant (midnight edges included)', () => {
  const instants = fc.oneof(
    fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true }),
    // The minutes around Shanghai's midnight (16:00 UTC).
    fc.integer({ min: -36_500, max: 36_500 }).chain((day) => fc.integer({ min: -90, max: 90 }).map((m) => new Date(Date.UTC(2000, 0, 1 + day, 16, m)))),
  );
  fc.assert(fc.property(instants, (at) => expect(shanghaiDayOf(at)).toEqual(shanghaiDate(at))), { numRuns: 2000 });
});
