// The answer codecs of the request records (idempotency.ts): plain JSON for most actions; sealed — encrypted with the
// data key ring — for an action whose answer holds personal data in full (help.contact), so the record holds none.
import { generateKeyEnv, keyRingFromEnv } from '../security/crypto';
import { PLAIN_ANSWERS, sealedAnswers } from './idempotency';

const ring = keyRingFromEnv(generateKeyEnv());
const answer = { ok: true, data: { name: '王秀英', phone: '13812345678' } };

test('a sealed answer opens to the same answer and keeps neither the phone nor the name in the stored text', () => {
  const codec = sealedAnswers(ring);
  const stored = codec.seal(answer);
  expect(stored).not.toContain('13812345678');
  expect(stored).not.toContain('王秀英');
  expect(codec.open(stored)).toEqual(answer);
  // Each sealing is fresh (its own nonce): two records of one answer do not even look alike.
  expect(codec.seal(answer)).not.toBe(stored);
});

test('plain answers are JSON both ways; a sealed codec still opens a plain record; another key ring cannot open a sealed one', () => {
  expect(PLAIN_ANSWERS.open(PLAIN_ANSWERS.seal(answer))).toEqual(answer);
  expect(sealedAnswers(ring).open(JSON.stringify(answer))).toEqual(answer);
  const other = sealedAnswers(keyRingFromEnv(generateKeyEnv()));
  expect(() => other.open(sealedAnswers(ring).seal(answer))).toThrow();
});
