// The certificate as an A4 PDF, made from the archived snapshot alone (never from live records), so the same snapshot
// and assets give the same bytes: creation and modification dates are the issuance instant, the document id is
// derived from the number, and pdf-lib names resources with a fixed-seed generator. Every character is drawn as text
// in the first font of the chain that has it; one no font has is printed as its code point ([U+XXXXX]) and reported.
import { createHash } from 'node:crypto';
import { AFRelationship, degrees, PDFDocument, PDFHexString, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import type { FontkitSubset } from 'fontkit';
import * as QRCode from 'qrcode';
import { formatHours } from '../../../miniprogram/common/service-hours';
import type { CertificateSnapshot } from '../../../typings/certificate';
import { CERTIFICATE_PDF_TEXT as T } from '../../_shared/messages/certificate-pdf';
import { isLayoutWhitespace, type LoadedFont } from './fonts';

export interface PdfAttachment {
  name: string;
  mime: string;
  bytes: Uint8Array;
  description?: string;
}

export interface CertificatePdfAssets {
  /** The font chain, primary first (FontChain.fontsFor the snapshot's text). */
  fonts: readonly LoadedFont[];
  /** `<ZY_VERIFY_BASE_URL>/verify?no=<number>`: printed and drawn as a QR code for people outside WeChat. */
  verifyUrl: string;
  /** WeChat's mini-program code (wxacode.getUnlimited, scene = the number) opening the verify page. */
  miniProgramCode: { bytes: Uint8Array; mime: 'image/png' | 'image/jpeg' };
  /** The uploaded seal (transparent PNG) when the snapshot's seal is an image. */
  sealImage?: Uint8Array;
  /** Embedded as PDF file attachments (certificate.download passes the Verifiable Credential JSON). */
  attachments?: readonly PdfAttachment[];
}

export interface RenderedCertificate {
  bytes: Uint8Array;
  sha256: string;
  pageCount: number;
  /** Characters no font of the chain has, as U+XXXX, printed as their code point (the caller logs them). */
  substituted: string[];
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const CONTENT_WIDTH = A4.width - 2 * MARGIN;
const INK = rgb(0.12, 0.12, 0.12);
const MUTED = rgb(0.4, 0.4, 0.4);
const RULE = rgb(0.75, 0.75, 0.75);
const SEAL_RED = rgb(0.84, 0.1, 0.12);
const TABLE = { size: 9.5, line: 13, pad: 4 };
const COLUMNS = [
  { key: 'date', width: 70 },
  { key: 'project', width: 140 },
  { key: 'content', width: CONTENT_WIDTH - 70 - 140 - 66 },
  { key: 'hours', width: 66 },
] as const;
/** Room the closing block needs under the last row: total, issuer lines, seal and the two codes. */
const CLOSING_HEIGHT = 300;
const FOOTER_Y = 30;
/** Title, number and the volunteer's lines above the statement (drawFirstHeader). */
const FIRST_HEADER_HEIGHT = 116;

interface Run {
  text: string;
  font: PDFFont;
}

/** Text measured and drawn in runs of one font each, character by character down the chain. */
class Typesetter {
  readonly substituted = new Set<string>();
  /** Each character's run and advance at size 1: wrapping measures every line character by character. */
  private readonly glyphs = new Map<string, { piece: string; font: PDFFont; advance: number }>();
  constructor(
    private readonly chain: readonly LoadedFont[],
    private readonly embedded: readonly PDFFont[],
  ) {}

  private glyphOf(ch: string): { piece: string; font: PDFFont; advance: number } {
    let glyph = this.glyphs.get(ch);
    if (!glyph) {
      const cp = ch.codePointAt(0)!;
      let at = this.chain.findIndex((f) => f.face.hasGlyphForCodePoint(cp));
      let piece = ch;
      if (at < 0) {
        piece = `[U+${cp.toString(16).toUpperCase().padStart(4, '0')}]`;
        this.substituted.add(piece.slice(1, -1));
        at = 0;
      }
      const font = this.embedded[at];
      glyph = { piece, font, advance: font.widthOfTextAtSize(piece, 1) };
      this.glyphs.set(ch, glyph);
    }
    return glyph;
  }

  runs(text: string): Run[] {
    const runs: Run[] = [];
    for (const ch of text) {
      if (isLayoutWhitespace(ch.codePointAt(0)!)) continue;
      const { piece, font } = this.glyphOf(ch);
      const last = runs[runs.length - 1];
      if (last && last.font === font) last.text += piece;
      else runs.push({ text: piece, font });
    }
    return runs;
  }

  width(text: string, size: number): number {
    let w = 0;
    for (const ch of text) if (!isLayoutWhitespace(ch.codePointAt(0)!)) w += this.glyphOf(ch).advance;
    return w * size;
  }

  draw(page: PDFPage, text: string, x: number, y: number, size: number, color = INK): void {
    let at = x;
    for (const r of this.runs(text)) {
      page.drawText(r.text, { x: at, y, size, font: r.font, color });
      at += this.width(r.text, size);
    }
  }

  centered(page: PDFPage, text: string, y: number, size: number, color = INK): void {
    this.draw(page, text, (A4.width - this.width(text, size)) / 2, y, size, color);
  }

  /** Lines of at most `width`, broken between characters (Chinese has no spaces to break at). */
  wrap(text: string, size: number, width: number): string[] {
    const lines: string[] = [];
    let line = '';
    let lineWidth = 0;
    for (const ch of text) {
      const w = this.width(ch, size);
      if (line && lineWidth + w > width) {
        lines.push(line);
        line = '';
        lineWidth = 0;
      }
      line += ch;
      lineWidth += w;
    }
    return line ? [...lines, line] : lines.length ? lines : [''];
  }
}

interface Row {
  cells: string[][];
  height: number;
}

export async function renderCertificatePdf(snapshot: CertificateSnapshot, assets: CertificatePdfAssets): Promise<RenderedCertificate> {
  if (assets.fonts.length === 0) throw new Error('renderCertificatePdf needs at least one font');
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(chainFontkit(assets.fonts));
  const chain = await usedFonts(snapshot, assets);
  const embedded = await Promise.all(chain.map((f) => doc.embedFont(f.bytes, { subset: true, customName: fontNameOf(f) })));
  const type = new Typesetter(chain, embedded);
  setMetadata(doc, snapshot);

  const hours = formatHours(snapshot.totalMinutes);
  const rows: Row[] = snapshot.records.map((r) => {
    const cells = [
      [r.date],
      type.wrap(r.project, TABLE.size, COLUMNS[1].width - 2 * TABLE.pad),
      type.wrap(r.content, TABLE.size, COLUMNS[2].width - 2 * TABLE.pad),
      [formatHours(r.minutes)],
    ];
    return { cells, height: Math.max(...cells.map((c) => c.length)) * TABLE.line + 2 * TABLE.pad };
  });

  // Lay the rows out first, so every page knows how many pages there are.
  const recordsOrg = snapshot.issuer.onBehalfOf?.name ?? snapshot.issuer.name;
  const statement = type.wrap(T.statement(snapshot.volunteer.name, recordsOrg, hours), 10.5, CONTENT_WIDTH);
  const firstTop = A4.height - MARGIN - FIRST_HEADER_HEIGHT - statement.length * 16;
  const laterTop = A4.height - MARGIN - 72;
  const bottom = MARGIN + 12;
  const pages: Row[][] = [[]];
  let room = firstTop - TABLE.line - 2 * TABLE.pad - bottom;
  for (const row of rows) {
    if (row.height > room) {
      pages.push([]);
      room = laterTop - TABLE.line - 2 * TABLE.pad - bottom;
    }
    pages[pages.length - 1].push(row);
    room -= row.height;
  }
  const closingOnNewPage = room < CLOSING_HEIGHT;
  if (closingOnNewPage) pages.push([]);
  const pageCount = pages.length;

  for (const [i, pageRows] of pages.entries()) {
    const page = doc.addPage([A4.width, A4.height]);
    let y = i === 0 ? drawFirstHeader(page, type, snapshot, statement) : drawLaterHeader(page, type, snapshot);
    if (pageRows.length > 0 || (i === 0 && rows.length === 0)) y = drawTableHeader(page, type, y);
    for (const row of pageRows) y = drawRow(page, type, row, y);
    if (i === pageCount - 1) await drawClosing(doc, page, type, snapshot, assets, hours, y - 18);
    type.centered(page, T.page(snapshot.number, i + 1, pageCount), FOOTER_Y, 8, MUTED);
  }

  for (const a of assets.attachments ?? []) {
    await doc.attach(a.bytes, a.name, {
      mimeType: a.mime,
      description: a.description,
      creationDate: new Date(snapshot.issuedAt),
      modificationDate: new Date(snapshot.issuedAt),
      afRelationship: AFRelationship.Supplement,
    });
  }

  const bytes = await doc.save({ useObjectStreams: true });
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex'), pageCount, substituted: [...type.substituted].sort() };
}

/**
 * pdf-lib's font engine for the chain's faces, already parsed once per instance. They are fontkit 2 faces, not
 * @pdf-lib/fontkit's: that fork's TrueType subsetter truncates glyph outlines of Noto Sans SC (most characters print
 * blank while the text layer still reads right), fontkit 2's does not. fontkit 2 encodes a subset in one call where
 * pdf-lib expects fontkit 1's stream, so each face's subset is handed over as a stream of that one chunk.
 */
function chainFontkit(fonts: readonly LoadedFont[]): Parameters<PDFDocument['registerFontkit']>[0] {
  const create = (bytes: Uint8Array) => {
    const face = fonts.find((f) => f.bytes === bytes)?.face;
    if (!face) throw new Error('a font outside the certificate font chain');
    return Object.create(face, { createSubset: { value: () => streamingSubset(face.createSubset()) } });
  };
  return { create } as unknown as Parameters<PDFDocument['registerFontkit']>[0];
}

function streamingSubset(subset: FontkitSubset): { includeGlyph: FontkitSubset['includeGlyph']; encodeStream(): unknown } {
  return {
    includeGlyph: (glyph) => subset.includeGlyph(glyph),
    encodeStream() {
      const on: Record<string, (arg?: unknown) => void> = {};
      const stream = {
        on(event: string, handler: (arg?: unknown) => void) {
          on[event] = handler;
          // pdf-lib registers data, end and error, in that order, before anything may arrive.
          if (event === 'error') {
            queueMicrotask(() => {
              try {
                on.data?.(subset.encode());
                on.end?.();
              } catch (e) {
                handler(e);
              }
            });
          }
          return stream;
        },
      };
      return stream;
    },
  };
}

/** The primary font always; a fallback only when a character of the snapshot needs it (an unused font adds bytes). */
async function usedFonts(snapshot: CertificateSnapshot, assets: CertificatePdfAssets): Promise<LoadedFont[]> {
  const needed = new Set<number>([0]);
  for (const ch of textOf(snapshot)) {
    const at = assets.fonts.findIndex((f) => f.face.hasGlyphForCodePoint(ch.codePointAt(0)!));
    if (at > 0) needed.add(at);
  }
  return assets.fonts.filter((_, i) => needed.has(i));
}

/** Every text the snapshot puts on the page (what the font chain must cover). */
export function textOf(snapshot: CertificateSnapshot): string {
  const s = snapshot;
  return [
    s.volunteer.name,
    s.volunteer.credentialNoMasked,
    s.issuer.name,
    s.issuer.personInCharge,
    s.issuer.handler,
    s.issuer.contact,
    s.issuer.onBehalfOf?.name ?? '',
    s.issuer.seal.kind === 'text' ? s.issuer.seal.text : '',
    ...s.records.flatMap((r) => [r.project, r.content]),
  ].join('');
}

function fontNameOf(f: LoadedFont): string {
  return f.file.replace(/\.[a-z]+$/i, '');
}

function setMetadata(doc: PDFDocument, s: CertificateSnapshot): void {
  const at = new Date(s.issuedAt);
  doc.setTitle(`${T.title} ${s.number}`, { showInWindowTitleBar: true });
  doc.setAuthor(s.issuer.name);
  doc.setSubject(T.title);
  doc.setCreator('志愿+');
  doc.setProducer('志愿+ certificate (pdf-lib)');
  doc.setLanguage('zh-CN');
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  // The trailer's document id (ISO 32000 §14.4), fixed per certificate so the file's sha256 can be recorded.
  const id = createHash('sha256').update(`${s.number}|${s.issuedAt}`).digest('hex').slice(0, 32);
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
}

function drawFirstHeader(page: PDFPage, type: Typesetter, s: CertificateSnapshot, statement: readonly string[]): number {
  let y = A4.height - MARGIN - 20;
  type.centered(page, T.title, y, 22);
  y -= 24;
  const no = T.number(s.number);
  type.draw(page, no, A4.width - MARGIN - type.width(no, 9.5), y, 9.5, MUTED);
  y -= 22;
  type.draw(page, T.name(s.volunteer.name), MARGIN, y, 10.5);
  type.draw(page, T.volunteerNo(s.volunteer.volunteerNo), MARGIN + CONTENT_WIDTH / 2, y, 10.5);
  y -= 17;
  type.draw(page, T.credential(s.volunteer), MARGIN, y, 10.5);
  y -= 17;
  type.draw(page, T.period(s.period.from, s.period.to), MARGIN, y, 10.5);
  y -= 20;
  for (const line of statement) {
    type.draw(page, line, MARGIN, y, 10.5);
    y -= 16;
  }
  return A4.height - MARGIN - FIRST_HEADER_HEIGHT - statement.length * 16;
}

function drawLaterHeader(page: PDFPage, type: Typesetter, s: CertificateSnapshot): number {
  let y = A4.height - MARGIN - 16;
  type.centered(page, T.continuedTitle, y, 15);
  y -= 22;
  type.draw(page, T.name(s.volunteer.name), MARGIN, y, 9.5);
  type.draw(page, T.volunteerNo(s.volunteer.volunteerNo), MARGIN + 150, y, 9.5);
  const no = T.number(s.number);
  type.draw(page, no, A4.width - MARGIN - type.width(no, 9.5), y, 9.5, MUTED);
  return A4.height - MARGIN - 72;
}

function drawTableHeader(page: PDFPage, type: Typesetter, top: number): number {
  const height = TABLE.line + 2 * TABLE.pad;
  page.drawRectangle({ x: MARGIN, y: top - height, width: CONTENT_WIDTH, height, color: rgb(0.94, 0.94, 0.94) });
  const labels = [T.columns.date, T.columns.project, T.columns.content, T.columns.hours];
  let x = MARGIN;
  for (const [i, c] of COLUMNS.entries()) {
    type.draw(page, labels[i], x + TABLE.pad, top - TABLE.pad - TABLE.size, TABLE.size);
    x += c.width;
  }
  return top - height;
}

function drawRow(page: PDFPage, type: Typesetter, row: Row, top: number): number {
  let x = MARGIN;
  for (const [i, c] of COLUMNS.entries()) {
    for (const [k, line] of row.cells[i].entries()) {
      const lineY = top - TABLE.pad - TABLE.size - k * TABLE.line;
      // Hours line up on the right, as figures do.
      const at = c.key === 'hours' ? x + c.width - TABLE.pad - type.width(line, TABLE.size) : x + TABLE.pad;
      type.draw(page, line, at, lineY, TABLE.size);
    }
    x += c.width;
  }
  page.drawLine({ start: { x: MARGIN, y: top - row.height }, end: { x: MARGIN + CONTENT_WIDTH, y: top - row.height }, thickness: 0.5, color: RULE });
  return top - row.height;
}

async function drawClosing(doc: PDFDocument, page: PDFPage, type: Typesetter, s: CertificateSnapshot, assets: CertificatePdfAssets, hours: string, top: number): Promise<void> {
  let y = top;
  type.draw(page, T.total(s.records.length, hours), MARGIN, y, 10.5);
  y -= 30;
  const lines = [
    T.issuer(s.issuer.name),
    ...(s.issuer.onBehalfOf ? [T.onBehalfOf(s.issuer.onBehalfOf)] : []),
    `${T.personInCharge(s.issuer.personInCharge)}　${T.handler(s.issuer.handler)}`,
    T.contact(s.issuer.contact),
    T.issueDate(s.issueDate),
  ];
  const issuerTop = y;
  for (const line of lines) {
    for (const part of type.wrap(line, 10.5, CONTENT_WIDTH - 130)) {
      type.draw(page, part, MARGIN, y, 10.5);
      y -= 17;
    }
  }
  // The seal sits over the issuer's name and date, as a stamped one does.
  const sealCenter = { x: A4.width - MARGIN - 70, y: issuerTop - 30 };
  if (s.issuer.seal.kind === 'image') {
    if (!assets.sealImage) throw new Error('the snapshot has an image seal but no seal image was given');
    drawImageIn(page, await doc.embedPng(assets.sealImage), sealCenter, 120);
  } else {
    drawTextSeal(page, type, s.issuer.seal.text, sealCenter, 56);
  }

  const codeSize = 78;
  const codeTop = Math.min(y - 12, issuerTop - 110);
  const wxCode = assets.miniProgramCode.mime === 'image/png' ? await doc.embedPng(assets.miniProgramCode.bytes) : await doc.embedJpg(assets.miniProgramCode.bytes);
  page.drawImage(wxCode, { x: MARGIN, y: codeTop - codeSize, width: codeSize, height: codeSize });
  type.draw(page, T.miniProgramCode, MARGIN + (codeSize - type.width(T.miniProgramCode, 8)) / 2, codeTop - codeSize - 11, 8, MUTED);
  const qrX = MARGIN + codeSize + 24;
  drawQr(page, assets.verifyUrl, qrX, codeTop - codeSize, codeSize);
  type.draw(page, T.webCode, qrX + (codeSize - type.width(T.webCode, 8)) / 2, codeTop - codeSize - 11, 8, MUTED);
  const textX = qrX + codeSize + 16;
  let ty = codeTop - 12;
  for (const line of [...type.wrap(T.verifyUrl(assets.verifyUrl), 8.5, A4.width - MARGIN - textX), ...type.wrap(T.verifyNote, 8.5, A4.width - MARGIN - textX)]) {
    type.draw(page, line, textX, ty, 8.5, MUTED);
    ty -= 12;
  }
}

function drawImageIn(page: PDFPage, image: PDFImage, center: { x: number; y: number }, box: number): void {
  const scale = Math.min(box / image.width, box / image.height);
  const w = image.width * scale;
  const h = image.height * scale;
  page.drawImage(image, { x: center.x - w / 2, y: center.y - h / 2, width: w, height: h });
}

/** A round red seal: the issuer's name along the upper arc and a star in the middle (the usual 公章 layout). */
function drawTextSeal(page: PDFPage, type: Typesetter, text: string, c: { x: number; y: number }, r: number): void {
  page.drawCircle({ x: c.x, y: c.y, size: r, borderColor: SEAL_RED, borderWidth: 2.4, borderOpacity: 0.85 });
  const chars = [...text];
  const size = Math.max(7, Math.min(15, (r * 3.4) / Math.max(chars.length, 1)));
  const arc = Math.min(250, chars.length * ((size * 1.15) / (r - size)) * (180 / Math.PI));
  // The baseline sits a glyph's height and a margin inside the ring, so the characters stay within it.
  const textRadius = r - size * 1.1 - 6;
  for (const [i, ch] of chars.entries()) {
    // From the left of the arc to its right, clockwise over the top.
    const angle = 90 + arc / 2 - (chars.length === 1 ? arc / 2 : (arc * i) / (chars.length - 1));
    const rad = (angle * Math.PI) / 180;
    const w = type.width(ch, size);
    const rotation = angle - 90;
    const rot = (rotation * Math.PI) / 180;
    // Centre each glyph on its point of the arc: back off half its width along the tangent.
    const px = c.x + textRadius * Math.cos(rad) - (w / 2) * Math.cos(rot);
    const py = c.y + textRadius * Math.sin(rad) - (w / 2) * Math.sin(rot);
    for (const run of type.runs(ch)) page.drawText(run.text, { x: px, y: py, size, font: run.font, color: SEAL_RED, rotate: degrees(rotation), opacity: 0.85 });
  }
  const star = starPath(r * 0.3);
  page.drawSvgPath(star, { x: c.x, y: c.y, color: SEAL_RED, opacity: 0.85, borderWidth: 0 });
}

/** A five-pointed star centred on the origin, in SVG coordinates (y down; drawSvgPath flips it). */
function starPath(outer: number): string {
  const inner = outer * 0.382;
  const points = Array.from({ length: 10 }, (_, i) => {
    const radius = i % 2 === 0 ? outer : inner;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    return `${(radius * Math.cos(a)).toFixed(3)} ${(radius * Math.sin(a)).toFixed(3)}`;
  });
  return `M ${points.join(' L ')} Z`;
}

/** The plain URL as a QR code drawn in vector squares (sharp at any zoom, and the same bytes every time). */
function drawQr(page: PDFPage, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + 2 * quiet);
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (!qr.modules.get(row, col)) continue;
      page.drawRectangle({ x: x + (col + quiet) * cell, y: y + size - (row + quiet + 1) * cell, width: cell, height: cell, color: rgb(0, 0, 0) });
    }
  }
}
