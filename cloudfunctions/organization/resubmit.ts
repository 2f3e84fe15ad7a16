// organization.resubmit — the admin of a rejected application corrects it (the same validation as registration) and
// sends it back to the review queue. The rejection stays in the history; the USCC, released when it was rejected,
// is taken again if it is still free (else USCC_TAKEN, and the claim path). Two admins resubmitting at once write
// the one organization document: one conflicts, runs again and finds it pending (NOT_REJECTED).
import { getOrNull, inTransaction, Rollback } from '../_shared/db/db';
import { registeredVolunteer } from '../_shared/db/people';
import { membershipId, type MembershipDoc } from '../_shared/documents/membership';
import type { ApplicationEventDoc, OrganizationDoc } from '../_shared/documents/organization';
import { action, type Answer } from '../_shared/frame/action';
import { ok, refusal } from '../_shared/frame/envelope';
import { notRegistered } from '../_shared/messages/answers';
import { applicationFields, checkApplication, releaseCode, takeCode } from './application';
import { checkResubmit } from './rules';
import { resubmitSchema } from './schemas';

type ResubmitAnswer = Answer<'organization', 'resubmit'>;

export const resubmit = action('organization', 'resubmit', resubmitSchema, async (req, ctx) => {
  const me = await registeredVolunteer(ctx);
  if (!me) return notRegistered();
  const { orgId, ...application } = req;
  const checked = await checkApplication(ctx, application, me.userId, orgId);
  if (!checked.ok) return checked.answer;

  return inTransaction<ResubmitAnswer, ResubmitAnswer>(ctx.db, async (t) => {
    const org = await getOrNull<OrganizationDoc>(t, 'organizations', orgId);
    const mine = await getOrNull<MembershipDoc>(t, 'memberships', membershipId(orgId, me.userId));
    const allowed = checkResubmit(org, mine);
    if (!allowed.ok) throw new Rollback(refusal(allowed));
    const uscc = checked.value.org.uscc;
    // A corrected code leaves the old one free (it was released on rejection; released again in case it was not).
    if (org!.uscc && org!.uscc !== uscc) await releaseCode(t, org!.uscc, orgId);
    if (uscc) await takeCode(t, ctx, uscc, orgId, me.userId);
    const event: ApplicationEventDoc = { event: 'resubmitted', at: ctx.now, by: me.userId };
    const { parentId: _parent, parentName: _parentName, uscc: _uscc, civilAffairsType: _civil, authority: _authority, introduction: _intro, ...rest } = org!;
    const fields = applicationFields(ctx, orgId, checked.value);
    // set() replaces the document, so a field the correction removed (an introduction, a parent) is gone too.
    const { _id, ...kept } = { ...rest, ...fields, status: 'pending' as const, history: [...(org!.history ?? []), event], updatedAt: ctx.now };
    await t.collection('organizations').doc(orgId).set({ data: kept });
    return ok({ orgId, status: 'pending', similarNames: checked.value.similar });
  });
});
