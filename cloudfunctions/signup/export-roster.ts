// signup.exportRoster — the shift's roster as a spreadsheet a coordinator opens (CSV, UTF-8 with BOM; names masked),
// stored privately and handed out as a one-hour temporary link. The file is recorded in `exports` under the admin,
// so the volunteer function's timer removeExpiredExports deletes it once the link has expired.
import { shanghaiDateTime } from '../../miniprogram/domain/calendar';
import { everyRow } from '../_shared/db/paging';
import type { ExportDoc } from '../_shared/documents/export';
import type { SignupDoc } from '../_shared/documents/project';
import { action } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { failWith } from '../_shared/messages/answers';
import { SIGNUPS } from '../_shared/signup/places';
import { adminOf, forbidden } from './admin';
import { shiftTimeText, waitlistOrder } from './rules';
import { exportRosterSchema } from './schemas';
import { shiftAndProject, volunteersByUser } from './store';
import { rosterCsv, rosterEntry } from './view';

export const ROSTER_LINK_SECONDS = 3600;

export const exportRoster = action('signup', 'exportRoster', exportRosterSchema, async (req, ctx) => {
  const found = await shiftAndProject(ctx.db, req.shiftId);
  if (!found) return failWith('SHIFT_NOT_FOUND');
  const { shift } = found;
  const adminUserId = await adminOf(ctx, shift.orgId);
  if (!adminUserId) return forbidden();
  const signups = await everyRow<SignupDoc>(ctx.db, SIGNUPS, { shiftId: shift._id }, { field: 'queuedAt', direction: 'asc' }, 10_000);
  const volunteers = await volunteersByUser(ctx.db, signups.map((s) => s.userId));
  const waitlist = signups.filter((s) => s.status === 'waitlisted').sort(waitlistOrder);
  const shiftText = shiftTimeText(shift);
  const entries = signups.map((s) => {
    const position = s.status === 'waitlisted' ? waitlist.indexOf(s) + 1 : undefined;
    const entry = rosterEntry(s, volunteers.get(s.userId), position);
    return { ...entry, signedUpAt: shanghaiDateTime(entry.signedUpAt), shiftText };
  });
  const cloudPath = `rosters/${shift.orgId}/${shift._id}-${ctx.now.getTime()}.csv`;
  const uploaded = await ctx.cloud.uploadFile({ cloudPath, fileContent: rosterCsv(entries) });
  const validUntil = new Date(ctx.now.getTime() + ROSTER_LINK_SECONDS * 1000);
  const record: Omit<ExportDoc, '_id'> = { userId: adminUserId, fileID: uploaded.fileID, createdAt: ctx.now, expiresAt: validUntil };
  await ctx.db.collection('exports').add({ data: record });
  const links = (await ctx.cloud.getTempFileURL({ fileList: [{ fileID: uploaded.fileID, maxAge: ROSTER_LINK_SECONDS }] })) as {
    fileList: Array<{ tempFileURL: string }>;
  };
  return ok({ fileID: uploaded.fileID, url: links.fileList[0]!.tempFileURL, validUntil: validUntil.toISOString(), rows: entries.length });
});
