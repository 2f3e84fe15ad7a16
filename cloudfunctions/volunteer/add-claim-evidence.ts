// volunteer.addClaimEvidence — one evidence photo for the caller's own open claim (at most 3). Storage is private
// (ADMINONLY: clients can neither upload nor read), so the photo comes through the function, is checked (JPEG or PNG
// by its first bytes, ≤ 70 KB) and uploaded under the claim's own path; the claim records it in a transaction that
// also moves it into the review queue and writes the audit step. A photo the transaction does not record is deleted
// at once, so no file is left that nothing leads to.
import { randomBytes } from 'node:crypto';
import { getOrNull, inTransaction, Rollback } from '../_shared/db/db';
import { deleteFiles } from '../_shared/db/personal-data';
import type { ClaimDoc, ClaimEventDoc } from '../_shared/documents/claim';
import { userIdOf } from '../_shared/documents/ids';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { action, type Answer } from '../_shared/frame/action';
import { ok, refusal } from '../_shared/frame/envelope';
import { failWith } from '../_shared/messages/answers';
import { decodeEvidence, evidencePathOf, MAX_EVIDENCE, myClaimView } from './claim-rules';
import { addClaimEvidenceSchema } from './schemas';

type EvidenceAnswer = Answer<'volunteer', 'addClaimEvidence'>;

function refusalFor(claim: ClaimDoc | null, claimantUserId: string): EvidenceAnswer | null {
  // Someone else's claim is answered as no claim at all.
  if (!claim || claim.claimantUserId !== claimantUserId) return failWith('CLAIM_NOT_FOUND');
  if (claim.status === 'approved' || claim.status === 'rejected') return failWith('CLAIM_DECIDED');
  if (claim.evidence.length >= MAX_EVIDENCE) return failWith('EVIDENCE_LIMIT');
  return null;
}

export const addClaimEvidence = action('volunteer', 'addClaimEvidence', addClaimEvidenceSchema, async (req, ctx) => {
  const claimantUserId = userIdOf(ctx.caller.openid);
  const before = await getOrNull<ClaimDoc>(ctx.db, 'claims', req.claimId);
  const early = refusalFor(before, claimantUserId);
  if (early) return early;
  const photo = decodeEvidence(req.photo);
  if (!photo.ok) return refusal(photo);

  const cloudPath = evidencePathOf(req.claimId, before!.evidence.length, randomBytes(8).toString('hex'), req.photo.contentType);
  const uploaded = await ctx.cloud.uploadFile({ cloudPath, fileContent: photo.value });
  let answer: EvidenceAnswer;
  try {
    answer = await inTransaction<EvidenceAnswer, EvidenceAnswer>(ctx.db, async (t) => {
      const claim = await getOrNull<ClaimDoc>(t, 'claims', req.claimId);
      const refused = refusalFor(claim, claimantUserId);
      if (refused) throw new Rollback(refused);
      const current = claim!;
      const evidence = [...current.evidence, { fileID: uploaded.fileID, addedAt: ctx.now }];
      const status = current.status === 'awaitingEvidence' ? 'pending' : current.status;
      await t.collection('claims').doc(current._id).update({ data: { evidence, status, updatedAt: ctx.now } });
      const volunteer = await getOrNull<VolunteerDoc>(t, 'volunteers', current.volunteerId);
      const step: Omit<ClaimEventDoc, '_id'> = {
        claimId: current._id,
        step: 'evidenceAdded',
        at: ctx.now,
        actorUserId: claimantUserId,
        regionCode: current.regionCode,
        volunteerNo: volunteer?.volunteerNo ?? '',
        note: `photo ${evidence.length} of at most ${MAX_EVIDENCE}`,
      };
      await t.collection('claimEvents').doc(`${current._id}.evidenceAdded.${evidence.length}`).set({ data: step });
      return ok({ claim: myClaimView({ ...current, evidence, status }) });
    });
  } catch (e) {
    await deleteFiles(ctx.cloud, [uploaded.fileID]);
    throw e;
  }
  if (!answer.ok) await deleteFiles(ctx.cloud, [uploaded.fileID]);
  return answer;
});
