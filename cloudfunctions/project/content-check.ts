// WeChat content security (security.msgSecCheck 2.0 for text, security.mediaCheckAsync 2.0 for the cover) before
// anything of a project is shown to others. Text is judged at once: anything but 'pass' is not published (a
// 'review' verdict too — the strictest reading), and the admin is told which field and why. The cover is judged
// later by WeChat; until its verdict arrives it is shown only to the organization.
import type { ActionContext } from '../_shared/frame/action';

/** 3 论坛: text published for the public to read (sec-check scenes: 1 资料, 2 评论, 3 论坛, 4 社交日志). */
export const PUBLIC_TEXT_SCENE = 3;

export type TextVerdict = { ok: true } | { ok: false; field: string; label: number };

/** Each field checked on its own, in form order, so the refusal names the field at fault. */
export async function checkTexts(ctx: ActionContext, fields: ReadonlyArray<{ field: string; text: string }>): Promise<TextVerdict> {
  for (const { field, text } of fields) {
    if (text.trim() === '') continue;
    const answer = (await ctx.cloud.openapi.security.msgSecCheck({
      openid: ctx.caller.openid,
      scene: PUBLIC_TEXT_SCENE,
      version: 2,
      content: text,
    })) as { result?: { suggest?: string; label?: number } };
    if (answer.result?.suggest !== 'pass') return { ok: false, field, label: Number(answer.result?.label ?? 21000) };
  }
  return { ok: true };
}

/** Ask WeChat to judge the cover image (media_type 2 = image, 1 = audio); its trace id ties the later verdict to the project. */
export async function startCoverCheck(ctx: ActionContext, fileId: string): Promise<string> {
  const links = (await ctx.cloud.getTempFileURL({ fileList: [{ fileID: fileId, maxAge: 3600 }] })) as { fileList: Array<{ tempFileURL?: string }> };
  const url = links.fileList[0]?.tempFileURL;
  if (!url) throw new Error('cover file has no temporary link');
  const answer = (await ctx.cloud.openapi.security.mediaCheckAsync({
    openid: ctx.caller.openid,
    scene: PUBLIC_TEXT_SCENE,
    version: 2,
    mediaUrl: url,
    mediaType: 2,
  })) as { traceId?: string };
  if (!answer.traceId) throw new Error('mediaCheckAsync answered no trace id');
  return answer.traceId;
}
