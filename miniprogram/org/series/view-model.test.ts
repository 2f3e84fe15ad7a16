// 排班助手, pure: the proposal in words (filled of places left, candidates, the optimality note), 移除 / 恢复 before
// sending, the pairs left, each answer on its person, and a half-sent proposal sending only the rest.
import type { SeriesProposalResponse } from '../../../typings/match';
import { SERIES_TEXT, markedSent, pairsOf, toState, toggledPerson, withResults } from './view-model';

const proposal = (extra: Partial<SeriesProposalResponse> = {}): SeriesProposalResponse => ({
  projectId: 'p1',
  projectTitle: '周末助老',
  shifts: [
    { shiftId: 's1', startsAt: '2026-12-05T01:00:00.000Z', endsAt: '2026-12-05T03:00:00.000Z', placesLeft: 2, proposed: [{ candidateId: 'a', nameMasked: '张*' }, { candidateId: 'b', nameMasked: '李*' }] },
    { shiftId: 's2', startsAt: '2026-12-06T01:00:00.000Z', endsAt: '2026-12-06T03:00:00.000Z', placesLeft: 3, proposed: [{ candidateId: 'a', nameMasked: '张*' }] },
    { shiftId: 's3', startsAt: '2026-12-07T01:00:00.000Z', endsAt: '2026-12-07T03:00:00.000Z', placesLeft: 1, proposed: [] },
  ],
  filled: 3,
  placesLeft: 6,
  candidates: 2,
  optimal: true,
  ...extra,
});

test('the proposal in words', () => {
  const s = toState('series-1', proposal());
  expect(s).toMatchObject({ status: 'ready', seriesId: 'series-1', title: '周末助老', filledText: '方案填满 3/6 个空缺名额', candidatesText: '考虑了 2 位愿意参加的志愿者', optimalNote: '', toSend: 3, sendText: '发送邀请（3 份）', sent: false });
  expect(s.shifts.map((x) => [x.timeText, x.placesText, x.people.map((p) => p.name)])).toEqual([
    ['12月5日 周六 09:00–11:00', '空缺 2 个，拟邀请 2 人', ['张*', '李*']],
    ['12月6日 周日 09:00–11:00', '空缺 3 个，拟邀请 1 人', ['张*']],
    ['12月7日 周一 09:00–11:00', '空缺 1 个，暂无可邀请的志愿者', []],
  ]);
});

test('optimal: false says plainly that a place may be left a hand could fill', () => {
  expect(toState('x', proposal({ optimal: false })).optimalNote).toBe(SERIES_TEXT.notOptimal);
  expect(SERIES_TEXT.notOptimal).toContain('可能留下一个手动安排能补上的空缺');
});

test('a proposal that fills every open place has no optimality note, chained overlaps or not', () => {
  expect(toState('x', proposal({ optimal: false, filled: 6, placesLeft: 6 })).optimalNote).toBe('');
});

test('移除 takes one person out of one shift only; 恢复 puts them back', () => {
  const s = toState('x', proposal());
  const removed = toggledPerson(s, 's1', 'a');
  expect(removed.shifts[0]!.people[0]!.removed).toBe(true);
  expect(removed.shifts[1]!.people[0]!.removed).toBe(false);
  expect(removed.toSend).toBe(2);
  expect(pairsOf(removed)).toEqual([{ shiftId: 's1', candidateId: 'b' }, { shiftId: 's2', candidateId: 'a' }]);
  const back = toggledPerson(removed, 's1', 'a');
  expect(pairsOf(back)).toEqual(pairsOf(s));
  expect(toggledPerson(s, 's1', 'nobody')).toEqual(s);
});

test('answers on their people; a half-sent proposal sends only the rest; a sent one sends nothing and cannot change', () => {
  const s = toState('x', proposal());
  const half = withResults(s, [{ shiftId: 's1', candidateId: 'a', outcome: 'invited' }, { shiftId: 's1', candidateId: 'b', outcome: 'weeklyCap' }]);
  expect(half.shifts[0]!.people.map((p) => [p.outcomeText, p.tone])).toEqual([['已发送邀请', 'good'], ['本周收到的邀请已满，未发送', 'bad']]);
  // The same person on another shift is another pair.
  expect(half.shifts[1]!.people[0]!.outcomeText).toBe('');
  expect(pairsOf(half)).toEqual([{ shiftId: 's2', candidateId: 'a' }]);
  expect(half.toSend).toBe(1);
  // An answered person is not taken out afterwards.
  expect(toggledPerson(half, 's1', 'a')).toEqual(half);

  // The rest answered on a second try: the summary counts every answer.
  const sent = markedSent(withResults(half, [{ shiftId: 's2', candidateId: 'a', outcome: 'alreadyInvited' }]));
  expect(sent).toMatchObject({ sent: true, busy: false, toSend: 0, sendText: '发送邀请', summary: '已发送 1 份邀请，2 位未发送（见各行说明）' });
  expect(sent.shifts[1]!.people[0]!.outcomeText).toBe('之前已邀请过，未重复发送');
  expect(pairsOf(sent)).toEqual([]);
  expect(toggledPerson(sent, 's2', 'a')).toBe(sent);
});

test('nothing proposed: nothing to send', () => {
  const s = toState('x', proposal({ shifts: [], filled: 0, placesLeft: 0, candidates: 0 }));
  expect(s).toMatchObject({ toSend: 0, sendText: '发送邀请', filledText: '方案填满 0/0 个空缺名额' });
  expect(pairsOf(s)).toEqual([]);
});
