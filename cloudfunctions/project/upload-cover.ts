// project.uploadCover — a cover image for an organization's project form. Storage is private (ADMINONLY: a
// mini-program can neither upload nor read a file), so the photo comes through the function, is checked (JPEG or
// PNG by its first bytes, ≤ 70 KB) and stored under the organization's own path; saveDraft accepts only a cover from
// that path, so a form cannot point at another organization's file or anyone's private photo.
import { randomBytes } from 'node:crypto';
import { action } from '../_shared/frame/action';
import { ok, refusal } from '../_shared/frame/envelope';
import { coverPathOf, decodeCover } from './cover';
import { uploadCoverSchema } from './schemas';
import { managerOf } from './store';

/** A link to show the cover on the form. */
const COVER_LINK_SECONDS = 3600;

export const uploadCover = action('project', 'uploadCover', uploadCoverSchema, async (req, ctx) => {
  const manager = await managerOf(ctx, req.orgId);
  if (!manager.ok) return manager.answer;
  const image = decodeCover(req.photo);
  if (!image.ok) return refusal(image);
  const cloudPath = coverPathOf(req.orgId, randomBytes(10).toString('hex'), req.photo.contentType);
  const uploaded = await ctx.cloud.uploadFile({ cloudPath, fileContent: image.value });
  const links = (await ctx.cloud.getTempFileURL({ fileList: [{ fileID: uploaded.fileID, maxAge: COVER_LINK_SECONDS }] })) as { fileList: Array<{ tempFileURL?: string }> };
  return ok({ fileId: uploaded.fileID, url: links.fileList[0]?.tempFileURL ?? '' });
});
