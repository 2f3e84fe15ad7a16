import { needView } from '../../test-support/help';
import { decisionConfirm, draftProblem, emptyDraft, queueItems, resultText, toQueueRow } from './view-model';

test('a queued need offers the three methods, the chosen one checked (电话 first)', () => {
  const row = toQueueRow(needView(), emptyDraft());
  expect(row.methodChoices).toEqual([
    { code: 'call', label: '电话', checked: true },
    { code: 'visit', label: '上门', checked: false },
    { code: 'evidence', label: '材料', checked: false },
  ]);
  expect(toQueueRow(needView(), { ...emptyDraft(), method: 'evidence' }).methodChoices.filter((m) => m.checked).map((m) => m.code)).toEqual(['evidence']);
  expect(row.contactText).toBe('王芳 138****5678');
});

test('the note is required: 2–200 characters, in the server’s words', () => {
  expect(draftProblem(emptyDraft())).toBe('请写明核实情况（2–200 字）：联系了谁、看到了什么或证据说明');
  expect(draftProblem({ ...emptyDraft(), note: ' 是 ' })).not.toBe('');
  expect(draftProblem({ ...emptyDraft(), note: '已电话联系本人' })).toBe('');
});

test('the answer in words: offered to N organizations, M volunteers told; none found; rejected', () => {
  expect(resultText('verify', { status: 'dispatched', offeredTo: 1, volunteersTold: 0 })).toBe('已核实，已派给 1 家组织。');
  expect(resultText('verify', { status: 'dispatched', offeredTo: 3, volunteersTold: 7 })).toBe('已核实，已派给 3 家组织，已通知附近 7 位愿意响应的志愿者。');
  expect(resultText('verify', { status: 'unmatched', offeredTo: 0, volunteersTold: 0 })).toBe('已核实，但附近暂时没有接单的组织，求助人会收到通知。');
  expect(resultText('reject', { status: 'rejected', offeredTo: 0, volunteersTold: 0 })).toBe('已标记为未通过核实，求助人会收到你写的说明。');
  expect(decisionConfirm('reject').destructive).toBe(true);
  expect(decisionConfirm('verify').content).toContain('公开（不含联系方式）');
});

test('the queue drops a need once its start has passed (it can no longer be verified), but keeps one decided here with its answer', () => {
  const start = new Date(needView().startsAt);
  const items = [needView({ id: 'waiting' }), needView({ id: 'decided', status: 'dispatched' }), needView({ id: 'gone', status: 'expired' })];
  const before = new Date(start.getTime() - 1);
  expect(queueItems(items, new Set(['decided']), before).map((v) => v.id)).toEqual(['waiting', 'decided']);
  expect(queueItems(items, new Set(['decided']), start).map((v) => v.id)).toEqual(['decided']);
  expect(queueItems(items, new Set(), start).map((v) => v.id)).toEqual([]);
});
