// The static verification code (核验码) printed on a saved card image. It fits a mini-program code's scene
// (wxacode.getUnlimited: at most 32 visible characters of [0-9A-Za-z!#$&'()*+,/:;=?@-._~]), so the code on the
// image opens the verify-card page with the whole proof, and a person outside WeChat can type the same 32 characters:
//
//   ZY350102260000017X K7QM3XPART9WHC
//   └ volunteer number ┘└ tag: 14 characters of Crockford base32 (70 bits of a keyed hash, made by the server)
//
// Upper-case letters and digits only, so the scene needs no encoding and reading it aloud is unambiguous; the
// Crockford alphabet has no I, L, O or U, and what people mistype for them is folded back (O → 0, I and L → 1).
// Pure: the mini-program checks the shape before asking, the server before looking anything up.
import { iso7064Mod11_2 } from './checksum';
import { CARD_PROOF_MESSAGES } from './messages';
import { err, ok, type Result } from './result';
import { compactCode } from './text';

export const CARD_PROOF_TAG_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CARD_PROOF_TAG_LENGTH = 14;
export const CARD_PROOF_LENGTH = 18 + CARD_PROOF_TAG_LENGTH;
const PROOF_PATTERN = /^(ZY\d{15}[0-9X])([0-9A-HJKMNP-TV-Z]{14})$/;

export interface CardProofParts {
  volunteerNo: string;
  tag: string;
  /** The 32 characters, as the scene carries them. */
  code: string;
}

/** What a person typed (spaces, dashes, lower case, full-width characters) folded to the code's 32 characters. */
export function compactCardProof(input: string): string {
  const compact = compactCode(input).replace(/[-·.]/g, '');
  if (compact.length !== CARD_PROOF_LENGTH) return compact;
  // Only the tag is Crockford: the number keeps its own characters (its X is a check character).
  return compact.slice(0, 18) + compact.slice(18).replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function parseCardProof(input: string): Result<CardProofParts, 'CARD_PROOF_FORMAT'> {
  const code = compactCardProof(input);
  if (code === '') return err('CARD_PROOF_FORMAT', CARD_PROOF_MESSAGES.missing);
  if (code.length !== CARD_PROOF_LENGTH) return err('CARD_PROOF_FORMAT', CARD_PROOF_MESSAGES.length(code.length));
  const m = PROOF_PATTERN.exec(code);
  if (!m) return err('CARD_PROOF_FORMAT', CARD_PROOF_MESSAGES.format);
  const [, volunteerNo, tag] = m;
  if (iso7064Mod11_2(volunteerNo.slice(2, 17)) !== volunteerNo[17]) return err('CARD_PROOF_FORMAT', CARD_PROOF_MESSAGES.checksum);
  return ok({ volunteerNo, tag, code });
}

/** The code as the image prints it: the number, then the tag in groups of four, so it can be read and typed. */
export function spacedCardProof(code: string): string {
  const tag = code.slice(18);
  return [code.slice(0, 18), ...(tag.match(/.{1,4}/g) ?? [])].join(' ');
}
