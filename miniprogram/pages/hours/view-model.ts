// 我的时长: service time is stored as integer minutes and shown as hours with one decimal.

/** Floors to the tenth, so the page never shows more time than was served. */
export function formatHours(minutes: number): string {
  const tenths = Math.floor((Math.max(0, minutes) * 10) / 60);
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

export interface HoursView {
  totalText: string;
  isEmpty: boolean;
}

export function toHoursView(confirmedMinutes: number): HoursView {
  return { totalText: formatHours(confirmedMinutes), isEmpty: confirmedMinutes <= 0 };
}
