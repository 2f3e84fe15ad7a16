// Test fixture: real PNG files for the seal checks, built with node's zlib only (page tests import it too, so it
// depends on nothing of the emulator).
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real PNG (signature, IHDR, IDAT, IEND with CRCs) of `size`² pixels in `colourType` (6 RGBA, 2 RGB, 4 grey+alpha). */
export function pngOf(size: number, colourType: 2 | 4 | 6 = 6): Buffer {
  const channels = colourType === 6 ? 4 : colourType === 4 ? 2 : 3;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = colourType;
  // A red ring on transparent ground, so the image compresses like a real seal.
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * channels);
    for (let x = 0; x < size; x++) {
      const r = Math.hypot(x - size / 2, y - size / 2);
      const ink = r < size / 2 - 2 && r > size / 2 - 8;
      const at = 1 + x * channels;
      if (channels >= 3) row[at] = ink ? 220 : 255;
      else row[at] = ink ? 80 : 255;
      if (channels === 4) row[at + 3] = ink ? 255 : 0;
      if (channels === 2) row[at + 1] = ink ? 255 : 0;
    }
    rows.push(row);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}
