// Check characters of the national standards this product reads.

const GB11643_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const GB11643_CHECK = '10X98765432';

/**
 * GB 11643 check character of the first 17 digits of an ID number: S = Σ digit_i × W_i, check = "10X98765432"[S mod 11].
 * The standard's example 11010519491231002X: S = 167, 167 mod 11 = 2 → X.
 */
export function gb11643CheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('gb11643CheckChar: expects 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * GB11643_WEIGHTS[i];
  return GB11643_CHECK[sum % 11];
}

/**
 * ISO 7064 MOD 11-2 check character over any number of digits ('0'–'9' or 'X' for 10). GB 11643 is this scheme
 * with the weights written out; the volunteer number uses it over 15 digits.
 */
export function iso7064Mod11_2(digits: string): string {
  if (!/^\d+$/.test(digits)) throw new RangeError('iso7064Mod11_2: expects digits');
  let p = 0;
  for (let i = 0; i < digits.length; i++) p = ((p + Number(digits[i])) * 2) % 11;
  const check = (12 - p) % 11;
  return check === 10 ? 'X' : String(check);
}
