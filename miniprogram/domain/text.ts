// Input clean-up shared by the validators. People type with Chinese input methods, so full-width digits and letters
// (１２３Ｘ) and the ideographic space are common; they are folded to ASCII before any check.

/** Full-width ASCII variants (U+FF01–U+FF5E) to ASCII, the ideographic space (U+3000) to a space. */
export function toHalfWidth(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += s[i];
  }
  return out;
}

/** Half-width, every whitespace removed, upper-case: how codes and card numbers are stored. */
export function compactCode(s: string): string {
  return toHalfWidth(s).replace(/\s+/g, '').toUpperCase();
}

/** Length in characters (code points), so a rare name character outside the BMP (e.g. 𠮷) counts once. */
export function charLength(s: string): number {
  return Array.from(s).length;
}
