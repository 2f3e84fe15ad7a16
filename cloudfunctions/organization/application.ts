// What registering, resubmitting and claiming have in common: one validation of the application, the similar-name
// check, the stored fields, and taking a USCC inside the caller's transaction (organization/rules.ts codeHoldState).
import { searchKeysOf } from './search-keys';
import type { ActionError } from '../../typings/envelope';
import type { RegisterOrganizationError, RegisterOrganizationRequest, SimilarName } from '../../typings/organization';
import { regionPrefixes } from '../../miniprogram/domain/region';
import { nameSignatures } from '../../miniprogram/domain/org-name';
import { validateOrganizationRegistration, type ValidOrganizationRegistration } from '../../miniprogram/domain/registration';
import { getOrNull, Rollback, type Tx } from '../_shared/db/db';
import { membershipOf } from '../_shared/db/people';
import { membershipId, type MembershipDoc } from '../_shared/documents/membership';
import type { ApplicationEventDoc, OrganizationDoc } from '../_shared/documents/organization';
import type { OrganizationCodeDoc } from '../_shared/documents/organization-code';
import { CIPHER_PURPOSE } from '../_shared/documents/volunteer';
import type { ActionContext } from '../_shared/frame/action';
import { fail, refusal } from '../_shared/frame/envelope';
import { failWith, NAME_TAKEN_MESSAGE, usccMine, usccTakenClaimMessage } from '../_shared/messages/answers';
import { applicationExpired } from '../_shared/messages/notifications';
import { enqueue } from '../_shared/messages/outbox';
import { maskPhone } from '../_shared/rules/mask';
import { encryptField, keyRingFromEnv } from '../_shared/security/crypto';
import { STATUS_LABELS } from '../../miniprogram/common/org-labels';
import { codeHoldState, holdUntil, similarNamesAmong } from './rules';
import { similarNameCandidates } from './store';
import { isActiveAdmin, mayView } from './view';

export interface CheckedApplication {
  org: ValidOrganizationRegistration;
  parentName?: string;
  similar: SimilarName[];
}

type Refused = { ok: false; error: ActionError<RegisterOrganizationError> };

/** Validate, find the parent and the alike names; refuse an exact duplicate name in the same region. */
export async function checkApplication(
  ctx: ActionContext,
  req: RegisterOrganizationRequest,
  userId: string,
  selfId: string | null,
): Promise<{ ok: true; value: CheckedApplication } | { ok: false; answer: Refused }> {
  const checked = validateOrganizationRegistration(req);
  if (!checked.ok) return { ok: false, answer: refusal(checked) };
  const org = checked.value;
  let parentName: string | undefined;
  if (org.parentId) {
    const parent = await visibleOrganization(ctx, org.parentId, userId);
    if (!parent || parent._id === selfId) return { ok: false, answer: failWith('PARENT_NOT_FOUND') };
    parentName = parent.name;
  }
  const { similar, exactInRegion } = similarNamesAmong(org.name, org.regionCode, selfId, await similarNameCandidates(ctx.db, org.name));
  if (exactInRegion) return { ok: false, answer: fail('NAME_TAKEN' as const, NAME_TAKEN_MESSAGE(exactInRegion.name)) };
  return { ok: true, value: { org, similar, ...(parentName ? { parentName } : {}) } };
}

/** The stored fields an application sets (registration and resubmission alike). */
export function applicationFields(ctx: ActionContext, orgId: string, checked: CheckedApplication) {
  const { org } = checked;
  const ring = keyRingFromEnv(ctx.env);
  return {
    name: org.name,
    kind: org.kind,
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
    ...(org.parentId ? { parentId: org.parentId, parentName: checked.parentName } : {}),
    ...(org.introduction ? { introduction: org.introduction } : {}),
    nameSignatures: nameSignatures(org.name),
    similarNames: checked.similar,
    submittedAt: ctx.now,
  } satisfies Partial<OrganizationDoc>;
}

/**
 * Take `uscc` for `orgId`, inside the caller's transaction. Two applications of one code both write its document:
 * one conflicts, runs again and finds it taken. A hold past its time is released here (the holder told), so a
 * squatter's expired application never blocks the real holder.
 */
export async function takeCode(t: Tx, ctx: ActionContext, uscc: string, orgId: string, userId: string): Promise<void> {
  const code = await getOrNull<OrganizationCodeDoc>(t, 'organizationCodes', uscc);
  if (code && code.orgId !== orgId) {
    const holder = await getOrNull<OrganizationDoc>(t, 'organizations', code.orgId);
    const mine = holder ? isActiveAdmin(await getOrNull<MembershipDoc>(t, 'memberships', membershipId(holder._id, userId))) : false;
    const hold = codeHoldState(code, holder, mine, ctx.now);
    if (hold === 'mine') throw new Rollback(usccMine(uscc, STATUS_LABELS[holder!.status], holder!._id));
    if (hold === 'taken') throw new Rollback(fail('USCC_TAKEN', usccTakenClaimMessage(uscc)));
    if (hold === 'expired') await expireApplication(t, holder!, uscc, ctx.now);
    // A holder rejected or dissolved before codes were released still has the key the unique index guards.
    if (hold === 'free' && holder && holder.usccKey === uscc) {
      await t.collection('organizations').doc(holder._id).update({ data: { usccKey: `none:${holder._id}` } });
    }
  }
  const next: Omit<OrganizationCodeDoc, '_id'> = { orgId, createdAt: code?.orgId === orgId ? code.createdAt : ctx.now, heldUntil: holdUntil(ctx.now) };
  await t.collection('organizationCodes').doc(uscc).set({ data: next });
}

/** A pending application whose hold ran out: rejected by the system, its applicant told (the code is taken or removed by the caller). */
export async function expireApplication(t: Tx, holder: OrganizationDoc, uscc: string, now: Date): Promise<void> {
  const event: ApplicationEventDoc = { event: 'expired', at: now, by: 'system' };
  await t.collection('organizations').doc(holder._id).update({
    data: { status: 'rejected', usccKey: `none:${holder._id}`, history: [...(holder.history ?? []), event], updatedAt: now },
  });
  await enqueue(
    t,
    applicationExpired({ org: { orgId: holder._id, name: holder.name }, applicantUserId: holder.createdBy, uscc, submittedAt: new Date(holder.submittedAt ?? holder.createdAt) }),
    now,
  );
}

/**
 * Release `uscc` if `orgId` holds it (a rejection, a dissolution): someone else may register it at once. The
 * organization gives up its usccKey too, or the unique index would refuse the next holder.
 */
export async function releaseCode(t: Tx, uscc: string | undefined, orgId: string): Promise<void> {
  if (!uscc) return;
  const code = await getOrNull<OrganizationCodeDoc>(t, 'organizationCodes', uscc);
  if (code?.orgId === orgId) await t.collection('organizationCodes').doc(uscc).remove();
  await t.collection('organizations').doc(orgId).update({ data: { usccKey: `none:${orgId}` } });
}

/** Verified organizations are public; a pending or rejected one is visible to its own admins only. */
async function visibleOrganization(ctx: ActionContext, orgId: string, userId: string): Promise<OrganizationDoc | null> {
  const org = await getOrNull<OrganizationDoc>(ctx.db, 'organizations', orgId);
  if (!org) return null;
  if (mayView(org, false, false)) return org;
  return mayView(org, isActiveAdmin(await membershipOf(ctx.db, orgId, userId)), false) ? org : null;
}
