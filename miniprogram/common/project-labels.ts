// Words for projects, shared by 发现, the project detail and the organization's project pages. Pure.
import type { ProjectStatus, RecruitmentScope } from '../../typings/project';
import { SERVICE_CATEGORIES, SERVICE_OBJECTS, SKILLS, labelOf } from '../domain/codes';
import { shanghaiClock } from '../domain/calendar';

export const PROJECT_STATUS_LABELS: Readonly<Record<ProjectStatus, string>> = {
  draft: '草稿',
  submitted: '待平台审核',
  rejected: '未通过审核',
  recruiting: '招募中',
  in_progress: '进行中',
  finished: '已结束',
  cancelled: '已取消',
};

export const SCOPE_LABELS: Readonly<Record<RecruitmentScope, string>> = {
  open: '面向所有人',
  real_name: '仅限实名注册志愿者',
  team: '仅限指定团队成员',
  password: '凭报名口令报名',
};

export const categoryLabel = (code: string): string => labelOf(SERVICE_CATEGORIES, code) ?? '其他';
export const objectsText = (codes: readonly string[]): string => codes.map((c) => labelOf(SERVICE_OBJECTS, c) ?? c).join('、');
export const skillsText = (codes: readonly string[]): string => codes.map((c) => labelOf(SKILLS, c) ?? c).join('、');

/** '12月5日 周六 09:00–11:30' in Asia/Shanghai; a second date when it ends on another day. */
export function shiftTimeText(startsAt: string, endsAt: string): string {
  const start = shanghaiClock(Date.parse(startsAt));
  const end = shanghaiClock(Date.parse(endsAt));
  const weekday = '日一二三四五六'[start.day()];
  const sameDay = start.format('YYYY-MM-DD') === end.format('YYYY-MM-DD');
  return `${start.format('M月D日')} 周${weekday} ${start.format('HH:mm')}–${end.format(sameDay ? 'HH:mm' : 'M月D日 HH:mm')}`;
}

/** '800 米', '3.2 公里'. */
export function distanceText(metres: number): string {
  if (metres < 1000) return `${Math.max(10, Math.round(metres / 10) * 10)} 米`;
  return `${(metres / 1000).toFixed(metres < 10_000 ? 1 : 0)} 公里`;
}

/** The age condition in words, or '不限年龄'. */
export function ageText(minAge?: number, maxAge?: number): string {
  if (minAge !== undefined && maxAge !== undefined) return `${minAge}–${maxAge} 岁`;
  if (minAge !== undefined) return `${minAge} 岁及以上`;
  if (maxAge !== undefined) return `${maxAge} 岁及以下`;
  return '不限年龄';
}
