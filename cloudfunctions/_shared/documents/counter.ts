// Collection `counters`: sequences incremented inside transactions.

/** A region-year sequence of volunteer numbers: `_id` is counterIdOf(regionCode, year). */
export interface CounterDoc {
  _id: string;
  value: number;
  updatedAt: Date;
}

export function counterIdOf(regionCode: string, year: number): string {
  return `volunteerNo:${regionCode}:${String(year % 100).padStart(2, '0')}`;
}
