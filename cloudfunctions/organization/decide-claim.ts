// organization.decideClaim — a platform admin decides a USCC claim. Approved against a pending holder (a squatting
// application): the holder is rejected, the code goes to the claimant's application, verified by this decision,
// with the claimant as its first admin. Approved against a verified holder: the organization keeps its records and
// its admin set becomes the claimant alone (former admins removed and told). Every step is in one transaction
// with its messages. A reviewer cannot decide a claim by themselves or about an organization they administer.
import { searchKeysOf } from './search-keys';
import { randomBytes } from 'node:crypto';
import { regionPrefixes } from '../../miniprogram/domain/region';
import { nameSignatures } from '../../miniprogram/domain/org-name';
import { getOrNull, inTransaction, Rollback } from '../_shared/db/db';
import { isPlatformAdmin } from '../_shared/db/people';
import { userIdOf } from '../_shared/documents/ids';
import { membershipId, type MembershipDoc } from '../_shared/documents/membership';
import type { ApplicationEventDoc, OrganizationDoc } from '../_shared/documents/organization';
import type { OrganizationClaimDoc } from '../_shared/documents/organization-claim';
import type { OrganizationCodeDoc } from '../_shared/documents/organization-code';
import { action, type Answer } from '../_shared/frame/action';
import { fail, ok, refusal } from '../_shared/frame/envelope';
import { ALREADY_REVIEWED_MESSAGES, CLAIM_REJECTED_REASON, failWith, FORBIDDEN_ORG_MESSAGES, SELF_REVIEW_MESSAGES } from '../_shared/messages/answers';
import { adminsReplaced, claimDecided, organizationReviewed } from '../_shared/messages/notifications';
import { enqueue } from '../_shared/messages/outbox';
import { checkReviewReason, claimEffect } from './rules';
import { decideClaimSchema } from './schemas';
import { activeAdminIds } from './store';

type DecideAnswer = Answer<'organization', 'decideClaim'>;

export const decideClaim = action('organization', 'decideClaim', decideClaimSchema, async (req, ctx) => {
  if (!isPlatformAdmin(ctx)) return fail('FORBIDDEN', FORBIDDEN_ORG_MESSAGES.claim);
  const reason = checkReviewReason(req.decision, req.reason);
  if (!reason.ok) return refusal(reason);
  const reviewer = userIdOf(ctx.caller.openid);

  return inTransaction<DecideAnswer, DecideAnswer>(ctx.db, async (t) => {
    const claim = await getOrNull<OrganizationClaimDoc>(t, 'organizationClaims', req.claimId);
    if (!claim) throw new Rollback(failWith('NOT_FOUND'));
    const target = req.decision === 'approve' ? 'approved' : 'rejected';
    if (claim.status !== 'pending') {
      if (claim.status === target) return ok({ claimId: claim._id, status: target, ...(claim.orgId ? { orgId: claim.orgId } : {}) });
      throw new Rollback(fail('ALREADY_REVIEWED', ALREADY_REVIEWED_MESSAGES.claimDecided));
    }
    const holder = await getOrNull<OrganizationDoc>(t, 'organizations', claim.holderOrgId);
    const holderAdmins = holder ? await activeAdminIds(ctx.db, holder._id) : [];
    if (claim.claimantUserId === reviewer || holderAdmins.includes(reviewer) || holder?.createdBy === reviewer) {
      throw new Rollback(fail('SELF_REVIEW', SELF_REVIEW_MESSAGES.claim));
    }
    const decided = { decidedAt: ctx.now, decidedBy: reviewer, ...(reason.value ? { reason: reason.value } : {}) };
    if (req.decision === 'reject') {
      await t.collection('organizationClaims').doc(claim._id).update({ data: { status: 'rejected', ...decided } });
      await enqueue(t, claimDecided({ claimId: claim._id, claimantUserId: claim.claimantUserId, uscc: claim.uscc, decision: 'reject', decidedAt: ctx.now, ...(reason.value ? { reason: reason.value } : {}) }), ctx.now);
      return ok({ claimId: claim._id, status: 'rejected' as const });
    }

    const code = await getOrNull<OrganizationCodeDoc>(t, 'organizationCodes', claim.uscc);
    if (!holder || code?.orgId !== holder._id || (holder.status !== 'pending' && holder.status !== 'verified')) {
      throw new Rollback(fail('ALREADY_REVIEWED', ALREADY_REVIEWED_MESSAGES.holderChanged));
    }
    const history = holder.history ?? [];
    let orgId: string;
    if (claimEffect(holder) === 'replaceApplication') {
      const rejected: ApplicationEventDoc = { event: 'rejected', at: ctx.now, by: reviewer, reason: CLAIM_REJECTED_REASON };
      await t.collection('organizations').doc(holder._id).update({
        data: {
          status: 'rejected',
          // The unique index on usccKey allows one holder: the squatter's document gives the key up.
          usccKey: `none:${holder._id}`,
          review: { decision: 'reject', reason: CLAIM_REJECTED_REASON, reviewedBy: reviewer, reviewedAt: ctx.now },
          history: [...history, rejected],
          updatedAt: ctx.now,
        },
      });
      await enqueue(t, organizationReviewed({ org: { orgId: holder._id, name: holder.name }, applicantUserId: holder.createdBy, decision: 'reject', reason: CLAIM_REJECTED_REASON, round: history.filter((h) => h.event === 'approved' || h.event === 'rejected').length + 1 }), ctx.now);
      orgId = `org_${randomBytes(10).toString('hex')}`;
      const a = claim.application;
      const org: Omit<OrganizationDoc, '_id'> = {
        name: a.name,
        kind: a.kind,
        status: 'verified',
        usccKey: claim.uscc,
        uscc: claim.uscc,
        ...(a.civilAffairsType ? { civilAffairsType: a.civilAffairsType } : {}),
        ...(a.authority ? { authority: a.authority } : {}),
        regionCode: a.regionCode,
        regionNames: a.regionNames,
        regionPrefixes: regionPrefixes(a.regionCode),
        searchKeys: searchKeysOf(a.name, regionPrefixes(a.regionCode)),
        address: a.address,
        personInCharge: a.personInCharge,
        contact: a.contact,
        ...(a.introduction ? { introduction: a.introduction } : {}),
        nameSignatures: nameSignatures(a.name),
        similarNames: [],
        createdBy: claim.claimantUserId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        submittedAt: claim.createdAt,
        adminsChangedAt: ctx.now,
        review: { decision: 'approve', reviewedBy: reviewer, reviewedAt: ctx.now },
        history: [
          { event: 'submitted', at: claim.createdAt, by: claim.claimantUserId },
          { event: 'approved', at: ctx.now, by: reviewer },
        ],
      };
      await t.collection('organizations').doc(orgId).set({ data: org });
    } else {
      orgId = holder._id;
      const claimed: ApplicationEventDoc = { event: 'claimed', at: ctx.now, by: reviewer };
      for (const former of holderAdmins) {
        if (former === claim.claimantUserId) continue;
        await t.collection('memberships').doc(membershipId(holder._id, former)).remove();
        await enqueue(t, adminsReplaced({ org: { orgId: holder._id, name: holder.name }, formerAdminUserId: former, claimId: claim._id }), ctx.now);
      }
      await t.collection('organizations').doc(holder._id).update({
        data: {
          personInCharge: claim.application.personInCharge,
          contact: claim.application.contact,
          handOver: null,
          history: [...history, claimed],
          adminsChangedAt: ctx.now,
          updatedAt: ctx.now,
        },
      });
    }
    const existing = await getOrNull<MembershipDoc>(t, 'memberships', membershipId(orgId, claim.claimantUserId));
    const admin: Omit<MembershipDoc, '_id'> = {
      orgId,
      userId: claim.claimantUserId,
      role: 'admin',
      status: 'active',
      requestCount: existing?.requestCount ?? 0,
      requestedAt: existing?.requestedAt ?? claim.createdAt,
      since: existing?.status === 'active' && existing.since ? existing.since : ctx.now,
      decidedAt: ctx.now,
      decidedBy: reviewer,
    };
    await t.collection('memberships').doc(membershipId(orgId, claim.claimantUserId)).set({ data: admin });
    await t.collection('organizationCodes').doc(claim.uscc).set({ data: { orgId, createdAt: ctx.now } });
    await t.collection('organizationClaims').doc(claim._id).update({ data: { status: 'approved', orgId, ...decided } });
    await enqueue(t, claimDecided({ claimId: claim._id, claimantUserId: claim.claimantUserId, uscc: claim.uscc, decision: 'approve', orgId, decidedAt: ctx.now }), ctx.now);
    return ok({ claimId: claim._id, status: 'approved' as const, orgId });
  });
});
