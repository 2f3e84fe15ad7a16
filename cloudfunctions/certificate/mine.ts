// certificate.mine (我的证明) — my certificates, newest request first, with status, number, hours, issuer and period.
import { registeredVolunteer } from '../_shared/db/people';
import { action } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { BAD_REQUEST_MESSAGES, notRegistered } from '../_shared/messages/answers';
import { organizationsByIds } from './issuing';
import { myCertificatesPage } from './volunteer-store';
import { dateCursor, datePositionOf } from '../_shared/db/cursor';
import { certificateSummary } from './volunteer-view';
import { mineSchema } from './schemas';

export const MY_CERTIFICATES_PAGE = 20;

export const mine = action('certificate', 'mine', mineSchema, async (req, ctx) => {
  const after = datePositionOf(req.cursor);
  if (after === 'invalid') return fail('BAD_REQUEST', BAD_REQUEST_MESSAGES.cursor, 'cursor');
  const me = await registeredVolunteer(ctx);
  if (!me) return notRegistered();
  const page = await myCertificatesPage(ctx.db, me.volunteer._id, after, MY_CERTIFICATES_PAGE);
  const orgs = await organizationsByIds(ctx.db, page.rows.flatMap((c) => [c.issuerOrgId, c.recordsOrgId]));
  const next = dateCursor(page.next);
  return ok({ certificates: page.rows.map((c) => certificateSummary(c, orgs)), ...(next ? { next } : {}) });
});
