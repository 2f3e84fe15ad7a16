// organization.reviewQueue — verification by a platform admin (RULES §2): the organizations waiting, oldest first so
// nobody waits behind later applications (index status_createdAt). Platform admins come from configuration
// (PLATFORM_ADMIN_OPENIDS), never from the event.
import { PAGE, rows } from '../_shared/db/paging';
import { isPlatformAdmin } from '../_shared/db/people';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { action, noPayload } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { peopleByUserId } from './store';
import { notPlatformAdmin, reviewQueueItem } from './view';

export const reviewQueue = action('organization', 'reviewQueue', noPayload, async (_req, ctx) => {
  if (!isPlatformAdmin(ctx)) return notPlatformAdmin();
  const pending = await rows<OrganizationDoc>(
    ctx.db.collection('organizations').where({ status: 'pending' }).orderBy('createdAt', 'asc').limit(PAGE),
  );
  const applicants = await peopleByUserId(ctx.db, pending.map((o) => o.createdBy));
  return ok({ items: pending.map((o) => reviewQueueItem(o, applicants.get(o.createdBy))) });
});
