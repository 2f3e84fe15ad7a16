// volunteer.cardProof — what the card image shows (name, number, organizations, stars and hours as on the card) and
// its static verification code (_shared/security/card-proof.ts) with the mini-program code that opens the
// verify-card page. No rotating check-in code: the image is meant to be shared, a check-in code is not.
import { routes } from '../../miniprogram/domain/routes';
import { spacedCardProof } from '../../miniprogram/domain/card-proof';
import { registeredVolunteer } from '../_shared/db/people';
import { action, noPayload, type ActionContext } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { logFailure } from '../_shared/frame/failure-log';
import { hoursSummary } from '../_shared/hours/summary';
import { failWith, notRegistered } from '../_shared/messages/answers';
import { cardProofKeyFrom, issueCardProof } from '../_shared/security/card-proof';
import { keyRingFromEnv } from '../_shared/security/crypto';
import { activeOrganizationsOf } from './store';
import { shanghaiDay } from './view';
import { failureOf, miniProgramCode } from '../_shared/wechat/cloud-openapi';

export const cardProof = action('volunteer', 'cardProof', noPayload, async (_req, ctx) => {
  const me = await registeredVolunteer(ctx);
  if (!me) return notRegistered();
  const code = issueCardProof(me.volunteer, cardProofKeyFrom(keyRingFromEnv(ctx.env)));
  const [organizations, image] = await Promise.all([activeOrganizationsOf(ctx.db, me.userId), miniProgramCodeOf(ctx, code)]);
  if (!image) return failWith('WECHAT_FAILED');
  return ok({
    name: me.volunteer.name,
    volunteerNo: me.volunteer.volunteerNo,
    organizations: organizations.map((o) => o.name),
    registeredOn: shanghaiDay(me.volunteer.registeredAt),
    ...hoursSummary(me.volunteer, ctx.env),
    proof: { code, spaced: spacedCardProof(code), miniProgramCode: image },
  });
});

/** The mini-program code of the verify-card page with the proof as its scene, as a data URL; undefined when WeChat fails. */
async function miniProgramCodeOf(ctx: ActionContext, scene: string): Promise<string | undefined> {
  const image = await miniProgramCode(ctx.cloud, {
    scene,
    // getUnlimited wants the page without a leading slash and without a query (the proof travels as `scene`).
    page: routes.verifyCard.slice(1),
    checkPath: true,
    envVersion: 'release',
    width: 280,
  });
  if (!image.ok) {
    logFailure('cardProof.getUnlimited', failureOf(image));
    return undefined;
  }
  // WeChat answers its own image type: never assume one.
  return `data:${image.value.mime};base64,${image.value.bytes.toString('base64')}`;
}
