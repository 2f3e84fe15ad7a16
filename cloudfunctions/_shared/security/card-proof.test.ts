// The static card proof's tag: bound to the volunteer document, the account holding it and the number, under the
// deployment's key — any of them changing (a claim moving the record, another key) and the old code stops matching.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { CARD_PROOF_LENGTH, parseCardProof } from '../../../miniprogram/domain/card-proof';
import { iso7064Mod11_2 } from '../../../miniprogram/domain/checksum';
import { cardProofMatches, issueCardProof } from './card-proof';

const key = randomBytes(32);
const holder = { _id: 'vol-abc123', userId: 'u_owner', volunteerNo: `ZY350102260000017${iso7064Mod11_2('350102260000017')}` };

function parts(code: string) {
  const parsed = parseCardProof(code);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

test('a code is well formed, deterministic and matches its holder', () => {
  const code = issueCardProof(holder, key);
  expect(code).toHaveLength(CARD_PROOF_LENGTH);
  expect(code.startsWith(holder.volunteerNo)).toBe(true);
  expect(issueCardProof(holder, key)).toBe(code);
  expect(cardProofMatches(parts(code), holder, key)).toBe(true);
});

test('the record moved to another account (a claim), another document, another key: no match', () => {
  const code = parts(issueCardProof(holder, key));
  expect(cardProofMatches(code, { ...holder, userId: 'u_claimant' }, key)).toBe(false);
  expect(cardProofMatches(code, { ...holder, userId: `deleted:${holder._id}` }, key)).toBe(false);
  expect(cardProofMatches(code, { ...holder, _id: 'vol-other' }, key)).toBe(false);
  expect(cardProofMatches(code, holder, randomBytes(32))).toBe(false);
});

test('tags spread over the alphabet: distinct holders get distinct codes', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{6,20}$/), { minLength: 50, maxLength: 50 }), (ids) => {
      const tags = ids.map((id) => issueCardProof({ ...holder, _id: id }, key).slice(18));
      expect(new Set(tags).size).toBe(ids.length);
    }),
    { numRuns: 20 },
  );
});
