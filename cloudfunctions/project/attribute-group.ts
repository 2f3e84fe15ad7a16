// project.attributeGroup — the detail page was opened from a project card in a group chat: wx.getGroupEnterInfo
// gave it a CloudID, which only a function can resolve (cloud.getOpenData, needing `cloudbase.getOpenData` in
// config.json). The group's openGId is kept only as a keyed hash (an opaque group id), remembered for the caller and
// the project in projectVisits; the signup function copies it into a sign-up's viaGroupId (viaGroupOf).
import { getOrNull } from '../_shared/db/db';
import { userIdOf } from '../_shared/documents/ids';
import type { ProjectDoc } from '../_shared/documents/project';
import { projectVisitId, type ProjectVisitDoc } from '../_shared/documents/project-visit';
import { action } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { logFailure } from '../_shared/frame/failure-log';
import { failWith } from '../_shared/messages/answers';
import { keyedHash, keyRingFromEnv } from '../_shared/security/crypto';
import { isPublished } from './rules';
import { attributeGroupSchema } from './schemas';
import { withoutId } from './store';

export const attributeGroup = action('project', 'attributeGroup', attributeGroupSchema, async (req, ctx) => {
  const project = await getOrNull<ProjectDoc>(ctx.db, 'projects', req.projectId);
  if (!project || !isPublished(project.status)) return failWith('PROJECT_NOT_FOUND');
  let openGId: unknown;
  try {
    const res = (await ctx.cloud.getOpenData({ list: [req.cloudID] })) as { list?: Array<{ data?: { openGId?: unknown } }> };
    openGId = res.list?.[0]?.data?.openGId;
  } catch (e) {
    // An unknown or expired CloudID: the SDK throws for the whole call (-601001).
    logFailure('attributeGroup.getOpenData', e);
    return failWith('GROUP_UNKNOWN');
  }
  if (typeof openGId !== 'string' || openGId === '') return failWith('GROUP_UNKNOWN');
  const groupId = `g_${keyedHash('group-chat', openGId, keyRingFromEnv(ctx.env)).slice(0, 32)}`;
  const userId = userIdOf(ctx.caller.openid);
  const visit: ProjectVisitDoc = { _id: projectVisitId(project._id, userId), projectId: project._id, userId, groupId, at: ctx.now };
  await ctx.db.collection('projectVisits').doc(visit._id).set({ data: withoutId(visit) });
  return ok({ groupId });
});
