// 申请加入, asked from 我的组织 and from an organization's home page: one limit, one set of answers. Pure.
import type { RequestJoinError } from '../../../typings/organization';

export const MAX_JOIN_MESSAGE_LENGTH = 100;

const JOIN_ERRORS: Partial<Record<RequestJoinError, string>> = {
  NOT_REGISTERED: '请先完成志愿者实名注册',
  NOT_FOUND: '没有找到这个组织',
  NOT_VERIFIED: '该组织尚未通过审核，暂不能申请加入',
  ALREADY_MEMBER: '你已经是该组织的成员',
  ALREADY_REQUESTED: '你已经申请过，请等待管理员审核',
};

export function joinErrorMessage(code: string, message: string): string {
  return JOIN_ERRORS[code as RequestJoinError] ?? message;
}
