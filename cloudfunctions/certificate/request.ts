// certificate.request — a volunteer asks the organization that recorded their confirmed hours for a certificate, for
// all of them or a period, without contacting it ("whoever recorded it certifies it"). The records, the issuer and the
// volunteer's line are read first; then ONE transaction reads the request key: a live certificate there is the answer
// (a retry or a concurrent duplicate gets the same certificate, one number); otherwise the certificate is made —
// issued at once (issueInTransaction) or left for review with the issuer's admins told. Free: nothing here has a price.
import { randomBytes } from 'node:crypto';
import { formatDate, shanghaiDate } from '../../miniprogram/domain/calendar';
import type { CertificateScope } from '../../typings/certificate-vol';
import { signingKeyRingFromEnv } from '../_shared/credentials/signing';
import { activeAdminIds } from '../_shared/db/admins';
import { getOrNull, inTransaction, type Tx } from '../_shared/db/db';
import { registeredVolunteer } from '../_shared/db/people';
import { certificateKeyIdOf, type CertificateDoc, type CertificateKeyDoc } from '../_shared/documents/certificate';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { action, type ActionContext } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { CERTIFICATE_REQUEST_MESSAGES, failWith, ISSUER_UNAVAILABLE_MESSAGES, notRegistered } from '../_shared/messages/answers';
import { certificateRequested, certificateSettingsNeeded } from '../_shared/messages/certificate-notifications';
import { enqueue } from '../_shared/messages/outbox';
import { issueInTransaction } from './issue';
import { confirmedRecordsOf, resolveIssuer, volunteerLineOf } from './issuing';
import { certifiedRecords } from './snapshot';
import { certificateSummary, isLive } from './volunteer-view';
import { requestSchema } from './schemas';

/** Why a period cannot be asked for, or null: it must run forward and end by today (Asia/Shanghai). Pure. */
export function periodProblem(scope: CertificateScope, now: Date): 'periodOrder' | 'periodFuture' | null {
  if (scope.kind === 'all') return null;
  if (scope.from > scope.to) return 'periodOrder';
  return scope.to > formatDate(shanghaiDate(now)) ? 'periodFuture' : null;
}

export function newCertificateId(): string {
  return `ct_${randomBytes(12).toString('hex')}`;
}

/** The live certificate the key names, read inside the transaction (so two requests meet on the key document). */
export async function liveCertificateOfKey(t: Tx, keyId: string): Promise<CertificateDoc | null> {
  const key = await getOrNull<CertificateKeyDoc>(t, 'certificateKeys', keyId);
  const current = key?.current ? await getOrNull<CertificateDoc>(t, 'certificates', key.current) : null;
  return isLive(current) ? current : null;
}

/** An issuer without settings cannot issue: its admins are told once (one notification id per organization and admin). */
async function tellSettingsNeeded(ctx: ActionContext, issuer: OrganizationDoc) {
  const admins = await activeAdminIds(ctx.db, issuer._id);
  return inTransaction(ctx.db, async (t) => {
    for (const adminUserId of admins) await enqueue(t, certificateSettingsNeeded(issuer._id, issuer.name, adminUserId), ctx.now);
    return fail('CERTIFICATE_SETTINGS_MISSING', CERTIFICATE_REQUEST_MESSAGES.settingsMissing(issuer.name, admins.length > 0));
  });
}

export const request = action('certificate', 'request', requestSchema, async (req, ctx) => {
  const me = await registeredVolunteer(ctx);
  if (!me) return notRegistered();
  const problem = periodProblem(req.scope, ctx.now);
  if (problem) return fail('PERIOD_INVALID', CERTIFICATE_REQUEST_MESSAGES[problem], 'scope');
  const recordsOrg = await getOrNull<OrganizationDoc>(ctx.db, 'organizations', req.orgId);
  if (!recordsOrg) return failWith('NOT_FOUND', 'orgId');
  const records = certifiedRecords(await confirmedRecordsOf(ctx.db, me.volunteer._id), recordsOrg._id, req.scope);
  if (records.length === 0) return fail('NO_CONFIRMED_RECORDS', CERTIFICATE_REQUEST_MESSAGES.noConfirmedRecords);
  const resolved = await resolveIssuer(ctx.db, recordsOrg);
  if (!resolved.ok) return fail('ISSUER_UNAVAILABLE', ISSUER_UNAVAILABLE_MESSAGES[resolved.reason]);
  const { issuer, onBehalfOf } = resolved;
  const settings = issuer.certificateSettings;
  if (!settings) return tellSettingsNeeded(ctx, issuer);

  const reviewFirst = settings.issuePolicy === 'review';
  const admins = reviewFirst ? await activeAdminIds(ctx.db, issuer._id) : [];
  const volunteerLine = volunteerLineOf(me.volunteer, ctx.env);
  const ring = signingKeyRingFromEnv(ctx.env);
  const keyId = certificateKeyIdOf(me.volunteer._id, recordsOrg._id, req.scope);
  const certificateId = newCertificateId();
  const orgs = new Map([[recordsOrg._id, recordsOrg], [issuer._id, issuer]]);

  return inTransaction(ctx.db, async (t) => {
    const live = await liveCertificateOfKey(t, keyId);
    if (live) return ok({ certificate: certificateSummary(live, orgs) });
    const asked: CertificateDoc = {
      _id: certificateId,
      status: 'reviewing',
      keyId,
      volunteerId: me.volunteer._id,
      requestedBy: me.userId,
      issuerOrgId: issuer._id,
      recordsOrgId: recordsOrg._id,
      scope: req.scope,
      requestedAt: ctx.now,
      updatedAt: ctx.now,
    };
    let made = asked;
    if (reviewFirst) {
      const { _id, ...body } = asked;
      await t.collection('certificates').doc(_id).set({ data: body });
      for (const adminUserId of admins) await enqueue(t, certificateRequested(_id, issuer._id, adminUserId, me.volunteer.name, me.userId), ctx.now);
    } else {
      made = await issueInTransaction(t, { certificate: asked, issuer: { ...issuer, certificateSettings: settings }, onBehalfOf, volunteer: volunteerLine, volunteerUserId: me.userId, records, now: ctx.now, ring });
    }
    await t.collection('certificateKeys').doc(keyId).set({ data: { current: made._id, updatedAt: ctx.now } });
    return ok({ certificate: certificateSummary(made, orgs) });
  });
});
