// Test fixtures for the help function: a submission a person may send, organizations set up as responders around a
// place, needs brought to a status through the product's own actions. Tests only.
import type { Emulator } from '../../emulator/src/server';
import { caller, serverSdk } from '../../emulator/test/support';
import type { SubmitHelpRequest } from '../../typings/help';
import { PLATFORM_ADMIN, registerVolunteer, verifiedOrganization, type Volunteer } from '../organization/test-support';

const HOUR = 3_600_000;

/** 福州市鼓楼区, around 五四路. */
export const GULOU = { longitude: 119.2965, latitude: 26.0745 };

let spots = 0;
/** A place far (hundreds of km) from every other spot of the file: responders of one test never reach another's needs. */
export function spot(): { longitude: number; latitude: number } {
  const n = spots++;
  return { longitude: 80 + Math.floor(n / 10) * 5, latitude: 5 + (n % 10) * 5 };
}

/** A point `km` east of `from` (a degree of longitude there is about 100 km). */
export function eastOf(from: { longitude: number; latitude: number }, km: number): { longitude: number; latitude: number } {
  return { longitude: from.longitude + km / (111.32 * Math.cos((from.latitude * Math.PI) / 180)), latitude: from.latitude };
}

export function submission(overrides: Partial<SubmitHelpRequest> = {}): SubmitHelpRequest {
  const starts = Date.now() + 48 * HOUR;
  return {
    what: '独居老人需要陪同去医院复查，并帮忙取药',
    category: 'community',
    forWhom: { object: 'elderly', description: '独居老人王阿姨' },
    place: { address: '福州市鼓楼区五四路100号', name: '阳光小区', ...GULOU, regionCode: '350102', regionNames: ['福建省', '福州市', '鼓楼区'] },
    startsAt: new Date(starts).toISOString(),
    endsAt: new Date(starts + 3 * HOUR).toISOString(),
    volunteersWanted: 2,
    urgent: false,
    contact: { name: '王秀英', phone: '13812345678' },
    ...overrides,
  };
}

/** A submission placed at `point` (still of 鼓楼区 by its region code). */
export function submissionAt(point: { longitude: number; latitude: number }, overrides: Partial<SubmitHelpRequest> = {}): SubmitHelpRequest {
  const base = submission(overrides);
  return { ...base, place: { ...base.place, ...point } };
}

export function okData<T>(res: { ok: true; data: T } | { ok: false; error: { code: string; message?: string } }): T {
  if (!res.ok) throw new Error(`expected ok, got ${res.error.code}: ${res.error.message ?? ''}`);
  return res.data;
}

export const platformAdmin = (emu: Emulator) => caller(emu, PLATFORM_ADMIN);

export interface Responder {
  admin: Volunteer;
  orgId: string;
}

let serial = 0;
export const person = (emu: Emulator, name = '张三'): Promise<Volunteer> => registerVolunteer(emu, `openid-help-${++serial}-${Date.now().toString(36)}`, name);

/** A verified organization (of 鼓楼区) taking part in dispatch from `base`, serving `categories`. */
export async function responder(emu: Emulator, base: { longitude: number; latitude: number }, categories: string[] = ['community']): Promise<Responder> {
  const admin = await person(emu, '管理员');
  // Of 台江区, not of the needs' 鼓楼区: a responder is not also a verifier of the needs it is offered.
  const orgId = await verifiedOrganization(emu, admin, { regionCode: '350103', regionNames: ['福建省', '福州市', '台江区'], authority: '福州市台江区民政局' });
  okData(await admin.as.call('help', 'setResponder', { orgId, active: true, categories, base }));
  return { admin, orgId };
}

/** A submitted need of a fresh person. */
export async function submitted(emu: Emulator, overrides: Partial<SubmitHelpRequest> = {}): Promise<{ requester: Volunteer; helpRequestId: string }> {
  const requester = await person(emu, '李求助');
  const { helpRequestId } = okData(await requester.as.call('help', 'submit', submission(overrides)));
  return { requester, helpRequestId };
}

/** A need verified by a platform admin (dispatched to whoever responds near it). */
export async function verified(emu: Emulator, overrides: Partial<SubmitHelpRequest> = {}) {
  const need = await submitted(emu, overrides);
  const answer = okData(await platformAdmin(emu).call('help', 'verify', { helpRequestId: need.helpRequestId, decision: 'verify', method: 'call', note: '已电话联系王阿姨本人，情况属实' }));
  return { ...need, answer };
}

export async function docsOf<T = Record<string, unknown>>(emu: Emulator, collection: string, where: Record<string, unknown>): Promise<T[]> {
  const res = (await serverSdk(emu).database().collection(collection).where(where).limit(100).get()) as unknown as { data: T[] };
  return res.data;
}

export async function docOf<T = Record<string, unknown>>(emu: Emulator, collection: string, id: string): Promise<T | undefined> {
  return (await docsOf<T>(emu, collection, { _id: id }))[0];
}
