// An organization's seal image: what an upload must be (a transparent PNG) and where seals live. Pure.
// PNG (ISO/IEC 15948, W3C PNG 3rd ed. §5.2, §11.2.1): an 8-byte signature, then the IHDR chunk first — length 13,
// width and height (4 bytes each, big-endian), bit depth, colour type. Colour types 4 (greyscale + alpha) and 6
// (RGBA) carry an alpha channel; a palette image (3) is transparent only through a tRNS chunk, and a seal drawn on
// white paper is the usual mistake, so we take the stricter reading: an alpha channel, nothing else.
import { err, ok, type Result } from '../../miniprogram/domain/result';
import { CERTIFICATE_ORG_MESSAGES } from '../_shared/messages/answers';

/** Decoded bytes: base64 of 70 KB is about 93 KB of text, inside a function's 100 KB request body. */
export const SEAL_MAX_BYTES = 70 * 1024;
/** A seal prints at about 4 cm; below 100 px it blurs, above 1200 px it only weighs. */
export const SEAL_MIN_PIXELS = 100;
export const SEAL_MAX_PIXELS = 1200;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const COLOUR_TYPES_WITH_ALPHA = new Set([4, 6]);

export interface SealImage {
  bytes: Buffer;
  width: number;
  height: number;
}

export function decodeSealPng(base64: string): Result<SealImage, 'SEAL_INVALID'> {
  const text = base64.replace(/^data:image\/png;base64,/, '');
  if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return err('SEAL_INVALID', CERTIFICATE_ORG_MESSAGES.sealNotPng, 'base64');
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length > SEAL_MAX_BYTES) return err('SEAL_INVALID', CERTIFICATE_ORG_MESSAGES.sealTooLarge(SEAL_MAX_BYTES / 1024), 'base64');
  // Signature, IHDR's length (13) and type, and its 13 bytes of data.
  if (bytes.length < 8 + 8 + 13 || !PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return err('SEAL_INVALID', CERTIFICATE_ORG_MESSAGES.sealNotPng, 'base64');
  if (bytes.readUInt32BE(8) !== 13 || bytes.toString('latin1', 12, 16) !== 'IHDR') return err('SEAL_INVALID', CERTIFICATE_ORG_MESSAGES.sealNotPng, 'base64');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const colourType = bytes[25]!;
  if (!COLOUR_TYPES_WITH_ALPHA.has(colourType)) return err('SEAL_INVALID', CERTIFICATE_ORG_MESSAGES.sealNotTransparent, 'base64');
  if ([width, height].some((n) => n < SEAL_MIN_PIXELS || n > SEAL_MAX_PIXELS)) {
    return err('SEAL_INVALID', CERTIFICATE_ORG_MESSAGES.sealSize(SEAL_MIN_PIXELS, SEAL_MAX_PIXELS), 'base64');
  }
  return ok({ bytes, width, height });
}

/** Seals of one organization share a private folder; the random part keeps an old link from showing a new seal. */
export function sealPathOf(orgId: string, random: string): string {
  return `certificate-seals/${orgId}/${random}.png`;
}

/** Collection `certificateSeals`: one per image uploadSeal stored, _id the random part of its file name. */
export interface CertificateSealDoc {
  _id: string;
  orgId: string;
  fileId: string;
  width: number;
  height: number;
  uploadedBy: string;
  createdAt: Date;
}

/**
 * The certificateSeals id of a file id uploadSeal gave this organization (cloud://<env>.<bucket>/certificate-seals/
 * <orgId>/<20 hex>.png), or undefined for any other file.
 */
export function sealIdOf(orgId: string, fileId: string): string | undefined {
  const m = /^cloud:\/\/[^/\s]+\/certificate-seals\/([^/\s]+)\/([0-9a-f]{20})\.png$/.exec(fileId);
  return m !== null && m[1] === orgId ? m[2] : undefined;
}
