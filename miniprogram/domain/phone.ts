// Phone numbers. Volunteers give a mainland mobile (条例 Art. 7); an organization's contact may be a landline.
import { err, ok, type Result } from './result';
import { toHalfWidth } from './text';
import { PHONE_MESSAGES } from './messages';

export type PhoneErrorCode = 'PHONE_FORMAT';

/** Removes what people type around the digits: spaces, dashes, dots, brackets. */
function stripSeparators(s: string): string {
  return toHalfWidth(s).replace(/[\s\-–—.()]/g, '');
}

/**
 * A mainland mobile number: 11 digits starting 1[3-9]. A +86 / 0086 / 86 country prefix, spaces and dashes are
 * accepted and removed: '+86 138-1234-5678' → '13812345678'.
 */
export function validateMobile(input: string): Result<string, PhoneErrorCode> {
  let n = stripSeparators(input);
  if (n === '') return err('PHONE_FORMAT', PHONE_MESSAGES.missing);
  if (n.startsWith('+86')) n = n.slice(3);
  else if (n.startsWith('0086')) n = n.slice(4);
  else if (n.startsWith('86') && n.length === 13) n = n.slice(2);
  else if (n.startsWith('+') || n.startsWith('00')) return err('PHONE_FORMAT', PHONE_MESSAGES.mainlandOnly);
  if (!/^\d+$/.test(n)) return err('PHONE_FORMAT', PHONE_MESSAGES.digitsOnly);
  if (n.length !== 11) return err('PHONE_FORMAT', PHONE_MESSAGES.length(n.length));
  if (!/^1[3-9]/.test(n)) return err('PHONE_FORMAT', PHONE_MESSAGES.prefix);
  return ok(n);
}

/**
 * An organization's contact number: a mainland mobile, or a landline with its area code
 * ('0591-87654321', '(010) 1234 5678' → '010-12345678'; an extension after '-' or '转' is kept).
 */
export function validateContactPhone(input: string): Result<string, PhoneErrorCode> {
  const mobile = validateMobile(input);
  if (mobile.ok) return mobile;
  const raw = toHalfWidth(input).trim();
  const m = /^(?:\+?86[\s-]*)?\(?\s*(0\d{2,3})\s*\)?[\s-]*(\d{3,4})[\s-]*(\d{4})(?:\s*(?:-|转|ext\.?)\s*(\d{1,6}))?$/i.exec(raw);
  if (m) {
    const local = m[2] + m[3];
    if (local.length >= 7 && local.length <= 8 && m[1].length + local.length <= 12) {
      return ok(`${m[1]}-${local}${m[4] ? `-${m[4]}` : ''}`);
    }
  }
  return err('PHONE_FORMAT', PHONE_MESSAGES.contactNumber);
}
