// 我的时长: service time is stored as integer minutes and shown as hours with one decimal.

// formatHours lives in domain/hours-text.ts so the check-in pages of other packages use the same one.
import { formatHours } from '../../domain/hours-text';

export { formatHours };

export interface HoursView {
  totalText: string;
  isEmpty: boolean;
}

export function toHoursView(confirmedMinutes: number): HoursView {
  return { totalText: formatHours(confirmedMinutes), isEmpty: confirmedMinutes <= 0 };
}
