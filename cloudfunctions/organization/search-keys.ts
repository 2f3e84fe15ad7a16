// What organization.search looks up by equality in one index (status, searchKeys, createdAt): every piece of the
// name up to SEARCH_KEY_CHARS characters, once for any region and once under each stored region prefix, so a
// keyword, a region and the status are served together and read newest first without reading what does not match.
// CloudBase documents no index use for regular expressions (db.RegExp: slow on large data), and a compound index
// may hold one array field only (MongoDB's multikey rule), hence region and piece in one key.

/** Longest stored piece: a longer keyword is looked up by its first piece and checked against the name. */
export const SEARCH_KEY_CHARS = 4;

/** How names and keywords are compared: runs of white space as one space, case ignored. */
export function searchText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

const keyOf = (regionPrefix: string, piece: string): string => `${regionPrefix}:${piece}`;

/** The keys stored on an organization: `:<piece>` for any region, `<prefix>:<piece>` per region prefix. */
export function searchKeysOf(name: string, regionPrefixes: readonly string[]): string[] {
  const chars = [...searchText(name)];
  const pieces = new Set<string>();
  for (let start = 0; start < chars.length; start++) {
    for (let length = 1; length <= SEARCH_KEY_CHARS && start + length <= chars.length; length++) {
      pieces.add(chars.slice(start, start + length).join(''));
    }
  }
  const out: string[] = [];
  for (const scope of ['', ...regionPrefixes]) for (const piece of pieces) out.push(keyOf(scope, piece));
  return out;
}

/**
 * The key a search looks up, and whether the name must still be checked (a keyword longer than a stored piece);
 * null for an empty keyword.
 */
export function searchKeyFor(keyword: string | undefined, regionPrefix: string | undefined): { key: string; checkName: boolean } | null {
  const chars = [...searchText(keyword ?? '')];
  if (chars.length === 0) return null;
  return { key: keyOf(regionPrefix ?? '', chars.slice(0, SEARCH_KEY_CHARS).join('')), checkName: chars.length > SEARCH_KEY_CHARS };
}
