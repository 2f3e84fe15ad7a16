// What the certificate function tells people (issue 10), one builder per notification kind. Keyed by the certificate:
// a request is rejected once and a certificate revoked once, so a retried transaction makes the same id.
import { routes } from '../../../miniprogram/domain/routes';
import type { OutgoingNotification } from './outbox';

export interface CertificateFacts {
  certificateId: string;
  /** users._id of the volunteer the certificate is for. */
  userId: string;
  /** The organization that issues (or would have issued) it. */
  issuerName: string;
}

// ── The organization's decisions (wt-cert-org): a rejected request, a revoked certificate ────────────────────────
// Both open 我的时长, where the volunteer's certificates are listed and a new one can be asked for.

export function certificateRejected(c: CertificateFacts, reason: string): OutgoingNotification {
  return {
    kind: 'certificate.rejected',
    recipientUserId: c.userId,
    title: '证明申请未通过',
    body: `「${c.issuerName}」未通过你的志愿服务记录证明申请：${reason}。核对时长后可以重新申请。`,
    link: routes.hours,
    key: [c.certificateId],
  };
}

export function certificateRevoked(c: CertificateFacts & { number: string }, reason: string): OutgoingNotification {
  return {
    kind: 'certificate.revoked',
    recipientUserId: c.userId,
    title: '志愿服务记录证明已撤销',
    body: `「${c.issuerName}」撤销了证明 ${c.number}：${reason}。该证明核验时将显示已撤销，你可以重新申请。`,
    link: routes.hours,
    key: [c.certificateId],
  };
}
