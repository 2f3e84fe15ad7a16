// Star levels (RULES §6): confirmed service hours only — pending records and training never count. Thresholds are
// configuration per profile; which profile applies is decided by the volunteer's region (11xxxx: Beijing) unless
// the deployment names one for everybody (ZY_STAR_PROFILE, read by the functions and passed in here).
import type { StarProfile } from '../../typings/hours';

/** Hours needed for 1–5 stars, in order. */
export const STAR_THRESHOLDS_HOURS: Record<StarProfile, readonly number[]> = {
  // The common national scheme (全国志愿服务信息系统 practice): 100 / 300 / 600 / 1000 / 1500 hours.
  national: [100, 300, 600, 1000, 1500],
  // 北京市志愿服务 star rule: 100 / 200 / 500 / 800 / 1000 hours.
  beijing: [100, 200, 500, 800, 1000],
};

const PROFILES: readonly StarProfile[] = ['national', 'beijing'];

export function isStarProfile(value: unknown): value is StarProfile {
  return typeof value === 'string' && (PROFILES as readonly string[]).includes(value);
}

/**
 * The profile of a volunteer: the deployment's override when it names a known profile, else Beijing for a
 * Beijing region code (administrative division codes 11xxxx), else national.
 */
export function starProfileOf(regionCode: string, override?: string): StarProfile {
  if (override !== undefined && isStarProfile(override)) return override;
  return /^11\d{4}$/.test(regionCode) ? 'beijing' : 'national';
}

export interface StarProgress {
  profile: StarProfile;
  /** Stars reached (1–5), null below the first threshold. */
  level: number | null;
  /** Hours of the next star, null at the top level. */
  nextThresholdHours: number | null;
  /** Confirmed minutes still needed for the next star (0 at the top level). */
  minutesToNext: number;
  /** Share of the way from the last threshold reached (or 0) to the next, in [0, 1]; 1 at the top level. */
  progress: number;
}

/** Level and progress from confirmed service minutes (integers; a negative total counts as none). */
export function starProgress(confirmedServiceMinutes: number, profile: StarProfile): StarProgress {
  const minutes = Math.max(0, Math.floor(confirmedServiceMinutes));
  const thresholds = STAR_THRESHOLDS_HOURS[profile].map((h) => h * 60);
  const reached = thresholds.filter((t) => minutes >= t).length;
  const level = reached === 0 ? null : reached;
  const next = thresholds[reached];
  if (next === undefined) return { profile, level, nextThresholdHours: null, minutesToNext: 0, progress: 1 };
  const floor = reached === 0 ? 0 : thresholds[reached - 1]!;
  return { profile, level, nextThresholdHours: next / 60, minutesToNext: next - minutes, progress: (minutes - floor) / (next - floor) };
}
