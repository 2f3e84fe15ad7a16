// project.uploadCover — a cover image for an organization's project form. Storage is private (ADMINONLY: a
// mini-program can neither upload nor read a file), so the photo comes through the function, is checked (JPEG or
// PNG by its first bytes, ≤ 70 KB), stored under the organization's own path and recorded in `projectCovers`;
// saveDraft accepts only a cover recorded there for the same organization, so a form cannot point at another
// organization's file or anyone's private photo (get hands out a link to the cover). A file whose record could not
// be written is deleted at once.
import { randomBytes } from 'node:crypto';
import { action } from '../_shared/frame/action';
import { ok, refusal } from '../_shared/frame/envelope';
import { deleteFiles } from '../_shared/db/personal-data';
import { coverPathOf, decodeCover, type ProjectCoverDoc } from './cover';
import { uploadCoverSchema } from './schemas';
import { managerOf } from './store';

/** A link to show the cover on the form. */
const COVER_LINK_SECONDS = 3600;

export const uploadCover = action('project', 'uploadCover', uploadCoverSchema, async (req, ctx) => {
  const manager = await managerOf(ctx, req.orgId);
  if (!manager.ok) return manager.answer;
  const image = decodeCover(req.photo);
  if (!image.ok) return refusal(image);
  const coverId = randomBytes(10).toString('hex');
  const uploaded = await ctx.cloud.uploadFile({ cloudPath: coverPathOf(req.orgId, coverId, req.photo.contentType), fileContent: image.value });
  const record: Omit<ProjectCoverDoc, '_id'> = { orgId: req.orgId, fileId: uploaded.fileID, createdAt: ctx.now };
  try {
    await ctx.db.collection('projectCovers').doc(coverId).set({ data: record });
  } catch (e) {
    await deleteFiles(ctx.cloud, [uploaded.fileID]);
    throw e;
  }
  const links = (await ctx.cloud.getTempFileURL({ fileList: [{ fileID: uploaded.fileID, maxAge: COVER_LINK_SECONDS }] })) as { fileList: Array<{ tempFileURL?: string }> };
  return ok({ fileId: uploaded.fileID, url: links.fileList[0]?.tempFileURL ?? '' });
});
