// 项目详情: a project's detail → what the page shows, and what sharing it says. Pure.
import type { MySignupOfProject, ProjectDetail } from '../../../typings/project-actions';
import type { CalendarEvent } from '../../services/wechat';
import { ageText, categoryLabel, objectsText, PROJECT_STATUS_LABELS, SCOPE_LABELS, shiftTimeText, skillsText } from '../../common/project-labels';
import { stillRecruiting } from '../../common/shift-matching';
import { routes, withQuery } from '../../domain/routes';

export interface ShiftRow {
  shiftId: string;
  timeText: string;
  placesText: string;
  full: boolean;
  cancelled: boolean;
  /** My own sign-up of this shift, in words ('' when I have none): 已报名, 候补中, 待审核, 名额待确认. */
  mineText: string;
  /** 添加到日历: only a shift I hold a confirmed place in, not cancelled, not yet over. */
  canAddToCalendar: boolean;
  /** 推荐志愿者: for the organization's admins, a shift still recruiting (project recruiting, places left, not started). */
  canSuggest: boolean;
}

/** 排班助手 for a series with a shift still recruiting (admins only); dated when the project has several series. */
export interface SeriesLink {
  seriesId: string;
  label: string;
}

export interface DetailView {
  projectId: string;
  title: string;
  orgId: string;
  orgName: string;
  statusText: string;
  recruiting: boolean;
  categoryText: string;
  objectsText: string;
  content: string;
  conditions: Array<{ label: string; value: string }>;
  placeName: string;
  address: string;
  riskText: string;
  riskyNote: string;
  shifts: ShiftRow[];
  goingText: string;
  goingNames: string;
  coverUrl: string;
  contactText: string;
  adminNote: string;
  seriesLinks: SeriesLink[];
}

const MINE_TEXTS: Readonly<Record<MySignupOfProject['status'], string>> = {
  confirmed: '已报名',
  waitlisted: '候补中',
  pending: '待审核',
  offered: '有名额待确认',
};

/** `now` decides which of my shifts are still to come (a past one is not added to a calendar). */
export function toDetailView(d: ProjectDetail, now: Date = new Date()): DetailView {
  const mine = new Map(d.mySignups.map((s) => [s.shiftId, s.status]));
  const c = d.conditions;
  const conditions = [
    { label: '招募范围', value: SCOPE_LABELS[c.scope] },
    { label: '年龄要求', value: ageText(c.minAge, c.maxAge) },
    ...(c.skills.length > 0 ? [{ label: '技能要求', value: skillsText(c.skills) }] : []),
    { label: '未成年人', value: c.minorsAllowed ? `可以参加：${c.guardianConsentNote ?? '需监护人同意'}` : '不接受未成年人报名' },
  ];
  const shifts = d.shifts.map((s) => ({
    shiftId: s.shiftId,
    timeText: shiftTimeText(s.startsAt, s.endsAt),
    placesText: s.cancelled ? '已取消' : s.placesLeft > 0 ? `剩余 ${s.placesLeft}/${s.places} 个名额` : s.waitlisted > 0 ? `已满 · ${s.waitlisted} 人候补` : '已满，可候补',
    full: !s.cancelled && s.placesLeft === 0,
    cancelled: s.cancelled,
    mineText: s.cancelled || !mine.has(s.shiftId) ? '' : MINE_TEXTS[mine.get(s.shiftId)!],
    canAddToCalendar: !s.cancelled && mine.get(s.shiftId) === 'confirmed' && Date.parse(s.endsAt) > now.getTime(),
    canSuggest: d.canEdit && stillRecruiting({ ...s, projectStatus: d.status }, now),
  }));
  const seriesStarts = new Map<string, string>();
  d.shifts.forEach((s, i) => {
    if (s.seriesId && shifts[i]!.canSuggest && !seriesStarts.has(s.seriesId)) seriesStarts.set(s.seriesId, s.startsAt);
  });
  const seriesLinks = [...seriesStarts].map(([seriesId, startsAt]) => ({
    seriesId,
    label: seriesStarts.size > 1 ? `排班助手（${shiftTimeText(startsAt, startsAt).split(' ')[0]}起的重复班次）` : '排班助手',
  }));
  const adminNote = d.admin
    ? [d.admin.rejectReason ? `未通过审核：${d.admin.rejectReason}` : '', d.admin.insuranceMissing ? '有风险的项目需要先登记保险，才能开始签到' : ''].filter(Boolean).join('；')
    : '';
  return {
    projectId: d.projectId,
    title: d.title,
    orgId: d.orgId,
    orgName: d.orgName,
    statusText: PROJECT_STATUS_LABELS[d.status],
    recruiting: d.status === 'recruiting',
    categoryText: categoryLabel(d.category),
    objectsText: objectsText(d.serviceObjects),
    content: d.content,
    conditions,
    placeName: d.place.name ?? d.place.address,
    address: d.place.address,
    riskText: d.risk.disclosure,
    riskyNote: d.risk.risky ? (d.risk.insured ? '该项目有一定风险，组织已为志愿者登记保险' : '该项目有一定风险，请仔细阅读风险告知') : '',
    shifts,
    goingText: d.going.count > 0 ? `已有 ${d.going.count} 人报名` : '还没有人报名，欢迎成为第一位',
    goingNames: d.going.names.join('、'),
    coverUrl: d.coverUrl ?? '',
    contactText: `${d.contact.name} ${d.contact.phoneMasked}`.trim(),
    adminNote,
    seriesLinks,
  };
}

/** The card a group chat or a friend sees: the title, and the cover when there is one. */
export function shareCardOf(view: DetailView): { title: string; path: string; imageUrl?: string } {
  return {
    title: `${view.title}｜${view.orgName}`,
    path: withQuery(routes.projectDetail, { projectId: view.projectId }),
    ...(view.coverUrl ? { imageUrl: view.coverUrl } : {}),
  };
}

/** 朋友圈 shares the page's query, not a path. */
export function timelineOf(view: DetailView): { title: string; query: string; imageUrl?: string } {
  return { title: view.title, query: `projectId=${encodeURIComponent(view.projectId)}`, ...(view.coverUrl ? { imageUrl: view.coverUrl } : {}) };
}

/** The page's query: `projectId`, or a poster's `scene` (URL-encoded by WeChat) to resolve first. */
export function entryOf(query: Record<string, string | undefined> | undefined): { projectId: string } | { scene: string } | null {
  if (query?.projectId) return { projectId: decodeURIComponent(query.projectId) };
  if (query?.scene) return { scene: query.scene };
  return null;
}

/** The phone calendar's event for one shift of the project: times in seconds, the place, who organizes it. */
export function calendarEventOf(d: ProjectDetail, shiftId: string): CalendarEvent | undefined {
  const shift = d.shifts.find((s) => s.shiftId === shiftId);
  if (!shift) return undefined;
  const place = d.place.name ? `${d.place.name}（${d.place.address}）` : d.place.address;
  const contact = `${d.contact.name} ${d.contact.phoneMasked}`.trim();
  return {
    title: `志愿服务：${d.title}`,
    startTime: Math.floor(Date.parse(shift.startsAt) / 1000),
    endTime: Math.floor(Date.parse(shift.endsAt) / 1000),
    location: place,
    description: [`${d.orgName}组织`, contact ? `联系人：${contact}` : '', '在“志愿+”小程序的项目详情中查看变更和签到'].filter(Boolean).join('\n'),
  };
}
