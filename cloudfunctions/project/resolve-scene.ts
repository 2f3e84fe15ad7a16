// project.resolveScene — the project a poster's mini-program code opens (the detail page reads `scene` from its
// launch options and asks here).
import type { ProjectSceneDoc } from '../_shared/documents/project-visit';
import { getOrNull } from '../_shared/db/db';
import { action } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { failWith } from '../_shared/messages/answers';
import { SCENE_PATTERN } from './poster';
import { resolveSceneSchema } from './schemas';

export const resolveScene = action('project', 'resolveScene', resolveSceneSchema, async (req, ctx) => {
  // WeChat hands the page the scene URL-encoded.
  let scene: string;
  try {
    scene = decodeURIComponent(req.scene);
  } catch {
    return failWith('SCENE_UNKNOWN');
  }
  if (!SCENE_PATTERN.test(scene)) return failWith('SCENE_UNKNOWN');
  const doc = await getOrNull<ProjectSceneDoc>(ctx.db, 'projectScenes', scene);
  return doc ? ok({ projectId: doc.projectId }) : failWith('SCENE_UNKNOWN');
});
