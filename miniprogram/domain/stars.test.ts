import fc from 'fast-check';
import { STAR_THRESHOLDS_HOURS, starProfileOf, starProgress } from './stars';

describe('starProgress at and around each threshold', () => {
  const cases = (['national', 'beijing'] as const).flatMap((profile) =>
    STAR_THRESHOLDS_HOURS[profile].flatMap((hours, i) => [
      [profile, hours * 60 - 1, i === 0 ? null : i] as const,
      [profile, hours * 60, i + 1] as const,
      [profile, hours * 60 + 1, i + 1] as const,
    ]),
  );
  it.each(cases)('%s: %i minutes → level %p', (profile, minutes, level) => {
    expect(starProgress(minutes, profile).level).toBe(level);
  });

  it('the two profiles differ where their thresholds differ (200 h: 2 stars in Beijing, 1 nationally)', () => {
    expect(starProgress(200 * 60, 'beijing').level).toBe(2);
    expect(starProgress(200 * 60, 'national').level).toBe(1);
    expect(starProgress(1000 * 60, 'beijing').level).toBe(5);
    expect(starProgress(1000 * 60, 'national').level).toBe(4);
  });
});

describe('progress to the next star', () => {
  it('starts from nothing below the first star', () => {
    expect(starProgress(0, 'national')).toEqual({ profile: 'national', level: null, nextThresholdHours: 100, minutesToNext: 6000, progress: 0 });
    expect(starProgress(3000, 'national')).toMatchObject({ level: null, nextThresholdHours: 100, minutesToNext: 3000, progress: 0.5 });
  });

  it('measures from the last threshold reached', () => {
    // 200 h nationally: 1 star, halfway from 100 h to 300 h.
    expect(starProgress(200 * 60, 'national')).toMatchObject({ level: 1, nextThresholdHours: 300, minutesToNext: 6000, progress: 0.5 });
    // One minute before Beijing's 3rd star (500 h).
    expect(starProgress(500 * 60 - 1, 'beijing')).toMatchObject({ level: 2, nextThresholdHours: 500, minutesToNext: 1 });
  });

  it('is complete at the top level', () => {
    expect(starProgress(1500 * 60, 'national')).toEqual({ profile: 'national', level: 5, nextThresholdHours: null, minutesToNext: 0, progress: 1 });
    expect(starProgress(99_999_999, 'beijing')).toMatchObject({ level: 5, nextThresholdHours: null, progress: 1 });
  });

  it('counts a negative or fractional total as the whole minutes it holds', () => {
    expect(starProgress(-60, 'national')).toMatchObject({ level: null, minutesToNext: 6000, progress: 0 });
    expect(starProgress(6000 - 0.5, 'national').level).toBeNull();
  });

  it('property: the level never falls as minutes grow, and progress stays in [0, 1]', () => {
    fc.assert(
      fc.property(fc.constantFrom('national' as const, 'beijing' as const), fc.nat(200_000), fc.nat(200_000), (profile, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const low = starProgress(lo, profile);
        const high = starProgress(hi, profile);
        expect(high.level ?? 0).toBeGreaterThanOrEqual(low.level ?? 0);
        expect(low.progress).toBeGreaterThanOrEqual(0);
        expect(low.progress).toBeLessThanOrEqual(1);
        if (low.nextThresholdHours !== null) expect(lo + low.minutesToNext).toBe(low.nextThresholdHours * 60);
      }),
    );
  });
});

describe('starProfileOf', () => {
  it.each([
    ['110101', undefined, 'beijing'],
    ['110000', undefined, 'beijing'],
    ['119999', undefined, 'beijing'],
    ['120101', undefined, 'national'],
    ['350102', undefined, 'national'],
    ['011010', undefined, 'national'],
    ['11010', undefined, 'national'],
    ['350102', 'beijing', 'beijing'],
    ['110101', 'national', 'national'],
    ['110101', 'shanghai', 'beijing'],
    ['350102', '', 'national'],
  ] as const)('region %s, override %p → %s', (region, override, profile) => {
    expect(starProfileOf(region, override)).toBe(profile);
  });
});
