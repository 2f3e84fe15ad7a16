// Public names of organizations: what may be shown, how it is normalised, and which names look alike. Pure, shared by
// the registration form (as the person types) and the organization function (which stores the similarity keys).
//
// Refused: Unicode control (Cc) and format (Cf) characters — text-direction overrides (U+202E), zero-width spaces and
// joiners (U+200B–U+200D, U+2060, U+FEFF), soft hyphens — which make two different names look the same or one name
// look like another (Unicode TR36 §2 "Visual Security Issues"). Tab and newline are whitespace and collapsed.
// Normalised: NFKC (full-width letters, digits and punctuation folded to ASCII, compatibility forms to their base, as
// UAX #15 prescribes for identifiers), whitespace collapsed to one space, trimmed.
// Alike: the similarity key drops case, spaces, punctuation and one common generic suffix (志愿服务队, 志愿者协会…), so
// 阳光志愿服务队 and 阳光志愿者协会 share it; names whose keys differ by one character (one edit) are alike too.
import { ORGANIZATION_MESSAGES } from './messages';
import { err, ok, type Result } from './result';
import { charLength } from './text';

/** Cc and Cf except the whitespace controls (tab, newline, carriage return), which are collapsed instead. */
const CONTROL_OR_FORMAT = /(?![\t\n\r])[\p{Cc}\p{Cf}]/u;

export function hasControlOrFormat(text: string): boolean {
  return CONTROL_OR_FORMAT.test(text);
}

/** Hex code point of the first refused character, for a message the person can act on ("U+202E"). */
function firstRefused(text: string): string {
  const match = CONTROL_OR_FORMAT.exec(text);
  return match ? `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : '';
}

/** NFKC, whitespace collapsed, trimmed. */
export function normalisePublicText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

export const MIN_NAME_CHARS = 2;
export const MAX_NAME_CHARS = 50;

/** The name as stored and shown, or why it cannot be one. */
export function validateOrganizationName(input: string): Result<string, 'NAME_INVALID'> {
  if (hasControlOrFormat(input)) {
    return err('NAME_INVALID', ORGANIZATION_MESSAGES.nameControl(firstRefused(input)));
  }
  const name = normalisePublicText(input);
  const length = charLength(name);
  if (length < MIN_NAME_CHARS || length > MAX_NAME_CHARS) {
    return err('NAME_INVALID', name === '' ? ORGANIZATION_MESSAGES.nameMissing : ORGANIZATION_MESSAGES.nameLength(length));
  }
  return ok(name);
}

/** Other public text of an organization (address, authority; `field` names it): control and format characters refused, then normalised. */
export function cleanPublicText(input: string, field: string): Result<string, 'CONTROL_CHARACTER'> {
  if (hasControlOrFormat(input)) return err('CONTROL_CHARACTER', ORGANIZATION_MESSAGES.textControl(field, firstRefused(input)));
  return ok(normalisePublicText(input));
}

/**
 * Generic endings that say what kind of group it is, not which one; the longest that fits is dropped once.
 * Sorted longest first so 志愿服务中心 wins over 中心.
 */
export const GENERIC_SUFFIXES: readonly string[] = [
  '志愿者服务总队',
  '志愿服务联合会',
  '志愿者联合会',
  '志愿服务协会',
  '志愿服务中心',
  '志愿者服务队',
  '志愿服务总队',
  '志愿者协会',
  '志愿服务队',
  '志愿服务站',
  '志愿服务社',
  '志愿者之家',
  '志愿者队',
  '志愿者团',
  '志愿队',
  '服务队',
  '联合会',
  '协会',
  '中心',
  '小队',
  '分队',
].sort((a, b) => charLength(b) - charLength(a));

/** Case, spaces and punctuation dropped, then one generic suffix (keeping at least two characters). */
export function nameKey(name: string): string {
  const bare = normalisePublicText(name).toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
  for (const suffix of GENERIC_SUFFIXES) {
    if (bare.endsWith(suffix) && charLength(bare) - charLength(suffix) >= MIN_NAME_CHARS) return bare.slice(0, bare.length - suffix.length);
  }
  return bare;
}

/**
 * The key and the key with each one character deleted: two keys within one edit (a character changed, added or
 * removed) always share one of these (the symmetric-deletion idea of SymSpell), so one indexed `in` query finds
 * every candidate. Candidates are then classified exactly (similarityOf).
 */
export function nameSignatures(name: string): string[] {
  const key = Array.from(nameKey(name));
  const out = new Set<string>([key.join('')]);
  if (key.length > MIN_NAME_CHARS) for (let i = 0; i < key.length; i++) out.add([...key.slice(0, i), ...key.slice(i + 1)].join(''));
  return [...out];
}

export type NameSimilarity = 'same' | 'suffix' | 'oneCharacter';

/** How two names are alike, or null when they are not. */
export function similarityOf(a: string, b: string): NameSimilarity | null {
  const bareA = normalisePublicText(a).toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
  const bareB = normalisePublicText(b).toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
  if (bareA === bareB) return 'same';
  const keyA = nameKey(a);
  const keyB = nameKey(b);
  if (keyA === keyB) return 'suffix';
  return withinOneEdit(Array.from(keyA), Array.from(keyB)) ? 'oneCharacter' : null;
}

function withinOneEdit(a: string[], b: string[]): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

export const SIMILARITY_LABELS: Readonly<Record<NameSimilarity, string>> = {
  same: '名称相同',
  suffix: '仅后缀不同',
  oneCharacter: '仅差一个字',
};
