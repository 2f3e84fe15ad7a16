// Cloud function `certificate`: service-record certificates (志愿服务记录证明, RULES §5) — issuing, the register, the
// PDF, the Verifiable Credential and verification. Contracts: typings/certificate-actions.ts.
import { defineFunction } from '../_shared/frame/action';
import { bulkIssue, bulkProgress, continueBulkIssue } from './bulk';
import { issuable } from './issuable';
import { mine } from './mine';
import { publicKeys } from './public-keys';
import { request } from './request';

export const { main, actions } = defineFunction<'certificate'>({
  publicKeys,
  issuable,
  request,
  mine,
  bulkIssue,
  continueBulkIssue,
  bulkProgress,
});
