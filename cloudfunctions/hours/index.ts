// Cloud function `hours`: an organization confirms, rejects, adjusts and revokes service records, resolves
// volunteers' corrections and sets how its hours are counted; a volunteer sees 我的时长 (total, stars, records) and
// reports an error or an omission; the platform checks that totals equal their records. Every revision goes
// through _shared/hours/ledger.ts. Contracts: typings/hours-actions.ts. How and why: README.md.
import { defineFunction } from '../_shared/frame/action';
import { adjust, revoke } from './change';
import { corrections, reportCorrection, resolveCorrection } from './corrections';
import { confirm, reject } from './decide';
import { history, mine } from './mine';
import { daily } from './daily';
import { queue, setHoursPolicy } from './queue';
import { checkTotals, orgTotals } from './totals';
import { totalsReport } from './totals-sweep';

export const { main, actions } = defineFunction<'hours'>(
  { mine, history, reportCorrection, setHoursPolicy, queue, corrections, confirm, reject, adjust, revoke, resolveCorrection, orgTotals, checkTotals, totalsReport },
  { daily },
);
