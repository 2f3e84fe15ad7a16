// security.msgSecCheck and security.mediaCheckAsync, version 2.0 (OpenApiDoc sec-center/sec-check): both need
// version 2, the user's openid and a scene (1 资料, 2 评论, 3 论坛, 4 社交日志). Text is judged at once; media is
// accepted with a trace_id and judged later, the verdict arriving as a `wxa_media_check` event on the message push.
// Text and media pass unless a test marked a term or URL as risky (flagText / flagMedia).
import { ok, rid, wxError, type ApiAnswer } from './answer';

export type Suggest = 'pass' | 'review' | 'risky';

export interface Verdict {
  suggest: Suggest;
  /** 100 正常, 10001 广告, 20001 时政, 20002 色情, 20003 辱骂, 20006 违法犯罪, 20008 欺诈, 20012 低俗, 20013 版权, 21000 其他. */
  label: number;
}

const PASS: Verdict = { suggest: 'pass', label: 100 };
export const MSG_SEC_CHECK_MAX_CHARS = 2500;

export interface MediaCheck {
  traceId: string;
  mediaUrl: string;
  mediaType: 1 | 2;
  openid: string;
  scene: number;
  appid: string;
  at: number;
  settled: boolean;
}

/** The message push WeChat sends when a media check is done (the JSON form of the push). */
export interface MediaCheckEvent {
  ToUserName: string;
  FromUserName: string;
  CreateTime: number;
  MsgType: 'event';
  Event: 'wxa_media_check';
  appid: string;
  trace_id: string;
  version: 2;
  // Observed pushes carry the label as a string ("100"), unlike the synchronous text check.
  result: { suggest: Suggest; label: string };
  detail: Array<{ strategy: 'content_model'; errcode: 0; suggest: Suggest; label: string; prob: number }>;
}

function commonRefusal(data: Record<string, unknown>): ApiAnswer | undefined {
  if (data.version !== 2) return wxError(47001, 'data format error');
  if (typeof data.openid !== 'string' || !data.openid) return wxError(40003, 'invalid openid');
  if (![1, 2, 3, 4].includes(data.scene as number)) return wxError(40129, 'invalid scene');
  return undefined;
}

export class ContentSecurity {
  private readonly textFlags: Array<{ term: string; verdict: Verdict }> = [];
  private readonly mediaFlags: Array<{ urlPart: string; verdict: Verdict }> = [];
  readonly mediaChecks: MediaCheck[] = [];

  constructor(private readonly now: () => number, private readonly appid: () => string) {}

  flagText(term: string, verdict: Verdict): void {
    this.textFlags.push({ term, verdict });
  }

  flagMedia(urlPart: string, verdict: Verdict): void {
    this.mediaFlags.push({ urlPart, verdict });
  }

  msgSecCheck(data: Record<string, unknown>): ApiAnswer {
    const refused = commonRefusal(data);
    if (refused) return refused;
    if (typeof data.content !== 'string' || !data.content) return wxError(44002, 'empty post data');
    if ([...data.content].length > MSG_SEC_CHECK_MAX_CHARS) return wxError(47001, 'data format error');
    const texts = [data.content, data.title, data.nickname, data.scene === 1 ? data.signature : undefined].filter((t): t is string => typeof t === 'string');
    const hit = this.textFlags.find((f) => texts.some((t) => t.includes(f.term)));
    const verdict = hit?.verdict ?? PASS;
    return ok({
      result: { suggest: verdict.suggest, label: verdict.label },
      detail: [
        { strategy: 'content_model', errcode: 0, suggest: verdict.suggest, label: verdict.label, prob: 90 },
        hit ? { strategy: 'keyword', errcode: 0, suggest: verdict.suggest, label: verdict.label, level: 20, keyword: hit.term } : { strategy: 'keyword', errcode: 0 },
      ],
      trace_id: rid(),
    });
  }

  mediaCheckAsync(data: Record<string, unknown>): ApiAnswer {
    const refused = commonRefusal(data);
    if (refused) return refused;
    if (typeof data.media_url !== 'string' || !/^https?:\/\//.test(data.media_url)) return wxError(47001, 'data format error');
    if (data.media_type !== 1 && data.media_type !== 2) return wxError(47001, 'data format error');
    const traceId = rid();
    this.mediaChecks.push({
      traceId,
      mediaUrl: data.media_url,
      mediaType: data.media_type,
      openid: data.openid as string,
      scene: data.scene as number,
      appid: this.appid(),
      at: this.now(),
      settled: false,
    });
    return ok({ trace_id: traceId });
  }

  /** Judge a pending media check and build the push WeChat would send for it. */
  settle(traceId: string, verdict?: Verdict): MediaCheckEvent {
    const check = this.mediaChecks.find((c) => c.traceId === traceId);
    if (!check) throw new Error(`no media check with trace_id ${traceId}`);
    if (check.settled) throw new Error(`media check ${traceId} was already settled: WeChat pushes each result once`);
    check.settled = true;
    const v = verdict ?? this.mediaFlags.find((f) => check.mediaUrl.includes(f.urlPart))?.verdict ?? PASS;
    const label = String(v.label);
    return {
      ToUserName: `gh_${check.appid.slice(2, 14)}`,
      FromUserName: check.openid,
      CreateTime: Math.floor(this.now() / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: check.appid,
      trace_id: check.traceId,
      version: 2,
      result: { suggest: v.suggest, label },
      detail: [{ strategy: 'content_model', errcode: 0, suggest: v.suggest, label, prob: 90 }],
    };
  }
}
