// volunteer.fileClaim — 申诉找回, step 1: the claimant gives the name and credential as on record, their own phone,
// a statement and agreement to the privacy terms; photos follow one per call (addClaimEvidence). Name and number
// must match an active record, and a mismatch answers one message whatever differs — nothing beyond what
// registration already reveals (whether a number is registered) and never which part is wrong. When real-identity
// verification is on, name and number must also pass it. The per-credential limit and "one open claim per claimant"
// are decided by the credential's claimCredentials document in the filing transaction; the per-caller limit is the
// frame's (security/rate-limit.ts).
import { randomBytes } from 'node:crypto';
import { validateCredential, validateName } from '../../miniprogram/domain/credential';
import { shanghaiDate } from '../../miniprogram/domain/calendar';
import { validatePhoneInput } from '../../miniprogram/domain/registration';
import { getOrNull, inTransaction, Rollback } from '../_shared/db/db';
import { CLAIM_CIPHER_PURPOSE, type ClaimCredentialDoc, type ClaimDoc, type ClaimEventDoc } from '../_shared/documents/claim';
import { userIdOf } from '../_shared/documents/ids';
import type { UserDoc } from '../_shared/documents/user';
import { callerAccountIn } from '../_shared/db/people';
import { credentialHashOf, formerCredentialHashesOf, phoneHashOf } from '../_shared/documents/volunteer';
import { action, type Answer } from '../_shared/frame/action';
import { fail, ok, refusal } from '../_shared/frame/envelope';
import { failWith } from '../_shared/messages/answers';
import { encryptField, keyRingFromEnv } from '../_shared/security/crypto';
import { identityRefusal, identityVerifierFromEnv } from '../_shared/security/identity-verification';
import { checkPrivacyVersion, filingAllowed, myClaimView, validateStatement } from './claim-rules';
import { recordOf } from './claim-store';
import { establishPhone, sealPhone } from './rules';
import { fileClaimSchema } from './schemas';

type FileClaimAnswer = Answer<'volunteer', 'fileClaim'>;

export const fileClaim = action('volunteer', 'fileClaim', fileClaimSchema, async (req, ctx) => {
  const name = validateName(req.name);
  if (!name.ok) return fail('NAME_INVALID', name.message, 'name');
  const credential = validateCredential(req.credential, shanghaiDate(ctx.now));
  if (!credential.ok) return fail('CREDENTIAL_INVALID', credential.message, 'credential.number');
  const phoneInput = validatePhoneInput(req.phone);
  if (!phoneInput.ok) return refusal(phoneInput);
  const statement = validateStatement(req.statement);
  if (!statement.ok) return refusal(statement);
  const privacy = checkPrivacyVersion(req.privacyVersion);
  if (!privacy.ok) return refusal(privacy);
  const ring = keyRingFromEnv(ctx.env);
  const phone = establishPhone(phoneInput.value, ctx.caller.openid, ctx.now, ring);
  if (!phone.ok) return refusal(phone);

  const { type, number } = credential.value;
  const verifier = identityVerifierFromEnv(ctx.env);
  const unverified = await identityRefusal(verifier, { name: name.value, credential: { type, number } });
  if (unverified) return failWith(unverified);

  const credentialKeys = [credentialHashOf(type, number, ring), ...formerCredentialHashesOf(type, number, ring)];
  const record = await recordOf(ctx.db, credentialKeys);
  // No record, or another name on it: the same answer either way.
  if (!record || record.volunteer.name !== name.value) return failWith('CLAIM_MISMATCH');

  const claimantUserId = userIdOf(ctx.caller.openid);
  const claimant = await getOrNull<UserDoc>(ctx.db, 'users', claimantUserId);
  if (claimant?.volunteerId === record.volunteer._id) return failWith('CLAIM_NOT_NEEDED');
  if (claimant?.volunteerId) return failWith('CLAIMANT_HAS_RECORD');

  const claimId = `cl_${randomBytes(12).toString('hex')}`;
  const claim: ClaimDoc = {
    _id: claimId,
    claimantUserId,
    credentialHash: record.credentialHash,
    credentialType: record.volunteer.credential.type,
    volunteerId: record.volunteer._id,
    holderUserId: record.volunteer.userId,
    regionCode: record.volunteer.regionCode,
    status: 'awaitingEvidence',
    statement: encryptField(statement.value, ring, CLAIM_CIPHER_PURPOSE.statement),
    phone: sealPhone(phone.value, ring),
    phoneHash: phoneHashOf(phone.value.number, ring),
    privacyVersion: privacy.value,
    identityCheck: verifier?.covers(type) ? 'verified' : 'off',
    evidence: [],
    filedAt: ctx.now,
    updatedAt: ctx.now,
  };

  return inTransaction<FileClaimAnswer, FileClaimAnswer>(ctx.db, async (t) => {
    const limits = await getOrNull<ClaimCredentialDoc>(t, 'claimCredentials', record.credentialHash);
    const allowed = filingAllowed(limits?.filings ?? [], claimantUserId, ctx.now);
    if (!allowed.ok) throw new Rollback(refusal(allowed));
    const { _id, ...data } = claim;
    await t.collection('claims').doc(_id).set({ data });
    const filings: Omit<ClaimCredentialDoc, '_id'> = {
      filings: [...allowed.value, { claimId, claimantUserId, filedAt: ctx.now, open: true }],
      updatedAt: ctx.now,
    };
    await t.collection('claimCredentials').doc(record.credentialHash).set({ data: filings });
    const filed: Omit<ClaimEventDoc, '_id'> = {
      claimId,
      step: 'filed',
      at: ctx.now,
      actorUserId: claimantUserId,
      regionCode: claim.regionCode,
      volunteerNo: record.volunteer.volunteerNo,
      note: claim.identityCheck === 'verified' ? 'identity verified' : 'identity verification off',
    };
    await t.collection('claimEvents').doc(`${claimId}.filed`).set({ data: filed });
    // A new WeChat account (the lost-account case) may never have called user.session: its users document is made
    // now, as the session would make it, so approval links the record to a known OPENID.
    await callerAccountIn(t, ctx);
    return ok({ claim: myClaimView(claim) });
  });
});
