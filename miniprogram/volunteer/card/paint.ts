// Replays card-image.ts's operations on a Canvas 2D context. Only the methods named here are used, so the page test
// can give a recording context; the phone's system font draws the text (no font is shipped or loaded).
import type { DrawOp } from './card-image';

/** The part of CanvasRenderingContext2D the card image needs. */
export interface Paint2D {
  fillStyle: unknown;
  font: string;
  textAlign: string;
  textBaseline: string;
  beginPath(): void;
  closePath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  arcTo(x1: number, y1: number, x2: number, y2: number, radius: number): void;
  fill(): void;
  fillRect(x: number, y: number, width: number, height: number): void;
  fillText(text: string, x: number, y: number): void;
  drawImage(image: unknown, x: number, y: number, width: number, height: number): void;
}

export interface PaintImages {
  miniProgramCode: unknown;
}

const SYSTEM_FONT = '-apple-system, "PingFang SC", "Noto Sans CJK SC", sans-serif';
const MONO_FONT = 'Menlo, "Roboto Mono", monospace';

function roundedRect(ctx: Paint2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
  ctx.fill();
}

function star(ctx: Paint2D, cx: number, cy: number, outer: number): void {
  const inner = outer * 0.4;
  ctx.beginPath();
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    const x = cx + r * Math.cos(angle);
    const y = cy + r * Math.sin(angle);
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  }
  ctx.closePath();
  ctx.fill();
}

export function paint(ctx: Paint2D, ops: readonly DrawOp[], images: PaintImages): void {
  ctx.textBaseline = 'alphabetic';
  for (const op of ops) {
    switch (op.op) {
      case 'rect':
        ctx.fillStyle = op.color;
        if (op.radius > 0) roundedRect(ctx, op.x, op.y, op.width, op.height, op.radius);
        else ctx.fillRect(op.x, op.y, op.width, op.height);
        break;
      case 'text':
        ctx.fillStyle = op.color;
        ctx.font = `${op.weight === 'bold' ? 'bold ' : ''}${op.size}px ${op.mono ? MONO_FONT : SYSTEM_FONT}`;
        ctx.textAlign = op.align;
        ctx.fillText(op.text, op.x, op.y);
        break;
      case 'star':
        ctx.fillStyle = op.color;
        star(ctx, op.cx, op.cy, op.radius);
        break;
      case 'image':
        ctx.drawImage(images[op.source], op.x, op.y, op.width, op.height);
        break;
    }
  }
}
