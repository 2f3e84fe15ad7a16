// Cloud function `certificate`: service-record certificates (志愿服务记录证明, RULES §5) — issuing, the register, the
// PDF, the Verifiable Credential and verification. Contracts: typings/certificate-actions.ts.
import { defineFunction } from '../_shared/frame/action';
import { detail } from './detail';
import { download } from './download';
import { publicKeys } from './public-keys';

export const { main, actions } = defineFunction<'certificate'>({
  publicKeys,
  download,
  detail,
});
