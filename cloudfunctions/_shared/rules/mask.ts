// Masking for display (RULES §8; 意见149: credential numbers on certificates are masked by default).
// One rule per kind of data, used on every screen, roster, certificate and export:
//   name        keep the first character, one * per remaining character: 张三 → 张*, 欧阳娜娜 → 欧***;
//               a Latin name keeps its first letter and gets a fixed *** (hides the length): John Smith → J***.
//   credential  keep the first and the last character, one * per hidden character: 1****************X.
//   phone       keep the first 3 and the last 4 digits: 13812345678 → 138****5678.
import { compactCode, toHalfWidth } from '../../../miniprogram/domain/text';

const LATIN_START = /^[A-Za-z\u00C0-\u024F]/;

export function maskName(name: string): string {
  const chars = Array.from(toHalfWidth(name).trim());
  if (chars.length === 0) return '';
  if (LATIN_START.test(chars[0])) return `${chars[0]}***`;
  if (chars.length === 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

export function maskCredential(number: string): string {
  const chars = Array.from(compactCode(number));
  if (chars.length <= 2) return '*'.repeat(chars.length);
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/** Any phone: the digits only; first 3 and last 4 kept when there are at least 8, otherwise all masked. */
export function maskPhone(phone: string): string {
  let digits = toHalfWidth(phone).replace(/\D/g, '');
  if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  if (digits.length < 8) return '*'.repeat(digits.length);
  return digits.slice(0, 3) + '*'.repeat(digits.length - 7) + digits.slice(-4);
}
