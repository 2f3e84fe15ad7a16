// The cover's verdict: WeChat answers security.mediaCheckAsync with a `wxa_media_check` message push (trace_id,
// version 2, result.suggest / label), delivered to this function as its message-push receiver (config.json
// `messagePush`; in production the console's 消息推送 setting). The frame accepts a push only from WeChat
// (_shared/frame/message-push.ts). A pass shows the cover to everyone; anything else keeps it hidden and the
// organization's admins are told. A repeated push changes nothing and tells nobody twice.
import { getOrNull, inTransaction, type Database, type Tx } from '../_shared/db/db';
import type { CoverCheckState, MediaCheckDoc, ProjectDoc } from '../_shared/documents/project';
import type { PushHandler } from '../_shared/frame/action';
import type { MessagePush } from '../_shared/frame/message-push';
import { coverRejected } from '../_shared/messages/notifications';
import { enqueue } from '../_shared/messages/outbox';
import { activeAdminIds } from '../_shared/db/admins';

export const MEDIA_CHECKS = 'mediaChecks';

export type MediaVerdict = { traceId: string; state: Exclude<CoverCheckState, 'pending'>; suggest: string; label: string };

/**
 * WeChat's verdict in a push, or null for a push that is not a version-2 media check result. Only `pass` passes:
 * `review` (WeChat unsure) and `risky` keep the cover hidden, the strictest reading. Observed pushes carry the label
 * as a string or a number; both are read.
 */
export function mediaVerdictOf(push: MessagePush): MediaVerdict | null {
  if (push.MsgType !== 'event' || push.Event !== 'wxa_media_check' || Number(push.version) !== 2) return null;
  const traceId = push.trace_id;
  if (typeof traceId !== 'string' || !/^[\w-]{1,128}$/.test(traceId)) return null;
  const result = push.result as { suggest?: unknown; label?: unknown } | undefined;
  const suggest = result?.suggest;
  if (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky') return null;
  return { traceId, state: suggest === 'pass' ? 'pass' : 'risky', suggest, label: String(result?.label ?? '') };
}

/** The project's coverCheck after `verdict`, and whether its admins must now be told (once: on the move to risky). */
export function applyVerdict(project: Pick<ProjectDoc, 'coverCheck'>, traceId: string, state: Exclude<CoverCheckState, 'pending'>): { changed: boolean; tellAdmins: boolean } {
  // A later submission started another check: an old verdict says nothing of the cover shown now.
  if (project.coverCheck?.traceId !== traceId) return { changed: false, tellAdmins: false };
  if (project.coverCheck.state === state) return { changed: false, tellAdmins: false };
  return { changed: true, tellAdmins: state === 'risky' };
}

/** Write the verdict into the project (inside `t`) and tell the admins when the cover is now hidden. */
export async function recordCoverVerdict(
  t: Tx,
  db: Database,
  project: Pick<ProjectDoc, '_id' | 'title' | 'coverCheck'>,
  traceId: string,
  state: Exclude<CoverCheckState, 'pending'>,
  admins: readonly string[],
  now: Date,
): Promise<void> {
  const { changed, tellAdmins } = applyVerdict(project, traceId, state);
  if (!changed) return;
  await t.collection('projects').doc(project._id).update({ data: { coverCheck: db.command.set({ traceId, state }) } });
  if (!tellAdmins) return;
  for (const adminUserId of admins) {
    await enqueue(t, coverRejected({ project: { projectId: project._id, title: project.title }, adminUserId, traceId }), now);
  }
}

/**
 * submit's side, inside its transaction, after writing coverCheck pending: tie the check to the project, and apply a
 * verdict that was pushed before this transaction (both write mediaChecks/<traceId>, so one of the two sees the other).
 */
export async function linkCoverCheck(t: Tx, db: Database, project: Pick<ProjectDoc, '_id' | 'title'>, traceId: string, admins: readonly string[], now: Date): Promise<void> {
  const check = await getOrNull<MediaCheckDoc>(t, MEDIA_CHECKS, traceId);
  const { _id, ...rest } = check ?? { _id: traceId, createdAt: now };
  await t.collection(MEDIA_CHECKS).doc(traceId).set({ data: { ...rest, projectId: project._id } });
  if (check?.verdict) await recordCoverVerdict(t, db, { ...project, coverCheck: { traceId, state: 'pending' } }, traceId, check.verdict.state, admins, now);
}

export const receiveMediaCheck: PushHandler = async (push, ctx) => {
  const verdict = mediaVerdictOf(push);
  if (!verdict) return;
  // Twice at most: submit may link the check to its project between the reads below and the transaction.
  for (let round = 0; round < 2; round++) if (await recordVerdict(ctx.db, verdict, ctx.now)) return;
  throw new Error(`media check ${verdict.traceId}: its project changed twice while the verdict was written`);
};

/** One attempt; false when the check was linked to its project after the admins were read (read them again). */
async function recordVerdict(db: Database, verdict: MediaVerdict, now: Date): Promise<boolean> {
  const { traceId, state } = verdict;
  // Queries cannot run in a transaction: the admins are read first, from the project the check belongs to (if
  // submit has committed; otherwise submit applies the verdict and tells them itself).
  const known = await getOrNull<MediaCheckDoc>(db, MEDIA_CHECKS, traceId);
  const before = known?.projectId ? await getOrNull<ProjectDoc>(db, 'projects', known.projectId) : null;
  const admins = before ? await activeAdminIds(db, before.orgId) : [];
  return inTransaction<boolean>(db, async (t) => {
    const check = await getOrNull<MediaCheckDoc>(t, MEDIA_CHECKS, traceId);
    if (check?.verdict?.state === state) return true;
    const project = check?.projectId ? await getOrNull<ProjectDoc>(t, 'projects', check.projectId) : null;
    if (project && !before) return false;
    const { _id, ...rest } = check ?? { _id: traceId, createdAt: now };
    await t.collection(MEDIA_CHECKS).doc(traceId).set({ data: { ...rest, verdict: { state, suggest: verdict.suggest, label: verdict.label, at: now } } });
    if (project) await recordCoverVerdict(t, db, project, traceId, state, admins, now);
    return true;
  });
}
