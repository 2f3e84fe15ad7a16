// The hours a volunteer shows on 我的 and the card: the same confirmed service total 我的时长 shows (read from the
// volunteer document, kept by ledger.ts), in hours floored to the tenth as the pages print it, and the star level.
import { starProfileOf, starProgress } from '../../../miniprogram/domain/stars';
import { noHours } from '../documents/service-record';
import type { VolunteerDoc } from '../documents/volunteer';

export function hoursSummary(volunteer: Pick<VolunteerDoc, 'hours' | 'regionCode'>, env: NodeJS.ProcessEnv): { confirmedHours: number; starLevel: number | null } {
  const minutes = (volunteer.hours ?? noHours()).serviceMinutes;
  return {
    confirmedHours: Math.floor((Math.max(0, minutes) * 10) / 60) / 10,
    starLevel: starProgress(minutes, starProfileOf(volunteer.regionCode, env.ZY_STAR_PROFILE)).level,
  };
}
