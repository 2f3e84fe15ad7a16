// The platform volunteer number (志愿者编号), printed on the volunteer card. 规范2015: it moves records between
// systems and must not be, or embed, the ID number.
//
// Format, 18 characters:  ZY RRRRRR YY SSSSSSS C
//   ZY       fixed prefix (志愿)
//   RRRRRR   GB/T 2260 code of the region where the volunteer registered
//   YY       last two digits of the registration year (Asia/Shanghai)
//   SSSSSSS  sequence within that region and year, from 0000001
//   C        ISO 7064 MOD 11-2 check character over the 15 digits RRRRRRYYSSSSSSS ('0'–'9' or 'X'),
//            so a mistyped digit is caught when an admin types a number in.
// Example: region 350102, 2026, sequence 17 → ZY350102260000017 + C.
import { iso7064Mod11_2 } from '../../../miniprogram/domain/checksum';
import { validateRegionCode } from '../../../miniprogram/domain/region';
import { err, ok, type Result } from '../../../miniprogram/domain/result';
import { compactCode } from '../../../miniprogram/domain/text';
import { VOLUNTEER_NO_MESSAGES } from '../messages/answers';

export const VOLUNTEER_NO_PATTERN = /^ZY\d{15}[0-9X]$/;
export const MAX_VOLUNTEER_SEQUENCE = 9999999;

export interface VolunteerNoParts {
  regionCode: string;
  /** Full year, 2000–2099. */
  year: number;
  sequence: number;
}

/** Throws on parts that cannot form a number (a bug: the server allocates them). */
export function formatVolunteerNo(parts: VolunteerNoParts): string {
  const region = validateRegionCode(parts.regionCode);
  if (!region.ok) throw new RangeError(`formatVolunteerNo: ${region.message}`);
  if (!Number.isInteger(parts.year) || parts.year < 2000 || parts.year > 2099) {
    throw new RangeError('formatVolunteerNo: year must be 2000–2099');
  }
  if (!Number.isInteger(parts.sequence) || parts.sequence < 1 || parts.sequence > MAX_VOLUNTEER_SEQUENCE) {
    throw new RangeError(`formatVolunteerNo: sequence must be 1–${MAX_VOLUNTEER_SEQUENCE}`);
  }
  const digits = region.value.code + String(parts.year % 100).padStart(2, '0') + String(parts.sequence).padStart(7, '0');
  return `ZY${digits}${iso7064Mod11_2(digits)}`;
}

export type VolunteerNoErrorCode = 'VOLUNTEER_NO_FORMAT' | 'VOLUNTEER_NO_CHECKSUM';

/** Accepts what an admin types (spaces, lower case) and returns the parts with the normalised number. */
export function validateVolunteerNo(input: string): Result<VolunteerNoParts & { number: string }, VolunteerNoErrorCode> {
  const number = compactCode(input);
  if (number === '') return err('VOLUNTEER_NO_FORMAT', VOLUNTEER_NO_MESSAGES.missing);
  if (!VOLUNTEER_NO_PATTERN.test(number)) {
    return err(
      'VOLUNTEER_NO_FORMAT',
      number.length === 18 ? VOLUNTEER_NO_MESSAGES.format : VOLUNTEER_NO_MESSAGES.length(number.length),
    );
  }
  const digits = number.slice(2, 17);
  if (iso7064Mod11_2(digits) !== number[17]) return err('VOLUNTEER_NO_CHECKSUM', VOLUNTEER_NO_MESSAGES.checksum);
  return ok({
    number,
    regionCode: digits.slice(0, 6),
    year: 2000 + Number(digits.slice(6, 8)),
    sequence: Number(digits.slice(8, 15)),
  });
}
