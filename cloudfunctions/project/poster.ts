// project.poster — a poster's mini-program code for a published project (wxacode.getUnlimited, so there is no cap
// on how many are made). `scene` is a short code (≤ 32 characters of what WeChat allows) kept in projectScenes
// and mapped back by resolveScene; the code opens the project's detail page. The image goes to private storage and
// is answered as a temporary link. One scene per project: a second poster reuses it.
import { randomBytes } from 'node:crypto';
import { routes } from '../../miniprogram/domain/routes';
import { inTransaction, Rollback } from '../_shared/db/db';
import type { ProjectSceneDoc } from '../_shared/documents/project-visit';
import { action, type Answer } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { logFailure } from '../_shared/frame/failure-log';
import { failWith } from '../_shared/messages/answers';
import { isPublished } from './rules';
import { posterSchema } from './schemas';
import { managerOf, projectOf, withoutId } from './store';
import { failureOf, miniProgramCode } from '../_shared/wechat/cloud-openapi';

type PosterAnswer = Answer<'project', 'poster'>;

const SCENE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
/** 'p' and 12 characters of an unambiguous alphabet: 57^12 codes, a share of WeChat's 32-character limit. */
export function newScene(): string {
  const bytes = randomBytes(12);
  return `p${Array.from(bytes, (b) => SCENE_ALPHABET[b % SCENE_ALPHABET.length]).join('')}`;
}

/** A scene this function made: what resolveScene accepts before reading anything. */
export const SCENE_PATTERN = /^p[A-Za-z0-9]{12}$/;

export const poster = action('project', 'poster', posterSchema, async (req, ctx) => {
  const project = await projectOf(ctx.db, req.projectId);
  if (!project) return failWith('PROJECT_NOT_FOUND');
  const manager = await managerOf(ctx, project.orgId);
  if (!manager.ok) return manager.answer;
  if (!isPublished(project.status)) return failWith('NOT_PUBLISHED');
  const scene = project.scene ?? newScene();

  const image = await miniProgramCode(ctx.cloud, {
    scene,
    // getUnlimited wants the page without a leading slash.
    page: routes.projectDetail.slice(1),
    checkPath: true,
    envVersion: 'release',
    width: 430,
  });
  if (!image.ok) {
    logFailure('poster.getUnlimited', failureOf(image));
    return failWith('WECHAT_FAILED');
  }
  // WeChat answers its own image type: name the file after it, never assume one.
  const extension = image.value.mime === 'image/jpeg' ? 'jpg' : 'png';
  const uploaded = await ctx.cloud.uploadFile({ cloudPath: `posters/${project._id}.${extension}`, fileContent: image.value.bytes });
  const links = (await ctx.cloud.getTempFileURL({ fileList: [{ fileID: uploaded.fileID, maxAge: 86_400 }] })) as { fileList: Array<{ tempFileURL?: string }> };
  const url = links.fileList[0]?.tempFileURL;
  if (!url) return failWith('WECHAT_FAILED');

  return inTransaction<PosterAnswer, PosterAnswer>(ctx.db, async (t) => {
    const current = await projectOf(t, project._id);
    if (!current) throw new Rollback(failWith('PROJECT_NOT_FOUND'));
    if (!current.scene) {
      const doc: ProjectSceneDoc = { _id: scene, projectId: project._id, createdAt: ctx.now };
      await t.collection('projectScenes').doc(scene).set({ data: withoutId(doc) });
      await t.collection('projects').doc(project._id).update({ data: { scene, updatedAt: ctx.now } });
    }
    return ok({ scene: current.scene ?? scene, url, fileId: uploaded.fileID });
  });
});
