// Timer advanceProjectStatus (config.json, every 10 minutes): recruiting projects whose first shift has started are
// in progress, and projects whose last shift has ended are finished. Each move is conditional on the status read, so
// a project cancelled meanwhile stays cancelled.
import type { TriggerHandler } from '../_shared/frame/action';
import { rows } from '../_shared/db/paging';
import { projectStatusFields, type ProjectDoc } from '../_shared/documents/project';
import type { ProjectStatus } from '../../typings/project';
import { statusAt } from './rules';

const BATCH = 100;
/** At most this many projects move per run; the next run takes the rest. */
const MAX_PER_RUN = 2000;

export const advanceProjectStatus: TriggerHandler = async (_event, ctx) => {
  const _ = ctx.db.command;
  let moved = 0;
  const due: Array<[ProjectStatus, string]> = [
    ['recruiting', 'startsAt'],
    ['in_progress', 'endsAt'],
  ];
  for (const [status, field] of due) {
    for (;;) {
      const batch = await rows<ProjectDoc>(ctx.db.collection('projects').where({ status, [field]: _.lte(ctx.now) }).orderBy(field, 'asc').limit(BATCH));
      for (const project of batch) {
        const next = statusAt(project.status, { startsAt: new Date(project.startsAt), endsAt: new Date(project.endsAt) }, ctx.now);
        await ctx.db.collection('projects').where({ _id: project._id, status: project.status }).update({ data: { ...projectStatusFields(next), updatedAt: ctx.now } });
        moved++;
      }
      if (batch.length < BATCH || moved >= MAX_PER_RUN) break;
    }
  }
  return { moved };
};
