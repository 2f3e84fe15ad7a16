// Reads the volunteer actions share: the caller's own volunteer document, their organizations, and the phone number
// behind WeChat's one-time code. Every read is keyed by the caller's identity from WeChat context.
import type { MyOrganization, PhoneInput } from '../../typings/volunteer';
import { validateMobile } from '../../miniprogram/domain/phone';
import { err, ok, type Result } from '../../miniprogram/domain/result';
import type { ActionContext } from '../_shared/action';
import { getOrNull, type Database } from '../_shared/db';
import { fail } from '../_shared/envelope';
import { loadCaller, type MembershipDoc, type UserDoc } from '../_shared/people';
import type { VolunteerDoc } from '../_shared/volunteer-doc';
import type { EstablishedPhone } from './volunteer-record';

/** CloudBase answers at most 100 documents per get() in a function. */
export const PAGE = 100;

export interface Registered {
  userId: string;
  user: UserDoc;
  volunteer: VolunteerDoc;
}

export const notRegistered = () => fail('NOT_REGISTERED' as const, '你还没有完成志愿者实名注册，请先注册');

/** The caller's active volunteer document, or null when they have none (never registered, or deleted). */
export async function loadRegistered(ctx: ActionContext): Promise<Registered | null> {
  const { userId, user } = await loadCaller(ctx);
  if (!user?.volunteerId) return null;
  const volunteer = await getOrNull<VolunteerDoc>(ctx.db, 'volunteers', user.volunteerId);
  if (!volunteer || volunteer.status !== 'active' || volunteer.userId !== userId) return null;
  return { userId, user, volunteer };
}

/** Every document a query matches, a page at a time (the query must be supported by an index). */
export async function allPages<T>(page: (skip: number) => Promise<{ data: unknown[] }>, max = 2000): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; skip < max; skip += PAGE) {
    const { data } = await page(skip);
    out.push(...(data as T[]));
    if (data.length < PAGE) break;
  }
  return out;
}

/** The caller's memberships, all statuses (index userId_status). */
export function membershipsOf(db: Database, userId: string): Promise<MembershipDoc[]> {
  return allPages<MembershipDoc>((skip) => db.collection('memberships').where({ userId }).skip(skip).limit(PAGE).get() as Promise<{ data: unknown[] }>);
}

/** Names of organizations by id (one `_id in` query per 100). */
export async function organizationNames(db: Database, orgIds: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const ids = [...new Set(orgIds)];
  for (let i = 0; i < ids.length; i += PAGE) {
    const res = (await db
      .collection('organizations')
      .where({ _id: db.command.in(ids.slice(i, i + PAGE)) })
      .field({ name: true })
      .limit(PAGE)
      .get()) as unknown as { data: Array<{ _id: string; name: string }> };
    for (const o of res.data) names.set(o._id, o.name);
  }
  return names;
}

/** Organizations the caller is an active member or admin of (index userId_status), with their names. */
export async function activeOrganizationsOf(db: Database, userId: string): Promise<MyOrganization[]> {
  const memberships = await allPages<MembershipDoc>(
    (skip) => db.collection('memberships').where({ userId, status: 'active' }).skip(skip).limit(PAGE).get() as Promise<{ data: unknown[] }>,
  );
  const names = await organizationNames(db, memberships.map((m) => m.orgId));
  return memberships
    .filter((m) => names.has(m.orgId))
    .map((m) => ({ orgId: m.orgId, name: names.get(m.orgId)!, role: m.role }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh'));
}

const PHONE_EXCHANGE_FAILED = '手机号获取失败，请重新授权或手动填写';

/**
 * The number behind a validated PhoneInput. A WeChat code is exchanged once with WeChat
 * (phonenumber.getPhoneNumber, config.json permissions.openapi) and the number is verified; a typed number is not.
 */
export async function establishPhone(ctx: ActionContext, phone: PhoneInput): Promise<Result<EstablishedPhone, 'PHONE_INVALID'>> {
  if (phone.source === 'typed') return ok({ number: phone.number, verified: false });
  let reply: Record<string, unknown>;
  try {
    reply = (await ctx.cloud.openapi.phonenumber.getPhoneNumber({ code: phone.code })) as Record<string, unknown>;
  } catch {
    // An expired, used or forged code; the code itself is not logged.
    return err('PHONE_INVALID', PHONE_EXCHANGE_FAILED);
  }
  const info = (reply.phoneInfo ?? reply.phone_info) as { purePhoneNumber?: string; phoneNumber?: string; countryCode?: string } | undefined;
  const raw = info?.purePhoneNumber ?? info?.phoneNumber;
  if (typeof raw !== 'string') return err('PHONE_INVALID', PHONE_EXCHANGE_FAILED);
  if (info?.countryCode && info.countryCode !== '86') return err('PHONE_INVALID', '微信绑定的不是中国大陆手机号，请手动填写中国大陆手机号');
  const number = validateMobile(raw);
  if (!number.ok) return err('PHONE_INVALID', `微信绑定的手机号无法使用：${number.message}，请手动填写`);
  return ok({ number: number.value, verified: true });
}
