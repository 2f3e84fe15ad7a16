// What each notification kind is to the person receiving it: the group and label its switch shows under on the
// preferences page, whether it is urgent (quiet hours never hold it), and whether it can be turned off at all.
// The inbox always has every message; these only decide the WeChat message (cloudfunctions/notify/README.md).
import type { NotificationKind } from '../../../typings/inbox';

export interface KindInfo {
  /** The preferences page's group (报名, 服务时长, 证明, 组织, 项目, 提醒, 平台). */
  group: string;
  /** The switch's label. */
  label: string;
  /** Urgent: waiting until the end of the quiet hours would make it useless (a shift in 2 hours, an offer's deadline). */
  urgent: boolean;
  /** false: the WeChat message cannot be turned off (it tells of something done to the person's own account). */
  turnOff: boolean;
}

const info = (group: string, label: string, urgent = false, turnOff = true): KindInfo => ({ group, label, urgent, turnOff });

export const KIND_INFO: Record<NotificationKind, KindInfo> = {
  'org.reviewed': info('组织', '组织审核结果'),
  'org.joinRequested': info('组织', '新的入队申请'),
  'org.joinDecided': info('组织', '入队申请结果'),
  'org.inviteAccepted': info('组织', '邀请已被接受'),
  'org.applicationExpired': info('组织', '入队申请已过期'),
  'org.claimDecided': info('组织', '组织认领结果'),
  'org.adminsReplaced': info('组织', '管理员变更'),
  'org.handOverOffered': info('组织', '管理权移交邀请'),
  'org.handOverAccepted': info('组织', '管理权移交完成'),
  'org.dissolved': info('组织', '组织已解散'),
  // Someone else's claim moved (or decided on) this person's record: they must hear of it to dispute it in time.
  'claim.decided': info('账号', '申诉处理结果', false, false),
  'claim.recordMovedAway': info('账号', '记录已转移', false, false),

  'signup.confirmed': info('报名', '报名成功'),
  'signup.pending': info('报名', '报名待审核'),
  'signup.waitlisted': info('报名', '进入候补'),
  // An offered place lapses if not confirmed in time (signup expireOffers): it cannot wait for the morning.
  'signup.offered': info('报名', '候补名额待确认', true),
  'signup.expired': info('报名', '候补名额已顺延'),
  'signup.declined': info('报名', '报名未通过'),
  'signup.removed': info('报名', '被移出班次'),
  'signup.awaitingApproval': info('组织', '报名待审核（管理员）'),
  'signup.withdrawn': info('组织', '志愿者取消报名（管理员）'),

  'hours.confirmed': info('服务时长', '时长已确认'),
  'hours.rejected': info('服务时长', '时长未通过'),
  'hours.revoked': info('服务时长', '时长已撤销'),
  'hours.correctionResolved': info('服务时长', '更正申请结果'),
  'hours.correctionReported': info('组织', '新的时长更正申请（管理员）'),
  'hours.overdue': info('组织', '时长逾期未确认（管理员）'),
  'hours.totalsDifference': info('平台', '时长核对差异（平台管理员）'),
  'attendance.missingCheckout': info('组织', '未签退提醒（管理员）'),

  'certificate.rejected': info('证明', '证明申请未通过'),
  'certificate.revoked': info('证明', '证明已撤销'),
  'certificate.issued': info('证明', '证明已开具'),
  'certificate.requested': info('组织', '新的证明申请（管理员）'),
  'certificate.settingsNeeded': info('组织', '证明设置待完善（管理员）'),

  'project.reviewed': info('项目', '项目审核结果'),
  // A changed or cancelled shift may be tomorrow at 07:00: holding it until 08:00 could send someone to nothing.
  'project.shiftChanged': info('项目', '班次时间地点变更', true),
  'project.cancelled': info('项目', '项目取消', true),
  'project.coverRejected': info('项目', '封面未通过审核'),

  'reminder.shift24h': info('提醒', '服务前一天提醒'),
  'reminder.shift2h': info('提醒', '服务前两小时提醒', true),
  'digest.orgDaily': info('组织', '组织每日待办汇总'),
  'project.recommended': info('项目', '新项目推荐'),

  // Help requests (cloudfunctions/help/README.md). A willing volunteer near an urgent need is told at once: it is
  // urgent because it may be needed within hours.
  'help.awaitingVerification': info('求助', '求助待核实（核实人）'),
  'help.verified': info('求助', '求助核实结果'),
  'help.rejected': info('求助', '求助未通过核实'),
  'help.offered': info('求助', '求助派单（组织管理员）'),
  'help.offerClosed': info('求助', '求助派单结束（组织管理员）'),
  'help.accepted': info('求助', '求助已接单'),
  'help.unmatched': info('求助', '求助暂无接单'),
  'help.urgentNearby': info('求助', '附近紧急求助', true),
  'help.served': info('求助', '服务完成请评价'),
  'help.rated': info('求助', '服务评价（组织管理员）'),
  'help.expired': info('求助', '求助已过期'),

  // Matching (typings/match.ts): capped per week (ZY_INVITES_PER_WEEK), so it may wait for the morning.
  'match.invited': info('项目', '组织邀请报名'),
};

export const ALL_KINDS = Object.keys(KIND_INFO) as NotificationKind[];

export function isKnownKind(kind: string): kind is NotificationKind {
  return Object.prototype.hasOwnProperty.call(KIND_INFO, kind);
}
