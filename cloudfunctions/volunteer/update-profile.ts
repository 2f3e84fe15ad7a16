// volunteer.updateProfile — what may change without re-verification: phone (re-established by the same rules as at
// registration), residence region, skills, intentions, availability, and the extra fields while their consent is
// in force. Only the fields sent change.
import type { MyProfile, UpdateProfileRequest } from '../../typings/volunteer';
import type { Envelope } from '../../typings/envelope';
import {
  validateAvailability,
  validateExtraFields,
  validateIntentions,
  validatePhoneInput,
  validateSkills,
} from '../../miniprogram/domain/registration';
import { validateRegionCode } from '../../miniprogram/domain/region';
import { action } from '../_shared/action';
import { keyRingFromEnv } from '../_shared/crypto';
import { getOrNull, inTransaction, Rollback } from '../_shared/db';
import { fail, ok } from '../_shared/envelope';
import type { VolunteerDoc } from '../_shared/volunteer-doc';
import { toMyProfile } from './profile-view';
import { updateProfileSchema } from './schemas';
import { activeOrganizationsOf, establishPhone, loadRegistered, notRegistered } from './store';
import { consentInForce, withProfileChanges, type ProfileChanges } from './volunteer-record';

type Answer = Envelope<MyProfile, string>;

const extraNeedsConsent = () =>
  fail('CONSENT_REQUIRED' as const, '紧急联系人和个人介绍需要你同意收集额外信息；你已撤回或未同意，无法保存这些信息', 'extra');

export const updateProfile = action<UpdateProfileRequest, MyProfile>(updateProfileSchema, async (req, ctx) => {
  const me = await loadRegistered(ctx);
  if (!me) return notRegistered();
  const ring = keyRingFromEnv(ctx.env);
  const changes: ProfileChanges = {};

  if (req.regionCode !== undefined || req.regionNames !== undefined) {
    if (req.regionCode === undefined || req.regionNames === undefined) {
      return fail('REGION_INVALID', '修改居住地区时请重新选择省、市、区');
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
      // An emergency contact's name: not the volunteer's NAME_INVALID, so the common code with the specific message.
      return fail(extra.code === 'NAME_INVALID' ? 'BAD_REQUEST' : extra.code, extra.message, extra.field);
    }
    changes.extra = extra.value ?? null; // an empty `extra` removes them
  }
  // The phone last: a WeChat code is spent only when everything else is acceptable.
  if (req.phone !== undefined) {
    const input = validatePhoneInput(req.phone);
    if (!input.ok) return fail(input.code, input.message);
    const phone = await establishPhone(ctx, input.value);
    if (!phone.ok) return fail(phone.code, phone.message);
    changes.phone = phone.value;
  }

  const result = await inTransaction<{ doc: VolunteerDoc }, Answer>(ctx.db, async (t) => {
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
