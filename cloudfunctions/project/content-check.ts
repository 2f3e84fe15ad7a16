// WeChat content security (security.msgSecCheck 2.0 for text, security.mediaCheckAsync 2.0 for the cover) before
// anything of a project is shown to others. Text is judged at once: anything but 'pass' is not published (a
// 'review' verdict too — the strictest reading), and the admin is told which field and why. The cover is judged
// later by WeChat; until its verdict arrives it is shown only to the organization.
import type { ActionContext } from '../_shared/frame/action';
import type { WeChatOutcome } from '../_shared/wechat/api';
import { checkText, startMediaCheck } from '../_shared/wechat/cloud-openapi';

/** 3 论坛: text published for the public to read (sec-check scenes: 1 资料, 2 评论, 3 论坛, 4 社交日志). */
export const PUBLIC_TEXT_SCENE = 3;

export type TextVerdict = { ok: true } | { ok: false; field: string; label: number };

/** Each field checked on its own, in form order, so the refusal names the field at fault. */
export async function checkTexts(ctx: ActionContext, fields: ReadonlyArray<{ field: string; text: string }>): Promise<TextVerdict> {
  for (const { field, text } of fields) {
    if (text.trim() === '') continue;
    const verdict = valueOf(await checkText(ctx.cloud, { openid: ctx.caller.openid, scene: PUBLIC_TEXT_SCENE, content: text }), 'msgSecCheck');
    if (verdict.suggest !== 'pass') return { ok: false, field, label: verdict.label };
  }
  return { ok: true };
}

/** Ask WeChat to judge the cover image (media_type 2 = image, 1 = audio); its trace id ties the later verdict to the project. */
export async function startCoverCheck(ctx: ActionContext, fileId: string): Promise<string> {
  const links = (await ctx.cloud.getTempFileURL({ fileList: [{ fileID: fileId, maxAge: 3600 }] })) as { fileList: Array<{ tempFileURL?: string }> };
  const url = links.fileList[0]?.tempFileURL;
  if (!url) throw new Error('cover file has no temporary link');
  return valueOf(await startMediaCheck(ctx.cloud, { openid: ctx.caller.openid, scene: PUBLIC_TEXT_SCENE, mediaUrl: url, mediaType: 2 }), 'mediaCheckAsync').traceId;
}

/** A check WeChat did not answer fails the action (nothing is published unchecked). */
function valueOf<T>(outcome: WeChatOutcome<T>, api: string): T {
  if (outcome.ok) return outcome.value;
  throw new Error(`${api}: ${outcome.kind === 'answered' ? `${outcome.errcode} ${outcome.errmsg}` : outcome.detail}`);
}
