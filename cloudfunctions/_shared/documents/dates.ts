// Stored instants come back from the SDK as Date; a script or an export may have written the EJSON or string form.
export function asDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string' || typeof value === 'number') return new Date(value);
  if (value && typeof value === 'object' && '$date' in value) {
    const d = (value as { $date: unknown }).$date;
    if (typeof d === 'object' && d !== null && '$numberLong' in d) return new Date(Number((d as { $numberLong: string }).$numberLong));
    return new Date(d as string | number);
  }
  throw new TypeError('asDate: not a date');
}

export function iso(value: unknown): string {
  return asDate(value).toISOString();
}
