// help.setResponder / help.responder — how a verified organization takes part in dispatch (its admins only);
// help.setWilling / help.willing — a registered volunteer's willingness to be told of urgent needs nearby. One
// document each, keyed by the organization or the user: a repeat writes the same.
import type { ResponderView, WillingView } from '../../typings/help';
import { getOrNull, inTransaction } from '../_shared/db/db';
import { isOrgAdmin, registeredVolunteer } from '../_shared/db/people';
import { HELP_RESPONDERS, HELP_WILLING, type ResponderDoc, type WillingDoc } from '../_shared/documents/help';
import { userIdOf } from '../_shared/documents/ids';
import { action, noPayload } from '../_shared/frame/action';
import { notRegistered } from '../_shared/messages/answers';
import { fail, ok } from '../_shared/frame/envelope';
import { HELP_MESSAGES } from '../_shared/messages/help';
import { lngLatOf } from '../project/view';
import { forbidden } from './answers';
import { isCategory } from './rules';
import { setResponderSchema, setWillingSchema, orgIdSchema } from './schemas';
import { orgOf, responderOf } from './store';

function responderView(orgId: string, doc: ResponderDoc | null): ResponderView {
  return doc
    ? { orgId, active: doc.active, categories: doc.categories, base: lngLatOf(doc.base), openNeeds: doc.openNeeds }
    : { orgId, active: false, categories: [], openNeeds: 0 };
}

export const setResponder = action('help', 'setResponder', setResponderSchema, async (req, ctx) => {
  if (!(await isOrgAdmin(ctx.db, req.orgId, userIdOf(ctx.caller.openid)))) return forbidden();
  const org = await orgOf(ctx.db, req.orgId);
  if (org?.status !== 'verified') return fail('NOT_VERIFIED', HELP_MESSAGES.responderNotVerified);
  const bad = req.categories.findIndex((c) => !isCategory(c));
  if (bad >= 0) return fail('HELP_INVALID', HELP_MESSAGES.category, `categories.${bad}`);
  if (req.active && req.categories.length === 0) return fail('HELP_INVALID', HELP_MESSAGES.category, 'categories');
  const categories = [...new Set(req.categories)];
  return inTransaction(ctx.db, async (t) => {
    const before = await responderOf(t, req.orgId);
    const doc: Omit<ResponderDoc, '_id'> = {
      active: req.active,
      categories,
      base: { type: 'Point', coordinates: [req.base.longitude, req.base.latitude] },
      openNeeds: before?.openNeeds ?? 0,
      updatedAt: ctx.now,
    };
    await t.collection(HELP_RESPONDERS).doc(req.orgId).set({ data: doc });
    return ok(responderView(req.orgId, { _id: req.orgId, ...doc }));
  });
});

export const responder = action('help', 'responder', orgIdSchema, async (req, ctx) => {
  if (!(await isOrgAdmin(ctx.db, req.orgId, userIdOf(ctx.caller.openid)))) return forbidden();
  return ok(responderView(req.orgId, await responderOf(ctx.db, req.orgId)));
});

function willingView(doc: WillingDoc | null): WillingView {
  return doc ? { willing: true, near: lngLatOf(doc.near), radiusKm: doc.radiusKm } : { willing: false };
}

export const setWilling = action('help', 'setWilling', setWillingSchema, async (req, ctx) => {
  const person = await registeredVolunteer(ctx);
  if (!person) return notRegistered();
  if (req.willing && (!req.near || req.radiusKm === undefined)) return fail('HELP_INVALID', HELP_MESSAGES.willingNeedsPlace, req.near ? 'radiusKm' : 'near');
  return inTransaction(ctx.db, async (t) => {
    const before = await getOrNull<WillingDoc>(t, HELP_WILLING, person.userId);
    if (!req.willing || !req.near || req.radiusKm === undefined) {
      if (before) await t.collection(HELP_WILLING).doc(person.userId).remove();
      return ok(willingView(null));
    }
    const doc: Omit<WillingDoc, '_id'> = { near: { type: 'Point', coordinates: [req.near.longitude, req.near.latitude] }, radiusKm: req.radiusKm, updatedAt: ctx.now };
    await t.collection(HELP_WILLING).doc(person.userId).set({ data: doc });
    return ok(willingView({ _id: person.userId, ...doc }));
  });
});

export const willing = action('help', 'willing', noPayload, async (_req, ctx) => {
  return ok(willingView(await getOrNull<WillingDoc>(ctx.db, HELP_WILLING, userIdOf(ctx.caller.openid))));
});
