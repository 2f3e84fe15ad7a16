// 推荐志愿者, pure: rows from suggestions (reasons joined, 已邀请 / 本周邀请已满 not invitable), choosing, the pairs
// sent, and each answer of match.invite on its row.
import type { Suggestion, SuggestResponse } from '../../../typings/match';
import { chunked, INVITE_CHUNK, OUTCOME_TEXT, sentSummary } from '../common/invite-outcomes';
import { pairsOf, rowOf, toState, toggled, withResults } from './view-model';

const suggestion = (candidateId: string, extra: Partial<Suggestion> = {}): Suggestion => ({
  candidateId,
  nameMasked: '张*',
  reasons: [
    { kind: 'distance', text: '距离 1.2 km' },
    { kind: 'skill', text: '技能：急救' },
    { kind: 'availability', text: '周六上午有空' },
  ],
  invitesLeft: 3,
  ...extra,
});

const response = (suggestions: Suggestion[]): SuggestResponse => ({
  shift: { shiftId: 's1', projectId: 'p1', projectTitle: '社区助老服务', startsAt: '2026-12-05T01:00:00.000Z', endsAt: '2026-12-05T03:30:00.000Z', places: 5, placesLeft: 2, seriesId: 'series-1' },
  suggestions,
});

test('a row: masked name, reasons joined with " · ", invitable unless invited or capped', () => {
  expect(rowOf(suggestion('a'))).toEqual({ candidateId: 'a', name: '张*', reasonsText: '距离 1.2 km · 技能：急救 · 周六上午有空', buttonText: '邀请', canInvite: true, chosen: false, outcomeText: '', tone: '' });
  expect(rowOf(suggestion('a', { invitedAt: '2026-12-01T00:00:00.000Z', invitesLeft: 2 }))).toMatchObject({ buttonText: '已邀请', canInvite: false });
  expect(rowOf(suggestion('a', { invitesLeft: 0 }))).toMatchObject({ buttonText: '本周邀请已满', canInvite: false });
  // Invited to this shift and capped since: 已邀请 is what matters here.
  expect(rowOf(suggestion('a', { invitedAt: '2026-12-01T00:00:00.000Z', invitesLeft: 0 }))).toMatchObject({ buttonText: '已邀请', canInvite: false });
  expect(rowOf(suggestion('a', { reasons: [] })).reasonsText).toBe('');
});

test('the shift in a line, in Shanghai time, and its series', () => {
  const s = toState(response([suggestion('a')]));
  expect(s).toMatchObject({ status: 'ready', shiftId: 's1', title: '社区助老服务', timeText: '12月5日 周六 09:00–11:30', placesText: '剩余 2/5 个名额', seriesId: 'series-1', chosenCount: 0, inviteChosenText: '邀请所选' });
});

test('choosing: only invitable rows, counted on the button; the pairs are the chosen or the one asked for', () => {
  let s = toState(response([suggestion('a'), suggestion('b', { invitesLeft: 0 }), suggestion('c')]));
  s = toggled(toggled(toggled(s, 'a'), 'b'), 'c');
  expect(s.rows.map((r) => r.chosen)).toEqual([true, false, true]);
  expect(s.inviteChosenText).toBe('邀请所选（2 人）');
  expect(pairsOf(s)).toEqual([{ shiftId: 's1', candidateId: 'a' }, { shiftId: 's1', candidateId: 'c' }]);
  expect(pairsOf(s, 'b')).toEqual([]);
  expect(pairsOf(s, 'c')).toEqual([{ shiftId: 's1', candidateId: 'c' }]);
  expect(toggled(s, 'a').chosenCount).toBe(1);
  expect(toggled(s, 'nobody')).toEqual(s);
});

test('each outcome on its row, in words; answered rows can no longer be chosen or invited', () => {
  let s = toState(response(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => suggestion(id))));
  for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) s = toggled(s, id);
  s = withResults(s, [
    { shiftId: 's1', candidateId: 'a', outcome: 'invited' },
    { shiftId: 's1', candidateId: 'b', outcome: 'alreadyInvited' },
    { shiftId: 's1', candidateId: 'c', outcome: 'weeklyCap' },
    { shiftId: 's1', candidateId: 'd', outcome: 'notEligible' },
    { shiftId: 's1', candidateId: 'e', outcome: 'shiftClosed' },
    // Another shift's answer is not this page's.
    { shiftId: 'other', candidateId: 'f', outcome: 'invited' },
  ]);
  expect(s.rows.map((r) => [r.buttonText, r.outcomeText, r.tone, r.canInvite])).toEqual([
    ['已邀请', '已发送邀请', 'good', false],
    ['已邀请', '之前已邀请过，未重复发送', 'off', false],
    ['本周邀请已满', '本周收到的邀请已满，未发送', 'bad', false],
    ['无法邀请', '已不符合报名条件或已报名，未发送', 'bad', false],
    ['无法邀请', '班次已满员、已开始或已取消，未发送', 'bad', false],
    ['邀请', '', '', true],
  ]);
  expect(s.chosenCount).toBe(1);
  expect(pairsOf(s)).toEqual([{ shiftId: 's1', candidateId: 'f' }]);
  expect(Object.values(OUTCOME_TEXT).every((t) => /[\u4e00-\u9fa5]/.test(t))).toBe(true);
});

test('pairs go 50 a call, in order, none lost', () => {
  const items = Array.from({ length: 123 }, (_, i) => i);
  const chunks = chunked(items);
  expect(chunks.map((c) => c.length)).toEqual([50, 50, 23]);
  expect(chunks.flat()).toEqual(items);
  expect(INVITE_CHUNK).toBe(50);
  expect(chunked([])).toEqual([]);
  expect(chunked(Array.from({ length: 50 }, (_, i) => i))).toHaveLength(1);
});

test('the summary says how many were sent and how many not', () => {
  expect(sentSummary(3, 3)).toBe('已发送 3 份邀请');
  expect(sentSummary(2, 5)).toBe('已发送 2 份邀请，3 位未发送（见各行说明）');
});
