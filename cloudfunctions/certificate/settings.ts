// certificate.settings / saveSettings / uploadSeal — what an organization prints on its certificates: 负责人, 经办人,
// contact, the seal (a text seal of its full name, drawn on the certificate, or an uploaded transparent PNG) and
// whether requests are issued at once or reviewed first. Only an organization that issues itself has settings: a
// 草根 team's certificates carry its unit's, a dissolved organization's its successor's (issuerOf).
// The seal image comes through the function: storage is private (ADMINONLY — a mini-program can neither upload nor
// read a file), it is stored under the organization's own folder and recorded in `certificateSeals`, and
// saveSettings accepts only an image recorded there for the same organization. A file whose record could not be
// written is deleted at once.
import { randomBytes } from 'node:crypto';
import type { CertificateSettings } from '../../typings/certificate';
import type { CertificateSettingsResponse, SealView } from '../../typings/certificate-org';
import { getOrNull, inTransaction, Rollback, type Database } from '../_shared/db/db';
import { deleteFiles } from '../_shared/db/personal-data';
import { userIdOf } from '../_shared/documents/ids';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { action, type ActionContext, type Answer } from '../_shared/frame/action';
import { fail, ok, refusal } from '../_shared/frame/envelope';
import { CERTIFICATE_ORG_MESSAGES, failWith } from '../_shared/messages/answers';
import { callerIsAdminOf, cannotIssue, issuedByOther, notIssuerAdmin, resolveIssuer } from './org-access';
import { orgCertificateSchema, saveSettingsSchema, uploadSealSchema } from './org-schemas';
import { decodeSealPng, sealIdOf, sealPathOf, type CertificateSealDoc } from './seal';
import { checkCertificateSettings } from './settings-rules';

export const SEALS = 'certificateSeals';
/** A link to show the seal on the form. */
const SEAL_LINK_SECONDS = 3600;

async function linkOf(ctx: ActionContext, fileId: string): Promise<string> {
  const links = (await ctx.cloud.getTempFileURL({ fileList: [{ fileID: fileId, maxAge: SEAL_LINK_SECONDS }] })) as { fileList: Array<{ tempFileURL?: string }> };
  return links.fileList[0]?.tempFileURL ?? '';
}

async function settingsAnswer(ctx: ActionContext, org: OrganizationDoc, settings: CertificateSettings | undefined): Promise<CertificateSettingsResponse> {
  const issuer = await resolveIssuer(ctx.db, org);
  const issuesItself = issuer.ok && issuer.issuer._id === org._id;
  let view: CertificateSettingsResponse['settings'] = null;
  if (issuesItself && settings) {
    const seal: SealView = settings.seal.kind === 'text' ? settings.seal : { kind: 'image', fileId: settings.seal.fileId, url: await linkOf(ctx, settings.seal.fileId) };
    view = { personInCharge: settings.personInCharge, handler: settings.handler, contact: settings.contact, seal, issuePolicy: settings.issuePolicy };
  }
  return {
    orgId: org._id,
    orgName: org.name,
    settings: view,
    suggested: { seal: { kind: 'text', text: org.name }, issuePolicy: 'immediate', personInCharge: org.personInCharge },
    issuesItself,
    ...(issuer.ok && !issuesItself ? { issuedBy: { orgId: issuer.issuer._id, name: issuer.issuer.name } } : {}),
  };
}

export const settings = action('certificate', 'settings', orgCertificateSchema, async (req, ctx) => {
  const org = await getOrNull<OrganizationDoc>(ctx.db, 'organizations', req.orgId);
  if (!org) return failWith('NOT_FOUND');
  if (!(await callerIsAdminOf(ctx, org._id))) return notIssuerAdmin();
  return ok(await settingsAnswer(ctx, org, org.certificateSettings));
});

/** The organization when the caller administers it and it issues its own certificates; otherwise the refusal. */
async function issuingOrganization(ctx: ActionContext, orgId: string) {
  const org = await getOrNull<OrganizationDoc>(ctx.db, 'organizations', orgId);
  if (!org) return { ok: false as const, answer: failWith('NOT_FOUND') };
  if (!(await callerIsAdminOf(ctx, org._id))) return { ok: false as const, answer: notIssuerAdmin() };
  const issuer = await resolveIssuer(ctx.db, org);
  if (!issuer.ok) return { ok: false as const, answer: cannotIssue(issuer.reason) };
  if (issuer.issuer._id !== org._id) return { ok: false as const, answer: issuedByOther(issuer.issuer) };
  return { ok: true as const, org };
}

async function sealUploadedFor(db: Database, orgId: string, fileId: string): Promise<boolean> {
  const sealId = sealIdOf(orgId, fileId);
  const seal = sealId ? await getOrNull<CertificateSealDoc>(db, SEALS, sealId) : null;
  return seal !== null && seal.orgId === orgId && seal.fileId === fileId;
}

type SaveAnswer = Answer<'certificate', 'saveSettings'>;

export const saveSettings = action('certificate', 'saveSettings', saveSettingsSchema, async (req, ctx) => {
  const found = await issuingOrganization(ctx, req.orgId);
  if (!found.ok) return found.answer;
  const checked = checkCertificateSettings(req, found.org.name);
  if (!checked.ok) return refusal(checked);
  if (checked.value.seal.kind === 'image' && !(await sealUploadedFor(ctx.db, req.orgId, checked.value.seal.fileId))) {
    return fail('SEAL_INVALID', CERTIFICATE_ORG_MESSAGES.sealNotUploaded, 'seal.fileId');
  }
  const stored = checked.value;
  const saved = await inTransaction<OrganizationDoc, SaveAnswer>(ctx.db, async (t) => {
    const org = await getOrNull<OrganizationDoc>(t, 'organizations', req.orgId);
    if (!org) throw new Rollback(failWith('NOT_FOUND'));
    // set: the whole settings object replaces the old one (an update would merge a text seal into an image seal).
    await t.collection('organizations').doc(org._id).update({ data: { certificateSettings: ctx.db.command.set(stored), updatedAt: ctx.now } });
    return org;
  });
  if ('ok' in saved) return saved;
  return ok(await settingsAnswer(ctx, saved, stored));
});

export const uploadSeal = action('certificate', 'uploadSeal', uploadSealSchema, async (req, ctx) => {
  const found = await issuingOrganization(ctx, req.orgId);
  if (!found.ok) return found.answer;
  const image = decodeSealPng(req.base64);
  if (!image.ok) return refusal(image);
  const sealId = randomBytes(10).toString('hex');
  const uploaded = await ctx.cloud.uploadFile({ cloudPath: sealPathOf(req.orgId, sealId), fileContent: image.value.bytes });
  const record: Omit<CertificateSealDoc, '_id'> = {
    orgId: req.orgId,
    fileId: uploaded.fileID,
    width: image.value.width,
    height: image.value.height,
    uploadedBy: userIdOf(ctx.caller.openid),
    createdAt: ctx.now,
  };
  try {
    await ctx.db.collection(SEALS).doc(sealId).set({ data: record });
  } catch (e) {
    await deleteFiles(ctx.cloud, [uploaded.fileID]);
    throw e;
  }
  return ok({ fileId: uploaded.fileID, url: await linkOf(ctx, uploaded.fileID) });
});
