// The card as an image to save or share (issue 10): what cardProof answers → the list of drawing operations that
// make the picture. Pure, so what the image says is tested without a canvas (miniprogram-simulate has none);
// paint.ts replays the list on a Canvas 2D context. The image carries the static verification code (its mini-program
// code and the code in text for someone outside WeChat) — never the rotating check-in code, which is not even in
// its input. One look in light and dark mode alike: the picture is shared with people whose phones are not ours.
import type { CardProofResponse } from '../../../typings/certificate-card';
import { hoursText } from '../../common/service-hours';

export type DrawOp =
  | { op: 'rect'; x: number; y: number; width: number; height: number; radius: number; color: string }
  | { op: 'text'; text: string; x: number; y: number; size: number; weight: 'normal' | 'bold'; color: string; align: 'left' | 'center' | 'right'; mono?: boolean }
  | { op: 'star'; cx: number; cy: number; radius: number; color: string }
  /** The only picture drawn in: the mini-program code of the verify-card page, from cardProof. */
  | { op: 'image'; source: 'miniProgramCode'; x: number; y: number; width: number; height: number };

/** Pixels of the saved image (750 px wide: the width WeChat's rpx is measured against). */
export const CARD_IMAGE_WIDTH = 750;
export const CARD_IMAGE_HEIGHT = 1200;

const PAD = 48;
const COLORS = {
  page: '#f5f6f7',
  surface: '#ffffff',
  primary: '#d6402f',
  onPrimary: '#ffffff',
  text: '#1f2329',
  secondary: '#6b7075',
  border: '#e5e6eb',
  star: '#f2a516',
} as const;
const ORGANIZATION_LINES = 3;
/** Width units of a line of organizations: a CJK character is 2, an ASCII one 1 (at 28 px, ≈ 15 CJK characters). */
const ORGANIZATION_LINE_UNITS = 30;

function unitsOf(ch: string): number {
  return ch.charCodeAt(0) < 0x80 ? 1 : 2;
}

/** Punctuation that never starts a line (it hangs at the end of the line before instead). */
const NO_LINE_START = new Set(['、', '，', '。', '；', '：', '）', '》']);

/** Lines of at most `units` width, at most `maxLines`; the last one ends with … when text is left over. */
export function wrapText(text: string, units: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  let width = 0;
  for (const ch of Array.from(text)) {
    if (width + unitsOf(ch) > units && !(NO_LINE_START.has(ch) && line !== '')) {
      lines.push(line);
      line = '';
      width = 0;
    }
    line += ch;
    width += unitsOf(ch);
  }
  if (line !== '') lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${Array.from(kept[maxLines - 1]!).slice(0, -1).join('')}…`;
  return kept;
}

function text(t: string, x: number, y: number, size: number, color: string, options: { weight?: 'bold'; align?: 'center' | 'right'; mono?: boolean } = {}): DrawOp {
  return { op: 'text', text: t, x, y, size, weight: options.weight ?? 'normal', color, align: options.align ?? 'left', ...(options.mono ? { mono: true } : {}) };
}

export function cardImageOperations(card: CardProofResponse): DrawOp[] {
  const right = CARD_IMAGE_WIDTH - PAD;
  const ops: DrawOp[] = [
    { op: 'rect', x: 0, y: 0, width: CARD_IMAGE_WIDTH, height: CARD_IMAGE_HEIGHT, radius: 0, color: COLORS.page },
    { op: 'rect', x: 24, y: 24, width: CARD_IMAGE_WIDTH - 48, height: CARD_IMAGE_HEIGHT - 48, radius: 24, color: COLORS.surface },
    // The head, as on the card page: kind, name, number on the primary colour.
    { op: 'rect', x: 24, y: 24, width: CARD_IMAGE_WIDTH - 48, height: 250, radius: 24, color: COLORS.primary },
    // Square lower corners: the head runs straight into the body.
    { op: 'rect', x: 24, y: 250, width: CARD_IMAGE_WIDTH - 48, height: 24, radius: 0, color: COLORS.primary },
    text('志愿服务证', PAD + 16, 96, 28, COLORS.onPrimary),
    text(card.name, PAD + 16, 172, 56, COLORS.onPrimary, { weight: 'bold' }),
    text(card.volunteerNo, PAD + 16, 236, 32, COLORS.onPrimary, { mono: true }),
  ];

  let y = 340;
  const row = (label: string, lines: string[]) => {
    ops.push({ op: 'rect', x: PAD, y: y - 44, width: CARD_IMAGE_WIDTH - 2 * PAD, height: 1, radius: 0, color: COLORS.border });
    ops.push(text(label, PAD + 16, y, 28, COLORS.secondary));
    lines.forEach((line, i) => ops.push(text(line, right - 16, y + i * 40, 28, COLORS.text, { align: 'right' })));
    y += 40 * Math.max(1, lines.length) + 36;
  };
  const organizations = card.organizations.length > 0 ? card.organizations.join('、') : '暂未加入组织';
  row('所属组织', wrapText(organizations, ORGANIZATION_LINE_UNITS, ORGANIZATION_LINES));
  row('注册日期', [card.registeredOn]);
  row('累计服务', [`${hoursText(card.confirmedHours)} 小时`]);
  if (card.starLevel !== null && card.starLevel > 0) {
    row('星级', [`${card.starLevel}星志愿者`]);
    // The stars themselves, left of their words (drawn, so no font needs a ★ glyph).
    const wordsWidth = `${card.starLevel}星志愿者`.length * 28;
    for (let i = 0; i < card.starLevel; i++) {
      ops.push({ op: 'star', cx: right - 16 - wordsWidth - 24 - i * 40, cy: y - 76 - 10, radius: 16, color: COLORS.star });
    }
  } else {
    row('星级', ['暂无星级']);
  }

  // The static verification code: the mini-program code opens the verify-card page; the text is for typing it in.
  const codeSize = 300;
  const codeTop = Math.max(y + 8, 760);
  ops.push({ op: 'image', source: 'miniProgramCode', x: (CARD_IMAGE_WIDTH - codeSize) / 2, y: codeTop, width: codeSize, height: codeSize });
  ops.push(text('微信扫码核验志愿者身份', CARD_IMAGE_WIDTH / 2, codeTop + codeSize + 44, 26, COLORS.secondary, { align: 'center' }));
  ops.push(text(`核验码 ${card.proof.spaced}`, CARD_IMAGE_WIDTH / 2, codeTop + codeSize + 84, 24, COLORS.text, { align: 'center', mono: true }));
  return ops;
}
