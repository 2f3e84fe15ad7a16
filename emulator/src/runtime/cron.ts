// CloudBase's timer-trigger cron: seven fields, "second minute hour day month weekday year", evaluated in UTC+8.
// Source: WeChat cloud development "定时触发器" and the CloudBase CLI's "tcb fn trigger create" — fields and ranges
// (second 0-59, minute 0-59, hour 0-23, day 1-31 "considering the days of the month", month 1-12 or JAN-DEC,
// weekday 0-6 or SUN-SAT with 0 = Sunday, year 1970-2099), wildcards `, - * /` only, day and weekday both given
// means either matches, and "触发器规则的时区为 UTC+8". No npm cron library reads this seven-field form with a year
// (they read five or six fields, or Quartz's `?`/`L`/`#`), so this small module does, and refuses anything else.
// The wall clock, month lengths and weekdays come from the product's own calendar module (dayjs at the fixed UTC+8
// offset, miniprogram/domain/calendar.ts): the rule's clock is Shanghai's, the same one the functions reason in,
// and dayjs keeps that conversion out of this search. The search itself (field by field) stays here.

import { daysInMonth, shanghaiClock, shanghaiInstant, shanghaiWallClock } from '../../../miniprogram/domain/calendar';

export interface CronSchedule {
  readonly expression: string;
  /** The first firing strictly after `after`, or null when the year field allows none any more. */
  next(after: Date): Date | null;
}

interface Field {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** The value the first name stands for (0 for SUN, 1 for JAN). */
  nameBase?: number;
}

const FIELDS: readonly Field[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'], nameBase: 1 },
  { name: 'weekday', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], nameBase: 0 },
  { name: 'year', min: 1970, max: 2099 },
];

export class CronError extends Error {}

interface ParsedField {
  values: number[];
  /** Written as `*` (matters for the day/weekday rule). */
  any: boolean;
}

function parseValue(text: string, field: Field): number {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n < field.min || n > field.max) throw new CronError(`${field.name} ${n} is outside ${field.min}-${field.max}`);
    return n;
  }
  const index = field.names?.indexOf(text) ?? -1;
  if (index < 0) throw new CronError(`${field.name} has an invalid value "${text}"`);
  return index + (field.nameBase ?? 0);
}

function parseField(text: string, field: Field): ParsedField {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^([^/]+)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new CronError(`${field.name} has an invalid part "${part}"`);
    const [, base, stepText] = m;
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) throw new CronError(`${field.name} step must be at least 1`);
    let from: number;
    let to: number;
    if (base === '*') {
      [from, to] = [field.min, field.max];
    } else if (base.includes('-')) {
      const [a, b, extra] = base.split('-');
      if (extra !== undefined || !a || !b) throw new CronError(`${field.name} has an invalid range "${base}"`);
      [from, to] = [parseValue(a, field), parseValue(b, field)];
      if (from > to) throw new CronError(`${field.name} range ${base} runs backwards`);
    } else {
      from = parseValue(base, field);
      // "1/10" in the minute field: from minute 1, every ten minutes.
      to = stepText === undefined ? from : field.max;
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return { values: [...values].sort((a, b) => a - b), any: text === '*' };
}

export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 7) throw new CronError(`a trigger's cron has 7 fields (second minute hour day month weekday year), got ${parts.length}`);
  const [second, minute, hour, day, month, weekday, year] = parts.map((p, i) => parseField(p, FIELDS[i]));

  const dayMatches = (y: number, mo: number, d: number): boolean => {
    const byDay = day.values.includes(d);
    const byWeekday = weekday.values.includes(shanghaiWallClock({ year: y, month: mo, day: d }).day());
    if (day.any && weekday.any) return true;
    if (day.any) return byWeekday;
    if (weekday.any) return byDay;
    return byDay || byWeekday; // both given: either one fires
  };

  return {
    expression,
    next(after: Date): Date | null {
      const startMs = Math.floor(after.getTime() / 1000) * 1000 + 1000;
      const wall = shanghaiClock(startMs);
      const start = [wall.year(), wall.month() + 1, wall.date(), wall.hour(), wall.minute(), wall.second()];
      const found: number[] = [];
      // Depth-first over year, month, day, hour, minute, second; `bounded` while every earlier field equals `start`.
      const search = (level: number, bounded: boolean): boolean => {
        if (level === 6) return true;
        const low = bounded ? start[level] : -Infinity;
        let candidates: number[];
        if (level === 0) candidates = year.values;
        else if (level === 1) candidates = month.values;
        else if (level === 2) {
          const [y, mo] = found;
          candidates = [];
          for (let d = 1; d <= daysInMonth(y, mo); d++) if (dayMatches(y, mo, d)) candidates.push(d);
        } else candidates = [hour, minute, second][level - 3].values;
        for (const v of candidates) {
          if (v < low) continue;
          found[level] = v;
          if (search(level + 1, bounded && v === low)) return true;
        }
        return false;
      };
      if (!search(0, true)) return null;
      const [y, mo, d, h, mi, s] = found;
      return shanghaiInstant(shanghaiWallClock({ year: y, month: mo, day: d }, h, mi, s));
    },
  };
}
