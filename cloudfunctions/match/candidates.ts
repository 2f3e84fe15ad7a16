// The candidates of one project with everything matching decides on: their facts, their name (masked when shown)
// and their weekly invitation ledger.
import type { ProjectDoc } from '../_shared/documents/project';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import type { ActionContext } from '../_shared/frame/action';
import { keyRingFromEnv } from '../_shared/security/crypto';
import type { Candidate } from './rules';
import { ledgersOf, volunteerFactsOf } from './store';

export async function candidatesOf(ctx: ActionContext, project: ProjectDoc, volunteers: readonly VolunteerDoc[]): Promise<Candidate[]> {
  const userIds = volunteers.map((v) => v.userId);
  const [facts, ledgers] = await Promise.all([volunteerFactsOf(ctx.db, volunteers, project, keyRingFromEnv(ctx.env)), ledgersOf(ctx.db, userIds)]);
  const out: Candidate[] = [];
  for (const v of volunteers) {
    const volunteer = facts.get(v.userId);
    if (!volunteer) continue;
    const ledger = ledgers.get(v.userId);
    out.push({ volunteer, name: v.name, ledger: ledger ? { week: ledger.week, count: ledger.count, lastInvitedAt: new Date(ledger.lastInvitedAt) } : null });
  }
  return out;
}
