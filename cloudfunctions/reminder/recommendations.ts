// New-project recommendations (project.recommended): once each morning, the recruiting projects published since the
// previous morning go to the volunteers who opted in and whom they fit (rules.ts projectFit: region and intentions),
// best fits first, at most 3 per person per ISO week — counted in the outbox by kind and recipient. The outbox id is
// the project and the person, so a rerun, or a later morning of the same week, never repeats one.
import { inTransaction, type Database } from '../_shared/db/db';
import { PAGE, rows, type Position } from '../_shared/db/paging';
import type { ProjectDoc } from '../_shared/documents/project';
import { enqueue } from '../_shared/messages/outbox';
import { projectRecommended } from '../_shared/messages/reminder-notifications';
import { placeOf } from '../signup/place-rules';
import { volunteersByUser } from '../signup/store';
import { bestFits, isoWeekOf, publishedWindow, RECOMMENDATIONS_PER_WEEK, shanghaiDay } from './rules';
import { isTurnedOff, optedInPage, recommendationsBetween, runOf, saveRun } from './store';

const JOB = 'recommendations';

export interface RecommendationRun {
  projects: number;
  people: number;
  enqueued: number;
  finished: boolean;
}

export async function recommendProjects(db: Database, at: Date, deadline: number): Promise<RecommendationRun> {
  const day = shanghaiDay(at);
  const run = await runOf(db, JOB);
  if (run?.day === day && run.done) return { projects: 0, people: 0, enqueued: 0, finished: true };
  const projects = await newProjects(db, at);
  let position: Position | null = run?.day === day ? (run.resume ?? null) : null;
  let people = 0;
  let enqueued = 0;
  const week = isoWeekOf(at);
  while (projects.length > 0) {
    const page = await optedInPage(db, position);
    const volunteers = await volunteersByUser(db, page.rows.map((p) => p._id));
    for (const prefs of page.rows) {
      if (people > 0 && Date.now() >= deadline) {
        await saveRun(db, JOB, { day, done: false, resume: position }, at);
        return { projects: projects.length, people, enqueued, finished: false };
      }
      people++;
      position = { id: prefs._id };
      const v = volunteers.get(prefs._id);
      if (!v || v.status !== 'active' || isTurnedOff({ off: prefs.off ?? [], recommendations: true }, 'project.recommended')) continue;
      const fits = bestFits(v, projects);
      if (fits.length === 0) continue;
      const sent = await recommendationsBetween(db, prefs._id, week.from, week.until);
      if (sent >= RECOMMENDATIONS_PER_WEEK) continue;
      enqueued += await inTransaction(db, async (t) => {
        let n = 0;
        for (const p of fits) {
          if (sent + n >= RECOMMENDATIONS_PER_WEEK) break;
          const added = await enqueue(t, projectRecommended({ projectId: p._id, title: p.title, orgName: p.orgName, startsAt: p.startsAt, place: placeOf(p) }, prefs._id), at);
          if (added) n++;
        }
        return n;
      });
    }
    if (!page.next) break;
  }
  await saveRun(db, JOB, { day, done: true, resume: null }, at);
  return { projects: projects.length, people, enqueued, finished: true };
}

/** Recruiting projects published since the previous morning, newest first (status_publishedAt_id), at most 100. */
async function newProjects(db: Database, at: Date): Promise<ProjectDoc[]> {
  const _ = db.command;
  const window = publishedWindow(at);
  return rows<ProjectDoc>(
    db
      .collection('projects')
      .where({ status: 'recruiting', publishedAt: _.gt(window.after).and(_.lte(window.upTo)) })
      .orderBy('publishedAt', 'desc')
      .orderBy('_id', 'asc')
      .limit(PAGE),
  );
}
