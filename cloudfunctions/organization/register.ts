// organization.register — a registered volunteer registers an organization and becomes its first admin. The
// organization waits for verification by a platform admin (RULES §2) before it may publish.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { RegisterOrganizationRequest, RegisterOrganizationResponse } from '../../typings/organization';
import { maskPhone } from '../../miniprogram/domain/mask';
import { regionPrefixes } from '../../miniprogram/domain/region';
import { validateOrganizationRegistration } from '../../miniprogram/domain/registration';
import { action, type ActionContext } from '../_shared/action';
import { encryptField, keyRingFromEnv } from '../_shared/crypto';
import { getOrNull, inTransaction, isDuplicateKeyError } from '../_shared/db';
import { fail, ok } from '../_shared/envelope';
import { membershipId, membershipOf, type MembershipDoc } from '../_shared/people';
import { CIPHER_PURPOSE } from '../_shared/volunteer-doc';
import type { OrganizationDoc } from './org-doc';
import { notRegistered, registeredVolunteer } from './people';
import { isActiveAdmin, mayView } from './view';

const text = (max: number) => z.string().max(max);

const schema = z
  .object({
    name: text(200),
    kind: z.enum(['registered', 'other', 'grassroots']),
    uscc: text(64).optional(),
    authority: text(200).optional(),
    regionCode: text(32),
    regionNames: z.array(text(50)).max(5),
    address: text(400),
    personInCharge: text(100),
    contact: z.object({ name: text(100), phone: text(40) }).strict(),
    parentId: text(64).optional(),
    introduction: text(1000).optional(),
  })
  .strict();

const usccTaken = (uscc: string) =>
  fail('USCC_TAKEN', `统一社会信用代码 ${uscc} 对应的组织已在平台注册，请联系该组织的管理员邀请你成为管理员`);

export const register = action<RegisterOrganizationRequest, RegisterOrganizationResponse>(schema, async (req, ctx) => {
  const me = await registeredVolunteer(ctx);
  if (!me) return notRegistered();

  const checked = validateOrganizationRegistration(req);
  if (!checked.ok) return fail(checked.code, checked.message);
  const org = checked.value;

  // A friendly early answer; the unique index on usccKey decides when two registrations race.
  if (org.uscc) {
    const taken = (await ctx.db.collection('organizations').where({ usccKey: org.uscc }).count()) as { total: number };
    if (taken.total > 0) return usccTaken(org.uscc);
  }
  let parentName: string | undefined;
  if (org.parentId) {
    const parent = await visibleOrganization(ctx, org.parentId, me.userId);
    if (!parent) return fail('PARENT_NOT_FOUND', '没有找到所选的上级组织，请重新选择');
    parentName = parent.name;
  }

  const orgId = `org_${randomBytes(10).toString('hex')}`;
  const ring = keyRingFromEnv(ctx.env);
  const doc: OrganizationDoc = {
    _id: orgId,
    name: org.name,
    kind: org.kind,
    status: 'pending',
    usccKey: org.uscc ?? `none:${orgId}`,
    ...(org.uscc ? { uscc: org.uscc } : {}),
    ...(org.civilAffairsType ? { civilAffairsType: org.civilAffairsType } : {}),
    ...(org.authority ? { authority: org.authority } : {}),
    regionCode: org.regionCode,
    regionNames: org.regionNames,
    regionPrefixes: regionPrefixes(org.regionCode),
    address: org.address,
    personInCharge: org.personInCharge,
    contact: {
      name: org.contact.name,
      phone: { cipher: encryptField(org.contact.phone, ring, CIPHER_PURPOSE.organizationContactPhone), masked: maskPhone(org.contact.phone) },
    },
    ...(org.parentId ? { parentId: org.parentId, parentName } : {}),
    ...(org.introduction ? { introduction: org.introduction } : {}),
    createdBy: me.userId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  const firstAdmin: Omit<MembershipDoc, '_id'> = {
    orgId,
    userId: me.userId,
    role: 'admin',
    status: 'active',
    requestCount: 0,
    requestedAt: ctx.now,
    since: ctx.now,
  };

  try {
    await inTransaction(ctx.db, async (t) => {
      await t.collection('organizations').add({ data: doc });
      await t.collection('memberships').doc(membershipId(orgId, me.userId)).set({ data: firstAdmin });
    });
  } catch (e) {
    if (org.uscc && isDuplicateKeyError(e)) return usccTaken(org.uscc);
    throw e;
  }
  return ok({ orgId, status: doc.status });
});

/** Verified organizations are public; a pending or rejected one is visible to its own admins only. */
async function visibleOrganization(ctx: ActionContext, orgId: string, userId: string): Promise<OrganizationDoc | null> {
  const org = await getOrNull<OrganizationDoc>(ctx.db, 'organizations', orgId);
  if (!org) return null;
  if (mayView(org, false, false)) return org;
  return mayView(org, isActiveAdmin(await membershipOf(ctx.db, orgId, userId)), false) ? org : null;
}
