// organization.designateSuccessor — a platform admin names who issues certificates for a dissolved or merged
// organization's records (RULES §5, 意见149: its successor or superior issues). A platform admin, not the last admin
// at dissolution: naming a successor puts a duty on another organization, which an admin of the one ending cannot
// bind, and the platform admin is who already verifies organizations (PLATFORM_ADMIN_OPENIDS, like review) and sees
// the registration authority's decision on a merger or dissolution. The successor must itself be able to issue: a
// verified organization with legal status, not the organization itself, and not one whose own successors lead back.
// The successor's admins then see and decide its requests (certificate/issuer.ts issuerOf).
import { err, ok as okResult, type Result } from '../../miniprogram/domain/result';
import { getOrNull, inTransaction, Rollback } from '../_shared/db/db';
import { isPlatformAdmin } from '../_shared/db/people';
import { userIdOf } from '../_shared/documents/ids';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { action, type Answer } from '../_shared/frame/action';
import { fail, ok, refusal } from '../_shared/frame/envelope';
import { CERTIFICATE_ORG_MESSAGES, failWith } from '../_shared/messages/answers';
import { designateSuccessorSchema } from './schemas';

/** Successor hops followed to find a loop; issuerOf follows at most five. */
const MAX_HOPS = 5;

/** Whether `successor` may succeed `org`; `lookup` answers the successor's own successors. Pure. */
export function checkSuccessor(
  org: OrganizationDoc,
  successor: OrganizationDoc,
  lookup: (orgId: string) => OrganizationDoc | undefined,
): Result<OrganizationDoc, 'NOT_DISSOLVED' | 'SUCCESSOR_INVALID'> {
  if (org.status !== 'dissolved') return err('NOT_DISSOLVED', CERTIFICATE_ORG_MESSAGES.notDissolved);
  if (successor._id === org._id) return err('SUCCESSOR_INVALID', CERTIFICATE_ORG_MESSAGES.successorSelf, 'successorId');
  if (successor.status !== 'verified' || successor.kind === 'grassroots') return err('SUCCESSOR_INVALID', CERTIFICATE_ORG_MESSAGES.successorNotIssuer, 'successorId');
  let next = successor.successorId;
  for (let hop = 0; next && hop < MAX_HOPS; hop++) {
    if (next === org._id) return err('SUCCESSOR_INVALID', CERTIFICATE_ORG_MESSAGES.successorLoop, 'successorId');
    next = lookup(next)?.successorId;
  }
  return okResult(successor);
}

type DesignateAnswer = Answer<'organization', 'designateSuccessor'>;

export const designateSuccessor = action('organization', 'designateSuccessor', designateSuccessorSchema, async (req, ctx) => {
  if (!isPlatformAdmin(ctx)) return fail('FORBIDDEN', CERTIFICATE_ORG_MESSAGES.designateSuccessor);
  const by = userIdOf(ctx.caller.openid);
  return inTransaction<DesignateAnswer, DesignateAnswer>(ctx.db, async (t) => {
    const org = await getOrNull<OrganizationDoc>(t, 'organizations', req.orgId);
    if (!org) throw new Rollback(failWith('NOT_FOUND'));
    const successor = await getOrNull<OrganizationDoc>(t, 'organizations', req.successorId);
    if (!successor) throw new Rollback(failWith('NOT_FOUND', 'successorId'));
    // A verified successor has none of its own; a dissolved one could, but is refused above. Read what there is.
    const chain = new Map<string, OrganizationDoc>();
    for (let id = successor.successorId, hop = 0; id && hop < MAX_HOPS && !chain.has(id); hop++) {
      const o = await getOrNull<OrganizationDoc>(t, 'organizations', id);
      if (!o) break;
      chain.set(id, o);
      id = o.successorId;
    }
    const checked = checkSuccessor(org, successor, (id) => chain.get(id));
    if (!checked.ok) throw new Rollback(refusal(checked));
    const answer = ok({ orgId: org._id, successor: { orgId: successor._id, name: successor.name } });
    if (org.successorId === successor._id) return answer;
    await t.collection('organizations').doc(org._id).update({ data: { successorId: successor._id, successorDesignated: { by, at: ctx.now }, updatedAt: ctx.now } });
    return answer;
  });
});
