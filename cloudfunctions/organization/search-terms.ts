// Search terms for verified organizations: a GB/T 2260 prefix and a name keyword, both normalised here.

/**
 * The stored prefix to look up (organizations keep '35', '3501', '350102' in regionPrefixes): a 2/4/6-digit
 * prefix as given, with a 6-digit province or city code ('350000', '350100') shortened to its prefix.
 */
export function regionPrefixOf(code: string): string {
  if (code.length === 6 && code.endsWith('0000')) return code.slice(0, 2);
  if (code.length === 6 && code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** A keyword becomes a literal, case-insensitive substring match: regex characters are escaped. */
export function keywordPattern(keyword: string | undefined): string | null {
  const text = (keyword ?? '').replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
