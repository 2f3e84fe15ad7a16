// volunteer.claimDetail — one claim for a platform admin: the statement, both accounts summarised and masked, the
// evidence as 5-minute signed links (the only way to a private file), and the audit trail so far.
import { getOrNull } from '../_shared/db/db';
import { isPlatformAdmin } from '../_shared/db/people';
import type { ClaimDoc } from '../_shared/documents/claim';
import type { UserDoc } from '../_shared/documents/user';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { action } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { failWith } from '../_shared/messages/answers';
import { keyRingFromEnv } from '../_shared/security/crypto';
import { EVIDENCE_LINK_SECONDS } from './claim-rules';
import { activeMembershipCount, claimEventsOf } from './claim-store';
import { accountSummary, claimDetailView, notClaimReviewer } from './claim-view';
import { claimDetailSchema } from './schemas';

export const claimDetail = action('volunteer', 'claimDetail', claimDetailSchema, async (req, ctx) => {
  if (!isPlatformAdmin(ctx)) return notClaimReviewer();
  const claim = await getOrNull<ClaimDoc>(ctx.db, 'claims', req.claimId);
  if (!claim) return failWith('CLAIM_NOT_FOUND');
  const [volunteer, claimantUser, holderUser, events] = await Promise.all([
    getOrNull<VolunteerDoc>(ctx.db, 'volunteers', claim.volunteerId),
    getOrNull<UserDoc>(ctx.db, 'users', claim.claimantUserId),
    getOrNull<UserDoc>(ctx.db, 'users', claim.holderUserId),
    claimEventsOf(ctx.db, claim._id),
  ]);
  const [claimantOrgs, holderOrgs] = await Promise.all([activeMembershipCount(ctx.db, claim.claimantUserId), activeMembershipCount(ctx.db, claim.holderUserId)]);
  const validUntil = new Date(ctx.now.getTime() + EVIDENCE_LINK_SECONDS * 1000).toISOString();
  let evidence: Array<{ url: string; validUntil: string }> = [];
  if (claim.evidence.length > 0) {
    const links = (await ctx.cloud.getTempFileURL({ fileList: claim.evidence.map((e) => ({ fileID: e.fileID, maxAge: EVIDENCE_LINK_SECONDS })) })) as {
      fileList: Array<{ tempFileURL?: string }>;
    };
    evidence = links.fileList.filter((f) => f.tempFileURL).map((f) => ({ url: f.tempFileURL!, validUntil }));
  }
  // The record's current holder: before approval the other account, after it the claimant.
  const holderPhone = volunteer && volunteer.userId === claim.holderUserId ? volunteer.phone : null;
  return ok(
    claimDetailView({
      claim,
      volunteer,
      claimant: accountSummary(claimantUser, claim.phone, claimantOrgs),
      holder: accountSummary(holderUser, holderPhone, holderOrgs),
      evidence,
      events,
      ring: keyRingFromEnv(ctx.env),
    }),
  );
});
