import type { HelpRole, HelpStatus } from '../../../typings/help';
import { HELP_STATUSES, decide } from '../../../cloudfunctions/help/state';
import { needView } from '../../test-support/help';
import { contactViewLines, contactViewsSummary, emptyRating, ratingProblem, TIMES_SHOWN, toMineView, withdrawConfirm, WITHDRAWABLE } from './view-model';

const requester = new Set<HelpRole>(['requester']);

test('撤回 and 评价 are offered exactly where the state machine lets the requester make them', () => {
  for (const status of HELP_STATUSES) {
    const [row] = toMineView([needView({ status })], '').rows;
    expect([status, row!.canWithdraw]).toEqual([status, decide(status, 'withdraw', requester).ok]);
    expect([status, row!.canRate]).toEqual([status, decide(status, 'rate', requester).ok]);
  }
  expect(WITHDRAWABLE).toEqual(['pending', 'dispatched', 'unmatched']);
});

test('an expired need says its time passed and invites to submit again with a new time; nothing else to do on it', () => {
  const [row] = toMineView([needView({ status: 'expired', statusLabel: '已过期' })], '').rows;
  expect(row).toEqual(expect.objectContaining({ statusLabel: '已过期', tone: 'closed', canResubmit: true, canWithdraw: false, canRate: false }));
  expect(row!.statusHint).toBe('服务时间已过，这条求助没能安排上。如仍需要帮助，请换一个新的时间重新提交。');
  for (const status of HELP_STATUSES.filter((s) => s !== 'expired')) expect(toMineView([needView({ status })], '').rows[0]!.canResubmit).toBe(false);
});

test('the linked need is marked; each status that asks something of the person says what', () => {
  const view = toMineView([needView({ id: 'a' }), needView({ id: 'b', status: 'served' as HelpStatus })], 'b');
  expect(view.rows.map((r) => [r.id, r.highlighted])).toEqual([['a', false], ['b', true]]);
  expect(view.rows[0]!.statusHint).toBe('等待平台或当地组织核实，核实前不会公开。');
  expect(view.rows[1]!.statusHint).toBe('服务已完成，请为这次服务打分。');
  expect(toMineView([needView({ status: 'rated' })], '').rows[0]!.statusHint).toBe('');
});

test('a rating needs 1–5 stars and at most 100 characters of comment', () => {
  expect(ratingProblem(emptyRating())).toBe('请点选 1–5 颗星');
  expect(ratingProblem({ stars: 5, comment: '', error: '' })).toBe('');
  expect(ratingProblem({ stars: 3, comment: '好'.repeat(100), error: '' })).toBe('');
  expect(ratingProblem({ stars: 3, comment: '好'.repeat(101), error: '' })).toBe('评价不超过 100 字');
  expect(ratingProblem({ stars: 6, comment: '', error: '' })).toBe('请点选 1–5 颗星');
});

test('the withdraw confirm names the need and who will hear of it', () => {
  expect(withdrawConfirm({ what: '陪独居老人去社区医院复诊', status: 'pending' })).toEqual({
    title: '撤回这条求助？',
    content: '「陪独居老人去社区医院复诊」撤回后不能恢复，核实人员将不再处理它。',
    confirmText: '撤回',
    destructive: true,
  });
  expect(withdrawConfirm({ what: '陪诊', status: 'dispatched' }).content).toContain('已收到派单的组织会收到通知');
});

test('who looked at the phone: one line per organization, in the order they first looked, Shanghai times; none, no line', () => {
  expect(toMineView([needView()], '').rows[0]!.contactViewLines).toEqual([]);
  // As help.mine answers them: newest first.
  const views = [
    { byName: '鼓楼区志愿服务队', at: '2026-12-03T01:05:00.000Z' },
    { byName: '平台', at: '2026-12-02T07:00:00.000Z' },
    { byName: '鼓楼区志愿服务队', at: '2026-12-02T06:30:00.000Z' },
  ];
  const [row] = toMineView([needView({ contactViews: views, contactViewsTotal: 3 })], '').rows;
  expect(row!.contactViewLines).toEqual([
    { key: '0', text: '「鼓楼区志愿服务队」查看了你的联系电话（12月2日 14:30、12月3日 09:05）' },
    { key: '1', text: '「平台」查看了你的联系电话（12月2日 15:00）' },
  ]);
  // All of them listed: no count to add.
  expect(row!.contactViewsSummary).toBe('');
  // Many looks are counted, the latest few listed.
  const many = Array.from({ length: TIMES_SHOWN + 2 }, (_, i) => ({ byName: '台江区助老队', at: new Date(Date.UTC(2026, 11, 7 - i, 2)).toISOString() }));
  expect(contactViewLines(many)).toEqual([{ key: '0', text: '「台江区助老队」查看了你的联系电话 7 次（最近：12月3日 10:00、12月4日 10:00、12月5日 10:00、12月6日 10:00、12月7日 10:00）' }]);
});

test('more looks than help.mine lists: the card says how many in all and that the newest are shown', () => {
  const newest = Array.from({ length: 20 }, (_, i) => ({ byName: '平台', at: new Date(Date.UTC(2026, 11, 20, 10, 59 - i)).toISOString() }));
  const [row] = toMineView([needView({ contactViews: newest, contactViewsTotal: 35 })], '').rows;
  expect(row!.contactViewsSummary).toBe('你的联系电话共被查看 35 次，下面是最近 20 次');
  expect(row!.contactViewLines).toEqual([{ key: '0', text: expect.stringMatching(/^「平台」查看了你的联系电话 20 次（最近：12月20日 18:55、.*12月20日 18:59）$/) }]);
  expect(contactViewsSummary({ contactViews: newest, contactViewsTotal: 20 })).toBe('');
});
