// records.makeup — 补录: a record of past service that was not recorded at the time, with evidence (a photo) and the
// reason. Made by an admin of the organization for one of its members (`userId`), or asked for by a volunteer for
// themselves; either way pending until the organization confirms it, and labelled 补录 by its source 'makeup'.
import { randomBytes } from 'node:crypto';
import { loadCaller, registeredVolunteer } from '../_shared/db/people';
import { action } from '../_shared/frame/action';
import { fail, refusal } from '../_shared/frame/envelope';
import { FORBIDDEN_RECORD_MESSAGES, failWith, RECORD_MESSAGES } from '../_shared/messages/answers';
import { recordOne } from './make';
import { activityOf, checkInterval, freshRecordId } from './rules';
import { makeupSchema } from './schemas';
import { isActiveMember, isOrgAdmin, projectOf, verifiedOrganization, volunteerOfUser } from './store';

export const makeup = action('records', 'makeup', makeupSchema, async (req, ctx) => {
  const org = await verifiedOrganization(ctx.db, req.orgId);
  const { userId: callerId } = await loadCaller(ctx);
  let volunteer;
  if (req.userId !== undefined) {
    if (!org || !(await isOrgAdmin(ctx.db, org._id, callerId))) return fail('FORBIDDEN', FORBIDDEN_RECORD_MESSAGES.manage);
    volunteer = (await isActiveMember(ctx.db, org._id, req.userId)) ? await volunteerOfUser(ctx.db, req.userId) : null;
    if (!volunteer) return fail('NOT_MEMBER', RECORD_MESSAGES.notMemberMakeup, 'userId');
  } else {
    const me = await registeredVolunteer(ctx);
    if (!me) return failWith('NOT_REGISTERED');
    if (!org) return failWith('NOT_FOUND', 'orgId');
    volunteer = me.volunteer;
  }
  const project = req.projectId ? await projectOf(ctx.db, req.projectId, org._id) : null;
  if (req.projectId && !project) return failWith('PROJECT_NOT_FOUND', 'projectId');
  const startsAt = new Date(req.startsAt);
  const endsAt = new Date(req.endsAt);
  const interval = checkInterval(startsAt, endsAt, ctx.now);
  if (!interval.ok) return refusal(interval);
  return recordOne(
    ctx,
    {
      recordId: freshRecordId('makeup', randomBytes(12).toString('hex')),
      org,
      project,
      volunteer,
      source: 'makeup',
      kind: req.kind,
      startsAt,
      endsAt,
      minutes: interval.value.minutes,
      activity: activityOf(req.activity, project, startsAt),
      recordedBy: callerId,
      makeupReason: req.reason,
    },
    req.photo,
  );
});
