import { answersToReport, templatesToAsk } from './subscribe';

test('the ids asked: blanks and repeats dropped, three at most', () => {
  expect(templatesToAsk(['a', '', 'b', 'a', 'c', 'd'])).toEqual(['a', 'b', 'c']);
  expect(templatesToAsk([])).toEqual([]);
});

test('answers reported: the asked ids with a known answer only', () => {
  const answers = { errMsg: 'requestSubscribeMessage:ok', a: 'accept', b: 'reject', c: 'ban', d: 'filter', e: 'accept', f: 'maybe' };
  expect(answersToReport(['a', 'b', 'c', 'd', 'f'], answers)).toEqual({ a: 'accept', b: 'reject', c: 'ban', d: 'filter' });
  expect(answersToReport(['a'], { errMsg: 'requestSubscribeMessage:ok' })).toEqual({});
});
