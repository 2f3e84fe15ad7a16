// What the help actions answer. The contact is decrypted only here, and only its name is shown whole, to those who
// may reach the person (the requester, verifiers, the accepting organization); an organization merely offered the
// need sees the name masked. The phone is always masked (RULES §8). The public view has no contact and no requester.
import type { HelpRequestView, PublicHelpView } from '../../typings/help';
import { HELP_CONTACT_PURPOSE, type ContactViewDoc, type HelpRequestDoc } from '../_shared/documents/help';
import { HELP_STATUS_LABELS, type NeedFacts } from '../_shared/messages/help';
import { DELETED_NAME } from '../_shared/rules/anonymise';
import { maskName, maskPhone } from '../_shared/rules/mask';
import { decryptField, encryptField, type KeyRing } from '../_shared/security/crypto';
import { lngLatOf } from '../project/view';
import { statusAt } from './state';

const iso = (d: Date | string) => new Date(d).toISOString();

export interface Contact {
  name: string;
  phone: string;
}

export function sealContact(contact: Contact, ring: KeyRing): HelpRequestDoc['contact'] {
  return { cipher: encryptField(JSON.stringify({ name: contact.name, phone: contact.phone }), ring, HELP_CONTACT_PURPOSE), phoneMasked: maskPhone(contact.phone) };
}

/** The contact as given; once the requester deleted their account it is gone (personal-data.ts): 已注销. */
export function openContact(need: Pick<HelpRequestDoc, 'contact'>, ring: KeyRing): Contact {
  if (!need.contact) return { name: DELETED_NAME, phone: '' };
  return JSON.parse(decryptField(need.contact.cipher, ring, HELP_CONTACT_PURPOSE)) as Contact;
}

export type ContactShown = 'name' | 'masked';

/**
 * `now`: the status as it stands then (state.ts statusAt: an open need whose start has passed shows expired).
 * `contactViews`: the view is the requester's own (我的求助), with the newest reveals of their phone (newest first, as
 * store.ts newestContactViews reads them) and the need's count of all; others see none of that.
 */
export function helpView(
  need: HelpRequestDoc,
  ring: KeyRing,
  shown: ContactShown,
  { now, contactViews }: { now?: Date; contactViews?: readonly ContactViewDoc[] } = {},
): HelpRequestView {
  const name = openContact(need, ring).name;
  const v = need.verification;
  const status = now ? statusAt(need, now) : need.status;
  return {
    id: need._id,
    status,
    statusLabel: HELP_STATUS_LABELS[status],
    what: need.what,
    category: need.category,
    forWhom: need.forWhom,
    place: { address: need.place.address, ...(need.place.name ? { name: need.place.name } : {}), regionNames: need.regionNames, ...lngLatOf(need.place.location) },
    startsAt: iso(need.startsAt),
    endsAt: iso(need.endsAt),
    volunteersWanted: need.volunteersWanted,
    urgent: need.urgent,
    contact: { name: shown === 'name' ? name : maskName(name), phoneMasked: need.contact?.phoneMasked ?? '' },
    submittedAt: iso(need.submittedAt),
    ...(v ? { verification: { method: v.method, note: v.note, by: v.byName, at: iso(v.at), decision: v.decision } } : {}),
    declines: need.declines.map((d) => ({ orgName: d.orgName, reason: d.reason, at: iso(d.at) })),
    ...(need.acceptedBy ? { acceptedBy: { orgId: need.acceptedBy.orgId, orgName: need.acceptedBy.orgName, projectId: need.acceptedBy.projectId } } : {}),
    ...(need.rating ? { rating: { stars: need.rating.stars, ...(need.rating.comment ? { comment: need.rating.comment } : {}) } } : {}),
    contactViews: (contactViews ?? []).map((r) => ({ byName: r.byName, at: iso(r.at) })),
    // Never fewer than listed: mine reads the needs before their records (a reveal between the reads is listed, not
    // yet counted).
    contactViewsTotal: contactViews ? Math.max(need.contactViewCount ?? 0, contactViews.length) : 0,
  };
}

export function publicView(need: HelpRequestDoc): PublicHelpView {
  return {
    id: need._id,
    status: need.status,
    statusLabel: HELP_STATUS_LABELS[need.status],
    what: need.what,
    category: need.category,
    forWhomObject: need.forWhom.object,
    regionNames: need.regionNames,
    startsAt: iso(need.startsAt),
    endsAt: iso(need.endsAt),
    urgent: need.urgent,
    ...(need.acceptedBy ? { acceptedByName: need.acceptedBy.orgName } : {}),
  };
}

/** What the notifications of a need say of it (messages/help.ts). */
export function factsOf(need: HelpRequestDoc): NeedFacts {
  return { id: need._id, what: need.what, requesterUserId: need.requesterUserId, startsAt: new Date(need.startsAt), place: need.place.name ?? need.place.address };
}
