// What the hours function tells people (issue 9), one builder per notification kind. Keys are the record and its
// revision (a decision happens once per revision, so a retried transaction makes the same id), the correction, or
// the organization and the Asia/Shanghai day (overdue: once per organization per day).
import { routes, withQuery } from '../../../miniprogram/domain/routes';
import { formatHours } from '../../../miniprogram/common/service-hours';
import { maskName } from '../rules/mask';
import type { OutgoingNotification } from './outbox';

export interface RecordFacts {
  recordId: string;
  revision: number;
  userId: string;
  activityName: string;
  /** 'YYYY-MM-DD'. */
  activityDate: string;
  minutes: number;
}

const recordLink = (recordId: string) => withQuery(routes.hoursRecord, { recordId });

export function hoursConfirmed(r: RecordFacts): OutgoingNotification {
  return {
    kind: 'hours.confirmed',
    recipientUserId: r.userId,
    title: '服务时长已确认',
    body: `「${r.activityName}」${r.activityDate}：${formatHours(r.minutes)} 小时已计入你的服务时长。`,
    link: recordLink(r.recordId),
    key: [r.recordId, String(r.revision)],
    facts: { subject: r.activityName, minutes: r.minutes, note: `${r.activityDate} 已计入服务时长` },
  };
}

export function hoursRejected(r: RecordFacts, reason: string): OutgoingNotification {
  return {
    kind: 'hours.rejected',
    recipientUserId: r.userId,
    title: '服务时长未通过',
    body: `「${r.activityName}」${r.activityDate}的时长未被确认：${reason}。如有异议可在记录详情中报告错误。`,
    link: recordLink(r.recordId),
    key: [r.recordId, String(r.revision)],
    facts: { subject: r.activityName, minutes: r.minutes, note: reason },
  };
}

export function hoursRevoked(r: RecordFacts, reason: string): OutgoingNotification {
  return {
    kind: 'hours.revoked',
    recipientUserId: r.userId,
    title: '服务时长已撤销',
    body: `「${r.activityName}」${r.activityDate}的时长已被组织撤销：${reason}。`,
    link: recordLink(r.recordId),
    key: [r.recordId, String(r.revision)],
    facts: { subject: r.activityName, minutes: r.minutes, note: reason },
  };
}

export function correctionResolved(correctionId: string, r: Omit<RecordFacts, 'revision' | 'minutes'> & { minutes?: number }, accepted: boolean, reason: string): OutgoingNotification {
  return {
    kind: 'hours.correctionResolved',
    recipientUserId: r.userId,
    title: accepted ? '更正申请已通过' : '更正申请未通过',
    body: accepted
      ? `「${r.activityName}」${r.activityDate}已更正为 ${formatHours(r.minutes ?? 0)} 小时：${reason}。`
      : `「${r.activityName}」${r.activityDate}的更正申请未通过：${reason}。`,
    link: recordLink(r.recordId),
    key: [correctionId],
    facts: { subject: r.activityName, minutes: r.minutes ?? 0, result: accepted ? '已更正' : '未通过', note: reason },
  };
}

export function correctionReported(correctionId: string, orgId: string, adminUserId: string, volunteerName: string, volunteerUserId: string, activityName: string): OutgoingNotification {
  return {
    kind: 'hours.correctionReported',
    recipientUserId: adminUserId,
    title: '新的时长更正申请',
    body: `${maskName(volunteerName)} 报告「${activityName}」的时长有误，请处理。`,
    link: withQuery(routes.orgHours, { orgId }),
    key: [correctionId],
    aboutUserId: volunteerUserId,
  };
}

/** Once per organization per day: how many records wait past the organization's overdue days. */
export function recordsOverdue(orgId: string, day: string, adminUserId: string, count: number, overdueDays: number, capped: boolean): OutgoingNotification {
  return {
    kind: 'hours.overdue',
    recipientUserId: adminUserId,
    title: '有服务时长逾期未确认',
    body: `有 ${count}${capped ? '+' : ''} 条服务记录在活动结束 ${overdueDays} 天后仍未确认，请尽快处理。`,
    link: withQuery(routes.orgHours, { orgId }),
    key: [orgId, day],
  };
}

/** The daily sweep found counters that differ from their records: each platform admin is told once per sweep. */
export function totalsDifferenceToPlatformAdmin(sweepNo: number, adminUserId: string, differences: number): OutgoingNotification {
  return {
    kind: 'hours.totalsDifference',
    recipientUserId: adminUserId,
    title: '时长统计与记录不一致',
    body: `第 ${sweepNo} 轮每日核对发现 ${differences} 处时长统计与已确认记录不一致，请用 hours.totalsReport 查看明细并核查。`,
    key: [String(sweepNo)],
  };
}
