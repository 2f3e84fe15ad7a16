// What an organization may print on its certificates (RULES §5: issuer, 负责人, 经办人, contact, seal). The schema
// bounds lengths; these rules read the content, and each refusal names its field. Pure.
import type { CertificateSettings } from '../../typings/certificate';
import type { SaveCertificateSettingsRequest } from '../../typings/certificate-org';
import { err, ok, type Result } from '../../miniprogram/domain/result';
import { toHalfWidth } from '../../miniprogram/domain/text';
import { CERTIFICATE_ORG_MESSAGES } from '../_shared/messages/answers';
import { FIELD_LABELS } from '../_shared/messages/field-labels';

export const PERSON_NAME_MAX = 20;
export const CONTACT_MAX = 60;

// A person's name as an ID card prints it: Han characters (any plane, for rare name characters), or Latin letters,
// with the middle dot of transliterated names and inner spaces.
const PERSON_NAME = /^[\p{Script=Han}A-Za-z](?:[\p{Script=Han}A-Za-z·• ]*[\p{Script=Han}A-Za-z])?$/u;
// 11-digit mobile (1[3-9]…) or a landline with its area code (0xx / 0xxx), separators allowed.
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
const LANDLINE = /(?<!\d)0\d{2,3}[- ]?\d{7,8}(?!\d)/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

type SettingsError = 'CERTIFICATE_FIELD_INVALID' | 'SEAL_INVALID';

const label = (field: keyof SaveCertificateSettingsRequest) => FIELD_LABELS.certificate[field] ?? field;

function personName(value: string, field: 'personInCharge' | 'handler'): Result<string, SettingsError> {
  const name = toHalfWidth(value).trim();
  if (CONTROL.test(name)) return err('CERTIFICATE_FIELD_INVALID', CERTIFICATE_ORG_MESSAGES.controlCharacters(label(field)), field);
  const length = Array.from(name).length;
  if (length < 2 || length > PERSON_NAME_MAX || !PERSON_NAME.test(name)) return err('CERTIFICATE_FIELD_INVALID', CERTIFICATE_ORG_MESSAGES.personName(label(field)), field);
  return ok(name);
}

/**
 * The settings as stored, or the first field at fault. A text seal is the organization's own full name (a seal
 * bearing any other name would let one organization print another's); whether an image seal was uploaded for this
 * organization is the caller's check (it reads certificateSeals).
 */
export function checkCertificateSettings(req: SaveCertificateSettingsRequest, orgName: string): Result<CertificateSettings, SettingsError> {
  const personInCharge = personName(req.personInCharge, 'personInCharge');
  if (!personInCharge.ok) return personInCharge;
  const handler = personName(req.handler, 'handler');
  if (!handler.ok) return handler;
  const contact = toHalfWidth(req.contact).trim();
  if (CONTROL.test(contact)) return err('CERTIFICATE_FIELD_INVALID', CERTIFICATE_ORG_MESSAGES.controlCharacters(label('contact')), 'contact');
  if (!MOBILE.test(contact) && !LANDLINE.test(contact)) return err('CERTIFICATE_FIELD_INVALID', CERTIFICATE_ORG_MESSAGES.contactPhone, 'contact');
  if (req.seal.kind === 'text' && req.seal.text.trim() !== orgName) return err('SEAL_INVALID', CERTIFICATE_ORG_MESSAGES.sealText(orgName), 'seal.text');
  const seal = req.seal.kind === 'text' ? { kind: 'text' as const, text: orgName } : { kind: 'image' as const, fileId: req.seal.fileId };
  return ok({ personInCharge: personInCharge.value, handler: handler.value, contact, seal, issuePolicy: req.issuePolicy });
}
