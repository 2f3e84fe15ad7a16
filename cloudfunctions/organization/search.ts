// organization.search — verified organizations by region (GB/T 2260 prefix) and name keyword, at most 50.
import { rows } from '../_shared/db/paging';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { action } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { keywordPattern, regionPrefixOf } from './rules';
import { searchSchema } from './schemas';
import { organizationSummary } from './view';

export const SEARCH_LIMIT = 50;

export const search = action('organization', 'search', searchSchema, async (req, ctx) => {
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
