// volunteer.card — the electronic volunteer card (志愿服务证): name, number, organizations, registration date, star
// level and hours, and a signed QR code that changes every minute (_shared/card-code.ts), rendered here so the
// mini-program ships no QR library.
import QRCode from 'qrcode';
import type { CardResponse } from '../../typings/volunteer';
import { action, noPayload } from '../_shared/action';
import { cardKeyFrom, issueCardCode } from '../_shared/card-code';
import { keyRingFromEnv } from '../_shared/crypto';
import { ok } from '../_shared/envelope';
import { shanghaiDay } from './profile-view';
import { activeOrganizationsOf, loadRegistered, notRegistered } from './store';

export const card = action<Record<string, never>, CardResponse>(noPayload, async (_req, ctx) => {
  const me = await loadRegistered(ctx);
  if (!me) return notRegistered();
  const organizations = await activeOrganizationsOf(ctx.db, me.userId);
  const code = issueCardCode(me.volunteer._id, ctx.now, cardKeyFrom(keyRingFromEnv(ctx.env)));
  const image = await QRCode.toDataURL(code.payload, { errorCorrectionLevel: 'M', margin: 1, width: 280 });
  return ok({
    name: me.volunteer.name,
    volunteerNo: me.volunteer.volunteerNo,
    organizations: organizations.map((o) => o.name),
    registeredOn: shanghaiDay(me.volunteer.registeredAt),
    // Service records and star levels arrive with a later issue; until then nobody has confirmed hours.
    starLevel: null,
    confirmedHours: 0,
    qr: {
      payload: code.payload,
      image,
      validUntil: code.validUntil.toISOString(),
      refreshAfterSeconds: Math.max(1, Math.ceil((code.validUntil.getTime() - ctx.now.getTime()) / 1000)),
    },
  });
});
