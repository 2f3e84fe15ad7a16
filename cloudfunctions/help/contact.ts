// help.contact — the contact's name and phone in full, for those who must call the requester: a verifier while the
// need waits for verification (a platform admin, or an admin of a verified organization of the county acting
// `asOrgId`), an admin of the accepting organization while it is accepted or served (state.ts decideContact). Each
// reveal writes an access record of its own (`helpContactViews`: who, as which part and organization, when — never
// the phone, RULES §8) and counts it on the need, in one transaction that decides again from its own read; the
// requester sees the newest records in 我的求助. The answer holds the phone, so the frame keeps it sealed in the
// request record (action.ts `sealedAnswer`): a retry with the same request id is answered the same and records
// nothing more. Limited per caller (security/rate-limit.ts RATE_LIMITS.help.contact).
import type { HelpRole, HelpStatus } from '../../typings/help';
import { getOrNull, inTransaction, Rollback } from '../_shared/db/db';
import { HELP_CONTACT_VIEWS, HELP_REQUESTS, type ContactViewDoc, type HelpRequestDoc } from '../_shared/documents/help';
import { action, sealedAnswer, type ActionContext, type Answer } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { HELP_MESSAGES, HELP_STATUS_LABELS } from '../_shared/messages/help';
import { keyRingFromEnv } from '../_shared/security/crypto';
import { Moved, notFound, untilSettled } from './answers';
import { contactSchema } from './schemas';
import { decideContact, statusAt, type ContactDecision, type ContactPart } from './state';
import { contactViewIdOf, needOf, orgOf, partsOf } from './store';
import { PLATFORM_VERIFIER_NAME } from './verify';
import { openContact } from './view';

type ContactAnswer = Answer<'help', 'contact'>;

const refusedContact = (decision: Extract<ContactDecision, { ok: false }>, status: HelpStatus) =>
  decision.code === 'FORBIDDEN' ? fail('FORBIDDEN', HELP_MESSAGES.contactForbidden) : fail('WRONG_STATE', HELP_MESSAGES.contactWrongState(HELP_STATUS_LABELS[status]));
const contactGone = () => fail('CONTACT_GONE', HELP_MESSAGES.contactGone);

/** The parts that count: acting for an organization is acting as its admin only (as verify does), never as the platform. */
function partsThatCount(roles: ReadonlySet<HelpRole>, asOrgId: string | undefined): Set<HelpRole> {
  return new Set([...roles].filter((r) => (asOrgId ? r !== 'platformAdmin' : r !== 'regionOrgAdmin')));
}

export const contact = sealedAnswer(action('help', 'contact', contactSchema, (req, ctx) => untilSettled(() => contactOnce(req.helpRequestId, req.asOrgId, ctx))));

async function contactOnce(id: string, asOrgId: string | undefined, ctx: ActionContext): Promise<ContactAnswer> {
  const found = await needOf(ctx.db, id);
  if (!found) return notFound();
  // `orgId: asOrgId` makes the accepting organization's admin one only when acting for it (or for no organization).
  const parts = await partsOf(ctx, found, asOrgId ? { asOrgId, orgId: asOrgId } : {});
  const roles = partsThatCount(parts.roles, asOrgId);
  const early = decideContact(statusAt(found, ctx.now), roles);
  if (!early.ok) return refusedContact(early, statusAt(found, ctx.now));
  if (!found.contact) return contactGone();
  const byName = await nameOf(ctx, early.as, found, asOrgId);

  return inTransaction<ContactAnswer, ContactAnswer>(ctx.db, async (t) => {
    const need = await needOf(t, id);
    if (!need) throw new Rollback(notFound());
    // The accepting organization (hence the part) was read before: another one now means another answer.
    if (need.acceptedBy?.orgId !== found.acceptedBy?.orgId) throw new Moved();
    const decision = decideContact(statusAt(need, ctx.now), roles);
    if (!decision.ok) throw new Rollback(refusedContact(decision, statusAt(need, ctx.now)));
    if (!need.contact) throw new Rollback(contactGone());
    const recordId = contactViewIdOf(need);
    // Present only when this very request wrote it already (a commit whose answer was lost, run again): recorded and
    // counted once.
    if (!(await getOrNull<ContactViewDoc>(t, HELP_CONTACT_VIEWS, recordId))) {
      const record: Omit<ContactViewDoc, '_id'> = {
        helpRequestId: need._id,
        byUserId: parts.userId,
        as: decision.as,
        ...(decision.as === 'platformAdmin' ? {} : { orgId: decision.as === 'acceptedOrgAdmin' ? need.acceptedBy!.orgId : asOrgId! }),
        byName,
        at: ctx.now,
      };
      await t.collection(HELP_CONTACT_VIEWS).doc(recordId).set({ data: record });
      // Written on the need too, so two reveals at once conflict there and each is counted.
      await t.collection(HELP_REQUESTS).doc(need._id).update({ data: { contactViewCount: (need.contactViewCount ?? 0) + 1 } });
    }
    const { name, phone } = openContact(need, keyRingFromEnv(ctx.env));
    return ok({ name, phone });
  });
}

/** Who the requester is told reached for their phone: the organization's name, or 平台. */
async function nameOf(ctx: ActionContext, as: ContactPart, need: HelpRequestDoc, asOrgId: string | undefined): Promise<string> {
  if (as === 'acceptedOrgAdmin') return need.acceptedBy!.orgName;
  if (as === 'regionOrgAdmin' && asOrgId) return (await orgOf(ctx.db, asOrgId))?.name ?? '';
  return PLATFORM_VERIFIER_NAME;
}
