// 推荐志愿者 and 排班助手 (issue 12): which shifts an organization's admins may still fill from the matching pages.
// One rule for 项目详情 and 报名管理, so the two never offer a link for different shifts. Pure.
import type { ProjectStatus } from '../../typings/project';

export interface ShiftToFill {
  projectStatus: ProjectStatus;
  cancelled: boolean;
  placesLeft: number;
  startsAt: string;
}

/** A shift still recruiting: its project recruiting, the shift neither cancelled nor started, places left. */
export function stillRecruiting(s: ShiftToFill, now: Date): boolean {
  return s.projectStatus === 'recruiting' && !s.cancelled && s.placesLeft > 0 && Date.parse(s.startsAt) > now.getTime();
}
