// project.mine — an organization's projects for its admins, newest first, cursor-paged on the index
// orgId_createdAt (no skip: a project created meanwhile cannot shift the pages).
import { action } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { failWith } from '../_shared/messages/answers';
import { rows } from '../_shared/db/paging';
import type { ProjectDoc } from '../_shared/documents/project';
import { cursorAfter, decodeCursor, encodeCursor } from './rules';
import { mineSchema } from './schemas';
import { managerOf } from './store';
import { projectCard } from './view';

const DEFAULT_PAGE = 20;

export const mine = action('project', 'mine', mineSchema, async (req, ctx) => {
  const manager = await managerOf(ctx, req.orgId);
  if (!manager.ok) return manager.answer;
  const cursor = req.cursor === undefined ? undefined : decodeCursor(req.cursor);
  if (req.cursor !== undefined && !cursor) return failWith('DISCOVER_INVALID', 'cursor');
  const limit = req.limit ?? DEFAULT_PAGE;
  const _ = ctx.db.command;
  const where = cursor ? { orgId: req.orgId, createdAt: _.lte(new Date(cursor.v)), _id: _.nin(cursor.ids) } : { orgId: req.orgId };
  const found = await rows<ProjectDoc>(ctx.db.collection('projects').where(where).orderBy('createdAt', 'desc').orderBy('_id', 'asc').limit(limit + 1));
  const page = found.slice(0, limit);
  const next = cursorAfter(page.map((p) => ({ id: p._id, v: new Date(p.createdAt).getTime() })), cursor);
  return ok({ items: page.map((p) => projectCard(p)), ...(found.length > limit && next ? { nextCursor: encodeCursor(next) } : {}) });
});
