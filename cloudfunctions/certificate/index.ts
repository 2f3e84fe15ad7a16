// Cloud function `certificate`: service-record certificates (志愿服务记录证明, RULES §5) — issuing, the register, the
// PDF, the Verifiable Credential and verification. Contracts: typings/certificate-actions.ts.
import { defineFunction } from '../_shared/frame/action';
import { credential } from './credential-file';
import { detail } from './detail';
import { download } from './download';
import { publicKeys } from './public-keys';
import { bulkIssue, bulkProgress, continueBulkIssue } from './bulk';
import { certificateHttp } from './http';
import { issuable } from './issuable';
import { mine } from './mine';
import { register, revoke } from './register';
import { request } from './request';
import { review, reviewQueue } from './review';
import { saveSettings, settings, uploadSeal } from './settings';
import { verify } from './verify';

export const { main, actions } = defineFunction<'certificate'>(
  {
    publicKeys,
    // The volunteer's side, and bulk issue at the end of a project.
    issuable,
    request,
    mine,
    bulkIssue,
    continueBulkIssue,
    bulkProgress,
    // The organization's side: settings and seal, review, the register and revocation.
    settings,
    saveSettings,
    uploadSeal,
    reviewQueue,
    review,
    register,
    revoke,
    // Verification, open to anyone.
    verify,
    // The certificate's summary and its PDF, for the volunteer and the issuer's admins.
    detail,
    download,
    credential,
  },
  {},
  {},
  certificateHttp,
);
