// `npm run shots [-- <jest filters>]`: runs the mini-program's page tests with ZY_SHOTS_DIR set, so every shot()
// call writes the page's state, then draws each state as HTML and screenshots it in headless Chromium at 375 × 812,
// light and dark, into shots/ (git-ignored). Exit codes: 0 all drawn; 1 a test or a drawing failed (what was
// drawn is kept); 2 no Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Chromium, findChromium } from './chromium';
import { pageDocument, parseDump, SCREEN } from './page-html';
import type { ColorScheme } from './wxss';

const root = resolve(__dirname, '../..');
const miniprogram = join(root, 'miniprogram');
const outDir = join(root, 'shots');
const dumpDir = join(outDir, '.dumps');
const htmlDir = join(outDir, 'html');
const SCHEMES: ColorScheme[] = ['light', 'dark'];
// The screen with the web view grown to its content: what scrolling would show, on one picture.
const FULL_HEIGHT = `document.documentElement.clientHeight - document.querySelector('.shot-webview').clientHeight + document.querySelector('.shot-webview').scrollHeight`;
const SCALE = Number(process.env['ZY_SHOTS_SCALE'] ?? '2');

function noChromium(): never {
  console.error(`npm run shots needs Chromium, and none was found (tried $CHROMIUM_PATH, chromium, chromium-browser, google-chrome).
Install it with the Chinese fonts, then run it again:
  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk
  macOS:          brew install --cask chromium   (or set CHROMIUM_PATH to Google Chrome's binary)
Nothing was drawn; npm test does not need Chromium.`);
  process.exit(2);
}

/** Warns when no Chinese font is installed: Chromium would draw every character as a box. */
function warnWithoutChineseFont(): void {
  const fonts = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  if (fonts.status === 0 && fonts.stdout.trim() === '') {
    console.warn('warning: no Chinese font is installed, Chinese text will be drawn as boxes (sudo apt-get install -y fonts-noto-cjk)');
  }
}

/** The test files that call shot(): only they reach page states worth drawing. */
function testsWithShots(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = join(dir, entry.name);
    if (entry.isDirectory()) {
      // test-support's own test of shot() writes to a folder of its own.
      if (!['node_modules', 'miniprogram_npm', 'test-support'].includes(entry.name)) found.push(...testsWithShots(file));
    } else if (entry.name.endsWith('.test.ts') && /\bshot\(/.test(readFileSync(file, 'utf8'))) found.push(file);
  }
  return found.sort();
}

function runPageTests(filters: string[]): boolean {
  let tests = testsWithShots(miniprogram).map((file) => relative(root, file));
  if (filters.length) tests = tests.filter((file) => filters.some((filter) => file.includes(filter)));
  if (!tests.length) {
    console.error(filters.length ? `no page test calling shot() matches ${filters.join(' ')}` : 'no page test calls shot()');
    return false;
  }
  console.log(`running ${tests.length} page test file(s) with ZY_SHOTS_DIR=${relative(root, dumpDir)} …`);
  const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
  const result = spawnSync(process.execPath, [jest, '--silent', ...tests], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ZY_SHOTS_DIR: dumpDir },
  });
  return result.status === 0;
}

function read(path: string): string | undefined {
  const file = join(miniprogram, path);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** shots/index.html: every state, light beside dark, each picture linking to the whole page when there is one. */
function contactSheet(states: string[], pictures: Set<string>): string {
  const picture = (state: string, scheme: ColorScheme) => {
    const screen = `${state}--${scheme}.png`;
    if (!pictures.has(screen)) return '<span>未绘制</span>';
    const full = `${state}--${scheme}-full.png`;
    return `<a href="${escapeHtml(pictures.has(full) ? full : screen)}"><img src="${escapeHtml(screen)}" width="${SCREEN.width / 1.5}" loading="lazy"></a>`;
  };
  const rows = states
    .map((state) => `<figure><figcaption>${escapeHtml(state.replace('--', ' · '))}</figcaption>${picture(state, 'light')}${picture(state, 'dark')}</figure>`)
    .join('\n');
  return `<!doctype html><meta charset="utf-8"><title>npm run shots</title>
<style>body{font:14px sans-serif;margin:16px;background:#888}figure{display:inline-block;margin:0 16px 24px 0;vertical-align:top}
figcaption{margin-bottom:4px}img{margin-right:4px;box-shadow:0 1px 4px rgba(0,0,0,.4)}</style>
${rows}
`;
}

async function main(): Promise<void> {
  const filters = process.argv.slice(2);
  const executable = findChromium();
  if (!executable) noChromium();
  warnWithoutChineseFont();

  // Only what this command writes is removed: earlier dumps, pages and pictures.
  rmSync(dumpDir, { recursive: true, force: true });
  rmSync(htmlDir, { recursive: true, force: true });
  if (existsSync(outDir)) for (const file of readdirSync(outDir)) if (file.endsWith('.png')) rmSync(join(outDir, file));
  mkdirSync(htmlDir, { recursive: true });

  const testsPassed = runPageTests(filters);
  const dumps = existsSync(dumpDir) ? readdirSync(dumpDir).filter((f) => f.endsWith('.json')).sort() : [];
  if (!dumps.length) {
    console.error('the page tests recorded no state (ZY_SHOTS_DIR): nothing to draw');
    process.exit(1);
  }

  const browser = await Chromium.launch(executable);
  const written: string[] = [];
  const failed: string[] = [];
  try {
    for (const file of dumps) {
      const base = file.replace(/\.json$/, '');
      for (const scheme of SCHEMES) {
        try {
          const dump = parseDump(readFileSync(join(dumpDir, file), 'utf8'), file);
          const html = pageDocument({ dump, scheme, read, fileUrl: (path) => pathToFileURL(join(miniprogram, path)).href });
          const htmlFile = join(htmlDir, `${base}--${scheme}.html`);
          writeFileSync(htmlFile, html);
          const { screen, full } = await browser.screenshot(pathToFileURL(htmlFile).href, {
            width: SCREEN.width,
            height: SCREEN.height,
            deviceScaleFactor: SCALE,
            scheme,
            fullHeight: FULL_HEIGHT,
          });
          const png = join(outDir, `${base}--${scheme}.png`);
          writeFileSync(png, screen);
          written.push(png);
          if (full) {
            const fullPng = join(outDir, `${base}--${scheme}-full.png`);
            writeFileSync(fullPng, full);
            written.push(fullPng);
          }
        } catch (error) {
          failed.push(`${base} (${scheme}): ${(error as Error).message}`);
        }
      }
    }
  } finally {
    await browser.close();
  }

  writeFileSync(join(outDir, 'index.html'), contactSheet(dumps.map((f) => f.replace(/\.json$/, '')), new Set(written.map((png) => relative(outDir, png)))));
  for (const png of written) console.log(relative(root, png));
  console.log(
    `\n${written.length} PNG(s) of ${dumps.length} page state(s), ${SCREEN.width}×${SCREEN.height} at ${SCALE}×, light and dark ` +
      `(-full: the whole page when it is taller than the screen); the HTML behind each is in ${relative(root, htmlDir)}/; all of them side by side: ${relative(root, join(outDir, 'index.html'))}`,
  );
  for (const failure of failed) console.error(`not drawn: ${failure}`);
  if (!testsPassed) console.error('some page tests failed: the states they did not reach are missing');
  process.exit(failed.length || !testsPassed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
