// The certificate number (证明编号) in the issuer's register (RULES §5), printed on the PDF, carried by the QR code
// and typed in to verify.
//
// Format, 20 characters:  ZM RRRRRR YYYY SSSSSSS C
//   ZM       fixed prefix (证明)
//   RRRRRR   GB/T 2260 code of the issuing organization's region
//   YYYY     issue year (Asia/Shanghai)
//   SSSSSSS  sequence within that region and year, from 0000001 (counters `certificateNo:<region>:<year>`)
//   C        ISO 7064 MOD 11-2 check character over the 17 digits, so a mistyped number is caught before a look-up
// The number says nothing about the volunteer; the register links it to them.
import { iso7064Mod11_2 } from '../../../miniprogram/domain/checksum';
import { validateRegionCode } from '../../../miniprogram/domain/region';
import { err, ok, type Result } from '../../../miniprogram/domain/result';
import { compactCode } from '../../../miniprogram/domain/text';
import { CERTIFICATE_NO_MESSAGES } from '../messages/answers';

export const CERTIFICATE_NO_PATTERN = /^ZM\d{17}[0-9X]$/;
export const MAX_CERTIFICATE_SEQUENCE = 9_999_999;

export interface CertificateNoParts {
  regionCode: string;
  year: number;
  sequence: number;
}

/** The counter document (collection `counters`) that numbers a region's certificates in a year. */
export function certificateCounterIdOf(regionCode: string, year: number): string {
  return `certificateNo:${regionCode}:${year}`;
}

/** Throws on parts that cannot form a number (a bug: the server allocates them). */
export function formatCertificateNo(parts: CertificateNoParts): string {
  const region = validateRegionCode(parts.regionCode);
  if (!region.ok) throw new RangeError(`formatCertificateNo: ${region.message}`);
  if (!Number.isInteger(parts.year) || parts.year < 2000 || parts.year > 9999) throw new RangeError('formatCertificateNo: year');
  if (!Number.isInteger(parts.sequence) || parts.sequence < 1 || parts.sequence > MAX_CERTIFICATE_SEQUENCE) {
    throw new RangeError(`formatCertificateNo: sequence must be 1–${MAX_CERTIFICATE_SEQUENCE}`);
  }
  const digits = region.value.code + String(parts.year) + String(parts.sequence).padStart(7, '0');
  return `ZM${digits}${iso7064Mod11_2(digits)}`;
}

export type CertificateNoErrorCode = 'CERTIFICATE_NO_FORMAT' | 'CERTIFICATE_NO_CHECKSUM';

/** Accepts what a person types (spaces, lower case) and returns the parts with the normalised number. */
export function validateCertificateNo(input: string): Result<CertificateNoParts & { number: string }, CertificateNoErrorCode> {
  const number = compactCode(input);
  if (number === '') return err('CERTIFICATE_NO_FORMAT', CERTIFICATE_NO_MESSAGES.missing);
  if (!CERTIFICATE_NO_PATTERN.test(number)) {
    return err('CERTIFICATE_NO_FORMAT', number.length === 20 ? CERTIFICATE_NO_MESSAGES.format : CERTIFICATE_NO_MESSAGES.length(number.length));
  }
  const digits = number.slice(2, 19);
  if (iso7064Mod11_2(digits) !== number[19]) return err('CERTIFICATE_NO_CHECKSUM', CERTIFICATE_NO_MESSAGES.checksum);
  return ok({ number, regionCode: digits.slice(0, 6), year: Number(digits.slice(6, 10)), sequence: Number(digits.slice(10, 17)) });
}
