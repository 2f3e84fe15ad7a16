// A project's cover image: what a sent photo must be, and where covers live. Pure.
import { err, ok, type Result } from '../../miniprogram/domain/result';
import { COVER_INVALID_MESSAGES } from '../_shared/messages/answers';

/** Decoded bytes: base64 of 70 KB is about 93 KB of text, inside a function's 100 KB request body. */
export const COVER_MAX_BYTES = 70 * 1024;

const SIGNATURES: Record<'image/jpeg' | 'image/png', number[]> = {
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

/** Strict base64 of a JPEG or PNG whose first bytes say what the type says, within the size. */
export function decodeCover(photo: { contentType: 'image/jpeg' | 'image/png'; base64: string }): Result<Buffer, 'COVER_INVALID'> {
  const text = photo.base64.replace(/^data:image\/(jpeg|png);base64,/, '');
  if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return err('COVER_INVALID', COVER_INVALID_MESSAGES.notImage, 'coverFileId');
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length > COVER_MAX_BYTES) return err('COVER_INVALID', COVER_INVALID_MESSAGES.tooLarge(COVER_MAX_BYTES / 1024), 'coverFileId');
  const signature = SIGNATURES[photo.contentType];
  if (bytes.length <= signature.length || !signature.every((b, i) => bytes[i] === b)) return err('COVER_INVALID', COVER_INVALID_MESSAGES.notImage, 'coverFileId');
  return ok(bytes);
}

/** Covers of one organization share a folder; the random part keeps a replaced cover's old link from showing the new one. */
export function coverPathOf(orgId: string, random: string, contentType: 'image/jpeg' | 'image/png'): string {
  return `project-covers/${orgId}/${random}.${contentType === 'image/png' ? 'png' : 'jpg'}`;
}

/** Collection `projectCovers`: one per cover uploadCover stored, _id the random part of its file name. */
export interface ProjectCoverDoc {
  _id: string;
  orgId: string;
  fileId: string;
  createdAt: Date;
}

/**
 * The projectCovers id of a file id uploadCover gave this organization (cloud://<env>.<bucket>/project-covers/<orgId>/
 * <20 hex>.jpg|png), or undefined for any other file.
 */
export function coverIdOf(orgId: string, fileId: string): string | undefined {
  const m = /^cloud:\/\/[^/\s]+\/project-covers\/([^/\s]+)\/([0-9a-f]{20})\.(jpg|png)$/.exec(fileId);
  return m !== null && m[1] === orgId ? m[2] : undefined;
}
