// One page state (a shot() dump) as a self-contained HTML document a browser draws as WeChat would on a
// 375 × 812 phone: status bar, navigation bar with the page's title, the page with its WXSS and app.wxss, the
// styles of the components it uses, and the tab bar on tab pages.
import { builtinCss, drawBuiltins, parseMarkup, toHtml } from './builtins';
import { inlineImports, resolvePath, resolveThemeValue, wxssToCss, type ColorScheme, type Theme } from './wxss';

/** What shot() writes (miniprogram/test-support/simulate.ts). */
export interface ShotDump {
  page: string;
  state: string;
  test: string;
  html: string;
  /** Set when the page named itself with wx.setNavigationBarTitle: drawn instead of its .json's title. */
  title?: string;
}

export function parseDump(text: string, source: string): ShotDump {
  const value = JSON.parse(text) as Partial<ShotDump>;
  for (const key of ['page', 'state', 'test', 'html'] as const) {
    if (typeof value[key] !== 'string') throw new Error(`${source}: no "${key}" in the dump`);
  }
  if (value.title !== undefined && typeof value.title !== 'string') throw new Error(`${source}: "title" is not text`);
  return value as ShotDump;
}

/** Files of the mini-program, by path from its root (`pages/me/index.wxss`); undefined when absent. */
export type ReadFile = (path: string) => string | undefined;

interface WindowJson {
  navigationBarTitleText?: string;
  navigationBarBackgroundColor?: string;
  navigationBarTextStyle?: string;
  navigationStyle?: string;
  backgroundColor?: string;
}
interface PageJson extends WindowJson {
  usingComponents?: Record<string, string>;
}
interface AppJson {
  pages: string[];
  window?: WindowJson;
  tabBar?: {
    color: string;
    selectedColor: string;
    backgroundColor: string;
    borderStyle?: string;
    list: { pagePath: string; text: string; iconPath?: string; selectedIconPath?: string }[];
  };
}

export const SCREEN = { width: 375, height: 812, statusBar: 44, navigationBar: 44, tabBar: 50, homeIndicator: 34 } as const;

function readJson<T>(read: ReadFile, file: string): T | undefined {
  const text = read(file);
  return text === undefined ? undefined : (JSON.parse(text) as T);
}

/** The page's window settings: app.json's window, overridden by the page's .json, theme variables resolved. */
export function windowOf(app: AppJson, page: PageJson, theme: Theme, scheme: ColorScheme) {
  const merged: WindowJson = { ...app.window, ...page };
  const value = (v: string | undefined, fallback: string) => resolveThemeValue(v ?? fallback, theme, scheme);
  return {
    title: merged.navigationBarTitleText ?? '',
    background: value(merged.navigationBarBackgroundColor, '#000000'),
    // WeChat allows only black and white here.
    text: value(merged.navigationBarTextStyle, 'white') === 'black' ? '#000000' : '#ffffff',
    custom: merged.navigationStyle === 'custom',
    windowBackground: value(merged.backgroundColor, '#ffffff'),
  };
}

/** The component a usingComponents entry names, as a path from the root without extension. */
function componentPath(owner: string, target: string): string {
  return resolvePath(owner, target);
}

/** Whether a component lets app.wxss style it (styleIsolation apply-shared/shared, or addGlobalClass). */
function takesAppStyles(read: ReadFile, component: string): boolean {
  const code = read(`${component}.ts`) ?? read(`${component}.js`) ?? '';
  const json = readJson<{ styleIsolation?: string }>(read, `${component}.json`);
  const isolation = json?.styleIsolation ?? /styleIsolation\s*:\s*['"]([-\w]+)['"]/.exec(code)?.[1];
  return isolation === 'apply-shared' || isolation === 'shared' || /addGlobalClass\s*:\s*true/.test(code);
}

function sheetOf(read: ReadFile, file: string): string {
  const text = read(file);
  return text === undefined ? '' : inlineImports(text, file, read);
}

/**
 * The CSS of the page and every component under it: each sheet scoped with the prefix its classes carry in the
 * rendered tree (the page's `main`, a component's tag), app.wxss for the page and for components that take it.
 */
export function pageCss(read: ReadFile, pagePath: string, scheme: ColorScheme, safeAreaBottom = 0): string {
  const app = sheetOf(read, 'app.wxss');
  const parts = [wxssToCss(app, { prefix: 'main', scheme }), wxssToCss(sheetOf(read, `${pagePath}.wxss`), { prefix: 'main', scheme })];
  const seen = new Set<string>();
  const visit = (owner: string) => {
    const using = readJson<PageJson>(read, `${owner}.json`)?.usingComponents ?? {};
    for (const [tag, target] of Object.entries(using)) {
      if (target.startsWith('plugin://') || target.startsWith('weui-miniprogram/')) continue;
      const component = componentPath(owner, target);
      const key = `${tag} ${component}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (takesAppStyles(read, component)) parts.push(wxssToCss(app, { prefix: tag, hostTag: tag, scheme }));
      parts.push(wxssToCss(sheetOf(read, `${component}.wxss`), { prefix: tag, hostTag: tag, scheme }));
      visit(component);
    }
  };
  visit(pagePath);
  return withSafeArea(parts.filter(Boolean).join('\n'), safeAreaBottom);
}

/**
 * env(safe-area-inset-*) as WeChat's web view answers on an iPhone with a home indicator: the bottom inset is
 * 34 px on a page without a tab bar and 0 on a tab page (the tab bar covers it); the status bar is above the web view.
 */
export function withSafeArea(css: string, bottom: number): string {
  return css.replace(/(?:env|constant)\(\s*safe-area-inset-(top|right|bottom|left)\s*(?:,[^)]*)?\)/g, (_, side: string) => `${side === 'bottom' ? bottom : 0}px`);
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function navigationBar(win: ReturnType<typeof windowOf>, isTabPage: boolean, scheme: ColorScheme): string {
  const capsuleBg = scheme === 'dark' ? 'rgba(0,0,0,0.15)' : 'rgba(255,255,255,0.6)';
  const capsuleBorder = win.text === '#ffffff' ? 'rgba(255,255,255,0.25)' : 'rgba(0,0,0,0.08)';
  return `<div class="shot-top" style="background-color:${win.background};color:${win.text}">
  <div class="shot-status"><span>9:41</span><span class="shot-status-icons"><span class="shot-signal"><i></i><i></i><i></i><i></i></span><span class="shot-battery"><i></i></span></span></div>
  ${
    win.custom
      ? ''
      : `<div class="shot-nav">${isTabPage ? '' : '<span class="shot-back">‹</span>'}<span class="shot-title">${escapeHtml(win.title)}</span>
    <span class="shot-capsule" style="background-color:${capsuleBg};border-color:${capsuleBorder}"><span class="shot-dots"><i></i><i></i><i></i></span><span class="shot-capsule-line" style="background-color:${capsuleBorder}"></span><span class="shot-close"></span></span></div>`
  }
</div>`;
}

function tabBar(app: AppJson, pagePath: string, theme: Theme, scheme: ColorScheme, fileUrl: (path: string) => string): string {
  const bar = app.tabBar!;
  const color = resolveThemeValue(bar.color, theme, scheme);
  const selected = resolveThemeValue(bar.selectedColor, theme, scheme);
  const background = resolveThemeValue(bar.backgroundColor, theme, scheme);
  const border = resolveThemeValue(bar.borderStyle ?? 'black', theme, scheme) === 'white' ? 'rgba(255,255,255,0.15)' : 'rgba(0,0,0,0.15)';
  const hasIcons = bar.list.some((item) => item.iconPath);
  const items = bar.list
    .map((item) => {
      const current = item.pagePath === pagePath;
      // Icon paths may be theme.json variables, as WeChat allows for iconPath and selectedIconPath.
      const path = current ? (item.selectedIconPath ?? item.iconPath) : item.iconPath;
      const icon = path === undefined ? undefined : resolveThemeValue(path, theme, scheme);
      const image = hasIcons ? `<span class="shot-tab-icon">${icon ? `<img src="${escapeHtml(fileUrl(icon))}">` : ''}</span>` : '';
      return `<span class="shot-tab${hasIcons ? '' : ' shot-tab-text-only'}" style="color:${current ? selected : color}">${image}<span>${escapeHtml(item.text)}</span></span>`;
    })
    .join('');
  return `<div class="shot-tabbar" style="background-color:${background};border-top-color:${border}">${items}</div>`;
}

/** Where WeChat's web view sits on the screen: between the navigation bar and the tab bar (or the bottom edge). */
export function webviewBox(isTabPage: boolean, custom: boolean) {
  return { top: custom ? 0 : SCREEN.statusBar + SCREEN.navigationBar, bottom: isTabPage ? SCREEN.tabBar + SCREEN.homeIndicator : 0 };
}

function frameCss(isTabPage: boolean, custom: boolean, text: string): string {
  const box = webviewBox(isTabPage, custom);
  return `
html, body { margin: 0; padding: 0; height: 100%; }
body { font-family: -apple-system, "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", "Helvetica Neue", sans-serif;
  font-size: 16px; -webkit-text-size-adjust: none; -webkit-font-smoothing: antialiased; overflow: hidden; }
* { -webkit-tap-highlight-color: transparent; }
.shot-top { position: fixed; top: 0; left: 0; right: 0; z-index: 5000; }
.shot-status { height: ${SCREEN.statusBar}px; display: flex; align-items: center; justify-content: space-between; padding: 4px 26px 0 36px;
  font-size: 15px; font-weight: 600; box-sizing: border-box; }
.shot-status-icons { display: flex; align-items: center; gap: 6px; }
.shot-signal { display: flex; align-items: flex-end; gap: 1.5px; height: 11px; }
.shot-signal i { width: 3px; background: currentColor; border-radius: 1px; }
.shot-signal i:nth-child(1) { height: 4px; } .shot-signal i:nth-child(2) { height: 6px; }
.shot-signal i:nth-child(3) { height: 8.5px; } .shot-signal i:nth-child(4) { height: 11px; }
.shot-battery { position: relative; width: 22px; height: 11px; box-sizing: border-box; border: 1px solid currentColor; border-radius: 3px; padding: 1px; opacity: 0.9; }
.shot-battery::after { content: ''; position: absolute; right: -3px; top: 3px; width: 1.5px; height: 4px; background: currentColor; border-radius: 0 1px 1px 0; }
.shot-battery i { display: block; height: 100%; width: 75%; background: currentColor; border-radius: 1px; }
.shot-nav { position: relative; height: ${SCREEN.navigationBar}px; display: flex; align-items: center; justify-content: center; }
.shot-title { font-size: 17px; font-weight: 600; max-width: 50%; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.shot-back { position: absolute; left: 8px; top: 14px; width: 12px; height: 12px; border-left: 2.5px solid currentColor; border-bottom: 2.5px solid currentColor; transform: translateX(6px) rotate(45deg); }
.shot-capsule { position: absolute; right: 7px; top: 6px; width: 87px; height: 32px; box-sizing: border-box; border: 0.5px solid;
  border-radius: 16px; display: flex; align-items: center; justify-content: space-around; }
.shot-dots { display: flex; gap: 3px; align-items: center; }
.shot-dots i { width: 4px; height: 4px; border-radius: 50%; background: currentColor; }
.shot-dots i:nth-child(2) { width: 6px; height: 6px; }
.shot-capsule-line { width: 0.5px; height: 18px; }
.shot-close { width: 14px; height: 14px; box-sizing: border-box; border: 2px solid currentColor; border-radius: 50%; position: relative; }
.shot-close::after { content: ''; position: absolute; left: 3px; top: 3px; width: 4px; height: 4px; border-radius: 50%; background: currentColor; }
/* The web view: its own containing block, so the page's position: fixed is fixed to it, as in WeChat. */
.shot-webview { position: absolute; left: 0; right: 0; top: ${box.top}px; ${isTabPage ? `height: calc(100% - ${box.top + box.bottom}px)` : 'bottom: 0'};
  overflow: hidden; transform: translateZ(0); }
wx-page { box-sizing: border-box; min-height: 100%; }
.shot-tabbar { position: fixed; left: 0; right: 0; bottom: 0; z-index: 5000; display: flex; height: ${SCREEN.tabBar}px;
  padding-bottom: ${SCREEN.homeIndicator}px; border-top: 0.5px solid; }
.shot-tab { flex: 1; display: flex; flex-direction: column; align-items: center; justify-content: center; font-size: 10px; line-height: 1.4; }
.shot-tab-text-only { font-size: 14px; }
.shot-tab-icon, .shot-tab-icon img { display: block; width: 24px; height: 24px; margin-bottom: 2px; }
.shot-home { position: fixed; left: 50%; bottom: 8px; z-index: 5001; width: 134px; height: 5px; margin-left: -67px; border-radius: 3px; background: ${text}; }
`;
}

export interface PageDocumentOptions {
  dump: ShotDump;
  scheme: ColorScheme;
  read: ReadFile;
  /** A file of the mini-program as a URL the browser can load (tab bar icons). */
  fileUrl: (path: string) => string;
}

/** The HTML document of one page state in one colour scheme. */
export function pageDocument({ dump, scheme, read, fileUrl }: PageDocumentOptions): string {
  const app = readJson<AppJson>(read, 'app.json');
  if (!app) throw new Error('app.json not found');
  const theme = readJson<Theme>(read, 'theme.json') ?? {};
  const page = readJson<PageJson>(read, `${dump.page}.json`) ?? {};
  const win = { ...windowOf(app, page, theme, scheme), ...(dump.title === undefined ? {} : { title: dump.title }) };
  const isTabPage = app.tabBar?.list.some((item) => item.pagePath === dump.page) ?? false;
  const body = toHtml(drawBuiltins(parseMarkup(dump.html)));
  return `<!doctype html>
<html lang="zh-CN" data-scheme="${scheme}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=${SCREEN.width}, initial-scale=1">
<meta name="color-scheme" content="${scheme}">
<title>${escapeHtml(`${dump.page} · ${dump.state} · ${scheme}`)}</title>
<style>${frameCss(isTabPage, win.custom, scheme === 'dark' ? '#ffffff' : '#000000')}</style>
<style>body { background-color: ${win.windowBackground}; }</style>
<style>${builtinCss(scheme)}</style>
<style>${pageCss(read, dump.page, scheme, isTabPage ? 0 : SCREEN.homeIndicator)}</style>
</head>
<body>
${navigationBar(win, isTabPage, scheme)}
<div class="shot-webview"><wx-page>${body}</wx-page></div>
${isTabPage ? tabBar(app, dump.page, theme, scheme, fileUrl) : ''}
<div class="shot-home"></div>
</body>
</html>
`;
}
