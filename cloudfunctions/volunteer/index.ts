// Cloud function `volunteer`: real-name registration, the volunteer card, and "my data" (view, change, export,
// withdraw a consent, delete the account), and 申诉找回: claims to a record, reviewed by platform admins. Contracts: typings/volunteer.ts. Rules: RULES.md §1, §8.
// Timer trigger: removeExpiredExports (config.json), deleting export files whose links have expired.
import { defineFunction } from '../_shared/frame/action';
import { addClaimEvidence } from './add-claim-evidence';
import { card } from './card';
import { cardProof } from './card-proof';
import { changeIdentity } from './change-identity';
import { claimDetail } from './claim-detail';
import { claimQueue } from './claim-queue';
import { decideClaim } from './decide-claim';
import { deleteAccount } from './delete-account';
import { exportMine } from './export-mine';
import { giveConsent } from './give-consent';
import { fileClaim } from './file-claim';
import { myClaims } from './my-claims';
import { profile } from './profile';
import { register } from './register';
import { registrationRules } from './registration-rules';
import { removeExpiredExports } from './remove-expired-exports';
import { scanCard } from './scan-card';
import { updateProfile } from './update-profile';
import { verifyCard } from './verify-card';
import { verifyPhone } from './verify-phone';
import { withdrawConsent } from './withdraw-consent';

export const { main, actions } = defineFunction<'volunteer'>(
  {
    registrationRules,
    verifyPhone,
    register,
    profile,
    updateProfile,
    changeIdentity,
    card,
    scanCard,
    // The card as an image (issue 10).
    cardProof,
    verifyCard,
    exportMine,
    giveConsent,
    withdrawConsent,
    deleteAccount,
    fileClaim,
    addClaimEvidence,
    myClaims,
    claimQueue,
    claimDetail,
    decideClaim,
  },
  { removeExpiredExports },
);
