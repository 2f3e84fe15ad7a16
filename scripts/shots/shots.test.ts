// The pure parts of `npm run shots`: rpx, theme.json, WXSS → CSS, WeChat's built-in components as HTML, and the
// page document around a dump. Drawing in Chromium is left to the command itself (it needs a browser).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drawBuiltins, parseMarkup, toHtml } from './builtins';
import { findChromium } from './chromium';
import { pageCss, pageDocument, windowOf, withSafeArea, type ReadFile } from './page-html';
import { convertRpx, inlineImports, resolveThemeValue, rpxToPx, scopeSelector, wxssToCss, type Theme } from './wxss';

const miniprogram = join(__dirname, '../../miniprogram');
const theme = JSON.parse(readFileSync(join(miniprogram, 'theme.json'), 'utf8')) as Theme;

describe('rpx at a 375 px wide screen', () => {
  it('is half a pixel, rounded down to whole pixels as WeChat does, hairlines kept', () => {
    expect(rpxToPx(750)).toBe(375);
    expect(rpxToPx(30)).toBe(15);
    expect(rpxToPx(25)).toBe(12);
    expect(rpxToPx(1)).toBe(0.5);
    expect(rpxToPx(0)).toBe(0);
    expect(rpxToPx(-20)).toBe(-10);
    expect(rpxToPx(750, 414)).toBe(414);
  });

  it('converts every rpx length in declarations and leaves other units alone', () => {
    expect(convertRpx('padding: 24rpx 32rpx; border: 1rpx solid #000; width: 50%; margin: -8rpx 0 .5em')).toBe(
      'padding: 12px 16px; border: 0.5px solid #000; width: 50%; margin: -4px 0 .5em',
    );
    expect(convertRpx('calc(32rpx + env(safe-area-inset-bottom))')).toBe('calc(16px + env(safe-area-inset-bottom))');
  });
});

describe('theme.json variables', () => {
  it('resolve to the scheme’s value, and plain values pass through', () => {
    expect(resolveThemeValue('@navBgColor', theme, 'light')).toBe('#ffffff');
    expect(resolveThemeValue('@navBgColor', theme, 'dark')).toBe('#191919');
    expect(resolveThemeValue('#123456', theme, 'dark')).toBe('#123456');
    expect(() => resolveThemeValue('@noSuchColor', theme, 'light')).toThrow('theme.json has no light value for @noSuchColor');
  });

  it('give the navigation bar of a page its window settings, the page’s own .json first', () => {
    const app = { pages: [], window: { navigationBarTitleText: '志愿+', navigationBarBackgroundColor: '@navBgColor', navigationBarTextStyle: '@navTextStyle', backgroundColor: '@bgColor' } };
    expect(windowOf(app, { navigationBarTitleText: '我的' }, theme, 'light')).toEqual({
      title: '我的',
      background: '#ffffff',
      text: '#000000',
      custom: false,
      windowBackground: '#f5f6f7',
    });
    expect(windowOf(app, {}, theme, 'dark')).toMatchObject({ title: '志愿+', background: '#191919', text: '#ffffff', windowBackground: '#111111' });
  });
});

describe('WXSS → CSS', () => {
  const wxss = `
/* tokens */
page { --color-bg: #f5f6f7; font-size: 30rpx; }
@media (prefers-color-scheme: dark) { page { --color-bg: #111111; } .card { border-color: #333; } }
@media (prefers-color-scheme: light) { .only-light { color: red; } }
@media (min-width: 400px) { .wide { padding: 40rpx; } }
@keyframes spin { from { transform: rotate(0deg); } to { transform: rotate(360deg); } }
view.card > text, .card .title:not(.muted) { padding: 24rpx; opacity: .5; }
`;

  it('keeps only the light rules in light', () => {
    const css = wxssToCss(wxss, { prefix: 'main', scheme: 'light' });
    expect(css).toContain('wx-page{--color-bg: #f5f6f7; font-size: 15px;}');
    expect(css).not.toContain('#111111');
    expect(css).toContain('.main--only-light{color: red;}');
  });

  it('unwraps the dark rules in dark, after the light ones so they win', () => {
    const css = wxssToCss(wxss, { prefix: 'main', scheme: 'dark' });
    expect(css).not.toContain('prefers-color-scheme');
    expect(css).not.toContain('only-light');
    expect(css.indexOf('--color-bg: #111111')).toBeGreaterThan(css.indexOf('--color-bg: #f5f6f7'));
    expect(css).toContain('.main--card{border-color: #333;}');
  });

  it('scopes classes with the component’s prefix, turns WXML tags into wx-* elements, leaves keyframes alone', () => {
    const css = wxssToCss(wxss, { prefix: 'main', scheme: 'light' });
    expect(css).toContain('wx-view.main--card > wx-text, .main--card .main--title:not(.main--muted){padding: 12px; opacity: .5;}');
    expect(css).toContain('@media (min-width: 400px){.main--wide{padding: 20px;}}');
    expect(css).toContain('@keyframes spin{ from { transform: rotate(0deg); } to { transform: rotate(360deg); } }');
    expect(scopeSelector(':host .sheet', 'privacy-popup', 'privacy-popup')).toBe('privacy-popup .privacy-popup--sheet');
    // Tag names only where a selector names an element, not inside class names.
    expect(scopeSelector('.text-view, image', 'main')).toBe('.main--text-view, wx-image');
  });

  it('keeps a scheme query combined with another condition as that condition', () => {
    expect(wxssToCss('@media screen and (prefers-color-scheme: dark) and (min-width: 300px) { .a { color: #fff; } }', { prefix: 'p', scheme: 'dark' })).toBe(
      '@media screen and (min-width: 300px){.p--a{color: #fff;}}',
    );
  });

  it('inlines @import relative to the importing file or from the root, once', () => {
    const files: Record<string, string> = {
      'common/form.wxss': '@import "/common/tokens.wxss"; .field { margin: 8rpx; }',
      'common/tokens.wxss': '.token { color: red; }',
    };
    const read = (path: string) => files[path];
    const text = inlineImports('@import "../../common/form.wxss";\n@import "/common/tokens.wxss";\n.page { x: y; }', 'pages/me/index.wxss', read);
    expect(text.match(/\.token/g)).toHaveLength(1);
    expect(text).toContain('.field { margin: 8rpx; }');
    expect(() => inlineImports('@import "missing.wxss";', 'pages/me/index.wxss', read)).toThrow('@import "missing.wxss" not found');
  });

  it('answers env(safe-area-inset-bottom) as an iPhone with a home indicator does', () => {
    expect(withSafeArea('padding-bottom: calc(16px + env(safe-area-inset-bottom)); top: env(safe-area-inset-top)', 34)).toBe(
      'padding-bottom: calc(16px + 34px); top: 0px',
    );
    expect(withSafeArea('bottom: constant(safe-area-inset-bottom, 10px)', 0)).toBe('bottom: 0px');
  });

  it('gives a component that takes app styles (styleIsolation: apply-shared) app.wxss under its own prefix', () => {
    const read: ReadFile = (path) => (path === 'pages/x/index.json' ? undefined : readFileSync(join(miniprogram, path), 'utf8'));
    const files: Record<string, string> = {
      'app.wxss': '.btn-primary { color: red; }',
      'pages/x/index.wxss': '.head { margin: 0; }',
      'pages/x/index.json': JSON.stringify({ usingComponents: { 'privacy-popup': '/components/privacy-popup/index' } }),
    };
    const css = pageCss((path) => files[path] ?? read(path), 'pages/x/index', 'light');
    expect(css).toContain('.main--btn-primary{color: red;}');
    expect(css).toContain('.privacy-popup--btn-primary{color: red;}');
    expect(css).toContain('.privacy-popup--privacy-sheet{');
  });
});

describe('WeChat’s built-in components as HTML', () => {
  const draw = (markup: string) => toHtml(drawBuiltins(parseMarkup(markup)));

  it('shows an input’s value, or its placeholder when empty, and a password as dots', () => {
    expect(draw('<wx-input class="main--input" value="张三" placeholder="姓名"></wx-input>')).toBe(
      '<wx-input class="main--input" placeholder="姓名"><span class="wx-field-value">张三</span></wx-input>',
    );
    expect(draw('<wx-input value placeholder="与证件上一致"></wx-input>')).toContain('<span class="wx-field-placeholder">与证件上一致</span>');
    expect(draw('<wx-input password value="abc"></wx-input>')).toContain('>•••<');
    expect(draw('<wx-textarea value="第一行&#10;" placeholder="x"></wx-textarea>')).toContain('wx-field-value');
  });

  it('keeps a button’s attributes for its styles and draws the loading spinner', () => {
    expect(draw('<wx-button type="primary" size="mini" disabled loading>提交</wx-button>')).toBe(
      '<wx-button type="primary" size="mini" disabled loading><span class="wx-loading"></span>提交</wx-button>',
    );
    expect(draw('<wx-button>重试</wx-button>')).toBe('<wx-button>重试</wx-button>');
  });

  it('draws switches, checkboxes, radios, icons and progress bars from their properties', () => {
    expect(draw('<wx-switch checked color="#d6402f"></wx-switch>')).toContain('wx-switch-track" style="background-color:#d6402f;border-color:#d6402f"');
    expect(draw('<wx-checkbox checked>同意</wx-checkbox>')).toBe('<wx-checkbox checked><span class="wx-checkbox-box">✓</span>同意</wx-checkbox>');
    expect(draw('<wx-radio>否</wx-radio>')).toBe('<wx-radio><span class="wx-radio-box"></span>否</wx-radio>');
    expect(draw('<wx-icon type="success" size="40"></wx-icon>')).toContain('width:40px;height:40px');
    expect(draw('<wx-progress percent="120" show-info></wx-progress>')).toContain('width:100%');
    expect(draw('<wx-progress percent="30" show-info></wx-progress>')).toContain('<span class="wx-progress-info">30%</span>');
  });

  it('draws a slider: its track, the part up to the value filled, the handle there, and the value with show-value', () => {
    const html = draw('<wx-slider min="1" max="21" value="6" block-size="20" active-color="#d6402f" show-value></wx-slider>');
    expect(html).toContain('<span class="wx-slider-track" style="background-color:#e9e9e9">');
    expect(html).toContain('<span class="wx-slider-filled" style="width:25%;background-color:#d6402f"></span>');
    expect(html).toContain('<span class="wx-slider-handle" style="left:25%;width:20px;height:20px;margin-left:-10px;margin-top:-10px;background-color:#ffffff"></span>');
    expect(html).toContain('<span class="wx-slider-value">6</span>');
    expect(html).not.toContain(' value="6"'); // data for the page, not drawn as an attribute
    // WeChat's defaults: 0–100, value 0, handle 28px, green fill; no value without show-value; the value kept in range.
    const plain = draw('<wx-slider></wx-slider>');
    expect(plain).toContain('width:0%;background-color:#1aad19');
    expect(plain).toContain('width:28px;height:28px');
    expect(plain).not.toContain('wx-slider-value');
    const over = draw('<wx-slider value="150" block-size="40" background-color="#333"></wx-slider>');
    expect(over).toContain('<span class="wx-slider-track" style="background-color:#333">');
    expect(over).toContain('left:100%;width:28px');
    expect(draw('<wx-slider value="-5" block-size="4"></wx-slider>')).toContain('left:0%;width:12px');
  });

  it('draws a data: image and a placeholder for one that would need the network', () => {
    expect(draw('<wx-image src="data:image/png;base64,AAAA" mode="aspectFit"></wx-image>')).toContain('<img class="wx-image-img" src="data:image/png;base64,AAAA" style="object-fit:contain">');
    expect(draw('<wx-image src="https://example.com/a.png"></wx-image>')).toContain('wx-image-placeholder');
  });

  it('shows a swiper’s current item only, and converts rpx in inline styles', () => {
    const html = draw('<wx-swiper current="1" indicator-dots><wx-swiper-item>一</wx-swiper-item><wx-swiper-item>二</wx-swiper-item></wx-swiper>');
    expect(html).toContain('<wx-swiper-item>二</wx-swiper-item>');
    expect(html).not.toContain('一');
    expect(draw('<wx-view style="width: 100rpx">x</wx-view>')).toBe('<wx-view style="width: 50px">x</wx-view>');
  });

  it('escapes text and attributes on the way back out', () => {
    expect(draw('<wx-text aria-label="a &quot;b&quot;">1 &lt; 2 &amp; 3</wx-text>')).toBe('<wx-text aria-label="a &quot;b&quot;">1 &lt; 2 &amp; 3</wx-text>');
    expect(() => parseMarkup('<wx-view><wx-text></wx-view>')).toThrow('</wx-view> closes <wx-text>');
  });
});

describe('the page document', () => {
  const read: ReadFile = (path) => {
    try {
      return readFileSync(join(miniprogram, path), 'utf8');
    } catch {
      return undefined;
    }
  };
  const dump = {
    page: 'pages/me/index',
    state: 'unregistered',
    test: 'miniprogram/pages/me/me.test.ts',
    html: '<wx-view class="main--container"><wx-view class="main--card"><wx-view class="main--title">你还没有完成实名注册</wx-view><wx-button class="main--btn-primary">立即注册志愿者</wx-button></wx-view></wx-view>',
  };

  it('has the page’s text, its title in the navigation bar, the tab bar of a tab page, and its styles in the scheme', () => {
    const light = pageDocument({ dump, scheme: 'light', read, fileUrl: (p) => `file:///mp/${p}` });
    expect(light).toContain('你还没有完成实名注册');
    expect(light).toContain('<span class="shot-title">我的</span>');
    // The selected tab in its colour, with its icon resolved from theme.json for the scheme.
    expect(light).toMatch(/<span class="shot-tab[^"]*" style="color:#d6402f"><span class="shot-tab-icon"><img src="[^"]*images\/tab\/me-selected-light\.png"><\/span><span>我的<\/span>/);
    expect(light).toContain('<span>发现</span>');
    expect(light).toContain('.main--btn-primary{');
    expect(light).not.toContain('<span class="shot-back">');
    const dark = pageDocument({ dump, scheme: 'dark', read, fileUrl: (p) => p });
    expect(dark).toContain('--color-surface: #1e1e1e');
    expect(dark).toContain('background-color:#191919');
  });

  it('gives a subpackage page a back button and no tab bar', () => {
    const html = pageDocument({ dump: { ...dump, page: 'volunteer/card/index' }, scheme: 'light', read, fileUrl: (p) => p });
    expect(html).toContain('<span class="shot-title">志愿服务证</span>');
    expect(html).toContain('<span class="shot-back">');
    expect(html).not.toContain('class="shot-tabbar"');
  });

  it('draws the title a page set at run time (wx.setNavigationBarTitle) instead of its .json’s', () => {
    const html = pageDocument({ dump: { ...dump, page: 'volunteer/card/index', title: '我的数据' }, scheme: 'light', read, fileUrl: (p) => p });
    expect(html).toContain('<span class="shot-title">我的数据</span>');
    expect(html).not.toContain('志愿服务证</span>');
  });
});

describe('finding Chromium', () => {
  it('takes CHROMIUM_PATH first, and answers undefined when nothing is on the PATH', () => {
    expect(findChromium({ CHROMIUM_PATH: '/opt/chrome/chrome', PATH: '/usr/bin' })).toBe('/opt/chrome/chrome');
    expect(findChromium({ PATH: '/nonexistent-dir' })).toBeUndefined();
  });
});
