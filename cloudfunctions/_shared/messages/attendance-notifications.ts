// What on-site attendance tells people (issue 9). A forgotten check-out: the timer closed the session at the shift's
// end as a pending record marked 未签退, and each admin of the organization is told once per session (the key is the
// session, so a timer run retried after a crash enqueues nothing twice).
import { routes, withQuery } from '../../../miniprogram/domain/routes';
import { maskName } from '../rules/mask';
import type { OutgoingNotification } from './outbox';

export function missingCheckoutToAdmin(
  s: { sessionId: string; shiftId: string; projectTitle: string; userId: string },
  adminUserId: string,
  volunteerName: string,
  when: string,
): OutgoingNotification {
  return {
    kind: 'attendance.missingCheckout',
    recipientUserId: adminUserId,
    title: '志愿者未签退',
    body: `${maskName(volunteerName)} 在「${s.projectTitle}」${when}未签退，已按班次结束时间生成待确认的时长记录，请核对后确认或调整。`,
    link: withQuery(routes.orgAttendance, { shiftId: s.shiftId }),
    key: [s.sessionId],
    aboutUserId: s.userId,
  };
}
