// WXSS → CSS for `npm run shots`: rpx at a 375 px wide screen, one colour scheme resolved, selectors scoped as
// miniprogram-simulate scopes the rendered classes (`.card` of the page → `.main--card`), WXML tag names
// (`view`, `page`) turned into the elements the shots are drawn with (`wx-view`, `wx-page`).

export type ColorScheme = 'light' | 'dark';

/** The width WeChat's rpx is defined against: 750rpx is the screen width. */
const RPX_BASE_WIDTH = 750;

/**
 * One rpx length in px on a screen `screenWidth` px wide, as WeChat's base library converts it: rounded down to a
 * whole pixel, and a non-zero length that would vanish drawn as a 0.5 px hairline, as on an iPhone (2× or 3×).
 */
export function rpxToPx(rpx: number, screenWidth = 375): number {
  if (rpx === 0) return 0;
  const px = Math.floor((rpx / RPX_BASE_WIDTH) * screenWidth + 1e-4);
  return px === 0 ? 0.5 : px;
}

/** Every `<number>rpx` in a CSS text (declarations, inline styles, media conditions) converted to px. */
export function convertRpx(css: string, screenWidth = 375): string {
  return css.replace(/(-?(?:\d+\.?\d*|\.\d+))rpx\b/gi, (_, n: string) => `${rpxToPx(Number(n), screenWidth)}px`);
}

export interface Theme {
  light?: Record<string, string>;
  dark?: Record<string, string>;
}

/**
 * A value from app.json or a page's .json with theme.json variables resolved: `@navBgColor` is the value of
 * navBgColor in the scheme's part of theme.json. A variable theme.json does not define is an error, as WeChat
 * refuses to compile such an app.json.
 */
export function resolveThemeValue(value: string, theme: Theme, scheme: ColorScheme): string {
  if (!value.startsWith('@')) return value;
  const resolved = theme[scheme]?.[value.slice(1)];
  if (resolved === undefined) throw new Error(`theme.json has no ${scheme} value for ${value}`);
  return resolved;
}

/** A top-level or nested statement of a style sheet. */
type Statement =
  | { kind: 'rule'; selector: string; body: string }
  | { kind: 'block-at'; prelude: string; body: string }
  | { kind: 'line-at'; text: string };

function stripComments(css: string): string {
  return css.replace(/\/\*[\s\S]*?\*\//g, '');
}

/** Index just past the `}` matching the `{` at `open`, skipping strings. */
function matchingBrace(css: string, open: number): number {
  let depth = 0;
  for (let i = open; i < css.length; i++) {
    const c = css[i];
    if (c === '"' || c === "'") {
      const end = css.indexOf(c, i + 1);
      i = end < 0 ? css.length : end;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  throw new Error('WXSS: a { is never closed');
}

function parse(css: string): Statement[] {
  const statements: Statement[] = [];
  let i = 0;
  while (i < css.length) {
    while (i < css.length && /\s/.test(css[i]!)) i++;
    if (i >= css.length) break;
    const brace = css.indexOf('{', i);
    const semicolon = css.indexOf(';', i);
    if (css[i] === '@' && semicolon >= 0 && (brace < 0 || semicolon < brace)) {
      statements.push({ kind: 'line-at', text: css.slice(i, semicolon + 1).trim() });
      i = semicolon + 1;
      continue;
    }
    if (brace < 0) {
      if (css.slice(i).trim() === '}') break;
      throw new Error(`WXSS: cannot read "${css.slice(i, i + 40).trim()}"`);
    }
    const end = matchingBrace(css, brace);
    const head = css.slice(i, brace).trim();
    const body = css.slice(brace + 1, end - 1);
    statements.push(head.startsWith('@') ? { kind: 'block-at', prelude: head, body } : { kind: 'rule', selector: head, body });
    i = end;
  }
  return statements;
}

/** WXML tag names a selector may use, and `page`, the root of every page. */
const WXML_TAGS = [
  'page', 'view', 'text', 'button', 'input', 'textarea', 'picker', 'picker-view', 'picker-view-column', 'switch',
  'checkbox', 'checkbox-group', 'radio', 'radio-group', 'label', 'slider', 'form', 'image', 'navigator', 'scroll-view',
  'swiper', 'swiper-item', 'icon', 'progress', 'rich-text', 'cover-view', 'cover-image', 'movable-area',
  'movable-view', 'video', 'map', 'canvas', 'editor',
];
const TAG_SELECTOR = new RegExp(`(^|[\\s>+~(,])(${WXML_TAGS.join('|')})(?=$|[\\s>+~.#:\\[),])`, 'g');

/**
 * A selector list scoped to one component, as miniprogram-simulate scopes the class names it renders: every class
 * gets `<prefix>--`, WXML tags become wx-* elements, `:host` the component's own element.
 */
export function scopeSelector(selector: string, prefix: string, hostTag?: string): string {
  return selector
    .split(',')
    .map((one) =>
      one
        .trim()
        .replace(/:host/g, hostTag ?? 'wx-page')
        .replace(/\.(-?[_a-zA-Z][-_a-zA-Z0-9]*)/g, `.${prefix}--$1`)
        .replace(TAG_SELECTOR, (_, before: string, tag: string) => `${before}wx-${tag}`),
    )
    .join(', ');
}

const COLOR_SCHEME_FEATURE = /\(\s*prefers-color-scheme\s*:\s*(light|dark)\s*\)/i;

/**
 * The media query of an @media prelude once the colour scheme is decided: undefined when the block never applies
 * in this scheme, '' when it always applies (the block is unwrapped), or what remains of the query.
 */
function mediaForScheme(prelude: string, scheme: ColorScheme): string | undefined {
  const query = prelude.replace(/^@media\s*/i, '');
  const match = COLOR_SCHEME_FEATURE.exec(query);
  if (!match) return query;
  if (match[1]!.toLowerCase() !== scheme) return undefined;
  const rest = query.replace(COLOR_SCHEME_FEATURE, '').replace(/^\s*and\s+|\s+and\s*$/i, '').replace(/\s+and\s+and\s+/i, ' and ').trim();
  return rest === '' || /^(all|screen|only screen)$/i.test(rest) ? '' : rest;
}

export interface WxssOptions {
  /** The class prefix of the component the sheet belongs to (`main` for the page). */
  prefix: string;
  /** The element `:host` stands for. */
  hostTag?: string;
  scheme: ColorScheme;
  screenWidth?: number;
}

function convertStatements(statements: Statement[], options: WxssOptions): string {
  const out: string[] = [];
  for (const statement of statements) {
    if (statement.kind === 'line-at') {
      // @import is inlined before conversion; @charset and the like mean nothing inside a <style>.
      continue;
    }
    if (statement.kind === 'rule') {
      out.push(`${scopeSelector(statement.selector, options.prefix, options.hostTag)}{${convertRpx(statement.body.trim(), options.screenWidth)}}`);
      continue;
    }
    const name = /^@([-\w]+)/.exec(statement.prelude)?.[1]?.toLowerCase();
    if (name === 'media') {
      const media = mediaForScheme(statement.prelude, options.scheme);
      if (media === undefined) continue;
      const inner = convertStatements(parse(statement.body), options);
      out.push(media === '' ? inner : `@media ${convertRpx(media, options.screenWidth)}{${inner}}`);
    } else if (name === 'supports') {
      out.push(`${statement.prelude}{${convertStatements(parse(statement.body), options)}}`);
    } else {
      // @keyframes, @font-face: selectors inside are not elements.
      out.push(`${statement.prelude}{${convertRpx(statement.body, options.screenWidth)}}`);
    }
  }
  return out.join('\n');
}

/**
 * Inlines `@import "x.wxss";` (paths relative to the importing file, or absolute from the mini-program root), as
 * WeChat does, reading files through `read` (path → text, undefined when absent).
 */
export function inlineImports(wxss: string, file: string, read: (path: string) => string | undefined, seen = new Set<string>()): string {
  return stripComments(wxss).replace(/@import\s+(?:url\()?\s*["']([^"']+)["']\s*\)?\s*;/g, (_, target: string) => {
    const resolved = resolvePath(file, target);
    if (seen.has(resolved)) return '';
    seen.add(resolved);
    const text = read(resolved);
    if (text === undefined) throw new Error(`${file}: @import "${target}" not found`);
    return inlineImports(text, resolved, read, seen);
  });
}

/** A path as the mini-program resolves it: `/x` from the root, anything else from the importing file's folder. */
export function resolvePath(fromFile: string, target: string): string {
  const parts = target.startsWith('/') ? [] : fromFile.split('/').slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/** A WXSS text (imports already inlined) as CSS for one component and one colour scheme. */
export function wxssToCss(wxss: string, options: WxssOptions): string {
  return convertStatements(parse(stripComments(wxss)), options);
}
