// What the certificate function tells people (issue 10), one builder per notification kind. Each is written in the
// transaction of the change it tells about (outbox.ts), keyed by the certificate, so a retried transaction makes the
// same id. The volunteer's side (issued, requested, settingsNeeded) comes first; the organization's side follows.
import { certificateDetailPath, routes, withQuery } from '../../../miniprogram/domain/routes';
import { formatHours } from '../../../miniprogram/common/service-hours';
import { maskName } from '../rules/mask';
import type { OutgoingNotification } from './outbox';

export interface IssuedFacts {
  certificateId: string;
  volunteerUserId: string;
  number: string;
  issuerName: string;
  totalMinutes: number;
}

/** To the volunteer, from issueInTransaction: every issuance (on request, an admin's approval, a bulk issue). */
export function certificateIssued(c: IssuedFacts): OutgoingNotification {
  return {
    kind: 'certificate.issued',
    recipientUserId: c.volunteerUserId,
    title: '志愿服务记录证明已开具',
    body: `「${c.issuerName}」为你开具了志愿服务记录证明（${formatHours(c.totalMinutes)} 小时），编号 ${c.number}，可在“我的证明”中查看和下载。`,
    link: certificateDetailPath(c.certificateId),
    key: [c.certificateId],
    facts: { subject: '志愿服务记录证明', minutes: c.totalMinutes, note: `${c.issuerName} 编号 ${c.number}` },
  };
}

/** To each admin of an issuer that reviews first: a volunteer's request waits. */
export function certificateRequested(certificateId: string, issuerOrgId: string, adminUserId: string, volunteerName: string, volunteerUserId: string): OutgoingNotification {
  return {
    kind: 'certificate.requested',
    recipientUserId: adminUserId,
    title: '有新的证明申请待审核',
    body: `${maskName(volunteerName)} 申请开具志愿服务记录证明，请在组织主页审核。`,
    link: withQuery(routes.orgHome, { orgId: issuerOrgId }),
    key: [certificateId],
    aboutUserId: volunteerUserId,
  };
}

/** To each admin of an issuer without certificate settings, once per organization: volunteers cannot ask yet. */
export function certificateSettingsNeeded(issuerOrgId: string, issuerName: string, adminUserId: string): OutgoingNotification {
  return {
    kind: 'certificate.settingsNeeded',
    recipientUserId: adminUserId,
    title: '有志愿者在等服务证明',
    body: `有志愿者申请「${issuerName}」开具志愿服务记录证明，请先设置证明的负责人、经办人、联系方式和印章。`,
    link: withQuery(routes.orgHome, { orgId: issuerOrgId }),
    key: [issuerOrgId],
  };
}

export interface CertificateFacts {
  certificateId: string;
  /** users._id of the volunteer the certificate is for. */
  userId: string;
  /** The organization that issues (or would have issued) it. */
  issuerName: string;
}

// ── The organization's decisions: a rejected request, a revoked certificate ────────────────────────
// Both open 证明 (the volunteer's certificates), where a new one can be asked for.

export function certificateRejected(c: CertificateFacts, reason: string): OutgoingNotification {
  return {
    kind: 'certificate.rejected',
    recipientUserId: c.userId,
    title: '证明申请未通过',
    body: `「${c.issuerName}」未通过你的志愿服务记录证明申请：${reason}。核对时长后可以重新申请。`,
    link: routes.certificates,
    key: [c.certificateId],
    facts: { subject: '志愿服务记录证明', note: reason },
  };
}

export function certificateRevoked(c: CertificateFacts & { number: string }, reason: string): OutgoingNotification {
  return {
    kind: 'certificate.revoked',
    recipientUserId: c.userId,
    title: '志愿服务记录证明已撤销',
    body: `「${c.issuerName}」撤销了证明 ${c.number}：${reason}。该证明核验时将显示已撤销，你可以重新申请。`,
    link: routes.certificates,
    key: [c.certificateId],
    facts: { subject: '志愿服务记录证明', note: reason },
  };
}
