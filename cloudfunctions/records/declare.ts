// records.declare — a volunteer's own declaration of service for an organization's activity (optionally one of its
// projects), with an optional evidence photo: pending until that organization confirms it ("谁组织谁记录").
import { randomBytes } from 'node:crypto';
import { registeredVolunteer } from '../_shared/db/people';
import { action } from '../_shared/frame/action';
import { refusal } from '../_shared/frame/envelope';
import { failWith } from '../_shared/messages/answers';
import { recordOne } from './make';
import { activityOf, checkInterval, freshRecordId } from './rules';
import { declareSchema } from './schemas';
import { projectOf, verifiedOrganization } from './store';

export const declare = action('records', 'declare', declareSchema, async (req, ctx) => {
  const me = await registeredVolunteer(ctx);
  if (!me) return failWith('NOT_REGISTERED');
  const org = await verifiedOrganization(ctx.db, req.orgId);
  if (!org) return failWith('NOT_FOUND', 'orgId');
  const project = req.projectId ? await projectOf(ctx.db, req.projectId, org._id) : null;
  if (req.projectId && !project) return failWith('PROJECT_NOT_FOUND', 'projectId');
  const startsAt = new Date(req.startsAt);
  const endsAt = new Date(req.endsAt);
  const interval = checkInterval(startsAt, endsAt, ctx.now);
  if (!interval.ok) return refusal(interval);
  return recordOne(
    ctx,
    {
      recordId: freshRecordId('declaration', randomBytes(12).toString('hex')),
      org,
      project,
      volunteer: me.volunteer,
      source: 'declaration',
      kind: req.kind,
      startsAt,
      endsAt,
      minutes: interval.value.minutes,
      activity: activityOf(req.activity, project, startsAt),
      recordedBy: me.userId,
    },
    req.photo,
  );
});
