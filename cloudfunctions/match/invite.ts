// match.invite — an organization admin invites volunteers to shifts (one shift's suggestions, or a series proposal
// as a whole). Each pair is decided again here (the shift still open, the person still eligible and not signed up)
// and then written in its own transaction: the invitation (one per person per shift: a repeat changes nothing), the
// person's weekly ledger (the cap) and the message, together or not at all.
//
// The cap under concurrency: every invitation of a person reads and writes their one ledger document inside its
// transaction, so two admins inviting the same person at once conflict there (CloudBase's snapshot isolation: the
// later write fails at once, DESIGN §3); inTransaction runs the loser again from a fresh snapshot, where it sees the
// winner's count. A first invitation creates the ledger: the second creator's write of the same _id conflicts too.
//
// The pairs run as follow-up transactions (they do not mark the request committed one by one): a call that dies
// half-way is run again in full by its retry, where the pairs already written answer `alreadyInvited`.
import type { InviteOutcome, InviteResult } from '../../typings/match';
import { getOrNull, inFollowUpTransaction } from '../_shared/db/db';
import type { ProjectDoc, ShiftDoc } from '../_shared/documents/project';
import { action, type ActionContext } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { failWith } from '../_shared/messages/answers';
import { invitationNotice } from '../_shared/messages/match';
import { enqueue } from '../_shared/messages/outbox';
import { eligibilityOf } from '../_shared/matching/eligibility';
import type { ShiftFacts, VolunteerFacts } from '../_shared/matching/facts';
import { invitationIdOf, invitesLeft, invitesPerWeekFromEnv, ledgerAfterInvite, shanghaiIsoWeekOf } from '../_shared/matching/invitations';
import { keyRingFromEnv } from '../_shared/security/crypto';
import { shiftTimeText } from '../signup/rules';
import { adminOf, forbidden } from './admin';
import { isOpen } from './rules';
import { inviteSchema } from './schemas';
import { INVITATIONS, LEDGERS, shiftFactsOf, shiftWithProject, signedUpFor, volunteerFactsOf, volunteersByUser, type InvitationDoc, type InviteLedgerDoc } from './store';

interface ShiftContext {
  shift: ShiftDoc;
  project: ProjectDoc;
  facts: ShiftFacts;
  volunteers: Map<string, VolunteerFacts>;
  signedUp: Set<string>;
}

export const invite = action('match', 'invite', inviteSchema, async (req, ctx) => {
  const shiftIds = [...new Set(req.invitations.map((p) => p.shiftId))];
  const found = await Promise.all(shiftIds.map((id) => shiftWithProject(ctx.db, id)));
  if (found.some((f) => f === null)) return failWith('SHIFT_NOT_FOUND');
  const shifts = found as NonNullable<(typeof found)[number]>[];
  const orgIds = [...new Set(shifts.map((f) => f.shift.orgId))];
  const admins = await Promise.all(orgIds.map((orgId) => adminOf(ctx, orgId)));
  if (admins.some((a) => a === null)) return forbidden();
  const adminUserId = admins[0]!;

  const contexts = new Map<string, ShiftContext>();
  const ring = keyRingFromEnv(ctx.env);
  await Promise.all(
    shifts.map(async ({ shift, project }) => {
      const invitedHere = req.invitations.filter((p) => p.shiftId === shift._id).map((p) => p.candidateId);
      const [facts, docs, signedUp] = await Promise.all([shiftFactsOf(ctx.db, project, [shift]), volunteersByUser(ctx.db, invitedHere), signedUpFor(ctx.db, shift._id, invitedHere)]);
      contexts.set(shift._id, { shift, project, facts: facts.get(shift._id)!, volunteers: await volunteerFactsOf(ctx.db, docs, project, ring), signedUp });
    }),
  );

  const cap = invitesPerWeekFromEnv(ctx.env);
  const results: InviteResult[] = [];
  // One pair after another: the same person invited to two shifts in one call is counted twice against the cap.
  for (const pair of req.invitations) {
    const c = contexts.get(pair.shiftId)!;
    results.push({ ...pair, outcome: await inviteOne(ctx, c, pair.candidateId, adminUserId, cap) });
  }
  return ok({ results, invited: results.filter((r) => r.outcome === 'invited').length });
});

async function inviteOne(ctx: ActionContext, c: ShiftContext, userId: string, invitedBy: string, cap: number): Promise<InviteOutcome> {
  if (!isOpen(c.facts, ctx.now)) return 'shiftClosed';
  const volunteer = c.volunteers.get(userId);
  if (!volunteer || c.signedUp.has(userId) || !eligibilityOf(volunteer, c.facts, ctx.now).eligible) return 'notEligible';
  const id = invitationIdOf(c.shift._id, userId);
  return inFollowUpTransaction<InviteOutcome>(ctx.db, async (t) => {
    if (await getOrNull<InvitationDoc>(t, INVITATIONS, id)) return 'alreadyInvited';
    const ledger = await getOrNull<InviteLedgerDoc>(t, LEDGERS, userId);
    if (invitesLeft(ledger, ctx.now, cap) === 0) return 'weeklyCap';
    const next = ledgerAfterInvite(ledger, ctx.now);
    await t.collection(LEDGERS).doc(userId).set({ data: { ...next, updatedAt: ctx.now } });
    const invitation: Omit<InvitationDoc, '_id'> = {
      shiftId: c.shift._id,
      projectId: c.project._id,
      orgId: c.project.orgId,
      userId,
      invitedBy,
      week: shanghaiIsoWeekOf(ctx.now).key,
      createdAt: ctx.now,
      expiresAt: c.facts.startsAt,
    };
    await t.collection(INVITATIONS).doc(id).set({ data: invitation });
    await enqueue(
      t,
      invitationNotice({
        invitationId: id,
        userId,
        shiftId: c.shift._id,
        projectId: c.project._id,
        projectTitle: c.project.title,
        orgName: c.project.orgName,
        startsAt: c.facts.startsAt,
        when: shiftTimeText(c.facts),
        address: c.project.place.name ?? c.project.place.address,
      }),
      ctx.now,
    );
    return 'invited';
  });
}
