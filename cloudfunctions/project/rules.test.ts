// Publishing rules (RULES §3), pure: required fields, future only, 补录, one year, ages and minors, shifts to the
// minute, repeat rules at Asia/Shanghai, keyword tokens and cursors.
import fc from 'fast-check';
import type { ProjectInput } from '../../typings/project-actions';
import { validInput } from './test-support';
import { shanghaiClock } from '../../miniprogram/domain/calendar';
import {
  MAX_SHIFTS_PER_PROJECT,
  atTimesOfDay,
  checkAges,
  checkInsurance,
  checkPublishable,
  checkReason,
  cursorAfter,
  decodeCursor,
  encodeCursor,
  expandRepeat,
  insuranceMissing,
  keywordTokens,
  plannedShifts,
  reviewRequired,
  searchTokens,
  shanghaiDayNumber,
  shiftDays,
  statusAt,
} from './rules';

const NOW = new Date('2026-12-01T02:00:00Z'); // 10:00 in Shanghai, a Tuesday

const refusedAt = (r: { ok: boolean; field?: string; code?: string; message?: string }) => (r.ok ? 'ok' : `${r.field}: ${r.message}`);

describe('required fields (RULES §3)', () => {
  test('a complete form is publishable', () => {
    expect(checkPublishable(validInput(), false)).toEqual({ ok: true, value: true });
  });

  test.each<[string, Partial<ProjectInput>, string]>([
    ['title', { title: '  ' }, 'title: 请填写项目名称'],
    ['补录', { title: '十月服务补录' }, 'title: 项目名称不能含“补录”：已经完成的服务请通过补录功能登记'],
    ['category', { category: '社区服务' }, 'category: 请选择服务类别'],
    ['objects', { serviceObjects: [] }, 'serviceObjects: 请选择服务对象'],
    ['unknown object', { serviceObjects: ['elderly', 'aliens'] }, 'serviceObjects: 请选择服务对象'],
    ['content', { content: '' }, 'content: 请填写服务内容'],
    ['address', { place: { ...validInput().place, address: '' } }, 'place.address: 请填写详细地址'],
    ['location', { place: { ...validInput().place, longitude: 0, latitude: 0 } }, 'place.location: 请在地图上选择服务地点'],
    ['location range', { place: { ...validInput().place, latitude: 91 } }, 'place.location: 请在地图上选择服务地点'],
    ['region', { place: { ...validInput().place, regionCode: '3501' } }, 'place.regionCode: 请选择服务地点所在的区县'],
    ['radius', { place: { ...validInput().place, checkinRadiusM: 10 } }, 'place.checkinRadiusM: 签到范围应为 50 到 5000 米；不核验位置时请关闭“签到核验位置”'],
    ['negative radius', { place: { ...validInput().place, checkinRadiusM: -1 } }, 'place.checkinRadiusM: 签到范围应为 50 到 5000 米；不核验位置时请关闭“签到核验位置”'],
    ['disclosure', { risk: { disclosure: ' ', risky: true } }, 'risk.disclosure: 请填写风险告知：可能遇到的风险和防护措施（没有明显风险也请说明）'],
    ['contact', { contact: { name: '', phone: '13900001111' } }, 'contact.name: 请填写项目联系人'],
    ['phone', { contact: { name: '王五', phone: '12345' } }, 'contact.phone: 请填写联系人的 11 位手机号'],
    ['team', { conditions: { skills: [], scope: 'team', minorsAllowed: false } }, 'conditions.teamOrgId: 限定团队招募时请选择团队'],
    ['password', { conditions: { skills: [], scope: 'password', minorsAllowed: false } }, 'conditions.password: 凭口令报名时请设置报名口令'],
    ['password shape', { conditions: { skills: [], scope: 'password', password: '一二三四', minorsAllowed: false } }, 'conditions.password: 报名口令为 4 到 16 位字母或数字'],
    ['cutoff', { cancelCutoffHours: 200 }, 'cancelCutoffHours: 取消报名的截止时间应为开始前 0 到 168 小时'],
  ])('%s is refused with its field and a Chinese reason', (_name, overrides, expected) => {
    const r = checkPublishable(validInput(overrides), false);
    expect(r.ok ? 'ok' : r.code).toBe('PROJECT_INVALID');
    expect(refusedAt(r)).toBe(expected);
  });

  test('a radius of 0 turns the geofence off and is publishable; the place must still be picked', () => {
    expect(checkPublishable({ ...validInput(), place: { ...validInput().place, checkinRadiusM: 0 } }, false)).toEqual({ ok: true, value: true });
    expect(refusedAt(checkPublishable({ ...validInput(), place: { ...validInput().place, checkinRadiusM: 0, longitude: 0, latitude: 0 } }, false))).toBe('place.location: 请在地图上选择服务地点');
  });

  test('a stored password hash stands in for a password not sent again', () => {
    expect(checkPublishable(validInput({ conditions: { skills: [], scope: 'password', minorsAllowed: false } }), true).ok).toBe(true);
  });
});

describe('ages and minors', () => {
  const base = { skills: [], scope: 'open' as const, minorsAllowed: false };
  test.each([
    [{ ...base, minAge: 5 }, 'conditions.minAge: 年龄要求应在 8 到 100 岁之间'],
    [{ ...base, minAge: 30, maxAge: 20 }, 'conditions.minAge: 最低年龄不能高于最高年龄'],
    [{ ...base, minAge: 12, maxAge: 16 }, 'conditions.minorsAllowed: 年龄要求只包含未成年人，请勾选“允许未成年人参加”并说明监护人同意要求'],
    [{ ...base, minorsAllowed: true }, 'conditions.guardianConsentNote: 允许未成年人参加时，请说明需要怎样的监护人同意'],
    [{ ...base, minorsAllowed: true, minAge: 18, guardianConsentNote: '监护人签字' }, 'conditions.minorsAllowed: 最低年龄已满 18 岁，不必允许未成年人参加'],
  ])('%j is refused', (conditions, expected) => {
    expect(refusedAt(checkAges(conditions))).toBe(expected);
  });
  test('minors with the guardian consent stated are fine', () => {
    expect(checkAges({ ...base, minorsAllowed: true, minAge: 14, maxAge: 60, guardianConsentNote: '需监护人签署知情同意书' }).ok).toBe(true);
  });
  test('property: any sane range with minors off and an adult upper bound passes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 18, max: 100 }), fc.integer({ min: 18, max: 100 }), (a, b) => {
        expect(checkAges({ ...base, minAge: Math.min(a, b), maxAge: Math.max(a, b) }).ok).toBe(true);
      }),
    );
  });
});

describe('shifts', () => {
  const one = (startsAt: string, endsAt: string, places = 5) => plannedShifts({ shifts: [{ startsAt, endsAt, places }] }, NOW);

  test('start before end, to the minute, in the future, at least one place', () => {
    expect(refusedAt(one('2026-12-05T03:00:00Z', '2026-12-05T03:00:00Z'))).toBe('shifts.0: 班次的结束时间要晚于开始时间');
    expect(refusedAt(one('2026-12-05T03:00:00Z', '2026-12-05T02:00:00Z'))).toBe('shifts.0: 班次的结束时间要晚于开始时间');
    expect(refusedAt(one('2026-12-05T03:00:30Z', '2026-12-05T04:00:00Z'))).toBe('shifts.0: 班次时间精确到分钟即可，不要带秒');
    expect(refusedAt(one('2026-11-30T03:00:00Z', '2026-11-30T04:00:00Z'))).toBe('shifts.0: 只能发布尚未开始的班次；已经结束的服务请走补录流程');
    expect(refusedAt(one(NOW.toISOString(), '2026-12-01T04:00:00Z'))).toBe('shifts.0: 只能发布尚未开始的班次；已经结束的服务请走补录流程');
    expect(refusedAt(one('2026-12-05 09:00', '2026-12-05 10:00'))).toBe('shifts.0: 班次的开始和结束时间填写不正确');
    expect(refusedAt(one('2026-12-05T03:00:00Z', '2026-12-05T04:00:00Z', 0))).toBe('shifts.0.places: 每个班次至少招募 1 人');
    expect(refusedAt(one('2026-12-05T03:00:00Z', '2026-12-05T04:00:00Z', 1.5))).toBe('shifts.0.places: 每个班次至少招募 1 人');
    expect(refusedAt(plannedShifts({ shifts: [] }, NOW))).toBe('shifts: 请至少添加一个班次');
  });

  test('at most one year from the first start to the last end', () => {
    const within = plannedShifts({ shifts: [{ startsAt: '2026-12-05T01:00:00Z', endsAt: '2026-12-05T02:00:00Z', places: 1 }, { startsAt: '2027-12-05T01:00:00Z', endsAt: '2027-12-05T02:00:00Z', places: 1 }] }, NOW);
    expect(within.ok).toBe(true);
    const over = plannedShifts({ shifts: [{ startsAt: '2026-12-05T01:00:00Z', endsAt: '2026-12-05T02:00:00Z', places: 1 }, { startsAt: '2027-12-07T01:00:00Z', endsAt: '2027-12-07T02:00:00Z', places: 1 }] }, NOW);
    expect(refusedAt(over)).toBe('shifts: 一个项目从第一个班次开始到最后一个班次结束最长一年');
  });

  test(`at most ${MAX_SHIFTS_PER_PROJECT} shifts`, () => {
    const rule = { weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '09:00', endTime: '10:00', firstDate: '2026-12-02', weeks: 15, places: 3 };
    expect(refusedAt(plannedShifts({ shifts: [], repeat: rule }, NOW))).toBe(`shifts: 一个项目最多 ${MAX_SHIFTS_PER_PROJECT} 个班次，请拆成几个项目发布`);
    expect(plannedShifts({ shifts: [], repeat: { ...rule, weeks: 14 } }, NOW)).toMatchObject({ ok: true, value: { length: 98 } });
  });
});

describe('repeat rules at the Asia/Shanghai offset', () => {
  test('every Saturday 9:00–11:30 for 8 weeks: eight shifts at 01:00–03:30 UTC', () => {
    const r = expandRepeat({ weekdays: [6], startTime: '09:00', endTime: '11:30', firstDate: '2026-12-01', weeks: 8, places: 20 }, NOW);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.map((s) => s.startsAt.toISOString())).toEqual(
      ['05', '12', '19', '26'].map((d) => `2026-12-${d}T01:00:00.000Z`).concat(['02', '09', '16', '23'].map((d) => `2027-01-${d}T01:00:00.000Z`)),
    );
    expect(r.value.every((s) => s.endsAt.getTime() - s.startsAt.getTime() === 150 * 60_000 && s.places === 20 && s.fromRepeat)).toBe(true);
  });

  test('until a date, inclusive; an occurrence already started today is left out', () => {
    // Tuesday 1 Dec 09:00 Shanghai has started at 10:00; Tuesday 8 Dec and Thursday 3 Dec remain, up to 8 Dec.
    const r = expandRepeat({ weekdays: [2, 4], startTime: '09:00', endTime: '10:00', firstDate: '2026-12-01', untilDate: '2026-12-08', places: 2 }, NOW);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.map((s) => shanghaiClock(s.startsAt).format('YYYY-MM-DD HH:mm dd'))).toEqual(['2026-12-03 09:00 Th', '2026-12-08 09:00 Tu']);
  });

  test.each([
    [{ weekdays: [], startTime: '09:00', endTime: '10:00', firstDate: '2026-12-01', weeks: 2, places: 1 }, 'repeat.weekdays: 请选择每周哪几天重复（周一至周日）'],
    [{ weekdays: [8], startTime: '09:00', endTime: '10:00', firstDate: '2026-12-01', weeks: 2, places: 1 }, 'repeat.weekdays: 请选择每周哪几天重复（周一至周日）'],
    [{ weekdays: [1], startTime: '9点', endTime: '10:00', firstDate: '2026-12-01', weeks: 2, places: 1 }, 'repeat.startTime: 重复规则的时间应为 时:分，如 09:00'],
    [{ weekdays: [1], startTime: '10:00', endTime: '10:00', firstDate: '2026-12-01', weeks: 2, places: 1 }, 'repeat.endTime: 重复规则的结束时间要晚于开始时间'],
    [{ weekdays: [1], startTime: '09:00', endTime: '10:00', firstDate: '2026-02-30', weeks: 2, places: 1 }, 'repeat.firstDate: 重复规则的开始日期填写不正确'],
    [{ weekdays: [1], startTime: '09:00', endTime: '10:00', firstDate: '2026-12-01', places: 1 }, 'repeat.weeks: 重复规则请填写重复几周，或截止到哪一天（二选一）'],
    [{ weekdays: [1], startTime: '09:00', endTime: '10:00', firstDate: '2026-12-01', weeks: 2, untilDate: '2026-12-30', places: 1 }, 'repeat.weeks: 重复规则请填写重复几周，或截止到哪一天（二选一）'],
    [{ weekdays: [1], startTime: '09:00', endTime: '10:00', firstDate: '2026-12-01', untilDate: '2026-11-30', places: 1 }, 'repeat.untilDate: 重复规则的截止日期不能早于开始日期'],
    [{ weekdays: [1], startTime: '09:00', endTime: '10:00', firstDate: '2026-12-01', untilDate: '2028-01-30', places: 1 }, 'repeat.untilDate: 一个项目从开始到结束最长一年'],
    [{ weekdays: [1], startTime: '09:00', endTime: '10:00', firstDate: '2026-12-01', weeks: 2, places: 0 }, 'repeat.places: 每个班次至少招募 1 人'],
    [{ weekdays: [2], startTime: '09:00', endTime: '10:00', firstDate: '2026-12-01', untilDate: '2026-12-01', places: 1 }, 'repeat: 按这条重复规则，没有尚未开始的班次'],
  ])('%j is refused', (rule, expected) => {
    expect(refusedAt(expandRepeat(rule, NOW))).toBe(expected);
  });

  test('property: every shift falls on a chosen weekday at the chosen Shanghai times, in order, in the future', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: 0, max: 22 * 60 }),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 300 }),
        (weekdays, start, length, weeks, offsetDays) => {
          const end = Math.min(start + length, 23 * 60 + 59);
          const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
          const firstDate = shanghaiClock(NOW).add(offsetDays, 'day').format('YYYY-MM-DD');
          const r = expandRepeat({ weekdays, startTime: hhmm(start), endTime: hhmm(end), firstDate, weeks, places: 1 }, NOW, 1000);
          if (!r.ok) return; // e.g. every occurrence already started
          let previous = 0;
          for (const s of r.value) {
            const clock = shanghaiClock(s.startsAt);
            expect(weekdays).toContain(clock.day() === 0 ? 7 : clock.day());
            expect(clock.hour() * 60 + clock.minute()).toBe(start);
            expect((s.endsAt.getTime() - s.startsAt.getTime()) / 60_000).toBe(end - start);
            expect(s.startsAt.getTime()).toBeGreaterThan(Math.max(previous, NOW.getTime()));
            previous = s.startsAt.getTime();
          }
          expect(r.value.length).toBeLessThanOrEqual(weekdays.length * weeks);
        },
      ),
    );
  });

  test('a series shift moved to new times of day keeps its Shanghai date', () => {
    const moved = atTimesOfDay({ startsAt: new Date('2026-12-05T16:30:00Z') }, 8 * 60, 9 * 60); // 00:30 on the 6th in Shanghai
    expect(moved).toEqual({ startsAt: new Date('2026-12-06T00:00:00Z'), endsAt: new Date('2026-12-06T01:00:00Z') });
  });
});

test('insurance: missing only when risky and not recorded; its fields are checked', () => {
  expect(insuranceMissing({ risky: true })).toBe(true);
  expect(insuranceMissing({ risky: true, insurance: { insurer: 'x' } })).toBe(false);
  expect(insuranceMissing({ risky: false })).toBe(false);
  expect(refusedAt(checkInsurance(' ', 'P123456'))).toBe('insurer: 请填写保险公司名称（50 字以内）');
  expect(refusedAt(checkInsurance('中国人保', '保单'))).toBe('policyNo: 保单号为 4 到 40 位字母、数字或连字符');
  expect(checkInsurance(' 中国人保 ', ' PICC-2026-001 ')).toEqual({ ok: true, value: { insurer: '中国人保', policyNo: 'PICC-2026-001' } });
});

test('a reason is required and bounded', () => {
  expect(refusedAt(checkReason(undefined))).toBe('reason: 请填写原因，报名的志愿者会看到它');
  expect(refusedAt(checkReason('字'.repeat(201)))).toBe('reason: 原因最多 200 个字');
  expect(checkReason(' 天气原因 ')).toEqual({ ok: true, value: '天气原因' });
});

test('review is configurable: none by default, all, or listed organizations', () => {
  expect(reviewRequired('org1', undefined)).toBe(false);
  expect(reviewRequired('org1', 'none')).toBe(false);
  expect(reviewRequired('org1', 'all')).toBe(true);
  expect(reviewRequired('org1', 'org2, org1')).toBe(true);
  expect(reviewRequired('org3', 'org2,org1')).toBe(false);
});

test('status over time: recruiting → in_progress at the first start → finished at the last end', () => {
  const span = { startsAt: new Date('2026-12-05T01:00:00Z'), endsAt: new Date('2026-12-12T03:00:00Z') };
  expect(statusAt('recruiting', span, new Date('2026-12-05T00:59:00Z'))).toBe('recruiting');
  expect(statusAt('recruiting', span, new Date('2026-12-05T01:00:00Z'))).toBe('in_progress');
  expect(statusAt('in_progress', span, new Date('2026-12-12T03:00:00Z'))).toBe('finished');
  expect(statusAt('recruiting', span, new Date('2026-12-13T00:00:00Z'))).toBe('finished');
  for (const s of ['draft', 'submitted', 'rejected', 'cancelled', 'finished'] as const) expect(statusAt(s, span, new Date('2027-01-01T00:00:00Z'))).toBe(s);
});

describe('keyword tokens', () => {
  test('a keyword matches a title holding it: its tokens are among the title\'s', () => {
    const tokens = searchTokens('鼓楼社区助老陪伴 Walk 2026', '阳光志愿服务中心');
    for (const keyword of ['助老', '社区助老', '老', '阳光', 'walk', 'WALK', '２０２６']) {
      expect({ keyword, found: keywordTokens(keyword).every((t) => tokens.includes(t)) }).toEqual({ keyword, found: true });
    }
    for (const keyword of ['老助', '环保', 'run']) {
      expect({ keyword, found: keywordTokens(keyword).every((t) => tokens.includes(t)) }).toEqual({ keyword, found: false });
    }
    expect(keywordTokens('  ，。 ')).toEqual([]);
  });

  test('property: every substring of a title is found', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'社区助老环保阳光志愿服务'.split('')), minLength: 1, maxLength: 12 }), fc.nat(), fc.nat(), (title, a, b) => {
        const chars = Array.from(title);
        const from = a % chars.length;
        const to = from + 1 + (b % (chars.length - from));
        const keyword = chars.slice(from, to).join('');
        const tokens = searchTokens(title);
        expect(keywordTokens(keyword).every((t) => tokens.includes(t))).toBe(true);
      }),
    );
  });
});

describe('cursors', () => {
  test('round trip, and junk is refused', () => {
    const c = { v: 1234.5, ids: ['p1', 'p_2'] };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    for (const junk of ['', 'xyz', encodeCursor({ v: 'a', ids: [] } as never), Buffer.from('{"v":1,"ids":["$where"]}').toString('base64url')]) {
      expect(decodeCursor(junk)).toBeUndefined();
    }
  });
  test('ties at the boundary accumulate', () => {
    const first = cursorAfter([{ id: 'a', v: 1 }, { id: 'b', v: 2 }, { id: 'c', v: 2 }], undefined);
    expect(first).toEqual({ v: 2, ids: ['b', 'c'] });
    expect(cursorAfter([{ id: 'd', v: 2 }], first)).toEqual({ v: 2, ids: ['b', 'c', 'd'] });
    expect(cursorAfter([{ id: 'e', v: 3 }], first)).toEqual({ v: 3, ids: ['e'] });
  });
});

describe('shift days (discovery by date range)', () => {
  const at = (iso: string) => new Date(iso);
  test('Shanghai days: 16:00 UTC is already the next day there; a shift ending at midnight is not on the next day', () => {
    expect(shanghaiDayNumber(at('2026-12-01T15:59:59Z'))).toBe(shanghaiDayNumber(at('2026-11-30T16:00:00Z')));
    expect(shanghaiDayNumber(at('2026-12-01T16:00:00Z'))).toBe(shanghaiDayNumber(at('2026-12-01T15:59:59Z')) + 1);
    const dec2 = shanghaiDayNumber(at('2026-12-02T01:00:00Z'));
    // 2 Dec 20:00 to 3 Dec 00:00 in Shanghai, and an overnight shift 2 Dec 22:00 to 4 Dec 01:00.
    expect(shiftDays([{ startsAt: at('2026-12-02T12:00:00Z'), endsAt: at('2026-12-02T16:00:00Z') }])).toEqual([dec2]);
    expect(shiftDays([{ startsAt: at('2026-12-02T14:00:00Z'), endsAt: at('2026-12-03T17:00:00Z') }])).toEqual([dec2, dec2 + 1, dec2 + 2]);
  });

  test('several shifts: each day once, ascending, the days between left out', () => {
    const shifts = [
      { startsAt: at('2026-12-12T01:00:00Z'), endsAt: at('2026-12-12T03:00:00Z') },
      { startsAt: at('2026-12-05T01:00:00Z'), endsAt: at('2026-12-05T03:00:00Z') },
      { startsAt: at('2026-12-05T06:00:00Z'), endsAt: at('2026-12-05T08:00:00Z') },
    ];
    const dec5 = shanghaiDayNumber(at('2026-12-05T01:00:00Z'));
    expect(shiftDays(shifts)).toEqual([dec5, dec5 + 7]);
  });
});
