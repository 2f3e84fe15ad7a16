// Confirmed hours and star level as 我的 and the volunteer card show them: one wording on every screen. Pure.

/** '' until the volunteer has a star (stars count confirmed hours only, RULES §6). */
export function starText(level: number | null): string {
  if (level === null || level <= 0) return '';
  return `${'★'.repeat(level)} ${level}星志愿者`;
}

/** Hours with at most one decimal: 12 → '12', 12.25 → '12.3'. */
export function hoursText(hours: number): string {
  return `${Math.round(hours * 10) / 10}`;
}
