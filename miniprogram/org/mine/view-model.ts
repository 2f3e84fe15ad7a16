// 我的组织: the organizations I belong to (or asked to join), and a search to join another. Pure.
import type { MyOrganizationsResponse } from '../../../typings/organization';
import { MEMBERSHIP_LABELS, ROLE_LABELS, regionPrefix, toOrgCard, type OrgCard } from '../../common/org-labels';

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
