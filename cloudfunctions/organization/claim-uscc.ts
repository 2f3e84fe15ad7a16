// organization.claimUscc — the real holder of a USCC that someone else's organization holds asks the platform for
// it: their application (validated as registration validates it) and 1–2 photos of the 营业执照 / 登记证书, kept in
// private storage (organization-claims/<claimId>/…) and shown to reviewers through short signed links only. One
// claim per claimant and code (its id): two submissions at once make one claim. Rate-limited per caller
// (security/rate-limit.ts). A code nobody holds, or the caller's own, needs no claim.
import { randomBytes } from 'node:crypto';
import { getOrNull, inTransaction, Rollback } from '../_shared/db/db';
import { deleteFiles } from '../_shared/db/personal-data';
import { registeredVolunteer } from '../_shared/db/people';
import { membershipId, type MembershipDoc } from '../_shared/documents/membership';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { claimIdOf, type OrganizationClaimDoc } from '../_shared/documents/organization-claim';
import type { OrganizationCodeDoc } from '../_shared/documents/organization-code';
import { CIPHER_PURPOSE } from '../_shared/documents/volunteer';
import { action, type Answer } from '../_shared/frame/action';
import { fail, ok, refusal } from '../_shared/frame/envelope';
import { ALREADY_CLAIMED_MESSAGE, CLAIM_NOT_NEEDED_MESSAGES, notRegistered, USCC_REQUIRED_FOR_CLAIM } from '../_shared/messages/answers';
import { maskPhone } from '../_shared/rules/mask';
import { encryptField, keyRingFromEnv } from '../_shared/security/crypto';
import { checkApplication } from './application';
import { checkEvidence, codeHoldState } from './rules';
import { claimUsccSchema } from './schemas';
import { isActiveAdmin } from './view';

type ClaimAnswer = Answer<'organization', 'claimUscc'>;

export const claimUscc = action('organization', 'claimUscc', claimUsccSchema, async (req, ctx) => {
  const me = await registeredVolunteer(ctx);
  if (!me) return notRegistered();
  if (!req.application.uscc?.trim()) return fail('USCC_REQUIRED', USCC_REQUIRED_FOR_CLAIM);
  const checked = await checkApplication(ctx, req.application, me.userId, null);
  if (!checked.ok) return checked.answer;
  const uscc = checked.value.org.uscc!;
  const photos = checkEvidence(req.evidence);
  if (!photos.ok) return refusal(photos);

  const holdOf = async (t: Parameters<typeof getOrNull>[0]) => {
    const code = await getOrNull<OrganizationCodeDoc>(t, 'organizationCodes', uscc);
    const holder = code ? await getOrNull<OrganizationDoc>(t, 'organizations', code.orgId) : null;
    const mine = holder ? isActiveAdmin(await getOrNull<MembershipDoc>(t, 'memberships', membershipId(holder._id, me.userId))) : false;
    return { holder, hold: codeHoldState(code, holder, mine, ctx.now) };
  };
  const before = await holdOf(ctx.db);
  if (before.hold === 'free' || before.hold === 'expired') return fail('USCC_CLAIM_NOT_NEEDED', CLAIM_NOT_NEEDED_MESSAGES.free);
  if (before.hold === 'mine') return fail('USCC_CLAIM_NOT_NEEDED', CLAIM_NOT_NEEDED_MESSAGES.mine);

  const id = claimIdOf(uscc, me.userId);
  const folder = `organization-claims/${id}/${randomBytes(6).toString('hex')}`;
  const fileIds: string[] = [];
  for (const [i, photo] of photos.value.entries()) {
    const uploaded = await ctx.cloud.uploadFile({ cloudPath: `${folder}/${i + 1}.${photo.extension}`, fileContent: photo.bytes });
    fileIds.push(uploaded.fileID);
  }
  const ring = keyRingFromEnv(ctx.env);
  const { contact, ...application } = checked.value.org;
  let answer: ClaimAnswer;
  try {
    answer = await inTransaction<ClaimAnswer, ClaimAnswer>(ctx.db, async (t) => {
    const now = await holdOf(t);
    if (now.hold !== 'taken') throw new Rollback(fail('USCC_CLAIM_NOT_NEEDED', now.hold === 'mine' ? CLAIM_NOT_NEEDED_MESSAGES.mine : CLAIM_NOT_NEEDED_MESSAGES.free));
    const existing = await getOrNull<OrganizationClaimDoc>(t, 'organizationClaims', id);
    if (existing?.status === 'pending') throw new Rollback(fail('ALREADY_CLAIMED', ALREADY_CLAIMED_MESSAGE));
    const claim: Omit<OrganizationClaimDoc, '_id'> = {
      uscc,
      holderOrgId: now.holder!._id,
      claimantUserId: me.userId,
      application: {
        ...application,
        contact: { name: contact.name, phone: { cipher: encryptField(contact.phone, ring, CIPHER_PURPOSE.organizationContactPhone), masked: maskPhone(contact.phone) } },
      },
      ...(req.statement?.trim() ? { statement: req.statement.trim() } : {}),
      evidenceFileIds: fileIds,
      status: 'pending',
      createdAt: ctx.now,
      ...(existing
        ? { earlier: [...(existing.earlier ?? []), { ...(existing.reason ? { reason: existing.reason } : {}), decidedAt: existing.decidedAt ?? existing.createdAt, createdAt: existing.createdAt }] }
        : {}),
    };
    await t.collection('organizationClaims').doc(id).set({ data: claim });
    return ok({ claimId: id, status: 'pending' as const });
    });
  } catch (e) {
    await deleteFiles(ctx.cloud, fileIds);
    throw e;
  }
  // A refused claim keeps no photos.
  if (!answer.ok) await deleteFiles(ctx.cloud, fileIds);
  return answer;
});
