// The records function's pure rules: the interval a record may have, the activity filled from the project, overlap
// (half-open, only records still in play), ids fixed per batch and volunteer, and hour codes' alphabet.
import type { ProjectDoc } from '../_shared/documents/project';
import { activityOf, bulkRecordId, checkInterval, expiryAllowed, hourCodeRecordId, HOUR_CODE_ALPHABET, newHourCode, normaliseHourCode, overlapping } from './rules';

const now = new Date('2026-12-02T02:00:00Z');
const at = (iso: string) => new Date(iso);

describe('checkInterval', () => {
  test.each([
    ['2026-12-01T01:00:00Z', '2026-12-01T03:30:00Z', { ok: true, value: { minutes: 150 } }],
    ['2026-12-01T01:00:00Z', '2026-12-01T01:00:00Z', expect.objectContaining({ ok: false, message: '结束时间要晚于开始时间' })],
    ['2026-12-02T01:00:00Z', '2026-12-02T02:01:00Z', expect.objectContaining({ ok: false, message: '服务还没有结束，结束后再登记' })],
    ['2026-12-02T01:00:00Z', '2026-12-02T02:00:00Z', { ok: true, value: { minutes: 60 } }],
    ['2025-12-01T01:59:00Z', '2025-12-01T03:00:00Z', expect.objectContaining({ ok: false, message: '只能登记 365 天内的服务' })],
    ['2025-12-02T02:00:00Z', '2025-12-02T03:00:00Z', { ok: true, value: { minutes: 60 } }],
    ['2026-11-30T00:00:00Z', '2026-12-01T00:01:00Z', expect.objectContaining({ ok: false, message: '一条记录最长 24 小时；跨天的服务请按天分别登记' })],
    ['2026-11-30T00:00:00Z', '2026-12-01T00:00:00Z', { ok: true, value: { minutes: 1440 } }],
    ['2026-12-01T01:00:30Z', '2026-12-01T03:00:00Z', expect.objectContaining({ ok: false, code: 'RECORD_TIME_INVALID' })],
  ])('%s – %s', (start, end, expected) => {
    expect(checkInterval(at(start), at(end), now)).toEqual(expected);
  });
});

test('activityOf: the maker\'s words first, then the project\'s; the date is Shanghai\'s', () => {
  const project = { title: '西湖公园环保行动', place: { address: '鼓楼区西湖' }, serviceObjects: ['public'], content: '捡拾垃圾', contact: { name: '王五' } } as unknown as ProjectDoc;
  expect(activityOf({ name: '  ', leader: '赵六' }, project, at('2026-11-30T17:00:00Z'))).toEqual({
    name: '西湖公园环保行动',
    date: '2026-12-01',
    place: '鼓楼区西湖',
    serviceObjects: ['public'],
    content: '捡拾垃圾',
    leader: '赵六',
  });
  expect(activityOf({}, null, at('2026-11-30T15:59:00Z'))).toEqual({ name: '', date: '2026-11-30', place: '', serviceObjects: [], content: '', leader: '' });
});

test('overlapping: half-open, and rejected, revoked or superseded records block nothing', () => {
  const r = (startsAt: string, endsAt: string, status: 'pending' | 'confirmed' | 'rejected' | 'revoked' = 'pending', current = true) => ({ startsAt: at(startsAt), endsAt: at(endsAt), status, current });
  const start = at('2026-12-01T02:00:00Z');
  const end = at('2026-12-01T04:00:00Z');
  expect(overlapping([r('2026-12-01T00:00:00Z', '2026-12-01T02:00:00Z')], start, end)).toBeNull();
  expect(overlapping([r('2026-12-01T04:00:00Z', '2026-12-01T05:00:00Z')], start, end)).toBeNull();
  expect(overlapping([r('2026-12-01T03:59:00Z', '2026-12-01T05:00:00Z', 'confirmed')], start, end)).not.toBeNull();
  expect(overlapping([r('2026-12-01T01:00:00Z', '2026-12-01T05:00:00Z', 'rejected'), r('2026-12-01T01:00:00Z', '2026-12-01T05:00:00Z', 'revoked'), r('2026-12-01T01:00:00Z', '2026-12-01T05:00:00Z', 'confirmed', false)], start, end)).toBeNull();
});

test('record ids are fixed per batch and volunteer, and differ between kinds of batch', () => {
  expect(bulkRecordId('bb_1', 'v_1')).toBe(bulkRecordId('bb_1', 'v_1'));
  expect(bulkRecordId('bb_1', 'v_1')).not.toBe(bulkRecordId('bb_1', 'v_2'));
  expect(bulkRecordId('x', 'v_1').slice(3)).not.toBe(hourCodeRecordId('x', 'v_1').slice(3));
});

test('hour codes: unambiguous characters; typed in any case with spaces or dashes; anything else is no code', () => {
  expect(HOUR_CODE_ALPHABET).not.toMatch(/[01OIL]/);
  for (let i = 0; i < 200; i++) expect(newHourCode()).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  expect(newHourCode(() => 0)).toBe('2222-2222');
  expect(normaliseHourCode(' 7kq3-m9xp ')).toBe('7KQ3M9XP');
  expect(normaliseHourCode('7KQ3 M9XP')).toBe('7KQ3M9XP');
  expect(normaliseHourCode('7KQ3-M9X0')).toBeNull();
  expect(normaliseHourCode('7KQ3-M9X')).toBeNull();
  expect(expiryAllowed(at('2026-12-02T02:00:01Z'), now)).toBe(true);
  expect(expiryAllowed(now, now)).toBe(false);
  expect(expiryAllowed(at('2027-03-02T02:00:01Z'), now)).toBe(false);
});
