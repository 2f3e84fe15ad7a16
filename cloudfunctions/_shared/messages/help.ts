// What the help function says (issue 12, 求助): refusals and every notification of a help request's steps. Each
// notification is enqueued in the transaction of the step it tells about, keyed by the need and the step, so a retried
// transaction makes the same id and nobody is told twice.
import { HELP_RULE_MESSAGES } from '../../../miniprogram/domain/messages';
import { charLength } from '../../../miniprogram/domain/text';
import { routes, withQuery } from '../../../miniprogram/domain/routes';
import type { OutgoingNotification } from './outbox';

export { HELP_STATUS_LABELS } from '../../../miniprogram/domain/help-labels';

/** The refusals of the help function: the ones the pages check too are the domain's (HELP_RULE_MESSAGES). */
export const HELP_MESSAGES = {
  ...HELP_RULE_MESSAGES,
  tooManyAwaiting: '你已有 2 条求助在等待核实，核实后才能再提交新的求助',
  tooManyRejected: (days: number) => `近 30 天内你有 3 条求助未通过核实，${days} 天后才能再提交`,
  notFound: '找不到这条求助，它可能已被撤回',
  forbidden: '你不能处理这条求助',
  wrongState: (label: string) => `这条求助当前为“${label}”，不能进行此操作`,
  taken: '已有其他组织先接单了，感谢你的响应',
  notVerified: '组织通过认证后才能接单',
  ownNeed: '不能核实自己提交的求助',
  responderNotVerified: '组织通过认证后才能接收求助派单',
  contactGone: '求助人已注销账号，联系方式已删除，无法再联系；可在项目中查看服务安排',
  contactForbidden: '只有核实人员和接单组织的管理员可以查看联系电话',
  contactWrongState: (label: string) => `这条求助当前为“${label}”，不能查看联系电话`,
  timePassed: '这条求助的服务时间已过，不能再处理；求助人可换个时间重新提交',
} as const;

const mineLink = (id: string) => withQuery(routes.helpMine, { helpRequestId: id });
const offersLink = (orgId: string) => withQuery(routes.helpOffers, { orgId });

export interface NeedFacts {
  id: string;
  what: string;
  requesterUserId: string;
  startsAt: Date;
  place: string;
}

/** A short subject for a template's 20-character keyword: the first words of what is needed. */
function subjectOf(n: NeedFacts): string {
  const text = n.what.replace(/\s+/g, ' ').trim();
  return charLength(text) > 16 ? `${Array.from(text).slice(0, 15).join('')}…` : text;
}

/** To a verifier: a new need waits for verification. */
export function helpAwaitingVerification(n: NeedFacts, verifierUserId: string): OutgoingNotification {
  return {
    kind: 'help.awaitingVerification',
    recipientUserId: verifierUserId,
    aboutUserId: n.requesterUserId,
    title: '有新的求助待核实',
    body: `求助「${subjectOf(n)}」等待核实，请电话联系、上门或查看材料后确认。`,
    link: routes.helpVerify,
    key: [n.id],
    facts: { subject: '求助待核实', note: subjectOf(n), at: n.startsAt },
  };
}

/** To the requester: verified (now dispatched) or rejected, with the verifier's note. */
export function helpVerified(n: NeedFacts, decision: 'verify' | 'reject', note: string, at: Date): OutgoingNotification {
  const verified = decision === 'verify';
  return {
    kind: verified ? 'help.verified' : 'help.rejected',
    recipientUserId: n.requesterUserId,
    title: verified ? '求助已核实' : '求助未通过核实',
    body: verified ? `你的求助「${subjectOf(n)}」已核实，正在为你联系服务组织。` : `你的求助「${subjectOf(n)}」未通过核实：${note}`,
    link: mineLink(n.id),
    key: [n.id],
    facts: { subject: subjectOf(n), result: verified ? '已核实' : '未通过', at, note: verified ? '正在联系服务组织' : note },
  };
}

/** To each admin of an organization the need is offered to. */
export function helpOffered(n: NeedFacts, orgId: string, adminUserId: string, urgent: boolean): OutgoingNotification {
  return {
    kind: 'help.offered',
    recipientUserId: adminUserId,
    title: urgent ? '紧急求助派单' : '新的求助派单',
    body: `求助「${subjectOf(n)}」（${n.place}）派给了你们组织，请接单或婉拒并说明原因。`,
    link: offersLink(orgId),
    key: [n.id, orgId],
    facts: { subject: urgent ? '紧急求助派单' : '求助派单', note: subjectOf(n), at: n.startsAt },
  };
}

const CLOSED_BECAUSE = {
  taken: { body: '已由其他组织接单', note: '已由其他组织接单' },
  withdrawn: { body: '已被求助人撤回', note: '求助人已撤回' },
  expired: { body: '的服务时间已过、无人接单', note: '服务时间已过' },
} as const;

/**
 * To each admin of an organization whose offer ended without its answer (another accepted, it was withdrawn, or its
 * service time passed first).
 */
export function helpOfferClosed(n: NeedFacts, orgId: string, adminUserId: string, why: keyof typeof CLOSED_BECAUSE): OutgoingNotification {
  return {
    kind: 'help.offerClosed',
    recipientUserId: adminUserId,
    title: '求助派单已结束',
    body: `求助「${subjectOf(n)}」${CLOSED_BECAUSE[why].body}，无需再处理。`,
    link: offersLink(orgId),
    key: [n.id, orgId],
    facts: { subject: '求助派单已结束', note: CLOSED_BECAUSE[why].note },
  };
}

/** To the requester: an organization accepted. */
export function helpAccepted(n: NeedFacts, orgName: string, at: Date): OutgoingNotification {
  return {
    kind: 'help.accepted',
    recipientUserId: n.requesterUserId,
    title: '求助已有组织接单',
    body: `「${orgName}」接下了你的求助「${subjectOf(n)}」，将安排志愿者按时服务。`,
    link: mineLink(n.id),
    key: [n.id],
    facts: { subject: subjectOf(n), result: '已接单', at, note: orgName },
  };
}

/** To the requester: every organization ranked for it declined, or none serves its area. */
export function helpUnmatched(n: NeedFacts, at: Date): OutgoingNotification {
  return {
    kind: 'help.unmatched',
    recipientUserId: n.requesterUserId,
    title: '求助暂无组织接单',
    body: `你的求助「${subjectOf(n)}」暂时没有组织能够接单，可查看各组织的说明，或撤回后调整时间再提交。`,
    link: mineLink(n.id),
    key: [n.id],
    facts: { subject: subjectOf(n), result: '暂无接单', at, note: '可调整时间后再提交' },
  };
}

/** To a willing volunteer near an urgent need. */
export function helpUrgentNearby(n: NeedFacts, volunteerUserId: string, distanceM: number): OutgoingNotification {
  const km = (distanceM / 1000).toFixed(1);
  return {
    kind: 'help.urgentNearby',
    recipientUserId: volunteerUserId,
    aboutUserId: n.requesterUserId,
    title: '附近有紧急求助',
    body: `距你约 ${km} 公里有一条已核实的紧急求助「${subjectOf(n)}」（${n.place}），如能帮忙请留意服务组织的招募。`,
    key: [n.id],
    facts: { subject: subjectOf(n), at: n.startsAt, place: n.place, note: `距你约${km}公里` },
  };
}

/** To the requester: the service is done; rate it. */
export function helpServed(n: NeedFacts, orgName: string): OutgoingNotification {
  return {
    kind: 'help.served',
    recipientUserId: n.requesterUserId,
    title: '服务已完成，请评价',
    body: `「${orgName}」已完成你的求助「${subjectOf(n)}」的服务，请花几秒钟为这次服务打分。`,
    link: mineLink(n.id),
    key: [n.id],
    facts: { subject: '请评价本次服务', note: subjectOf(n) },
  };
}

/** To each admin of the organization that served: the requester's rating. */
export function helpRated(n: NeedFacts, orgId: string, adminUserId: string, stars: number): OutgoingNotification {
  return {
    kind: 'help.rated',
    recipientUserId: adminUserId,
    aboutUserId: n.requesterUserId,
    title: '求助人评价了服务',
    body: `求助「${subjectOf(n)}」的求助人给了 ${stars} 星评价。`,
    link: offersLink(orgId),
    key: [n.id, orgId],
    facts: { subject: '服务评价', note: `${stars}星 ${subjectOf(n)}` },
  };
}

/** To the requester: the service time came and nobody took the need on (it waited for verification or an organization). */
export function helpExpired(n: NeedFacts, at: Date): OutgoingNotification {
  return {
    kind: 'help.expired',
    recipientUserId: n.requesterUserId,
    title: '求助已过期',
    body: `你的求助「${subjectOf(n)}」到了服务时间仍未安排上，已过期。如仍需要帮助，请换一个新的时间重新提交。`,
    link: mineLink(n.id),
    key: [n.id],
    facts: { subject: subjectOf(n), result: '已过期', at, note: '可换个时间重新提交' },
  };
}
