// Who acts for an issuer: an active admin of the issuing organization, checked from the caller's own membership on
// every call. Which organization issues for a records organization is issuerOf's rule; this reads the documents it
// needs (the attached unit, the successors) and answers refusals in Chinese.
import type { CertificateSnapshot } from '../../typings/certificate';
import { getOrNull, type Database, type Tx } from '../_shared/db/db';
import { isOrgAdmin } from '../_shared/db/people';
import { userIdOf } from '../_shared/documents/ids';
import type { OrganizationDoc } from '../_shared/documents/organization';
import type { ActionContext } from '../_shared/frame/action';
import { fail } from '../_shared/frame/envelope';
import { CERTIFICATE_ORG_MESSAGES } from '../_shared/messages/answers';
import { issuerOf, type IssuerOf } from './issuer';

/** The most organizations issuerOf may follow: the records organization, its unit or five successors. */
const MAX_LOOKUPS = 6;

/** issuerOf over the database: the organizations it may ask about are read first (parent, successor chain). */
export async function resolveIssuer(db: Database | Tx, recordsOrg: OrganizationDoc): Promise<IssuerOf> {
  const known = new Map<string, OrganizationDoc>([[recordsOrg._id, recordsOrg]]);
  let next = recordsOrg.status === 'dissolved' ? recordsOrg.successorId : recordsOrg.kind === 'grassroots' ? recordsOrg.parentId : undefined;
  while (next && !known.has(next) && known.size < MAX_LOOKUPS) {
    const org = await getOrNull<OrganizationDoc>(db, 'organizations', next);
    if (!org) break;
    known.set(org._id, org);
    next = org.status === 'dissolved' ? org.successorId : undefined;
  }
  return issuerOf(recordsOrg, (orgId) => known.get(orgId));
}

export const notIssuerAdmin = () => fail('FORBIDDEN', CERTIFICATE_ORG_MESSAGES.manage);

export function cannotIssue(reason: Extract<IssuerOf, { ok: false }>['reason']) {
  const message =
    reason === 'grassroots_without_unit'
      ? CERTIFICATE_ORG_MESSAGES.grassrootsWithoutUnit
      : reason === 'dissolved_without_successor'
        ? CERTIFICATE_ORG_MESSAGES.dissolvedWithoutSuccessor
        : CERTIFICATE_ORG_MESSAGES.notVerified;
  return fail('CANNOT_ISSUE', message);
}

export const issuedByOther = (issuer: Pick<OrganizationDoc, 'name'>) => fail('CANNOT_ISSUE', CERTIFICATE_ORG_MESSAGES.issuedByOther(issuer.name));

export function callerIsAdminOf(ctx: ActionContext, orgId: string): Promise<boolean> {
  return isOrgAdmin(ctx.db, orgId, userIdOf(ctx.caller.openid));
}

export type OnBehalfOf = NonNullable<CertificateSnapshot['issuer']['onBehalfOf']>;
