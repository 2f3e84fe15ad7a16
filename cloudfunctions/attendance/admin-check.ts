// attendance.cardCheck / attendance.manualCheck — an admin of the project's organization checks a volunteer in or
// out: by scanning the card's rotating QR (for crowds, or a volunteer without location), or by hand with a reason.
// Either is recorded with the admin and the method (audit); no geofence, the admin vouches for presence.
import type { AdminCheckResponse, CheckIntent } from '../../typings/attendance';
import { getOrNull } from '../_shared/db/db';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { action, type ActionContext } from '../_shared/frame/action';
import { fail, ok, refusal } from '../_shared/frame/envelope';
import { ATTENDANCE_MESSAGES as M, failWith } from '../_shared/messages/answers';
import { maskName } from '../_shared/rules/mask';
import { cardKeyFrom, verifyCardCode } from '../_shared/security/card-code';
import { keyRingFromEnv } from '../_shared/security/crypto';
import { adminOf, forbidden } from './admin';
import { applyCheckIn, applyCheckOut } from './check';
import { cardCheckSchema, manualCheckSchema } from './schemas';
import { shiftContext, type CheckMark, type ShiftContext } from './store';

async function adminCheck(
  ctx: ActionContext,
  context: ShiftContext,
  volunteer: VolunteerDoc,
  intent: CheckIntent,
  mark: Omit<CheckMark, 'recordedAt' | 'at'>,
) {
  const request = { context, subject: { volunteer }, mark: { ...mark, at: ctx.now } };
  const checked = intent === 'checkIn' ? await applyCheckIn(ctx.db, ctx.now, request) : await applyCheckOut(ctx.db, ctx.now, request);
  if (!checked.ok) return refusal(checked);
  const answer: AdminCheckResponse = { session: checked.value, volunteerNo: volunteer.volunteerNo, nameMasked: maskName(volunteer.name) };
  return ok(answer);
}

export const cardCheck = action('attendance', 'cardCheck', cardCheckSchema, async (req, ctx) => {
  const context = await shiftContext(ctx.db, req.shiftId);
  if (!context) return failWith('SHIFT_NOT_FOUND');
  // The role first: someone who may not scan learns nothing about the code.
  const adminUserId = await adminOf(ctx, context.project.orgId);
  if (!adminUserId) return forbidden();
  const card = verifyCardCode(req.cardPayload, ctx.now, cardKeyFrom(keyRingFromEnv(ctx.env)));
  if (!card.ok) return refusal(card);
  const volunteer = await getOrNull<VolunteerDoc>(ctx.db, 'volunteers', card.value.volunteerId);
  if (!volunteer || volunteer.status !== 'active') return failWith('CARD_INVALID');
  return adminCheck(ctx, context, volunteer, req.intent, { method: 'card', by: adminUserId });
});

export const manualCheck = action('attendance', 'manualCheck', manualCheckSchema, async (req, ctx) => {
  const context = await shiftContext(ctx.db, req.shiftId);
  if (!context) return failWith('SHIFT_NOT_FOUND');
  const adminUserId = await adminOf(ctx, context.project.orgId);
  if (!adminUserId) return forbidden();
  const reason = req.reason.trim();
  if (!reason) return fail('REASON_REQUIRED', M.reasonRequired, 'reason');
  const volunteer = await getOrNull<VolunteerDoc>(ctx.db, 'volunteers', req.volunteerId);
  if (!volunteer || volunteer.status !== 'active') return fail('VOLUNTEER_NOT_FOUND', M.volunteerNotFound);
  return adminCheck(ctx, context, volunteer, req.intent, { method: 'manual', by: adminUserId, reason });
});
