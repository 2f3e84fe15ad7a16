import type { MyHoursResponse, RecordView } from '../../../typings/hours-actions';
import { formatHours, groupByOrganization, toHoursView } from './view-model';

describe('formatHours', () => {
  it.each([
    [0, '0.0'],
    [5, '0.0'],
    [6, '0.1'],
    [59, '0.9'],
    [60, '1.0'],
    [90, '1.5'],
    [125, '2.0'],
    [150, '2.5'],
    [6000, '100.0'],
    [-30, '0.0'],
  ])('%i minutes → %s hours', (minutes, text) => {
    expect(formatHours(minutes)).toBe(text);
  });
});

const record = (over: Partial<RecordView> = {}): RecordView => ({
  recordId: 'r1',
  revision: 1,
  orgId: 'o1',
  orgName: '阳光志愿服务中心',
  kind: 'service',
  source: 'onsite',
  status: 'confirmed',
  displayStatus: 'confirmed',
  activityName: '社区清洁',
  activityDate: '2026-11-28',
  place: '五四路',
  startsAt: '2026-11-28T01:00:00.000Z',
  endsAt: '2026-11-28T03:30:00.000Z',
  minutes: 150,
  ...over,
});

const mine = (over: Partial<MyHoursResponse> = {}): MyHoursResponse => ({
  serviceMinutes: 0,
  trainingMinutes: 0,
  star: { profile: 'national', level: null, nextThresholdHours: 100, minutesToNext: 6000, progress: 0 },
  records: [],
  pending: [],
  openCorrections: [],
  ...over,
});

describe('toHoursView', () => {
  it('is empty with no records', () => {
    expect(toHoursView({ ok: true, data: mine() })).toMatchObject({ status: 'ready', totalText: '0.0', isEmpty: true, starText: '尚未获得星级', progressText: '距 1 星（100 小时）还差 100.0 小时' });
  });

  it('shows the total, the star and the progress to the next', () => {
    const view = toHoursView({ ok: true, data: mine({ serviceMinutes: 12_000, trainingMinutes: 90, star: { profile: 'national', level: 1, nextThresholdHours: 300, minutesToNext: 6000, progress: 0.5 }, records: [record()] }) });
    expect(view).toMatchObject({ totalText: '200.0', starText: '★ 1星志愿者', progressPercent: 50, progressText: '距 2 星（300 小时）还差 100.0 小时', trainingText: '另有培训 1.5 小时（不计入服务时长）' });
    expect(view.groups[0]!.rows[0]).toMatchObject({ whenText: '2026-11-28 09:00–11:30', hoursText: '2.5 小时', statusText: '已确认' });
  });

  it('at the top level there is no next star', () => {
    expect(toHoursView({ ok: true, data: mine({ star: { profile: 'beijing', level: 5, nextThresholdHours: null, minutesToNext: 0, progress: 1 } }) })).toMatchObject({ progressText: '已达到最高星级', progressPercent: 100 });
  });

  it('not registered and failures say so', () => {
    expect(toHoursView({ ok: false, error: { code: 'NOT_REGISTERED', message: '请先注册' } })).toMatchObject({ status: 'unregistered', message: '请先注册' });
    expect(toHoursView({ ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用' } })).toMatchObject({ status: 'error' });
  });
});

test('records group by organization in order, later pages appended to their groups', () => {
  const first = groupByOrganization([], [record({ recordId: 'a' }), record({ recordId: 'b', orgId: 'o2', orgName: '红十字' }), record({ recordId: 'c', displayStatus: 'corrected' })]);
  expect(first.map((g) => [g.orgName, g.rows.map((r) => r.recordId)])).toEqual([
    ['阳光志愿服务中心', ['a', 'c']],
    ['红十字', ['b']],
  ]);
  expect(first[0]!.rows[1]!.statusText).toBe('已更正');
  const more = groupByOrganization(first, [record({ recordId: 'd', orgId: 'o2', orgName: '红十字', status: 'rejected', displayStatus: 'rejected', reason: '未到场' })]);
  expect(more[1]!.rows.map((r) => [r.recordId, r.note])).toEqual([
    ['b', ''],
    ['d', '原因：未到场'],
  ]);
});
