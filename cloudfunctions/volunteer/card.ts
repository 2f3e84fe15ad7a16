// volunteer.card — the electronic volunteer card (志愿服务证): name, number, organizations, registration date, star
// level and hours, and a signed QR code that changes every minute (_shared/security/card-code.ts), rendered here so
// the mini-program ships no QR library.
import QRCode from 'qrcode';
import { registeredVolunteer } from '../_shared/db/people';
import { action, noPayload } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { notRegistered } from '../_shared/messages/answers';
import { cardKeyFrom, issueCardCode } from '../_shared/security/card-code';
import { keyRingFromEnv } from '../_shared/security/crypto';
import { activeOrganizationsOf } from './store';
import { cardView } from './view';

export const card = action('volunteer', 'card', noPayload, async (_req, ctx) => {
  const me = await registeredVolunteer(ctx);
  if (!me) return notRegistered();
  const organizations = await activeOrganizationsOf(ctx.db, me.userId);
  const code = issueCardCode(me.volunteer._id, ctx.now, cardKeyFrom(keyRingFromEnv(ctx.env)));
  const image = await QRCode.toDataURL(code.payload, { errorCorrectionLevel: 'M', margin: 1, width: 280 });
  return ok(cardView(me.volunteer, organizations, { ...code, image }, ctx.now, ctx.env));
});
