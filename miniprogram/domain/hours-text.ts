// Service time is stored as integer minutes and shown as hours with one decimal (09:00–11:30 → 2.5), the same on
// every screen. Shared from domain/ so any package's page may use it (layout.test: no page imports another's).

/** Floors to the tenth, so no screen shows more time than was served. */
export function formatHours(minutes: number): string {
  const tenths = Math.floor((Math.max(0, minutes) * 10) / 60);
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}
