// volunteer.exportMine — everything held about the caller as a JSON file in cloud storage, answered with a temporary
// download link (PIPL Art. 45). The field set is documented in export-view.ts. The file's id is recorded on the
// user document so that deleting the account deletes the exports too.
import type { ExportResponse } from '../../typings/volunteer';
import { action, noPayload } from '../_shared/action';
import { keyRingFromEnv } from '../_shared/crypto';
import { getOrNull } from '../_shared/db';
import { ok } from '../_shared/envelope';
import type { NotificationDoc } from '../_shared/outbox';
import { buildExport, type UserWithExports } from './export-view';
import { allPages, loadRegistered, membershipsOf, notRegistered, organizationNames, PAGE } from './store';

/** How long the download link works. */
export const EXPORT_LINK_SECONDS = 3600;

export function exportPathOf(userId: string, now: Date): string {
  // 2026-11-28T03:39:05.123Z → 20261128T033905123Z: sortable, no characters a path dislikes.
  return `exports/${userId}/${now.toISOString().replace(/[-:.]/g, '')}.json`;
}

export const exportMine = action<Record<string, never>, ExportResponse>(noPayload, async (_req, ctx) => {
  const me = await loadRegistered(ctx);
  if (!me) return notRegistered();
  const memberships = await membershipsOf(ctx.db, me.userId);
  const orgIds = memberships.map((m) => m.orgId);
  const names = await organizationNames(ctx.db, orgIds);
  // Organizations the caller registered: they are its first admin, so a membership leads to each.
  const organizationsCreated = (
    await Promise.all([...new Set(orgIds)].map((id) => getOrNull<Record<string, unknown>>(ctx.db, 'organizations', id)))
  ).filter((o): o is Record<string, unknown> => o !== null && o.createdBy === me.userId);
  const notifications = await allPages<NotificationDoc>(
    (skip) =>
      ctx.db
        .collection('notifications')
        .where({ recipientUserId: me.userId })
        .orderBy('createdAt', 'desc')
        .skip(skip)
        .limit(PAGE)
        .get() as Promise<{ data: unknown[] }>,
    10_000,
  );

  const content = buildExport(
    { user: me.user as UserWithExports, volunteer: me.volunteer, memberships, organizationNames: names, notifications, organizationsCreated },
    keyRingFromEnv(ctx.env),
    ctx.now,
  );
  const file = Buffer.from(JSON.stringify(content, null, 2), 'utf8');
  const uploaded = await ctx.cloud.uploadFile({ cloudPath: exportPathOf(me.userId, ctx.now), fileContent: file });
  await ctx.db
    .collection('users')
    .doc(me.userId)
    .update({ data: { exports: ctx.db.command.push([{ fileID: uploaded.fileID, createdAt: ctx.now }]) } });
  const links = (await ctx.cloud.getTempFileURL({ fileList: [{ fileID: uploaded.fileID, maxAge: EXPORT_LINK_SECONDS }] })) as {
    fileList: Array<{ tempFileURL?: string }>;
  };
  const url = links.fileList[0]?.tempFileURL;
  if (!url) throw new Error('exportMine: no temporary URL for the uploaded file');
  return ok({
    fileID: uploaded.fileID,
    url,
    validUntil: new Date(ctx.now.getTime() + EXPORT_LINK_SECONDS * 1000).toISOString(),
    bytes: file.length,
  });
});
