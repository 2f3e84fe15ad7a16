import { codeFromQuery, validUntilText } from './view-model';

test('the code from the query', () => {
  expect(codeFromQuery({ code: 'AB%20CD ' })).toBe('AB CD');
  expect(codeFromQuery({ code: '%E0%A4%A' })).toBe('%E0%A4%A');
  expect(codeFromQuery(undefined)).toBe('');
});

test('validity is shown in Beijing time', () => {
  expect(validUntilText('2026-11-30T16:30:00.000Z')).toBe('有效期至 2026-12-01 00:30');
  expect(validUntilText('not a date')).toBe('');
});
