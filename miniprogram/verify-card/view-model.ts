// 核验志愿服务证: a card image's code (scanned: the mini-program code's scene; or typed) → what the page shows. Pure.
import type { VerifyCardResponse } from '../../typings/certificate-card';
import { parseCardProof } from '../domain/card-proof';
import { hoursText, starText } from '../common/service-hours';

export type VerifyCardView =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'valid'; nameMasked: string; volunteerNo: string; organizationsText: string; hoursText: string; starText: string }
  | { kind: 'invalid' }
  /** The code was malformed, or the check could not be made: the person can fix it or try again. */
  | { kind: 'error'; message: string };

type Outcome = { ok: true; data: VerifyCardResponse } | { ok: false; error: { code: string; message: string } };

/** The scene as WeChat hands it to the page (URL-encoded), or a code in the link: the form's text, 32 characters. */
export function codeFromQuery(query: Record<string, string | undefined> | undefined): string {
  const raw = query?.scene ?? query?.proof ?? '';
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // A broken escape is checked as it is, and refused for its shape.
  }
  const parsed = parseCardProof(decoded);
  return parsed.ok ? parsed.value.code : decoded;
}

/** Checked on the phone first, so a mistyped code gets its message without a call. */
export function malformedView(input: string): VerifyCardView | null {
  const parsed = parseCardProof(input);
  return parsed.ok ? null : { kind: 'error', message: parsed.message };
}

export function toVerifyCardView(outcome: Outcome): VerifyCardView {
  if (!outcome.ok) return { kind: 'error', message: outcome.error.message };
  if (!outcome.data.valid) return { kind: 'invalid' };
  const v = outcome.data.volunteer;
  return {
    kind: 'valid',
    nameMasked: v.nameMasked,
    volunteerNo: v.volunteerNo,
    organizationsText: v.organizations.length > 0 ? v.organizations.join('、') : '暂未加入组织',
    hoursText: `${hoursText(v.confirmedHours)} 小时`,
    starText: starText(v.starLevel) || '暂无星级',
  };
}
