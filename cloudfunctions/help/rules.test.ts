import fc from 'fast-check';
import type { SubmitHelpRequest } from '../../typings/help';
import {
  averageStars,
  checkSubmission,
  dispatchOrder,
  dispatchScore,
  firstWave,
  submissionAllowed,
  SUBMISSION_LIMIT,
  waveAfterDecline,
  withinReach,
  type ResponderFacts,
} from './rules';

const DAY = 86_400_000;
const now = new Date('2026-12-02T08:00:00Z');

describe('submission limit', () => {
  test('two awaiting verification: the third waits until one is decided', () => {
    expect(submissionAllowed({ awaiting: 1, rejectedAt: [] }, now)).toEqual({ ok: true });
    expect(submissionAllowed({ awaiting: 2, rejectedAt: [] }, now)).toEqual({ ok: false, message: expect.stringContaining('2 条求助在等待核实') });
  });

  test('three rejections within 30 days block new needs until the oldest is 30 days old', () => {
    const rejectedAt = [new Date(now.getTime() - 10 * DAY), new Date(now.getTime() - 5 * DAY), new Date(now.getTime() - DAY)];
    expect(submissionAllowed({ awaiting: 0, rejectedAt }, now)).toEqual({ ok: false, message: expect.stringContaining('20 天后'), retryAfterDays: 20 });
    expect(submissionAllowed({ awaiting: 0, rejectedAt }, new Date(now.getTime() + 20 * DAY + 1))).toEqual({ ok: true });
    expect(submissionAllowed({ awaiting: 0, rejectedAt: rejectedAt.slice(1) }, now)).toEqual({ ok: true });
  });

  test('property: never more than MAX_AWAITING awaiting, whatever the history', () => {
    fc.assert(
      fc.property(fc.nat(10), fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 6 }), (awaiting, daysAgo) => {
        const check = submissionAllowed({ awaiting, rejectedAt: daysAgo.map((d) => new Date(now.getTime() - d * DAY)) }, now);
        if (awaiting >= SUBMISSION_LIMIT.MAX_AWAITING) expect(check.ok).toBe(false);
        if (daysAgo.filter((d) => d < 30).length >= SUBMISSION_LIMIT.MAX_REJECTIONS) expect(check.ok).toBe(false);
        if (awaiting < SUBMISSION_LIMIT.MAX_AWAITING && daysAgo.filter((d) => d < 30).length < SUBMISSION_LIMIT.MAX_REJECTIONS) expect(check.ok).toBe(true);
      }),
    );
  });
});

describe('submission check', () => {
  const valid = (over: Partial<SubmitHelpRequest> = {}): SubmitHelpRequest => ({
    what: '独居老人需要每周一次上门陪伴聊天',
    category: 'community',
    forWhom: { object: 'elderly', description: '王阿姨' },
    place: { address: '福州市鼓楼区五四路100号', longitude: 119.3, latitude: 26.08, regionCode: '350102', regionNames: ['福建省', '福州市', '鼓楼区'] },
    startsAt: new Date(now.getTime() + DAY).toISOString(),
    endsAt: new Date(now.getTime() + DAY + 2 * 3_600_000).toISOString(),
    volunteersWanted: 2,
    urgent: false,
    contact: { name: '王小明', phone: '13800001234' },
    ...over,
  });
  test('a valid need passes; each broken part names its field', () => {
    expect(checkSubmission(valid(), now).ok).toBe(true);
    const cases: Array<[Partial<SubmitHelpRequest>, string]> = [
      [{ category: 'cooking' }, 'category'],
      [{ forWhom: { object: 'aliens', description: '' } }, 'forWhom.object'],
      [{ place: { ...valid().place, regionCode: '350100' } }, 'place.regionCode'],
      [{ startsAt: new Date(now.getTime() - 1).toISOString() }, 'startsAt'],
      [{ startsAt: new Date(now.getTime() + 91 * DAY).toISOString(), endsAt: new Date(now.getTime() + 91 * DAY + 1000).toISOString() }, 'startsAt'],
      [{ endsAt: new Date(now.getTime() + DAY).toISOString() }, 'endsAt'],
      [{ endsAt: new Date(now.getTime() + DAY + 13 * 3_600_000).toISOString() }, 'endsAt'],
    ];
    for (const [over, field] of cases) expect(checkSubmission(valid(over), now)).toMatchObject({ ok: false, code: 'HELP_INVALID', field });
  });
});

describe('dispatch ranking', () => {
  const need = { category: 'community', location: { longitude: 119.3, latitude: 26.08 } };
  const at = (km: number) => ({ longitude: 119.3, latitude: 26.08 + km / 111.2 });
  const r = (orgId: string, over: Partial<ResponderFacts> = {}): ResponderFacts => ({ orgId, categories: ['community'], base: at(1), openNeeds: 0, ...over });

  test('category fit first, then distance, then load; ties by id', () => {
    const order = dispatchOrder(need, [
      r('o_far', { base: at(20) }),
      r('o_unfit', { categories: ['education'] }),
      r('o_busy', { openNeeds: 4 }),
      r('o_b'),
      r('o_a'),
    ]);
    expect(order).toEqual(['o_a', 'o_b', 'o_busy', 'o_far', 'o_unfit']);
  });

  test('property: closer, fitting and less loaded never rank lower, all else equal', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 50, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }), fc.nat(10), fc.nat(10), (d1, d2, l1, l2) => {
        const [near, far] = d1 <= d2 ? [d1, d2] : [d2, d1];
        expect(dispatchScore(need, r('x', { base: at(near) }))).toBeGreaterThanOrEqual(dispatchScore(need, r('x', { base: at(far) })));
        const [light, heavy] = l1 <= l2 ? [l1, l2] : [l2, l1];
        expect(dispatchScore(need, r('x', { openNeeds: light }))).toBeGreaterThanOrEqual(dispatchScore(need, r('x', { openNeeds: heavy })));
        expect(dispatchScore(need, r('x'))).toBeGreaterThan(dispatchScore(need, r('x', { categories: ['education'] })));
      }),
    );
  });

  test('waves: one offer for an ordinary need, three for an urgent one; a decline tops the wave up from the ranking', () => {
    const order = ['a', 'b', 'c', 'd', 'e'];
    expect(firstWave(order, false)).toEqual(['a']);
    expect(firstWave(order, true)).toEqual(['a', 'b', 'c']);
    expect(waveAfterDecline(order, ['a'], ['a'], 'a', false)).toEqual(['b']);
    expect(waveAfterDecline(order, ['a', 'b', 'c'], ['a', 'b', 'c'], 'b', true)).toEqual(['a', 'c', 'd']);
    expect(waveAfterDecline(order, ['e'], ['a', 'b', 'c', 'd', 'e'], 'e', false)).toEqual([]);
  });

  test('property: walking declines offers every ranked organization exactly once, in ranking order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 8 }), fc.boolean(), (order, urgent) => {
        let wave = firstWave(order, urgent);
        const asked = [...wave];
        while (wave.length > 0) {
          const decliner = wave[0]!;
          wave = waveAfterDecline(order, wave, asked, decliner, urgent);
          for (const id of wave) if (!asked.includes(id)) asked.push(id);
        }
        expect(asked).toEqual(order);
      }),
    );
  });
});

test('urgent reach: the volunteer’s own radius, never beyond 10 km', () => {
  expect(withinReach(2_999, 3)).toBe(true);
  expect(withinReach(3_001, 3)).toBe(false);
  expect(withinReach(10_000, 20)).toBe(true);
  expect(withinReach(10_001, 20)).toBe(false);
});

test('average stars to one decimal, none without ratings', () => {
  expect(averageStars(0, 0)).toBeUndefined();
  expect(averageStars(14, 3)).toBe(4.7);
});
