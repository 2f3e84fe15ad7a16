// Shared by the volunteer function's tests: people with valid-checksum, obviously fictional ID numbers, a valid
// registration request, raw views of the emulator's database through the stock SDK, and the functions' key ring.
import { loadCollections } from '../../emulator/src/config';
import type { Emulator } from '../../emulator/src/server';
import { caller, serverSdk } from '../../emulator/test/support';
import type { RegisterRequest } from '../../typings/volunteer';
import { shanghaiDate } from '../../miniprogram/domain/calendar';
import { gb11643CheckChar } from '../../miniprogram/domain/checksum';
import { PRIVACY_TERMS_VERSION } from '../../miniprogram/domain/codes';
import { keyRingFromEnv, type KeyRing } from '../_shared/security/crypto';

export const THIS_YEAR = shanghaiDate(new Date()).year;

/** A citizen ID number: region 350102, born 1 January of `birthYear`, order `order` (odd male, even female). */
export function idNumber(birthYear: number, order: number, area = '350102'): string {
  const first17 = `${area}${birthYear}0101${String(order).padStart(3, '0')}`;
  return first17 + gb11643CheckChar(first17);
}

export const ADULT_BIRTH_YEAR = 1990;
/** 16 today (born 1 January). */
export const MINOR_BIRTH_YEAR = THIS_YEAR - 16;
/** 12 today. */
export const CHILD_BIRTH_YEAR = THIS_YEAR - 12;

export function registration(overrides: Partial<RegisterRequest> = {}): RegisterRequest {
  return {
    name: '张三',
    credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, 11) },
    phone: { source: 'typed', number: '13812345678' },
    regionCode: '350102',
    regionNames: ['福建省', '福州市', '鼓楼区'],
    skills: ['first_aid'],
    skillTags: ['剪辑'],
    intentions: ['community'],
    availability: [{ weekday: 6, times: ['morning'] }],
    consents: { privacyVersion: PRIVACY_TERMS_VERSION },
    ...overrides,
  };
}

export function guardianFor(order = 31): NonNullable<RegisterRequest['guardian']> {
  return { name: '李监护', relation: 'mother', credential: { type: 'CN_ID', number: idNumber(1980, order) }, agreed: true };
}

export function ringOf(emu: Emulator): KeyRing {
  return keyRingFromEnv(emu.functionEnv);
}

/** Every document of a collection, read through the stock SDK (an `_id`-ordered scan, allowed in strict mode). */
export async function allDocs(emu: Emulator, collection: string): Promise<Array<Record<string, unknown>>> {
  const db = serverSdk(emu).database();
  const out: Array<Record<string, unknown>> = [];
  for (let skip = 0; ; skip += 100) {
    const res = (await db.collection(collection).orderBy('_id', 'asc').skip(skip).limit(100).get()) as unknown as {
      data: Array<Record<string, unknown>>;
    };
    out.push(...res.data);
    if (res.data.length < 100) return out;
  }
}

/** Every collection the project declares (database/collections.json): a trace left in a new one is found too. */
export const COLLECTIONS: string[] = loadCollections().map((c) => c.name);

export async function counts(emu: Emulator, collections = ['users', 'volunteers', 'counters']): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const c of collections) out[c] = (await allDocs(emu, c)).length;
  return out;
}

export async function docById(emu: Emulator, collection: string, id: string): Promise<Record<string, unknown> | null> {
  const res = (await serverSdk(emu).database().collection(collection).where({ _id: id }).get()) as unknown as {
    data: Array<Record<string, unknown>>;
  };
  return res.data[0] ?? null;
}

/** A verified organization with `adminUserIds` as active admins and `memberUserIds` as active members. */
export async function arrangeOrganization(
  emu: Emulator,
  orgId: string,
  name: string,
  people: { admins?: string[]; members?: string[]; status?: 'verified' | 'pending'; createdBy?: string },
): Promise<void> {
  const db = serverSdk(emu).database();
  const now = new Date();
  await db.collection('organizations').add({
    data: {
      _id: orgId,
      name,
      kind: 'grassroots',
      status: people.status ?? 'verified',
      regionCode: '350102',
      regionNames: ['福建省', '福州市', '鼓楼区'],
      usccKey: `none:${orgId}`,
      createdAt: now,
      ...(people.createdBy ? { createdBy: people.createdBy } : {}),
    },
  });
  const add = (userId: string, role: 'admin' | 'member') =>
    db.collection('memberships').add({
      data: { _id: `${orgId}_${userId}`, orgId, userId, role, status: 'active', requestCount: 1, requestedAt: now, since: now },
    });
  for (const u of people.admins ?? []) await add(u, 'admin');
  for (const u of people.members ?? []) await add(u, 'member');
}

/** What the phone button and the page do together: WeChat issues a one-time code, the page exchanges it at once. */
export async function verifiedPhone(emu: Emulator, openid: string, phone: string, code = `code-${openid}-${phone}`): Promise<string> {
  emu.wechat.issuePhoneCode(code, phone);
  const res = await caller(emu, openid).call('volunteer', 'verifyPhone', { code });
  if (!res.ok) throw new Error(`verifyPhone failed: ${res.error.code} ${res.error.message}`);
  return res.data.proof;
}
