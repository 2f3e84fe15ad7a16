// organization.register — a registered volunteer registers an organization and becomes its first admin. The
// organization waits for verification by a platform admin (RULES §2) before it may publish. One USCC, one
// organization: decided by the `organizationCodes` document whose id is the USCC, read and written in the
// transaction that creates the organization and its first admin.
import { randomBytes } from 'node:crypto';
import { regionPrefixes } from '../../miniprogram/domain/region';
import { searchKeysOf } from './search-keys';
import { validateOrganizationRegistration } from '../../miniprogram/domain/registration';
import { getOrNull, inTransaction, isDuplicateKeyError, Rollback } from '../_shared/db/db';
import { membershipOf, registeredVolunteer } from '../_shared/db/people';
import { membershipId, type MembershipDoc } from '../_shared/documents/membership';
import type { OrganizationDoc } from '../_shared/documents/organization';
import type { OrganizationCodeDoc } from '../_shared/documents/organization-code';
import { CIPHER_PURPOSE } from '../_shared/documents/volunteer';
import { action, type ActionContext, type Answer } from '../_shared/frame/action';
import { fail, ok, refusal } from '../_shared/frame/envelope';
import { failWith, notRegistered, usccTakenMessage } from '../_shared/messages/answers';
import { maskPhone } from '../_shared/rules/mask';
import { encryptField, keyRingFromEnv } from '../_shared/security/crypto';
import { registerSchema } from './schemas';
import { isActiveAdmin, mayView } from './view';

type RegisterAnswer = Answer<'organization', 'register'>;

const usccTaken = (uscc: string) =>
  fail('USCC_TAKEN', usccTakenMessage(uscc));

export const register = action('organization', 'register', registerSchema, async (req, ctx) => {
  const me = await registeredVolunteer(ctx);
  if (!me) return notRegistered();

  const checked = validateOrganizationRegistration(req);
  if (!checked.ok) return refusal(checked);
  const org = checked.value;

  // A quick refusal outside the transaction; the transaction decides for real.
  if (org.uscc && (await getOrNull<OrganizationCodeDoc>(ctx.db, 'organizationCodes', org.uscc))) return usccTaken(org.uscc);
  let parentName: string | undefined;
  if (org.parentId) {
    const parent = await visibleOrganization(ctx, org.parentId, me.userId);
    if (!parent) return failWith('PARENT_NOT_FOUND');
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
    searchKeys: searchKeysOf(org.name, regionPrefixes(org.regionCode)),
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

  const uscc = org.uscc;
  try {
    return await inTransaction<RegisterAnswer, RegisterAnswer>(ctx.db, async (t) => {
      if (uscc) {
        // Two registrations of one USCC both write this document: one conflicts, runs again and finds it taken.
        if (await getOrNull<OrganizationCodeDoc>(t, 'organizationCodes', uscc)) throw new Rollback(usccTaken(uscc));
        const code: Omit<OrganizationCodeDoc, '_id'> = { orgId, createdAt: ctx.now };
        await t.collection('organizationCodes').doc(uscc).set({ data: code });
      }
      const { _id, ...data } = doc;
      await t.collection('organizations').doc(_id).set({ data });
      await t.collection('memberships').doc(membershipId(orgId, me.userId)).set({ data: firstAdmin });
      return ok({ orgId, status: doc.status });
    });
  } catch (e) {
    // The last guard (the unique index on usccKey): the document above should have decided; ask to try again.
    if (isDuplicateKeyError(e)) return failWith('CONFLICT');
    throw e;
  }
});

/** Verified organizations are public; a pending or rejected one is visible to its own admins only. */
async function visibleOrganization(ctx: ActionContext, orgId: string, userId: string): Promise<OrganizationDoc | null> {
  const org = await getOrNull<OrganizationDoc>(ctx.db, 'organizations', orgId);
  if (!org) return null;
  if (mayView(org, false, false)) return org;
  return mayView(org, isActiveAdmin(await membershipOf(ctx.db, orgId, userId)), false) ? org : null;
}
