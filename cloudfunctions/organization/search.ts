// organization.search — verified organizations by region (GB/T 2260 prefix) and name keyword, newest first, at most
// 50. Each shape reads one index in createdAt order and stops at 50 (database/collections.json): status alone
// (status_createdAt_id), status and region (status_regionPrefixes_createdAt), a keyword with or without a region
// (status_searchKeys_createdAt, see search-keys.ts).
import { rows } from '../_shared/db/paging';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { action } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { keywordPattern, regionPrefixOf } from './rules';
import { searchSchema } from './schemas';
import { searchKeyFor } from './search-keys';
import { organizationSummary } from './view';

export const SEARCH_LIMIT = 50;

export const search = action('organization', 'search', searchSchema, async (req, ctx) => {
  const region = req.regionCode ? regionPrefixOf(req.regionCode) : undefined;
  const wanted = searchKeyFor(req.keyword, region);
  const where: Record<string, unknown> = { status: 'verified' };
  if (wanted) {
    where.searchKeys = wanted.key;
    // A keyword longer than a stored piece: the piece found the candidates, the name decides.
    if (wanted.checkName) where.name = ctx.db.RegExp({ regexp: keywordPattern(req.keyword)!, options: 'i' });
  } else if (region) {
    where.regionPrefixes = region;
  }
  const found = await rows<OrganizationDoc>(
    ctx.db.collection('organizations').where(where).orderBy('createdAt', 'desc').limit(SEARCH_LIMIT),
  );
  return ok({ organizations: found.map(organizationSummary) });
});
