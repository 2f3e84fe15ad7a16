// The words of a recommendation's reasons: a few Chinese words each, describing exactly the data they come from
// (距离 1.2 km · 技能：急救 · 周六上午有空). Pure formatting; ranking.ts decides which reasons a match has.
import type { MatchReason } from '../../../typings/project-foryou';
import type { TimeOfDay } from '../../../typings/volunteer';
import { labelOf, SERVICE_CATEGORIES, SKILLS } from '../../../miniprogram/domain/codes';
import { TIME_LABELS } from '../../../miniprogram/domain/labels';

export const WEEKDAY_LABELS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

/** At most this many skills are named in one reason: the card has one line. */
export const MAX_SKILLS_NAMED = 2;

/** Under 1 km in metres (rounded to 10 m), under 10 km with one decimal, beyond in whole kilometres. */
export function distanceText(metres: number): string {
  if (metres < 995) return `距离 ${Math.max(10, Math.round(metres / 10) * 10)} m`;
  const km = metres / 1000;
  return km < 9.95 ? `距离 ${km.toFixed(1)} km` : `距离 ${Math.round(km)} km`;
}

/** A skill's label without its note in brackets: 急救（持证） reads 急救 on a card. */
export function skillShortLabel(code: string): string {
  const label = labelOf(SKILLS, code) ?? code;
  const bracket = label.indexOf('（');
  return bracket > 0 ? label.slice(0, bracket) : label;
}

export function skillText(codes: readonly string[]): string {
  return `技能：${codes.slice(0, MAX_SKILLS_NAMED).map(skillShortLabel).join('、')}`;
}

export function intentionText(category: string): string {
  return `意向：${labelOf(SERVICE_CATEGORIES, category) ?? category}`;
}

/** ISO weekday 1–7 and a part of the day, as the volunteer ticked it at registration. */
export function availabilityText(weekday: number, part: TimeOfDay): string {
  return `${WEEKDAY_LABELS[weekday - 1]}${TIME_LABELS[part]}有空`;
}

export function needText(placesLeft: number): string {
  return `还缺 ${placesLeft} 人`;
}

export function reason(kind: MatchReason['kind'], text: string): MatchReason {
  return { kind, text };
}
