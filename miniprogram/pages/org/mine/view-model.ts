// 我的组织: the organizations I belong to (or asked to join), and a search to join another. Pure.
import type { MyOrganizationsResponse, RequestJoinError } from '../../../../typings/organization';
import { MEMBERSHIP_LABELS, ROLE_LABELS, regionPrefix, toOrgCard, type OrgCard } from '../labels';

export interface MyOrgItem extends OrgCard {
  relationText: string;
}

export function toMyOrgs(res: MyOrganizationsResponse): MyOrgItem[] {
  return res.organizations.map((o) => ({
    ...toOrgCard(o),
    relationText: o.membership === 'active' && o.role ? ROLE_LABELS[o.role] : MEMBERSHIP_LABELS[o.membership],
  }));
}

/** A search needs a region or a keyword of at least one character. */
export function searchRequest(regionCode: string, keyword: string): { regionCode?: string; keyword?: string } | undefined {
  const prefix = regionPrefix(regionCode);
  const k = keyword.trim();
  if (prefix === '' && k === '') return undefined;
  return { ...(prefix ? { regionCode: prefix } : {}), ...(k ? { keyword: k } : {}) };
}

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
