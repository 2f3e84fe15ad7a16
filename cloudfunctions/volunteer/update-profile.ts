// volunteer.updateProfile — what may change without re-verification: phone (re-established by the same rules as at
// registration), residence region, skills, intentions, availability, and the extra fields while their consent is
// in force. Only the fields sent change.
import {
  validateAvailability,
  validateExtraFields,
  validateIntentions,
  validatePhoneInput,
  validateSkills,
} from '../../miniprogram/domain/registration';
import { validateRegionCode } from '../../miniprogram/domain/region';
import { getOrNull, inTransaction, Rollback } from '../_shared/db/db';
import { registeredVolunteer } from '../_shared/db/people';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { action, type Answer } from '../_shared/frame/action';
import { fail, ok, refusal } from '../_shared/frame/envelope';
import { notRegistered, REGION_INVALID_MESSAGES } from '../_shared/messages/answers';
import { keyRingFromEnv } from '../_shared/security/crypto';
import { consentInForce, establishPhone, withProfileChanges, type ProfileChanges } from './rules';
import { updateProfileSchema } from './schemas';
import { activeOrganizationsOf } from './store';
import { extraNeedsConsent, toMyProfile } from './view';

type UpdateAnswer = Answer<'volunteer', 'updateProfile'>;

export const updateProfile = action('volunteer', 'updateProfile', updateProfileSchema, async (req, ctx) => {
  const me = await registeredVolunteer(ctx);
  if (!me) return notRegistered();
  const ring = keyRingFromEnv(ctx.env);
  const changes: ProfileChanges = {};

  if (req.regionCode !== undefined || req.regionNames !== undefined) {
    if (req.regionCode === undefined || req.regionNames === undefined) {
      return fail('REGION_INVALID', REGION_INVALID_MESSAGES.reselect);
    }
    const region = validateRegionCode(req.regionCode);
    if (!region.ok) return fail('REGION_INVALID', region.message);
    changes.regionCode = region.value.code;
    changes.regionNames = req.regionNames.map((n) => n.replace(/\s+/g, ' ').trim()).filter((n) => n !== '');
  }
  if (req.skills !== undefined || req.skillTags !== undefined) {
    const skills = validateSkills(req.skills ?? me.volunteer.skills, req.skillTags ?? me.volunteer.skillTags);
    if (!skills.ok) return fail(skills.code, skills.message);
    if (req.skills !== undefined) changes.skills = skills.value.skills;
    if (req.skillTags !== undefined) changes.skillTags = skills.value.skillTags;
  }
  if (req.intentions !== undefined) {
    const intentions = validateIntentions(req.intentions);
    if (!intentions.ok) return fail(intentions.code, intentions.message);
    changes.intentions = intentions.value;
  }
  if (req.availability !== undefined) {
    const availability = validateAvailability(req.availability);
    if (!availability.ok) return fail(availability.code, availability.message);
    changes.availability = availability.value;
  }
  if (req.extra !== undefined) {
    const extra = validateExtraFields(req.extra, consentInForce(me.volunteer.consents, 'extraFields'));
    if (!extra.ok) {
      if (extra.code === 'CONSENT_REQUIRED') return extraNeedsConsent();
      // NAME_INVALID and PHONE_INVALID as registration answers them; the field says they are the emergency contact's.
      return refusal(extra);
    }
    changes.extra = extra.value ?? null; // an empty `extra` removes them
  }
  if (req.phone !== undefined) {
    const input = validatePhoneInput(req.phone);
    if (!input.ok) return refusal(input);
    const phone = establishPhone(input.value, ctx.caller.openid, ctx.now, ring);
    if (!phone.ok) return refusal(phone);
    changes.phone = phone.value;
  }

  const result = await inTransaction<{ doc: VolunteerDoc }, UpdateAnswer>(ctx.db, async (t) => {
    const current = await getOrNull<VolunteerDoc>(t, 'volunteers', me.volunteer._id);
    if (!current || current.status !== 'active' || current.userId !== me.userId) throw new Rollback(notRegistered());
    // The consent may have been withdrawn since the check above.
    if (changes.extra && !consentInForce(current.consents, 'extraFields')) throw new Rollback(extraNeedsConsent());
    const next = withProfileChanges(current, changes, ring, ctx.now);
    const { _id, ...data } = next;
    await t.collection('volunteers').doc(_id).set({ data });
    return { doc: next };
  });
  if (!('doc' in result)) return result;
  const organizations = await activeOrganizationsOf(ctx.db, me.userId);
  return ok(toMyProfile(result.doc, organizations, ring, ctx.now));
});
