// The morning digest (digest.orgDaily): each verified organization's active admins hear once a day what waits for
// them — sign-ups waiting for approval, records waiting for confirmation, and how many of those are overdue — only
// when something does. The outbox id carries the Shanghai day, so however often the timer fires that morning, each
// admin of each organization is told once; a run stopping at its time limit resumes with the next organization.
import { activeAdminIds } from '../_shared/db/admins';
import { inTransaction, type Database } from '../_shared/db/db';
import { keysetPage, type Position } from '../_shared/db/paging';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { enqueue } from '../_shared/messages/outbox';
import { orgDailyDigest, type DigestCounts } from '../_shared/messages/reminder-notifications';
import { isOverdue, policyView } from '../hours/rules';
import { queuePage } from '../hours/store';
import { shanghaiDay } from './rules';
import { countOf, isTurnedOff, preferencesOf, runOf, saveRun } from './store';

const JOB = 'digest';
/** The oldest pending records read to count the overdue ones (they come first); more are shown as "100+". */
const OVERDUE_SCAN = 100;

export interface DigestRun {
  organizations: number;
  told: number;
  finished: boolean;
}

export async function sendDigests(db: Database, at: Date, deadline: number): Promise<DigestRun> {
  const day = shanghaiDay(at);
  const run = await runOf(db, JOB);
  if (run?.day === day && run.done) return { organizations: 0, told: 0, finished: true };
  let position: Position | null = run?.day === day ? (run.resume ?? null) : null;
  let organizations = 0;
  let told = 0;
  for (;;) {
    const page = await keysetPage<OrganizationDoc>(db, 'organizations', { status: 'verified' }, { field: 'createdAt', direction: 'asc' }, position, 100);
    for (const org of page.rows) {
      if (organizations > 0 && Date.now() >= deadline) {
        await saveRun(db, JOB, { day, done: false, resume: position }, at);
        return { organizations, told, finished: false };
      }
      told += await digestOf(db, org, day, at);
      organizations++;
      position = { value: org.createdAt, id: org._id };
    }
    if (!page.next) break;
  }
  await saveRun(db, JOB, { day, done: true, resume: null }, at);
  return { organizations, told, finished: true };
}

/** The counts of the hours queue (hours/store.ts queuePage, oldest first) and of the sign-ups waiting for approval. */
export async function waitingAt(db: Database, org: Pick<OrganizationDoc, '_id' | 'hoursPolicy'>, at: Date): Promise<DigestCounts> {
  const policy = policyView(org.hoursPolicy);
  const [signupsPending, recordsPending, oldest] = await Promise.all([
    countOf(db, 'signups', { orgId: org._id, status: 'pending' }),
    countOf(db, 'serviceRecords', { orgId: org._id, current: true, status: 'pending' }),
    queuePage(db, org._id, null, OVERDUE_SCAN),
  ]);
  const recordsOverdue = oldest.rows.filter((r) => isOverdue(r, policy.overdueDays, at)).length;
  return { signupsPending, recordsPending, recordsOverdue, overdueCapped: recordsOverdue === OVERDUE_SCAN && recordsPending > OVERDUE_SCAN };
}

async function digestOf(db: Database, org: OrganizationDoc, day: string, at: Date): Promise<number> {
  const counts = await waitingAt(db, org, at);
  if (counts.signupsPending === 0 && counts.recordsPending === 0) return 0;
  const admins = await activeAdminIds(db, org._id);
  const prefs = await preferencesOf(db, admins);
  const wanted = admins.filter((a) => !isTurnedOff(prefs.get(a), 'digest.orgDaily'));
  if (wanted.length === 0) return 0;
  return inTransaction(db, async (t) => {
    let n = 0;
    for (const admin of wanted) if (await enqueue(t, orgDailyDigest({ orgId: org._id, name: org.name }, day, admin, counts, at), at)) n++;
    return n;
  });
}
