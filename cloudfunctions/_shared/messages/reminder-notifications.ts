// What the reminder slice tells people (issue 11): shift reminders 24 h and 2 h before, the organization admins'
// morning digest, new-project recommendations; and the answers of confirmPlace / releasePlace. Each builder makes
// a deterministic key (the same facts give the same outbox id), so a rerun of the timer enqueues nothing twice.
import { routes, withQuery } from '../../../miniprogram/domain/routes';
import { shanghaiClock } from '../../../miniprogram/domain/calendar';
import type { OutgoingNotification } from './outbox';

/** Refusals of signup.confirmPlace (signup/place-check.ts). */
export const PLACE_CHECK_MESSAGES = {
  notConfirmable: '这条报名当前没有保留的名额，无需确认参加',
  shiftStarted: '班次已经开始，无需再确认参加',
} as const;

/** A shift as its reminder tells it. */
export interface ShiftReminderFacts {
  signupId: string;
  shiftId: string;
  projectId: string;
  userId: string;
  projectTitle: string;
  startsAt: Date;
  endsAt: Date;
  /** The project's place name and address. */
  place: string;
}

/** Asia/Shanghai wall clock of a shift, e.g. 12-03 09:00–11:30 (北京时间 is what every volunteer reads). */
export function shiftClockText(startsAt: Date, endsAt: Date): string {
  const start = shanghaiClock(startsAt);
  const end = shanghaiClock(endsAt);
  return `${start.format('MM-DD HH:mm')}–${end.format(start.format('YYYY-MM-DD') === end.format('YYYY-MM-DD') ? 'HH:mm' : 'MM-DD HH:mm')}`;
}

/**
 * 24 hours before: asks the volunteer to confirm or release the place (its link opens 确认参加). The key carries the
 * shift's start, so a shift moved to another time is reminded again at its new time.
 */
export function shiftReminder24h(s: ShiftReminderFacts): OutgoingNotification {
  return {
    kind: 'reminder.shift24h',
    recipientUserId: s.userId,
    title: '志愿服务即将开始，请确认参加',
    body: `「${s.projectTitle}」${shiftClockText(s.startsAt, s.endsAt)}（北京时间），地点：${s.place}。请确认参加；如不能参加，请释放名额，让候补的志愿者补上。`,
    link: withQuery(routes.placeCheck, { signupId: s.signupId }),
    key: [s.signupId, s.startsAt.toISOString()],
    facts: { subject: s.projectTitle, at: s.startsAt, place: s.place, note: '请确认参加或释放名额' },
  };
}

/** 2 hours before (urgent: not held by quiet hours); its link opens the check-in page of the shift. */
export function shiftReminder2h(s: ShiftReminderFacts): OutgoingNotification {
  return {
    kind: 'reminder.shift2h',
    recipientUserId: s.userId,
    title: '志愿服务2小时后开始',
    body: `「${s.projectTitle}」${shiftClockText(s.startsAt, s.endsAt)}（北京时间），地点：${s.place}。请准时到场，到达后在小程序签到。`,
    link: withQuery(routes.checkin, { shiftId: s.shiftId }),
    key: [s.signupId, s.startsAt.toISOString()],
    facts: { subject: s.projectTitle, at: s.startsAt, place: s.place, note: '请准时到场签到' },
  };
}

/** What waits for an organization's admins on a morning. */
export interface DigestCounts {
  signupsPending: number;
  recordsPending: number;
  recordsOverdue: number;
  /** More overdue records than were counted: shown as "100+". */
  overdueCapped: boolean;
}

/** The morning digest to one admin of one organization, one per Asia/Shanghai day (`day` is YYYY-MM-DD). */
export function orgDailyDigest(org: { orgId: string; name: string }, day: string, adminUserId: string, c: DigestCounts, at: Date): OutgoingNotification {
  const parts = [
    ...(c.signupsPending > 0 ? [`报名待审核 ${c.signupsPending} 人`] : []),
    ...(c.recordsPending > 0 ? [`服务时长待确认 ${c.recordsPending} 条${c.recordsOverdue > 0 ? `（其中逾期 ${c.recordsOverdue}${c.overdueCapped ? '+' : ''} 条）` : ''}`] : []),
  ];
  return {
    kind: 'digest.orgDaily',
    recipientUserId: adminUserId,
    title: '今日待办',
    body: `「${org.name}」${parts.join('，')}。请到组织主页处理。`,
    link: withQuery(routes.orgHome, { orgId: org.orgId }),
    key: [org.orgId, day],
    facts: { subject: org.name, at, result: `${c.signupsPending + c.recordsPending} 项待处理`, note: parts.join('，') },
  };
}

/** A new project that fits the volunteer (opt-in; a few a week at most). */
export function projectRecommended(
  p: { projectId: string; title: string; orgName: string; startsAt: Date; place: string },
  userId: string,
): OutgoingNotification {
  return {
    kind: 'project.recommended',
    recipientUserId: userId,
    title: '为你推荐新项目',
    body: `「${p.title}」（${p.orgName}）正在招募，${shanghaiClock(p.startsAt).format('MM-DD HH:mm')}（北京时间）开始，地点：${p.place}。`,
    link: withQuery(routes.projectDetail, { projectId: p.projectId }),
    key: [p.projectId],
    facts: { subject: p.title, at: p.startsAt, place: p.place, note: '符合你的服务意向和地区' },
  };
}
