// signup.signup — a registered volunteer asks for a place in a shift. The server decides and says why: refused (nothing
// stored), or stored as confirmed, pending approval (a place held) or waitlisted — with the reason on the sign-up.
// The place is taken in one capacity shard in the same transaction as the sign-up, the person's schedule (the
// overlap check) and the messages (README "Capacity"). A second tap answers the sign-up the first one made.
import { timingSafeEqual } from 'node:crypto';
import type { SignupView } from '../../typings/signup';
import { getOrNull, inFollowUpTransaction, inTransaction, Rollback, type Tx } from '../_shared/db/db';
import { registeredVolunteer } from '../_shared/db/people';
import { userIdOf } from '../_shared/documents/ids';
import { capacityShardId, projectPasswordHash, signupId, type CapacityShardDoc, type ProjectDoc, type ShiftDoc, type SignupDoc, type SignupScheduleDoc } from '../_shared/documents/project';
import { action, type ActionContext, type Answer } from '../_shared/frame/action';
import { fail, ok, refusal } from '../_shared/frame/envelope';
import { failWith, notRegistered, SIGNUP_MESSAGES } from '../_shared/messages/answers';
import { shiftChangeNotice } from '../_shared/messages/notifications';
import { enqueue } from '../_shared/messages/outbox';
import { toAdmin, toVolunteer } from '../_shared/messages/signup-notifications';
import { keyRingFromEnv } from '../_shared/security/crypto';
import { ensureShards, factsOf, hasRoom, joinWaitlist, otherHolds, scheduleOf, SHARDS, settle, shardsOf, shuffled, writeSchedule, writeSignup } from '../_shared/signup/places';
import { ACTIVE, DEFAULT_CANCEL_CUTOFF_HOURS, eligibility, firstOverlap, noShowBlockedUntil, placedStatus, REASONS, shiftTimeText } from './rules';
import { signupSchema } from './schemas';
import { viaGroupOf } from '../_shared/documents/project-visit';
import { adminsOf, birthDateOf, isActiveMember, organizationOf, shiftAndProject, signupsAtOrg, waitlistPosition } from './store';
import { signupView } from './view';

type SignupAnswer = Answer<'signup', 'signup'>;

/** Final for this shift: the organization's decision stands; a new tap shows it instead of signing up again. */
const FINAL = ['declined', 'removed'];

function passwordCheck(project: ProjectDoc, given: string | undefined, ctx: ActionContext): 'none' | 'match' | 'mismatch' {
  if (project.conditions.scope !== 'password') return 'match';
  if (given === undefined || given.trim() === '') return 'none';
  const stored = Buffer.from(project.conditions.passwordHash ?? '', 'hex');
  const offered = Buffer.from(projectPasswordHash(project._id, given, keyRingFromEnv(ctx.env)), 'hex');
  return stored.length === offered.length && timingSafeEqual(stored, offered) ? 'match' : 'mismatch';
}

export async function answerWith(ctx: ActionContext, s: SignupDoc): Promise<SignupView> {
  return signupView(s, s.status === 'waitlisted' ? await waitlistPosition(ctx.db, s) : undefined);
}

export const signup = action('signup', 'signup', signupSchema, async (req, ctx) => {
  // Independent reads at once: a burst on one shift is bounded by round trips, not by their count.
  const userId = userIdOf(ctx.caller.openid);
  const [me, found, schedule] = await Promise.all([
    registeredVolunteer(ctx),
    shiftAndProject(ctx.db, req.shiftId),
    getOrNull<SignupScheduleDoc>(ctx.db, 'signupSchedules', userId),
  ]);
  if (!me) return notRegistered();
  if (!found) return failWith('SHIFT_NOT_FOUND');
  const { shift, project } = found;
  const id = signupId(shift._id, me.userId);

  const ring = keyRingFromEnv(ctx.env);
  const [earlier, org, atOrg, team, viaGroupId] = await Promise.all([
    getOrNull<SignupDoc>(ctx.db, 'signups', id),
    organizationOf(ctx.db, project.orgId),
    signupsAtOrg(ctx.db, me.userId, project.orgId),
    project.conditions.scope === 'team' && project.conditions.teamOrgId ? organizationOf(ctx.db, project.conditions.teamOrgId) : Promise.resolve(null),
    viaGroupOf(ctx.db, project._id, userId),
  ]);
  if (earlier && (ACTIVE.includes(earlier.status) || FINAL.includes(earlier.status))) return ok(await answerWith(ctx, earlier));
  const teamMember = team ? await isActiveMember(ctx.db, team._id, me.userId) : false;
  const decided = eligibility(
    project,
    shift,
    {
      volunteer: {
        birthDate: birthDateOf(me.volunteer, ring),
        skills: me.volunteer.skills,
        guardianConsent: Boolean(me.volunteer.guardian?.consentedAt),
        phoneVerified: me.volunteer.phone?.verified === true,
      },
      teamMember,
      ...(team ? { teamName: team.name } : {}),
      password: passwordCheck(project, req.password, ctx),
      holds: (schedule?.holds ?? []).filter((h) => h.signupId !== id),
      noShowBlockedUntil: noShowBlockedUntil(atOrg.filter((s) => s.noShow).map((s) => s.startsAt), org?.noShowPolicy),
    },
    ctx.now,
  );
  if (!decided.ok) return refusal(decided);

  // "Served before" (approval by rules): a confirmed sign-up of theirs at this organization whose shift has ended and
  // that was not marked a no-show. Issue 9's service records will replace it.
  const servedBefore = atOrg.some((s) => s.status === 'confirmed' && !s.noShow && s.endsAt.getTime() <= ctx.now.getTime());
  const placed = placedStatus(project.approvalMode, servedBefore);
  const [, admins] = await Promise.all([
    shift.capacity?.shards > 0 ? Promise.resolve() : ensureShards(ctx.db, shift, ctx.now),
    placed.status === 'pending' ? adminsOf(ctx.db, project.orgId) : Promise.resolve([]),
  ]);
  const base: SignupDoc = {
    _id: id,
    shiftId: shift._id,
    projectId: project._id,
    orgId: project.orgId,
    userId: me.userId,
    status: 'waitlisted',
    reason: REASONS.waitlisted,
    startsAt: shift.startsAt,
    endsAt: shift.endsAt,
    ...(viaGroupId ? { viaGroupId } : {}),
    projectTitle: project.title,
    orgName: project.orgName,
    queuedAt: ctx.now,
    lateAfter: new Date(shift.startsAt.getTime() - (project.cancelCutoffHours ?? DEFAULT_CANCEL_CUTOFF_HOURS) * 3600_000),
    history: earlier ? [...earlier.history, { status: earlier.status, reason: earlier.reason, at: earlier.updatedAt }] : [],
    createdAt: earlier?.createdAt ?? ctx.now,
    updatedAt: ctx.now,
  };

  /**
   * Take a place in one shard with room; null when every shard is full. Which shards have room comes from a plain
   * query made inside the transaction (so no older than its snapshot), tried in random order so concurrent sign-ups
   * spread out; the place is then taken from the snapshot's own read, whose write conflicts if another took it.
   * Every shard full at that query means the waitlist: a place freed after it, with nobody yet in line, is offered
   * by the settle that follows the sign-up.
   */
  const takePlace = async (t: Tx): Promise<{ shard: CapacityShardDoc | null; shardIds: string[] }> => {
    const all = await shardsOf(ctx.db, shift._id);
    for (const candidate of shuffled(all.filter(hasRoom))) {
      const shard = await getOrNull<CapacityShardDoc>(t, SHARDS, candidate._id);
      if (shard && hasRoom(shard)) {
        await t.collection(SHARDS).doc(shard._id).update({ data: { taken: shard.taken + 1, updatedAt: ctx.now } });
        return { shard, shardIds: all.map((s) => s._id) };
      }
    }
    return { shard: null, shardIds: all.map((s) => s._id) };
  };

  const answer = await inTransaction<SignupAnswer, SignupAnswer>(ctx.db, async (t) => {
    const current = await getOrNull<SignupDoc>(t, 'signups', id);
    if (current && (ACTIVE.includes(current.status) || FINAL.includes(current.status))) throw new Rollback(ok(await answerWith(ctx, current)));
    // The overlap check again, from the schedule this transaction writes: a sign-up of the same person for another
    // shift at the same moment conflicts here and is decided after this one.
    const mySchedule = await scheduleOf(t, me.userId);
    const clash = firstOverlap(otherHolds(mySchedule, id), shift);
    if (clash) throw new Rollback(fail('TIME_OVERLAP', SIGNUP_MESSAGES.overlap(clash.projectTitle, shiftTimeText(clash))));

    const { shard, shardIds } = await takePlace(t);
    const transition = base.history.length;
    if (!shard) {
      // Counted on a shard as it joins the waitlist, so lists read the waitlist's length with the places.
      const waitShardId = await joinWaitlist(t, shardIds, ctx.now);
      const waitlisted: SignupDoc = { ...base, ...(waitShardId ? { waitShardId } : {}) };
      await writeSignup(t, waitlisted);
      await enqueue(t, toVolunteer('signup.waitlisted', factsOf(waitlisted, transition), REASONS.waitlisted), ctx.now);
      return ok(signupView(waitlisted));
    }
    const held: SignupDoc = { ...base, status: placed.status, reason: placed.reason, shardId: capacityShardId(shift._id, shard.index) };
    await writeSignup(t, held);
    await writeSchedule(t, mySchedule, { add: held }, ctx.now);
    await enqueue(t, toVolunteer(placed.status === 'confirmed' ? 'signup.confirmed' : 'signup.pending', factsOf(held, transition), placed.reason), ctx.now);
    for (const admin of admins) await enqueue(t, toAdmin('signup.awaitingApproval', factsOf(held, transition), admin, me.volunteer.name), ctx.now);
    return ok(signupView(held));
  });
  if (!answer.ok) return answer;
  await tellOfLaterChange(ctx, shift, project, id);
  if (answer.data.status !== 'waitlisted') return answer;
  // Joined the waitlist: if a place was freed meanwhile with nobody in line to take it, it is offered now; the answer
  // then says where in line (or that the place is offered).
  await settle(ctx.db, shift._id, ctx.now, shift);
  const after = await getOrNull<SignupDoc>(ctx.db, 'signups', id);
  return after ? ok(await answerWith(ctx, after)) : answer;
});

/**
 * The shift changed (time, place, cancellation) after this sign-up read it: the change's own read of the shift's
 * sign-ups, and its sweep after committing, may both have come before this sign-up committed. So the sign-up reads
 * the shift again now and, when its `lastChange` moved, tells its volunteer of it with the change's notification
 * id — told exactly once, whichever side enqueues first (project/change.ts).
 */
async function tellOfLaterChange(ctx: ActionContext, read: ShiftDoc, project: ProjectDoc, id: string): Promise<void> {
  const fresh = await getOrNull<ShiftDoc>(ctx.db, 'shifts', read._id);
  const change = fresh?.lastChange;
  if (!change || new Date(change.at).getTime() === (read.lastChange ? new Date(read.lastChange.at).getTime() : NaN)) return;
  await inFollowUpTransaction(ctx.db, async (t) => {
    const signup = await getOrNull<SignupDoc>(t, 'signups', id);
    if (!signup || !ACTIVE.includes(signup.status)) return;
    await enqueue(t, shiftChangeNotice({ project: { projectId: project._id, title: project.title }, shiftId: read._id, volunteerUserId: signup.userId, change }), ctx.now);
  });
}
