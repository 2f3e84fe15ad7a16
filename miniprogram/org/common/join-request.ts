// 申请加入, asked from 我的组织 and from an organization's home page, and decided on the home page: one limit and
// the admin's confirmations. Refusals show the server's message (one code, one text: messages/answers.ts). Pure.
import type { ConfirmRequest } from '../../services/wechat';

export const MAX_JOIN_MESSAGE_LENGTH = 100;

/** 同意: the applicant becomes a member and is told so, so the admin confirms first. */
export function approveJoinConfirmation(applicantName: string): ConfirmRequest {
  return {
    title: '同意加入',
    content: `同意${applicantName}加入本组织？对方会收到通知，并成为组织成员。`,
    confirmText: '同意',
  };
}

/** 拒绝: final, and the applicant is told (with the reason, when one was written). */
export function declineJoinConfirmation(applicantName: string, reason: string): ConfirmRequest {
  return {
    title: '拒绝申请',
    content: reason ? `拒绝${applicantName}的加入申请？对方会收到通知和你填写的理由。` : `拒绝${applicantName}的加入申请？对方会收到通知。`,
    confirmText: '拒绝',
    destructive: true,
  };
}
