// The reads and writes of the volunteer function besides the single-document ones inside transactions: the caller's
// organizations, their messages and exports, and the one call to WeChat (the phone button's code). Every read is
// keyed by the caller's identity from WeChat context.
import type { MyOrganization } from '../../typings/volunteer';
import { err, ok, type Result } from '../../miniprogram/domain/result';
import { getOrNull, type Database } from '../_shared/db/db';
import { everyRow, PAGE } from '../_shared/db/paging';
import type { CredentialDoc } from '../_shared/documents/credential';
import type { ExportDoc } from '../_shared/documents/export';
import type { MembershipDoc } from '../_shared/documents/membership';
import type { NotificationDoc } from '../_shared/documents/notification';
import type { ActionContext } from '../_shared/frame/action';
import { PHONE_EXCHANGE_FAILED, phoneFromWeChat } from './rules';
import { REGISTRATION_MESSAGES } from '../../miniprogram/domain/messages';
import { phoneNumber } from '../_shared/wechat/cloud-openapi';

/** The caller's memberships, all statuses (index userId_id). */
export function membershipsOf(db: Database, userId: string): Promise<MembershipDoc[]> {
  return everyRow<MembershipDoc>(db, 'memberships', { userId });
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

/** Organizations the caller is an active member or admin of (index userId_status_id), with their names. */
export async function activeOrganizationsOf(db: Database, userId: string): Promise<MyOrganization[]> {
  const memberships = await everyRow<MembershipDoc>(db, 'memberships', { userId, status: 'active' });
  const names = await organizationNames(db, memberships.map((m) => m.orgId));
  return memberships
    .filter((m) => names.has(m.orgId))
    .map((m) => ({ orgId: m.orgId, name: names.get(m.orgId)!, role: m.role }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh'));
}

/** The caller's own messages, newest first (index recipient_createdAt_id). */
export function notificationsOf(db: Database, userId: string): Promise<NotificationDoc[]> {
  return everyRow<NotificationDoc>(db, 'notifications', { recipientUserId: userId }, { field: 'createdAt', direction: 'desc' }, 10_000);
}

/** The caller's export files still on record (index userId_id). */
export function exportsOf(db: Database, userId: string): Promise<ExportDoc[]> {
  return everyRow<ExportDoc>(db, 'exports', { userId });
}

/** A page of exports whose links have expired (index expiresAt), oldest first. */
export async function expiredExports(db: Database, now: Date): Promise<ExportDoc[]> {
  const res = (await db.collection('exports').where({ expiresAt: db.command.lte(now) }).orderBy('expiresAt', 'asc').limit(PAGE).get()) as unknown as {
    data: ExportDoc[];
  };
  return res.data;
}

/** Who holds a credential: decided by the document whose id is the credential's hash. */
export function credentialHolder(db: Database, credentialHash: string): Promise<CredentialDoc | null> {
  return getOrNull<CredentialDoc>(db, 'credentials', credentialHash);
}

/**
 * The number behind the phone button's one-time code, exchanged once with WeChat (phonenumber.getPhoneNumber,
 * config.json permissions.openapi). The code is charged and good for 5 minutes: verifyPhone calls this at once.
 */
export async function exchangePhoneCode(ctx: ActionContext, code: string): Promise<Result<string, 'PHONE_INVALID'>> {
  if (code.trim() === '') return err('PHONE_INVALID', REGISTRATION_MESSAGES.wechatPhoneMissing);
  const reply = await phoneNumber(ctx.cloud, code.trim());
  // An expired, used or forged code; the code itself is not logged.
  if (!reply.ok) return err('PHONE_INVALID', PHONE_EXCHANGE_FAILED);
  const number = phoneFromWeChat(reply.value);
  return number.ok ? ok(number.value) : number;
}
