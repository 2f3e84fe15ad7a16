// What the signup function's answers look like: a volunteer's own sign-ups in full words, the organization's roster
// with names masked (RULES §8) and without anything the page does not show.
import type { RosterEntry, SignupView } from '../../typings/signup';
import type { SignupDoc } from '../_shared/documents/project';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { maskName } from '../_shared/rules/mask';
import { ACTIVE } from './rules';

export function signupView(s: SignupDoc, waitlistPosition?: number): SignupView {
  return {
    signupId: s._id,
    shiftId: s.shiftId,
    projectId: s.projectId,
    projectTitle: s.projectTitle,
    orgName: s.orgName,
    status: s.status,
    reason: s.reason,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    ...(s.status === 'waitlisted' && waitlistPosition !== undefined ? { waitlistPosition } : {}),
    ...(s.status === 'offered' && s.offerExpiresAt ? { offerExpiresAt: s.offerExpiresAt.toISOString() } : {}),
    ...(s.status === 'withdrawn' && s.late ? { late: true } : {}),
    ...(ACTIVE.includes(s.status) && s.status !== 'waitlisted' && s.lateAfter ? { lateAfter: s.lateAfter.toISOString() } : {}),
  };
}

export function rosterEntry(s: SignupDoc, volunteer: VolunteerDoc | undefined, waitlistPosition?: number): RosterEntry {
  return {
    signupId: s._id,
    userId: s.userId,
    nameMasked: volunteer ? maskName(volunteer.name) : '已注销',
    volunteerNo: volunteer?.volunteerNo ?? '',
    status: s.status,
    reason: s.reason,
    signedUpAt: s.createdAt.toISOString(),
    ...(waitlistPosition !== undefined ? { waitlistPosition } : {}),
    ...(s.late ? { late: true } : {}),
    ...(s.noShow ? { noShow: true } : {}),
    ...(s.viaGroupId ? { viaGroupId: s.viaGroupId } : {}),
    ...(s.status === 'confirmed' && s.placeConfirmedAt ? { placeConfirmedAt: s.placeConfirmedAt.toISOString() } : {}),
  };
}

const STATUS_LABELS: Record<SignupDoc['status'], string> = {
  pending: '待审核',
  confirmed: '已确认',
  waitlisted: '候补',
  offered: '候补待确认',
  declined: '未通过',
  removed: '已移出',
  withdrawn: '已取消',
  expired: '已顺延',
};

export function statusLabel(status: SignupDoc['status']): string {
  return STATUS_LABELS[status];
}

/** A CSV field: quoted when it holds a comma, quote or line break; a leading = + - @ is neutralised for spreadsheets. */
function csvField(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The roster as a spreadsheet a coordinator opens by double-click: CSV, UTF-8 with a byte-order mark (Excel and WPS
 * read it as UTF-8 only with one), CRLF line ends, Chinese column names, names masked.
 */
export function rosterCsv(entries: ReadonlyArray<RosterEntry & { shiftText: string }>): Buffer {
  const header = ['序号', '姓名', '志愿者编号', '班次', '状态', '原因', '报名时间', '候补顺序', '迟退', '未到'];
  const lines = [header, ...entries.map((e, i) => [
    String(i + 1),
    e.nameMasked,
    e.volunteerNo,
    e.shiftText,
    statusLabel(e.status),
    e.reason,
    e.signedUpAt,
    e.waitlistPosition !== undefined ? String(e.waitlistPosition) : '',
    e.late ? '是' : '',
    e.noShow ? '是' : '',
  ])];
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n', 'utf8')]);
}
