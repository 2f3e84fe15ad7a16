// The opaque cursor a paged answer hands back (`…Next`): where the page ended, as base64url of a small JSON list.
// Opaque so that clients never build one; checked on the way back in, so a made-up cursor is refused, not trusted.
import type { Position } from './paging';

/** `parts` (strings only) as a cursor. */
export function encodeCursor(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

/** The parts of a cursor with exactly `count` strings, or null for anything else. */
export function decodeCursor(cursor: string, count: number): string[] | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) return null;
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(parts) && parts.length === count && parts.every((p) => typeof p === 'string' && p.length <= 100) ? (parts as string[]) : null;
  } catch {
    return null;
  }
}

/** The cursor of a list ordered by a date then `_id`: where the page ended. */
export function dateCursor(next: Position | null): string | undefined {
  return next ? encodeCursor([new Date(next.value as Date).toISOString(), next.id]) : undefined;
}

/** The position a date cursor names; null for the first page, 'invalid' for anything not made by dateCursor. */
export function datePositionOf(cursor: string | undefined): Position | null | 'invalid' {
  if (cursor === undefined) return null;
  const parts = decodeCursor(cursor, 2);
  if (!parts || Number.isNaN(Date.parse(parts[0]!))) return 'invalid';
  return { value: new Date(parts[0]!), id: parts[1]! };
}
