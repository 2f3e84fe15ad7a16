// Credentials for real-name registration (RULES §1; 条例 Art. 7): the citizen ID number per GB 11643 and the other
// accepted credentials with a format check each. Pure: today's date is passed in.
import type { CredentialType, Gender } from '../../typings/volunteer';
import { compareDates, formatDate, parseCompactDate, toCalendarDate, type CalendarDate } from './calendar';
import { gb11643CheckChar } from './checksum';
import { isProvinceCode } from './region';
import { err, ok, type Result } from './result';
import { charLength, compactCode, toHalfWidth } from './text';
import { CREDENTIAL_MESSAGES, NAME_MESSAGES } from './messages';

export interface NormalisedCredential {
  type: CredentialType;
  /** Trimmed, inner spaces removed, full-width folded to ASCII, upper-case (a typed x becomes X). */
  number: string;
  /** Read from the number when it carries it. */
  birthDate?: string; // YYYY-MM-DD
  gender?: Gender;
  /** Two-digit province-level code read from the number (81/82/83 for 港澳台居民居住证). */
  provinceCode?: string;
}

export type CredentialErrorCode = 'LENGTH' | 'CHARSET' | 'CHECKSUM' | 'BIRTH_DATE' | 'AREA_CODE' | 'FORMAT';

const LABELS: Record<CredentialType, string> = {
  CN_ID: '居民身份证',
  HMT_RESIDENCE: '港澳台居民居住证',
  HK_MO_PERMIT: '港澳居民来往内地通行证',
  TW_PERMIT: '台湾居民来往大陆通行证',
  PASSPORT: '护照',
  FOREIGN_PERMANENT: '外国人永久居留身份证',
};

export const CREDENTIAL_TYPES: readonly CredentialType[] = [
  'CN_ID',
  'HMT_RESIDENCE',
  'HK_MO_PERMIT',
  'TW_PERMIT',
  'PASSPORT',
  'FOREIGN_PERMANENT',
];

export function credentialTypeLabel(type: CredentialType): string {
  return LABELS[type];
}

/**
 * Whether the number itself carries birth date and gender, so the form must not ask for them: ID numbers,
 * residence permits, and the 18-character 外国人永久居留身份证 (2023 card). Without a number, the answer for
 * FOREIGN_PERMANENT is false (the old 15-character card carries neither).
 */
export function carriesBirthInfo(type: CredentialType, number = ''): boolean {
  if (type === 'CN_ID' || type === 'HMT_RESIDENCE') return true;
  if (type === 'FOREIGN_PERMANENT') return isNewForeignPermanent(compactCode(number));
  return false;
}

function isNewForeignPermanent(n: string): boolean {
  return n.length === 18 && n[0] === '9';
}

const HMT_AREA: Record<string, string> = { '810000': '81', '820000': '82', '830000': '83' };
/** Mainland province-level codes: where the 2023 foreign permanent residence card is accepted. */
function isMainlandProvince(code: string): boolean {
  return isProvinceCode(code) && code !== '71' && code !== '81' && code !== '82';
}

export function validateCredential(
  input: { type: CredentialType; number: string },
  today: CalendarDate | Date,
): Result<NormalisedCredential, CredentialErrorCode> {
  const number = compactCode(input.number);
  const type = input.type;
  switch (type) {
    case 'CN_ID': {
      // Before the length: the form says so from the first two digits on.
      const wrongType = notACitizenIdNumber(number);
      if (wrongType) return err('AREA_CODE', wrongType);
      return validateGb11643Number(type, number, today);
    }
    case 'HMT_RESIDENCE':
      return validateGb11643Number(type, number, today);
    case 'HK_MO_PERMIT':
      // 回乡证: H (Hong Kong) or M (Macao) + 8 digits (card since 2013) or + 10 digits (older booklet).
      if (number === '') return err('FORMAT', CREDENTIAL_MESSAGES.hkMoPermitMissing);
      if (!/^[HM](\d{8}|\d{10})$/.test(number)) {
        return err('FORMAT', CREDENTIAL_MESSAGES.hkMoPermitFormat);
      }
      return ok({ type, number });
    case 'TW_PERMIT':
      // 台胞证: 8 digits (card since 2015) or 10 digits (older).
      if (number === '') return err('FORMAT', CREDENTIAL_MESSAGES.twPermitMissing);
      if (!/^(\d{8}|\d{10})$/.test(number)) return err('FORMAT', CREDENTIAL_MESSAGES.twPermitFormat);
      return ok({ type, number });
    case 'PASSPORT':
      if (number === '') return err('FORMAT', CREDENTIAL_MESSAGES.passportMissing);
      if (!/^[A-Z0-9]+$/.test(number)) return err('FORMAT', CREDENTIAL_MESSAGES.passportCharset);
      if (number.length < 5 || number.length > 17) {
        return err('FORMAT', CREDENTIAL_MESSAGES.passportLength(number.length));
      }
      return ok({ type, number });
    case 'FOREIGN_PERMANENT':
      if (number === '') return err('FORMAT', CREDENTIAL_MESSAGES.foreignPermanentMissing);
      // 2023 card: 9 + province of acceptance (2) + nationality (3) + birth date (8) + order (3) + check, GB 11643 rules.
      if (isNewForeignPermanent(number)) return validateGb11643Number(type, number, today);
      // Older card: ISO 3166 three-letter nationality + 12 digits.
      if (/^[A-Z]{3}\d{12}$/.test(number)) return ok({ type, number });
      return err(
        'FORMAT',
        CREDENTIAL_MESSAGES.foreignPermanentFormat,
      );
  }
}

/** Where the first two digits of a 居民身份证-shaped number point instead (RULES §1). */
const NOT_CITIZEN_ID: Record<string, string> = { '71': '台湾', '81': '香港', '82': '澳门', '83': '台湾' };

/**
 * Why a number typed as 居民身份证 is not one, from its first two digits alone (so the form can say so while the
 * number is still being typed), or null. 71 (台湾), 81 (香港) and 82 (澳门) are province-level codes in GB/T 2260 that
 * no 居民身份证 carries; 810000 / 820000 / 830000 are the area codes of the 港澳台居民居住证, which shares the GB 11643
 * number space (RULES §1).
 */
export function notACitizenIdNumber(input: string): string | null {
  const number = compactCode(input);
  const place = NOT_CITIZEN_ID[number.slice(0, 2)];
  if (!place) return null;
  const area = number.slice(0, 6);
  if (HMT_AREA[area]) return CREDENTIAL_MESSAGES.residencePermitNumber(area, place);
  return CREDENTIAL_MESSAGES.noCitizenIdPrefix(number.slice(0, 2), place);
}

/**
 * The key that decides "one person, one registration" (RULES §1): the 18-character numbers of 居民身份证 and
 * 港澳台居民居住证 are one GB 11643 number space, so both types share one key; it is the key the 居民身份证 always
 * had (`CN_ID:<number>`), so registrations stored before the two were joined keep theirs. Other credentials are
 * keyed by type and number. `number` is normalised (validateCredential's value).
 */
export function credentialUniquenessKey(credential: { type: CredentialType; number: string }): string {
  const space = credential.type === 'HMT_RESIDENCE' ? 'CN_ID' : credential.type;
  return `${space}:${credential.number}`;
}

/**
 * Keys an earlier version used for the same credential, still held by registrations stored then: a 港澳台居民居住证
 * was keyed `HMT_RESIDENCE:<number>` before it shared the 居民身份证's key. Read alongside the current key.
 */
export function formerUniquenessKeys(credential: { type: CredentialType; number: string }): string[] {
  return credential.type === 'HMT_RESIDENCE' ? [`HMT_RESIDENCE:${credential.number}`] : [];
}

function validateGb11643Number(
  type: CredentialType,
  number: string,
  today: CalendarDate | Date,
): Result<NormalisedCredential, CredentialErrorCode> {
  const label = type === 'CN_ID' ? '身份证号码' : `${LABELS[type]}号码`;
  if (number === '') return err('LENGTH', CREDENTIAL_MESSAGES.numberMissing(label));
  const length = charLength(number);
  if (length !== 18) return err('LENGTH', CREDENTIAL_MESSAGES.numberLength(label, length));
  for (let i = 0; i < 17; i++) {
    if (!/[0-9]/.test(number[i])) return err('CHARSET', CREDENTIAL_MESSAGES.notADigit(label, i + 1, number[i]));
  }
  if (!/[0-9X]/.test(number[17])) return err('CHARSET', CREDENTIAL_MESSAGES.lastCharacter(label));

  let provinceCode: string;
  if (type === 'CN_ID') {
    provinceCode = number.slice(0, 2);
    if (!isProvinceCode(provinceCode)) return err('AREA_CODE', CREDENTIAL_MESSAGES.provinceCode);
  } else if (type === 'HMT_RESIDENCE') {
    const area = HMT_AREA[number.slice(0, 6)];
    if (!area) {
      return err('AREA_CODE', CREDENTIAL_MESSAGES.hmtAreaCode);
    }
    provinceCode = area;
  } else {
    provinceCode = number.slice(1, 3);
    if (!isMainlandProvince(provinceCode)) {
      return err('AREA_CODE', CREDENTIAL_MESSAGES.acceptingProvinceCode);
    }
  }

  const birth = parseCompactDate(number.slice(6, 14));
  if (!birth) return err('BIRTH_DATE', CREDENTIAL_MESSAGES.birthDateUnreal(number.slice(6, 14)));
  if (birth.year < 1900) return err('BIRTH_DATE', CREDENTIAL_MESSAGES.birthDateBefore1900(formatDate(birth)));
  if (compareDates(birth, toCalendarDate(today)) > 0) {
    return err('BIRTH_DATE', CREDENTIAL_MESSAGES.birthDateInFuture(formatDate(birth)));
  }

  // Not "it should be X": a typo is found by re-reading the number, and the expected character would help forgers.
  if (gb11643CheckChar(number.slice(0, 17)) !== number[17]) return err('CHECKSUM', CREDENTIAL_MESSAGES.checksum);

  // The 17th digit is the last of the order code: odd = male, even = female.
  const gender: Gender = Number(number[16]) % 2 === 1 ? 'male' : 'female';
  return ok({ type, number, birthDate: formatDate(birth), gender, provinceCode });
}

// ── Names ─────────────────────────────────────────────────────────────────────────────────────────────────────────

export type NameErrorCode = 'NAME_EMPTY' | 'NAME_LENGTH' | 'NAME_CHARSET';

/** Dots people type between the parts of a transliterated name; all become the standard U+00B7 ·. */
const DOT_VARIANTS = /[\u2022\u2027\u22C5\u30FB\uFF0E\uFF65\u2219\u00B7]/g;
const MIDDLE_DOT = '\u00B7';

function isHan(cp: number): boolean {
  return (
    (cp >= 0x3400 && cp <= 0x4dbf) || // Ext A
    (cp >= 0x4e00 && cp <= 0x9fff) || // Unified
    (cp >= 0xf900 && cp <= 0xfaff) || // Compatibility
    (cp >= 0x20000 && cp <= 0x323af) || // Ext B–H (rare name characters such as 𠮷)
    cp === 0x3007 // 〇
  );
}

function isLatinLetter(cp: number): boolean {
  return (
    (cp >= 0x41 && cp <= 0x5a) ||
    (cp >= 0x61 && cp <= 0x7a) ||
    (cp >= 0xc0 && cp <= 0x24f && cp !== 0xd7 && cp !== 0xf7) // Latin-1 letters, Latin Extended-A/B
  );
}

/**
 * A real name as on the credential: 2–30 characters. Either Chinese characters, with · between the parts of a
 * transliterated name (阿卜杜拉·艾买提), or Latin letters with single spaces, hyphens, apostrophes and dots
 * (Mary-Jane O'Neil). No digits. Returns the normalised name (dots unified, spaces collapsed).
 */
export function validateName(input: string): Result<string, NameErrorCode> {
  let name = toHalfWidth(input).replace(DOT_VARIANTS, MIDDLE_DOT).replace(/\s+/g, ' ').trim();
  if (name === '') return err('NAME_EMPTY', NAME_MESSAGES.missing);
  const chars = Array.from(name);
  if (chars.some((c) => /[0-9]/.test(c))) return err('NAME_CHARSET', NAME_MESSAGES.digits);
  const hasHan = chars.some((c) => isHan(c.codePointAt(0)!));
  const hasLatin = chars.some((c) => isLatinLetter(c.codePointAt(0)!));
  if (hasHan && hasLatin) return err('NAME_CHARSET', NAME_MESSAGES.mixedScripts);
  if (hasHan) {
    name = name.replace(/ /g, ''); // 张 三 → 张三
    for (const c of Array.from(name)) {
      if (!isHan(c.codePointAt(0)!) && c !== MIDDLE_DOT) return err('NAME_CHARSET', NAME_MESSAGES.character(c));
    }
    if (name.startsWith(MIDDLE_DOT) || name.endsWith(MIDDLE_DOT) || name.includes(MIDDLE_DOT + MIDDLE_DOT)) {
      return err('NAME_CHARSET', NAME_MESSAGES.middleDot);
    }
  } else {
    for (const c of chars) {
      if (!isLatinLetter(c.codePointAt(0)!) && !" -'.".includes(c)) {
        return err('NAME_CHARSET', NAME_MESSAGES.character(c));
      }
    }
    if (!hasLatin) return err('NAME_CHARSET', NAME_MESSAGES.script);
  }
  const length = charLength(name);
  if (length < 2 || length > 30) return err('NAME_LENGTH', NAME_MESSAGES.length(length));
  return ok(name);
}
