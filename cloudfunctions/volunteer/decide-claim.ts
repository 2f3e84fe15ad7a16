// volunteer.decideClaim — a platform admin approves or rejects a claim, with a reason both people hear.
//
// Approval moves the record in ONE transaction of single-document operations (CloudBase's rule: no where/count
// inside): the claim, the credential's claimCredentials entry, the record (volunteers, now owned by the claimant,
// its number, hours and every other field kept: claim-rules movedVolunteer), credentials/<hash>, both users
// documents (the claimant linked, the other account unlinked — it keeps its WeChat user), each membership (re-keyed
// to the claimant: memberships are `<orgId>_<userId>`), organizations the other account registered (createdBy), the
// audit steps and both notifications. The memberships are read just before the transaction and each is re-read
// inside it; one that arrived in between is moved right after the commit (sweepStrayMemberships). Everything the
// transaction decides from is read inside it, so two admins at once conflict on the claim and the second sees it
// decided; a retried request is answered by the frame.
//
// A claimant who holds a record of their own is refused (CLAIMANT_HAS_RECORD): two records cannot merge (two
// numbers, two histories), so they delete theirs first (我的资料 → 注销) and the claim is approved then.
import { getOrNull, inTransaction, Rollback, type Tx } from '../_shared/db/db';
import { isPlatformAdmin } from '../_shared/db/people';
import type { ClaimCredentialDoc, ClaimDoc, ClaimEventDoc } from '../_shared/documents/claim';
import type { CredentialDoc } from '../_shared/documents/credential';
import { userIdOf } from '../_shared/documents/ids';
import { membershipId, type MembershipDoc } from '../_shared/documents/membership';
import type { UserDoc } from '../_shared/documents/user';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { action, type ActionContext, type Answer } from '../_shared/frame/action';
import { ok, refusal } from '../_shared/frame/envelope';
import { failWith } from '../_shared/messages/answers';
import { identityClaimDecided, recordMovedAway } from '../_shared/messages/notifications';
import { enqueue } from '../_shared/messages/outbox';
import { keyRingFromEnv } from '../_shared/security/crypto';
import { closeFiling, movedVolunteer, validateDecisionReason } from './claim-rules';
import { allMembershipsOf } from './claim-store';
import { notClaimReviewer } from './claim-view';
import { currentShape } from './rules';
import { decideClaimSchema } from './schemas';

type DecideAnswer = Answer<'volunteer', 'decideClaim'>;

function undecidable(claim: ClaimDoc | null): DecideAnswer | null {
  if (!claim) return failWith('CLAIM_NOT_FOUND');
  if (claim.status === 'approved' || claim.status === 'rejected') return failWith('CLAIM_DECIDED');
  if (claim.status === 'awaitingEvidence') return failWith('CLAIM_AWAITING_EVIDENCE');
  return null;
}

async function writeStep(t: Tx, claim: ClaimDoc, step: ClaimEventDoc['step'], actorUserId: string, volunteerNo: string, now: Date, note: string): Promise<void> {
  const doc: Omit<ClaimEventDoc, '_id'> = { claimId: claim._id, step, at: now, actorUserId, regionCode: claim.regionCode, volunteerNo, note };
  await t.collection('claimEvents').doc(`${claim._id}.${step}`).set({ data: doc });
}

async function closeClaim(t: Tx, claim: ClaimDoc, decision: ClaimDoc['decision'] & object, now: Date): Promise<void> {
  await t.collection('claims').doc(claim._id).update({ data: { status: decision.decision === 'approve' ? 'approved' : 'rejected', decision, updatedAt: now } });
  const limits = await getOrNull<ClaimCredentialDoc>(t, 'claimCredentials', claim.credentialHash);
  if (limits) await t.collection('claimCredentials').doc(claim.credentialHash).update({ data: { filings: closeFiling(limits.filings, claim._id), updatedAt: now } });
}

/** Move one membership of `from` to `to` inside a transaction; false when it is no longer `from`'s. */
async function moveMembership(t: Tx, membershipDocId: string, from: string, to: string): Promise<boolean> {
  const m = await getOrNull<MembershipDoc>(t, 'memberships', membershipDocId);
  if (!m || m.userId !== from) return false;
  const target = membershipId(m.orgId, to);
  const existing = await getOrNull<MembershipDoc>(t, 'memberships', target);
  // The claimant's own standing in that organization, if active, is kept; otherwise the record's replaces it.
  if (!existing || existing.status !== 'active') {
    const { _id, ...data } = m;
    await t.collection('memberships').doc(target).set({ data: { ...data, userId: to } });
  }
  await t.collection('memberships').doc(m._id).remove();
  return true;
}

/** Memberships of the old account that arrived between the read and the commit: moved one transaction each. */
async function sweepStrayMemberships(ctx: ActionContext, claim: ClaimDoc, approvedAt: Date): Promise<void> {
  for (const m of await allMembershipsOf(ctx.db, claim.holderUserId)) {
    if (new Date(m.requestedAt).getTime() > approvedAt.getTime()) continue;
    await inTransaction(ctx.db, (t) => moveMembership(t, m._id, claim.holderUserId, claim.claimantUserId));
  }
}

export const decideClaim = action('volunteer', 'decideClaim', decideClaimSchema, async (req, ctx) => {
  if (!isPlatformAdmin(ctx)) return notClaimReviewer();
  const reason = validateDecisionReason(req.reason);
  if (!reason.ok) return refusal(reason);
  const reviewerUserId = userIdOf(ctx.caller.openid);
  const before = await getOrNull<ClaimDoc>(ctx.db, 'claims', req.claimId);
  const early = undecidable(before);
  if (early) return early;
  const claimed = before!;
  const decision = { decision: req.decision, reason: reason.value, decidedBy: reviewerUserId, decidedAt: ctx.now };

  if (req.decision === 'reject') {
    return inTransaction<DecideAnswer, DecideAnswer>(ctx.db, async (t) => {
      const claim = await getOrNull<ClaimDoc>(t, 'claims', req.claimId);
      const refused = undecidable(claim);
      if (refused) throw new Rollback(refused);
      const volunteer = await getOrNull<VolunteerDoc>(t, 'volunteers', claim!.volunteerId);
      await closeClaim(t, claim!, decision, ctx.now);
      await writeStep(t, claim!, 'rejected', reviewerUserId, volunteer?.volunteerNo ?? '', ctx.now, reason.value);
      await enqueue(t, identityClaimDecided({ claimId: claim!._id, claimantUserId: claim!.claimantUserId, decision: 'reject', reason: reason.value }), ctx.now);
      return ok({ claimId: claim!._id, status: 'rejected' as const });
    });
  }

  const memberships = await allMembershipsOf(ctx.db, claimed.holderUserId);
  const answer = await inTransaction<DecideAnswer, DecideAnswer>(ctx.db, async (t) => {
    const claim = await getOrNull<ClaimDoc>(t, 'claims', req.claimId);
    const refused = undecidable(claim);
    if (refused) throw new Rollback(refused);
    const c = claim!;
    // The record must still be the one claimed, held by the account it was held by at filing.
    const credential = await getOrNull<CredentialDoc>(t, 'credentials', c.credentialHash);
    const volunteer = await getOrNull<VolunteerDoc>(t, 'volunteers', c.volunteerId);
    if (!credential || credential.volunteerId !== c.volunteerId || !volunteer || volunteer.status !== 'active' || volunteer.userId !== c.holderUserId) {
      throw new Rollback(failWith('CLAIM_STALE'));
    }
    // Filing made sure the claimant has a users document; gone now means the claimant deleted their account.
    const claimantUser = await getOrNull<UserDoc>(t, 'users', c.claimantUserId);
    if (!claimantUser) throw new Rollback(failWith('CLAIM_STALE'));
    if (claimantUser.volunteerId) throw new Rollback(failWith('CLAIMANT_HAS_RECORD'));
    const holderUser = await getOrNull<UserDoc>(t, 'users', c.holderUserId);

    // Every write starts from today's shape, so a record of the earlier shape loses its plaintext on the move too.
    const { _id: volunteerId, ...moved } = movedVolunteer(currentShape(volunteer, keyRingFromEnv(ctx.env)), c, ctx.now);
    await t.collection('volunteers').doc(volunteerId).set({ data: moved });
    await t.collection('credentials').doc(c.credentialHash).update({ data: { userId: c.claimantUserId } });
    if (holderUser) {
      const { _id, volunteerId: _unlinked, ...rest } = holderUser;
      await t.collection('users').doc(_id).set({ data: rest });
    }
    await t.collection('users').doc(c.claimantUserId).update({ data: { volunteerId } });
    let movedCount = 0;
    for (const m of memberships) if (await moveMembership(t, m._id, c.holderUserId, c.claimantUserId)) movedCount++;
    for (const orgId of new Set(memberships.filter((m) => m.role === 'admin').map((m) => m.orgId))) {
      const org = await getOrNull<{ createdBy?: string }>(t, 'organizations', orgId);
      if (org?.createdBy === c.holderUserId) await t.collection('organizations').doc(orgId).update({ data: { createdBy: c.claimantUserId } });
    }
    await closeClaim(t, c, decision, ctx.now);
    await writeStep(t, c, 'approved', reviewerUserId, volunteer.volunteerNo, ctx.now, reason.value);
    await writeStep(t, c, 'moved', reviewerUserId, volunteer.volunteerNo, ctx.now, `record, credential and ${movedCount} membership(s) moved to the claimant; the other account unlinked`);
    await enqueue(t, identityClaimDecided({ claimId: c._id, claimantUserId: c.claimantUserId, decision: 'approve', reason: reason.value, volunteerNo: volunteer.volunteerNo }), ctx.now);
    await enqueue(t, recordMovedAway({ claimId: c._id, holderUserId: c.holderUserId, claimantUserId: c.claimantUserId, reason: reason.value }), ctx.now);
    return ok({ claimId: c._id, status: 'approved' as const });
  });
  if (answer.ok) await sweepStrayMemberships(ctx, claimed, ctx.now);
  return answer;
});
