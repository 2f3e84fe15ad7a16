// 录入时长's view model: progress in words, hours typed as decimals, batches and codes as they read.
import { codeBatchRow, codesText, intervalError, intervalOf, minutesOf, progressText } from './view-model';

test('progress while running and the outcome when finished', () => {
  expect(progressText({ batchId: 'b', total: 130, done: 50, recorded: 48, refused: [], finished: false })).toBe('正在录入：已处理 50/130 人');
  expect(progressText({ batchId: 'b', total: 3, done: 3, recorded: 2, refused: [{ userId: 'u', name: '张*', code: 'NOT_MEMBER', reason: '不是本组织的成员' }], finished: true })).toBe(
    '录入完成：2 人已录入，待确认，1 人未录入（原因见下）',
  );
});

test('the pickers in Shanghai time; an end before the start or in the future is refused', () => {
  const interval = intervalOf('2026-12-01', '09:00', '11:30');
  expect(interval).toEqual({ startsAt: '2026-12-01T01:00:00.000Z', endsAt: '2026-12-01T03:30:00.000Z' });
  expect(intervalError(interval, new Date('2026-12-02T00:00:00Z'))).toBe('');
  expect(intervalError(intervalOf('2026-12-01', '11:30', '09:00'), new Date('2026-12-02T00:00:00Z'))).toBe('结束时间要晚于开始时间');
  expect(intervalError(interval, new Date('2026-12-01T03:00:00Z'))).toBe('服务还没有结束，结束后再录入');
  expect(intervalOf('2026-02-30', '09:00', '10:00')).toBeNull();
});

test('hours typed as decimals become whole minutes; nothing over a day', () => {
  expect(minutesOf('2.5')).toBe(150);
  expect(minutesOf(' 1 ')).toBe(60);
  expect(minutesOf('0')).toBeNull();
  expect(minutesOf('25')).toBeNull();
  expect(minutesOf('两小时')).toBeNull();
});

test('a batch of codes and the codes to copy', () => {
  expect(
    codeBatchRow({ codeBatchId: 'hb', projectId: 'p', projectTitle: '西湖公园环保行动', count: 40, redeemed: 3, minutes: 90, kind: 'training', startsAt: '2026-12-01T01:00:00.000Z', expiresAt: '2026-12-08T01:00:00.000Z', createdAt: '2026-12-01T00:00:00.000Z' }),
  ).toEqual({ id: 'hb', title: '西湖公园环保行动 · 每码 1.5 小时（培训）', detail: '已使用 3/40 · 活动 2026-12-01 09:00 · 有效期至 2026-12-08 09:00' });
  expect(codesText([{ serial: 1, code: 'AAAA-BBBB' }, { serial: 2, code: 'CCCC-DDDD' }])).toBe('1. AAAA-BBBB\n2. CCCC-DDDD');
});
