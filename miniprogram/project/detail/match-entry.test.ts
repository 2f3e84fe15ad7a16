// 项目详情's ways into matching, pure: 推荐志愿者 only for the organization's admins on a shift still recruiting (the
// project recruiting, places left, not cancelled, not started); 排班助手 once per series with such a shift, dated when
// the project has several series.
import type { ProjectDetail, ShiftView } from '../../../typings/project-actions';
import { toDetailView } from './view-model';

const NOW = new Date('2026-12-01T00:00:00.000Z');
const shift = (shiftId: string, startsAt: string, extra: Partial<ShiftView> = {}): ShiftView => ({
  shiftId,
  startsAt,
  endsAt: new Date(Date.parse(startsAt) + 2 * 3600_000).toISOString(),
  places: 3,
  placesLeft: 2,
  waitlisted: 0,
  cancelled: false,
  ...extra,
});

function detail(shifts: ShiftView[], extra: Partial<ProjectDetail> = {}): ProjectDetail {
  return {
    projectId: 'p1',
    orgId: 'o1',
    orgName: '鼓楼区阳光志愿服务中心',
    title: '社区助老服务',
    category: 'elderly',
    serviceObjects: ['elderly'],
    content: '陪伴社区老人',
    status: 'recruiting',
    conditions: { skills: [], scope: 'open', minorsAllowed: false },
    place: { address: '福州市鼓楼区五四路100号', longitude: 119.3, latitude: 26.08, regionCode: '350102', checkinRadiusM: 300 },
    risk: { disclosure: '注意防晒', risky: false, insured: false },
    contact: { name: '王五', phoneMasked: '139****1111' },
    approvalMode: 'automatic',
    cancelCutoffHours: 24,
    startsAt: shifts[0]?.startsAt ?? NOW.toISOString(),
    endsAt: shifts[0]?.endsAt ?? NOW.toISOString(),
    shifts,
    going: { names: [], count: 0 },
    mySignups: [],
    canEdit: true,
    ...extra,
  };
}

const shifts = [
  shift('open', '2026-12-05T01:00:00.000Z', { seriesId: 'weekly' }),
  shift('full', '2026-12-06T01:00:00.000Z', { seriesId: 'weekly', placesLeft: 0 }),
  shift('cancelled', '2026-12-07T01:00:00.000Z', { seriesId: 'daily', cancelled: true }),
  shift('started', '2026-11-30T23:00:00.000Z', { seriesId: 'past' }),
  shift('single', '2026-12-08T01:00:00.000Z'),
];

test('推荐志愿者 on shifts still recruiting; 排班助手 once for a series with one', () => {
  const v = toDetailView(detail(shifts), NOW);
  expect(v.shifts.map((s) => [s.shiftId, s.canSuggest])).toEqual([
    ['open', true],
    ['full', false],
    ['cancelled', false],
    ['started', false],
    ['single', true],
  ]);
  expect(v.seriesLinks).toEqual([{ seriesId: 'weekly', label: '排班助手' }]);
});

test('several series with open shifts: each link says from when', () => {
  const v = toDetailView(detail([shift('a', '2026-12-05T01:00:00.000Z', { seriesId: 'sat' }), shift('b', '2026-12-06T01:00:00.000Z', { seriesId: 'sun' }), shift('c', '2026-12-12T01:00:00.000Z', { seriesId: 'sat' })]), NOW);
  expect(v.seriesLinks).toEqual([
    { seriesId: 'sat', label: '排班助手（12月5日起的重复班次）' },
    { seriesId: 'sun', label: '排班助手（12月6日起的重复班次）' },
  ]);
});

test('nobody but the admins, and only while the project recruits', () => {
  for (const v of [toDetailView(detail(shifts, { canEdit: false }), NOW), toDetailView(detail(shifts, { status: 'in_progress' }), NOW), toDetailView(detail(shifts, { status: 'finished' }), NOW)]) {
    expect(v.shifts.some((s) => s.canSuggest)).toBe(false);
    expect(v.seriesLinks).toEqual([]);
  }
});
