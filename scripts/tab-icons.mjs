#!/usr/bin/env node
// Draws the tab bar's icons (81×81 PNG, WeChat's recommended size) from a few vector shapes and writes them to
// miniprogram/images/tab/: one per tab, colour (tab / selected) and scheme (light / dark), named as theme.json
// refers to them. The PNGs are committed; run `node scripts/tab-icons.mjs` again after changing a shape or colour.
// No dependency: each pixel's coverage is sampled 4×4 (anti-aliasing) and the PNG is written with node's zlib.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const SIZE = 81;
const SAMPLES = 4;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'miniprogram', 'images', 'tab');
const theme = JSON.parse(fs.readFileSync(path.join(root, 'miniprogram', 'theme.json'), 'utf8'));

// ── Shapes: (x, y) → inside? in an 81-unit square ────────────────────────────────────────────────────────────────
const ring = (cx, cy, r, width) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) <= width / 2;
const disc = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) <= r;
function segment(x1, y1, x2, y2, width) {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const length2 = dx * dx + dy * dy;
  return (x, y) => {
    const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / length2));
    return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy)) <= width / 2;
  };
}
function polygon(points) {
  return (x, y) => {
    let inside = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [xi, yi] = points[i];
      const [xj, yj] = points[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
}
const union = (...shapes) => (x, y) => shapes.some((s) => s(x, y));
const minus = (shape, hole) => (x, y) => shape(x, y) && !hole(x, y);
const between = (shape, top, bottom) => (x, y) => y >= top && y <= bottom && shape(x, y);

const C = 40.5;
const STROKE = 5.5;
const ICONS = {
  // 发现: a compass, its needle pointing north-east
  discover: union(ring(C, C, 30, STROKE), minus(polygon([[55, 26], [45.5, 45.5], [26, 55], [35.5, 35.5]]), disc(C, C, 3.2))),
  // 我的时长: a clock face with two hands
  hours: union(ring(C, C, 30, STROKE), segment(C, C, C, 21, STROKE), segment(C, C, 54, 48, STROKE)),
  // 我的: a head and shoulders
  me: union(ring(C, 26, 13, STROKE), between(ring(C, 76, 28, STROKE), 46, 74), segment(C - 28, 74, C + 28, 74, STROKE)),
};

// ── PNG ──────────────────────────────────────────────────────────────────────────────────────────────────────────
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
function png(shape, hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const rows = Buffer.alloc(SIZE * (1 + SIZE * 4));
  for (let y = 0; y < SIZE; y++) {
    const row = y * (1 + SIZE * 4);
    rows[row] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
      let covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++)
        for (let sx = 0; sx < SAMPLES; sx++) if (shape(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES)) covered++;
      const at = row + 1 + x * 4;
      rows[at] = r;
      rows[at + 1] = g;
      rows[at + 2] = b;
      rows[at + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

fs.mkdirSync(outDir, { recursive: true });
for (const [name, shape] of Object.entries(ICONS)) {
  for (const scheme of ['light', 'dark']) {
    for (const [suffix, colourKey] of [['', 'tabColor'], ['-selected', 'tabSelectedColor']]) {
      const file = path.join(outDir, `${name}${suffix}-${scheme}.png`);
      const data = png(shape, theme[scheme][colourKey]);
      fs.writeFileSync(file, data);
      console.log(`${path.relative(root, file)}  ${data.length} B`);
    }
  }
}
