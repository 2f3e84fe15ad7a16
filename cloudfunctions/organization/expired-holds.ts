// Timer trigger `releaseExpiredHolds` (config.json, hourly): pending applications whose hold on a USCC ran out
// (rules.ts PENDING_HOLD_DAYS) are rejected by the system, their applicant told, and the code freed — so a squatted
// code is free even if nobody tries to register it. The next registration of such a code does the same by itself
// (application.ts takeCode); both decide with codeHoldState inside a transaction, so they cannot both apply.
import { getOrNull, inTransaction } from '../_shared/db/db';
import { rows } from '../_shared/db/paging';
import type { OrganizationDoc } from '../_shared/documents/organization';
import type { OrganizationCodeDoc } from '../_shared/documents/organization-code';
import type { TriggerHandler } from '../_shared/frame/action';
import { expireApplication } from './application';
import { codeHoldState } from './rules';

/** Codes examined per firing: an hourly timer catches up on a backlog over later firings. */
const BATCH = 100;

export const releaseExpiredHolds: TriggerHandler = async (_event, ctx) => {
  const _ = ctx.db.command;
  const due = await rows<OrganizationCodeDoc>(ctx.db.collection('organizationCodes').where({ heldUntil: _.lte(ctx.now) }).orderBy('heldUntil', 'asc').limit(BATCH));
  let released = 0;
  for (const stale of due) {
    const done = await inTransaction(ctx.db, async (t) => {
      const code = await getOrNull<OrganizationCodeDoc>(t, 'organizationCodes', stale._id);
      if (!code) return false;
      const holder = await getOrNull<OrganizationDoc>(t, 'organizations', code.orgId);
      if (codeHoldState(code, holder, false, ctx.now) !== 'expired') return false;
      await expireApplication(t, holder!, stale._id, ctx.now);
      await t.collection('organizationCodes').doc(stale._id).remove();
      return true;
    });
    if (done) released++;
  }
  return { released };
};
