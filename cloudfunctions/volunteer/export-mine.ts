// volunteer.exportMine — everything held about the caller as a JSON file in cloud storage, answered with a temporary
// download link (PIPL Art. 45). Any account on record may export, registered as a volunteer or not (someone who only
// asked for help has their needs here). What is read comes from the personal-data registry (_shared/db/personal-data.ts);
// the field set is documented in view.ts. The file holds plaintext ID and phone numbers, so it is recorded in
// `exports` with the instant its link expires: the timer trigger `removeExpiredExports` deletes it from then on, and
// deleting the account deletes it at once.
import { randomBytes } from 'node:crypto';
import { inTransaction } from '../_shared/db/db';
import { accountHolder } from '../_shared/db/people';
import { deleteFiles, personalCollections } from '../_shared/db/personal-data';
import type { ExportDoc } from '../_shared/documents/export';
import type { MembershipDoc } from '../_shared/documents/membership';
import type { NotificationDoc } from '../_shared/documents/notification';
import type { UserDoc } from '../_shared/documents/user';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { action, noPayload } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { notRegistered } from '../_shared/messages/answers';
import { keyRingFromEnv } from '../_shared/security/crypto';
import { EXPORT_LINK_SECONDS, exportPathOf } from './rules';
import { organizationNames } from './store';
import { buildExport, EXPORT_SECTIONS } from './view';

export const exportMine = action('volunteer', 'exportMine', noPayload, async (_req, ctx) => {
  const me = await accountHolder(ctx);
  if (!me) return notRegistered();
  const sections: Record<string, unknown[]> = {};
  for (const [name, collection] of personalCollections()) sections[name] = await collection.exportRead(ctx.db, me);
  const memberships = sections.memberships as MembershipDoc[];
  const otherCollections = Object.fromEntries(Object.entries(sections).filter(([name]) => !(EXPORT_SECTIONS as readonly string[]).includes(name)));

  const content = buildExport(
    {
      user: (sections.users[0] as UserDoc | undefined) ?? me.user,
      volunteer: (sections.volunteers[0] as VolunteerDoc | undefined) ?? me.volunteer,
      exports: sections.exports as ExportDoc[],
      memberships,
      organizationNames: await organizationNames(ctx.db, memberships.map((m) => m.orgId)),
      notifications: sections.notifications as NotificationDoc[],
      organizationsCreated: sections.organizations as Array<Record<string, unknown>>,
      otherCollections,
    },
    keyRingFromEnv(ctx.env),
    ctx.now,
    EXPORT_LINK_SECONDS / 3600,
  );
  const file = Buffer.from(JSON.stringify(content, null, 2), 'utf8');
  const uploaded = await ctx.cloud.uploadFile({ cloudPath: exportPathOf(me.userId, ctx.now), fileContent: file });
  const expiresAt = new Date(ctx.now.getTime() + EXPORT_LINK_SECONDS * 1000);
  const record: ExportDoc = { _id: `x_${randomBytes(10).toString('hex')}`, userId: me.userId, fileID: uploaded.fileID, createdAt: ctx.now, expiresAt };
  try {
    // In a transaction, so the record and the request's "made" mark commit together: a retried export makes no second file.
    const { _id, ...data } = record;
    await inTransaction(ctx.db, async (t) => {
      await t.collection('exports').doc(_id).set({ data });
    });
  } catch (e) {
    // Unrecorded, the file would never be removed: it goes now, and the person asks again.
    await deleteFiles(ctx.cloud, [uploaded.fileID]);
    throw e;
  }
  const links = (await ctx.cloud.getTempFileURL({ fileList: [{ fileID: uploaded.fileID, maxAge: EXPORT_LINK_SECONDS }] })) as {
    fileList: Array<{ tempFileURL?: string }>;
  };
  const url = links.fileList[0]?.tempFileURL;
  if (!url) throw new Error('exportMine: no temporary URL for the uploaded file');
  return ok({ fileID: uploaded.fileID, url, validUntil: expiresAt.toISOString(), bytes: file.length });
});
