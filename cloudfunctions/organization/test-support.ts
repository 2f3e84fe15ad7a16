// Test fixtures for the organization and inbox functions: registered volunteers written straight into the
// emulator's database in the stored shape (VolunteerDoc), and organizations brought to a state through the
// product's own actions. Tests only.
import type { Emulator } from '../../emulator/src/server';
import { caller, serverSdk, type TestCaller } from '../../emulator/test/support';
import type { RegisterOrganizationRequest } from '../../typings/organization';
import { usccCheckChar } from '../../miniprogram/domain/uscc';
import { maskPhone } from '../_shared/rules/mask';
import { encryptField, keyRingFromEnv } from '../_shared/security/crypto';
import { userIdOf } from '../_shared/documents/ids';
import { CIPHER_PURPOSE, credentialHashOf, phoneHashOf, type VolunteerDoc } from '../_shared/documents/volunteer';

export const PLATFORM_ADMIN = 'openid-platform-admin';
export const functionEnv = { PLATFORM_ADMIN_OPENIDS: `${PLATFORM_ADMIN}, openid-platform-admin-2` };

let serial = 0;

/** A valid USCC, different on each call (民政 社会服务机构 codes, 52…). */
export function freshUscc(prefix = '52350102MJ'): string {
  serial++;
  const first17 = prefix + String(serial).padStart(17 - prefix.length, '0');
  return first17 + usccCheckChar(first17);
}

export interface Volunteer {
  openid: string;
  userId: string;
  volunteerId: string;
  name: string;
  volunteerNo: string;
  as: TestCaller;
}

/** A registered volunteer: a users document linked to an active volunteers document, as registration leaves them. */
export async function registerVolunteer(emu: Emulator, openid: string, name = '张三'): Promise<Volunteer> {
  serial++;
  const ring = keyRingFromEnv(emu.functionEnv);
  const db = serverSdk(emu).database();
  const userId = userIdOf(openid);
  const volunteerId = `vol_${serial}_${userId.slice(2, 10)}`;
  const credentialNumber = `11010519491231${String(serial).padStart(3, '0')}X`;
  const phone = `138${String(10000000 + serial).slice(-8)}`;
  const volunteerNo = `ZY3501022026${String(serial).padStart(7, '0')}`;
  const now = new Date();
  const volunteer: Omit<VolunteerDoc, '_id'> = {
    userId,
    status: 'active',
    name,
    credential: { type: 'CN_ID', cipher: encryptField(credentialNumber, ring, CIPHER_PURPOSE.credential) },
    credentialHash: credentialHashOf('CN_ID', credentialNumber, ring),
    birth: encryptField(JSON.stringify({ birthDate: '1949-12-31', gender: 'male' }), ring, CIPHER_PURPOSE.birth),
    phone: { cipher: encryptField(phone, ring, CIPHER_PURPOSE.phone), masked: maskPhone(phone), verified: false },
    phoneHash: phoneHashOf(phone, ring),
    regionCode: '350102',
    regionNames: ['福建省', '福州市', '鼓楼区'],
    skills: [],
    skillTags: [],
    intentions: ['社区服务'],
    availability: [],
    consents: [{ kind: 'privacy', version: '2025-01', grantedAt: now }],
    volunteerNo,
    registeredAt: now,
    updatedAt: now,
  };
  await db.collection('volunteers').add({ data: { _id: volunteerId, ...volunteer } });
  await db.collection('users').add({ data: { _id: userId, openid, roles: [], volunteerId, createdAt: now } });
  await db.collection('credentials').add({ data: { _id: volunteer.credentialHash, volunteerId, userId, createdAt: now } });
  return { openid, userId, volunteerId, name, volunteerNo, as: caller(emu, openid) };
}

/** Names differ per call: a live organization's exact name is refused in its region. */
const NAME_WORDS = '春夏秋冬梅兰竹菊松柏山海江河湖泉星月云霞';
function freshName(): string {
  serial++;
  let n = serial;
  let word = '';
  do {
    word = NAME_WORDS[n % NAME_WORDS.length] + word;
    n = Math.floor(n / NAME_WORDS.length);
  } while (n > 0);
  return `鼓楼区${word}阳光志愿服务中心`;
}

export function organizationRequest(overrides: Partial<RegisterOrganizationRequest> = {}): RegisterOrganizationRequest {
  return {
    name: freshName(),
    kind: 'registered',
    uscc: freshUscc(),
    authority: '福州市鼓楼区民政局',
    regionCode: '350102',
    regionNames: ['福建省', '福州市', '鼓楼区'],
    address: '福州市鼓楼区五四路100号',
    personInCharge: '李四',
    contact: { name: '王五', phone: '13900001111' },
    introduction: '社区助老与环境保护',
    ...overrides,
  };
}

/** Register an organization through the product and return its id. */
export async function registerOrganization(applicant: Volunteer, overrides: Partial<RegisterOrganizationRequest> = {}): Promise<string> {
  const res = await applicant.as.call('organization', 'register', organizationRequest(overrides));
  if (!res.ok) throw new Error(`register failed: ${res.error.code} ${res.error.message}`);
  return res.data.orgId;
}

/** Register and have a platform admin approve it: a verified organization with `applicant` as its admin. */
export async function verifiedOrganization(
  emu: Emulator,
  applicant: Volunteer,
  overrides: Partial<RegisterOrganizationRequest> = {},
): Promise<string> {
  const orgId = await registerOrganization(applicant, overrides);
  const res = await caller(emu, PLATFORM_ADMIN).call('organization', 'review', { orgId, decision: 'approve' });
  if (!res.ok) throw new Error(`review failed: ${res.error.code}`);
  return orgId;
}

/** Every document of a collection matching `where` (the test's own view of the database). */
export async function docs<T = Record<string, unknown>>(emu: Emulator, collection: string, where: Record<string, unknown>): Promise<T[]> {
  const res = (await serverSdk(emu).database().collection(collection).where(where).limit(1000).get()) as unknown as { data: T[] };
  return res.data;
}

/** The smallest thing checkEvidence takes for a JPEG: its magic bytes and a little more. */
export const TINY_JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]).toString('base64');

/** `member` asks to join and an admin approves: an active member of the organization. */
export async function addMember(admin: Volunteer, member: Volunteer, orgId: string): Promise<void> {
  const asked = await member.as.call('organization', 'requestJoin', { orgId });
  if (!asked.ok) throw new Error(`requestJoin: ${asked.error.code}`);
  const decided = await admin.as.call('organization', 'decideJoin', { orgId, userId: member.userId, decision: 'approve' });
  if (!decided.ok) throw new Error(`decideJoin: ${decided.error.code}`);
}
