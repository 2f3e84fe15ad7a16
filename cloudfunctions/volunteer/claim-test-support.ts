// Test fixtures for 申诉找回: a record registered through the product's own `register` (so its credential is real
// GB 11643 and its documents are what registration writes), a claim filed against it, a photo. Tests only.
import type { Emulator } from '../../emulator/src/server';
import { caller, type TestCaller } from '../../emulator/test/support';
import type { FileClaimRequest } from '../../typings/volunteer';
import { PRIVACY_TERMS_VERSION } from '../../miniprogram/domain/codes';
import { userIdOf } from '../_shared/documents/ids';
import { idNumber, registration } from './test-support';

/** The smallest bytes that are a JPEG by their signature, and a PNG likewise. */
export const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-test')]);
export const photo = (bytes: Buffer = JPEG) => ({ contentType: 'image/jpeg' as const, base64: bytes.toString('base64') });

export interface Record {
  holder: TestCaller;
  holderUserId: string;
  volunteerId: string;
  volunteerNo: string;
  name: string;
  number: string;
}

let serial = 0;

/** A volunteer registered by `holderOpenid` under a fresh ID number (the squatter, or the owner before losing WeChat). */
export async function registeredRecord(emu: Emulator, holderOpenid: string, name = '王小明', number = idNumber(1985, 300 + (++serial % 600), '350103')): Promise<Record> {
  const holder = caller(emu, holderOpenid);
  const res = await holder.call('volunteer', 'register', registration({ name, credential: { type: 'CN_ID', number } }));
  if (!res.ok) throw new Error(`register: ${res.error.code} ${res.error.message}`);
  return { holder, holderUserId: userIdOf(holderOpenid), volunteerId: res.data.volunteerId, volunteerNo: res.data.volunteerNo, name, number };
}

export function claimRequest(record: Pick<Record, 'name' | 'number'>, overrides: Partial<FileClaimRequest> = {}): FileClaimRequest {
  return {
    name: record.name,
    credential: { type: 'CN_ID', number: record.number },
    phone: { source: 'typed', number: '13900002222' },
    statement: '我的身份证号被他人注册，我本人需要找回志愿者档案。',
    privacyVersion: PRIVACY_TERMS_VERSION,
    ...overrides,
  };
}

/** A claim by `claimant` against `record`, with one photo: in the review queue. */
export async function pendingClaim(claimant: TestCaller, record: Record): Promise<string> {
  const filed = await claimant.call('volunteer', 'fileClaim', claimRequest(record));
  if (!filed.ok) throw new Error(`fileClaim: ${filed.error.code} ${filed.error.message}`);
  const added = await claimant.call('volunteer', 'addClaimEvidence', { claimId: filed.data.claim.claimId, photo: photo() });
  if (!added.ok) throw new Error(`addClaimEvidence: ${added.error.code}`);
  return filed.data.claim.claimId;
}
