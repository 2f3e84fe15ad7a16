// organization.search — verified organizations by region (GB/T 2260 prefix) and name keyword, at most 50.
import { z } from 'zod';
import type { SearchOrganizationsRequest, SearchOrganizationsResponse } from '../../typings/organization';
import { action } from '../_shared/action';
import { ok } from '../_shared/envelope';
import type { OrganizationDoc } from './org-doc';
import { rows } from './people';
import { keywordPattern, regionPrefixOf } from './search-terms';
import { organizationSummary } from './view';

export const SEARCH_LIMIT = 50;

const schema = z
  .object({
    regionCode: z.string().regex(/^\d{2}(\d{2}(\d{2})?)?$/).optional(),
    keyword: z.string().max(50).optional(),
  })
  .strict();

export const search = action<SearchOrganizationsRequest, SearchOrganizationsResponse>(schema, async (req, ctx) => {
  const where: Record<string, unknown> = { status: 'verified' };
  // Index status_regionPrefixes: status alone, or status and one prefix.
  if (req.regionCode) where.regionPrefixes = regionPrefixOf(req.regionCode);
  const pattern = keywordPattern(req.keyword);
  if (pattern) where.name = ctx.db.RegExp({ regexp: pattern, options: 'i' });
  const found = await rows<OrganizationDoc>(
    ctx.db.collection('organizations').where(where).orderBy('createdAt', 'desc').limit(SEARCH_LIMIT),
  );
  return ok({ organizations: found.map(organizationSummary) });
});
