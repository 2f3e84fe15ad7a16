// The certificate's fonts: a chain tried in order for every character, so every name a person can have prints as
// text. Noto Sans SC covers all 8,105 characters of 《通用规范汉字表》 (coverage.test.ts); Noto Sans HK adds 1,707
// characters of CJK Extension B (HKSCS names) and Noto Sans JP 383 more (𠮷 among them). All three are SIL OFL 1.1,
// from npm (@expo-google-fonts/noto-sans-*). They are 5–10 MB each, so they stay out of the function package: they
// live in cloud storage (ZY_FONTS_FOLDER, uploaded by the deploy and the emulator), are downloaded once per instance,
// kept in /tmp and in memory, and a fallback is fetched only when a certificate has a character the ones before lack.
import * as fontkit from 'fontkit';
import fontList from './fonts.json';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface CertificateFontFile {
  /** File name in the fonts folder of cloud storage. */
  file: string;
  /** Where the deploy and the emulator take it from (relative to node_modules). */
  packagePath: string;
}

/** Tried in this order for each character (fonts.json: scripts/deploy.mjs uploads the same list). */
export const CERTIFICATE_FONTS: readonly CertificateFontFile[] = fontList;

export interface LoadedFont {
  file: string;
  bytes: Uint8Array;
  face: fontkit.FontkitFace;
}

/** Reads one font file's bytes (from cloud storage in the function; from node_modules in tests and the bench). */
export type FontFetcher = (file: string) => Promise<Uint8Array>;

/** The code points of `text` that none of `fonts` has. */
export function uncoveredCodePoints(text: string, fonts: readonly LoadedFont[]): number[] {
  const missing = new Set<number>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (isLayoutWhitespace(cp)) continue;
    if (!fonts.some((f) => f.face.hasGlyphForCodePoint(cp))) missing.add(cp);
  }
  return [...missing];
}

/** Line breaks and the like are laid out, never drawn. */
export function isLayoutWhitespace(cp: number): boolean {
  return cp === 0x0a || cp === 0x0d || cp === 0x09;
}

/**
 * One instance's fonts: each file fetched at most once (concurrent asks share the fetch), parsed once, kept in memory
 * and in `cacheDir` (an instance's /tmp survives between invocations, not its memory after a restart).
 */
export class FontChain {
  private readonly loaded = new Map<string, Promise<LoadedFont>>();

  constructor(
    private readonly fetchFont: FontFetcher,
    private readonly cacheDir: string | null = path.join(os.tmpdir(), 'zy-certificate-fonts'),
    private readonly files: readonly CertificateFontFile[] = CERTIFICATE_FONTS,
  ) {}

  /** The primary font, then each fallback only as long as `text` still has a character the fonts so far lack. */
  async fontsFor(text: string): Promise<LoadedFont[]> {
    const fonts: LoadedFont[] = [];
    for (const [i, f] of this.files.entries()) {
      if (i > 0 && uncoveredCodePoints(text, fonts).length === 0) break;
      fonts.push(await this.load(f.file));
    }
    return fonts;
  }

  /** Every font of the chain (the coverage test and the bench). */
  async all(): Promise<LoadedFont[]> {
    return Promise.all(this.files.map((f) => this.load(f.file)));
  }

  private load(file: string): Promise<LoadedFont> {
    let font = this.loaded.get(file);
    if (!font) {
      font = this.read(file).then((bytes) => ({ file, bytes, face: fontkit.create(bytes) }));
      // A failed fetch is not kept: the next certificate tries again.
      font.catch(() => this.loaded.delete(file));
      this.loaded.set(file, font);
    }
    return font;
  }

  private async read(file: string): Promise<Uint8Array> {
    const cached = this.cacheDir ? path.join(this.cacheDir, file) : null;
    if (cached && fs.existsSync(cached)) return new Uint8Array(fs.readFileSync(cached));
    const bytes = await this.fetchFont(file);
    if (cached) {
      // Written whole under another name first, so a killed instance never leaves half a font to be read later.
      fs.mkdirSync(this.cacheDir!, { recursive: true });
      const partial = `${cached}.${process.pid}.partial`;
      fs.writeFileSync(partial, bytes);
      fs.renameSync(partial, cached);
    }
    return bytes;
  }
}

/** Fonts straight from node_modules: tests, the bench, and the uploads of the deploy and the emulator. */
export function packageFontPath(file: string): string {
  const font = CERTIFICATE_FONTS.find((f) => f.file === file);
  if (!font) throw new Error(`not a certificate font: ${file}`);
  return require.resolve(font.packagePath);
}

export const packageFontFetcher: FontFetcher = async (file) => new Uint8Array(fs.readFileSync(packageFontPath(file)));
