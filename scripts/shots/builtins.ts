// WeChat's built-in components drawn with plain HTML and CSS for `npm run shots`. A shot's tree keeps the wx-*
// elements miniprogram-simulate renders (so the page's WXSS, whose `view` selectors become `wx-view`, still
// applies); what WeChat draws inside them and the DOM does not hold — an input's value or placeholder, a switch's
// track, a checkbox's box, a slider's track and handle, a button's loading spinner — is added here, and BUILTIN_CSS gives each WeChat's
// default look (the "style": "v2" WeUI look app.json asks for).
import { convertRpx, type ColorScheme } from './wxss';

export interface ElementNode {
  tag: string;
  attrs: Map<string, string>;
  children: TreeNode[];
}
export type TreeNode = ElementNode | string;

const decode = (text: string) =>
  text.replace(/&(lt|gt|quot|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&' })[name]!);
const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (text: string) => escapeText(text).replace(/"/g, '&quot;');

/**
 * Reads the markup shot() writes (test-support/simulate.ts): elements with double-quoted or bare attributes and
 * escaped text, always closed. Not a general HTML parser.
 */
export function parseMarkup(markup: string): TreeNode[] {
  const root: ElementNode = { tag: '#root', attrs: new Map(), children: [] };
  const stack: ElementNode[] = [root];
  const token = /<\/([-\w]+)>|<([-\w]+)((?:\s+[-\w:.]+(?:="[^"]*")?)*)\s*>|([^<]+)/g;
  let match: RegExpExecArray | null;
  while ((match = token.exec(markup))) {
    const [, closing, opening, attrText, text] = match;
    const parent = stack[stack.length - 1]!;
    if (text !== undefined) parent.children.push(decode(text));
    else if (opening !== undefined) {
      const attrs = new Map<string, string>();
      for (const [, name, value] of attrText!.matchAll(/\s+([-\w:.]+)(?:="([^"]*)")?/g)) attrs.set(name!, decode(value ?? ''));
      const element: ElementNode = { tag: opening, attrs, children: [] };
      parent.children.push(element);
      stack.push(element);
    } else {
      if (parent.tag !== closing) throw new Error(`markup: </${closing}> closes <${parent.tag}>`);
      stack.pop();
    }
  }
  if (stack.length !== 1) throw new Error(`markup: <${stack[stack.length - 1]!.tag}> is never closed`);
  return root.children;
}

const el = (tag: string, className: string, children: TreeNode[] = [], style?: string): ElementNode => ({
  tag,
  attrs: new Map([['class', className], ...(style ? ([['style', style]] as [string, string][]) : [])]),
  children,
});

const ICON_GLYPHS: Record<string, string> = {
  success: '✓',
  success_no_circle: '✓',
  info: 'i',
  warn: '!',
  waiting: '…',
  cancel: '×',
  clear: '×',
  download: '↓',
  search: '⌕',
};
const ICON_COLORS: Record<string, string> = {
  success: '#07c160',
  success_no_circle: '#07c160',
  info: '#10aeff',
  warn: '#fa5151',
  waiting: '#10aeff',
  cancel: '#fa5151',
  clear: '#b2b2b2',
  download: '#07c160',
  search: '#b2b2b2',
};

/** Chinese text the keyboard would have typed is shown as typed; a password as dots. */
function fieldText(node: ElementNode): TreeNode[] {
  const value = node.attrs.get('value') ?? '';
  if (value !== '') {
    const shown = node.attrs.has('password') || node.attrs.get('type') === 'safe-password' ? '•'.repeat(value.length) : value;
    return [el('span', 'wx-field-value', [shown])];
  }
  const placeholder = node.attrs.get('placeholder') ?? '';
  const placeholderStyle = node.attrs.get('placeholder-style');
  return placeholder ? [el('span', `wx-field-placeholder ${node.attrs.get('placeholder-class') ?? ''}`.trim(), [placeholder], placeholderStyle)] : [];
}

const numberAttr = (node: ElementNode, name: string, fallback: number): number => {
  const value = Number(node.attrs.get(name));
  return node.attrs.has(name) && Number.isFinite(value) ? value : fallback;
};

/**
 * A slider as WeChat draws it: a 2px track (backgroundColor, or the older color), its part up to the value filled
 * (activeColor, or selected-color), a round handle of block-size (12–28, default 28) in block-color, and the value
 * beside it with show-value. Defaults from the slider component's documentation (min 0, max 100, value 0).
 */
function drawSlider(node: ElementNode): TreeNode[] {
  const min = numberAttr(node, 'min', 0);
  const max = numberAttr(node, 'max', 100);
  const value = Math.max(min, Math.min(max, numberAttr(node, 'value', min)));
  const percent = max > min ? ((value - min) / (max - min)) * 100 : 0;
  const size = Math.max(12, Math.min(28, numberAttr(node, 'block-size', 28)));
  const active = node.attrs.get('active-color') ?? node.attrs.get('selected-color') ?? '#1aad19';
  const background = node.attrs.get('background-color') ?? node.attrs.get('color') ?? '#e9e9e9';
  const blockColor = node.attrs.get('block-color') ?? '#ffffff';
  const at = `${Number(percent.toFixed(2))}%`;
  const track = el(
    'span',
    'wx-slider-track',
    [
      el('span', 'wx-slider-filled', [], `width:${at};background-color:${active}`),
      el('span', 'wx-slider-handle', [], `left:${at};width:${size}px;height:${size}px;margin-left:-${size / 2}px;margin-top:-${size / 2}px;background-color:${blockColor}`),
    ],
    `background-color:${background}`,
  );
  // The handle reaches half its size past either end of the track: WeChat keeps that room on both sides.
  const area = el('span', 'wx-slider-area', [track], `padding:0 ${size / 2}px`);
  return node.attrs.has('show-value') ? [area, el('span', 'wx-slider-value', [String(value)])] : [area];
}

/** What WeChat draws inside one built-in component, around or instead of its children. */
function expand(node: ElementNode): TreeNode[] {
  const children = node.children;
  switch (node.tag) {
    case 'wx-input':
    case 'wx-textarea':
      return fieldText(node);
    case 'wx-button':
      return node.attrs.has('loading') ? [el('span', 'wx-loading'), ...children] : children;
    case 'wx-switch': {
      const color = node.attrs.get('color');
      const checked = node.attrs.has('checked');
      return [el('span', 'wx-switch-track', [el('span', 'wx-switch-knob')], checked && color ? `background-color:${color};border-color:${color}` : undefined), ...children];
    }
    case 'wx-checkbox':
    case 'wx-radio': {
      const color = node.attrs.get('color');
      const box = el('span', `wx-${node.tag.slice(3)}-box`, [node.attrs.has('checked') ? '✓' : ''], color ? `color:${color}` : undefined);
      return [box, ...children];
    }
    case 'wx-icon': {
      const type = node.attrs.get('type') ?? '';
      const size = node.attrs.get('size') ?? '23';
      const color = node.attrs.get('color') ?? ICON_COLORS[type] ?? '#b2b2b2';
      const px = /^\d+(\.\d+)?$/.test(size) ? `${size}px` : convertRpx(size);
      const circled = !['success_no_circle', 'search'].includes(type);
      const style = circled
        ? `width:${px};height:${px};font-size:calc(${px} * 0.62);background-color:${color};color:#fff`
        : `width:${px};height:${px};font-size:calc(${px} * 0.8);color:${color}`;
      return [el('span', 'wx-icon-glyph', [ICON_GLYPHS[type] ?? ''], style)];
    }
    case 'wx-progress': {
      const percent = Math.max(0, Math.min(100, Number(node.attrs.get('percent') ?? '0') || 0));
      const active = node.attrs.get('active-color') ?? node.attrs.get('activeColor') ?? node.attrs.get('color') ?? '#09bb07';
      const background = node.attrs.get('background-color') ?? '#ebebeb';
      const stroke = node.attrs.get('stroke-width') ?? '6';
      const bar = el('span', 'wx-progress-bar', [el('span', 'wx-progress-inner', [], `width:${percent}%;background-color:${active}`)], `height:${stroke}px;background-color:${background}`);
      return node.attrs.has('show-info') ? [bar, el('span', 'wx-progress-info', [`${percent}%`])] : [bar];
    }
    case 'wx-slider':
      return drawSlider(node);
    case 'wx-image': {
      const src = node.attrs.get('src') ?? '';
      const mode = node.attrs.get('mode') ?? 'scaleToFill';
      const fit = mode === 'aspectFit' ? 'contain' : mode === 'aspectFill' ? 'cover' : mode === 'widthFix' || mode === 'heightFix' ? 'contain' : 'fill';
      // Only pictures a test can hold without the network (data: URLs, files in the package) are drawn.
      if (/^(data:|file:)/.test(src)) return [{ tag: 'img', attrs: new Map([['class', 'wx-image-img'], ['src', src], ['style', `object-fit:${fit}`]]), children: [] }];
      return [el('span', 'wx-image-placeholder', [src ? '图片' : ''])];
    }
    case 'wx-swiper': {
      const items = children.filter((c): c is ElementNode => typeof c !== 'string' && c.tag === 'wx-swiper-item');
      const current = Number(node.attrs.get('current') ?? '0') || 0;
      const shown = items[current] ?? items[0];
      const dots = node.attrs.has('indicator-dots')
        ? [el('span', 'wx-swiper-dots', items.map((item) => el('span', item === shown ? 'wx-swiper-dot wx-swiper-dot-active' : 'wx-swiper-dot')))]
        : [];
      return [...(shown ? [shown] : []), ...dots];
    }
    default:
      return children;
  }
}

/** The tree with built-in components drawn; attributes kept (so `[type=primary]` and `[disabled]` style them). */
export function drawBuiltins(nodes: TreeNode[], screenWidth = 375): TreeNode[] {
  return nodes.map((node) => {
    if (typeof node === 'string') return node;
    const attrs = new Map(node.attrs);
    const style = attrs.get('style');
    if (style) attrs.set('style', convertRpx(style, screenWidth));
    if (node.tag.startsWith('wx-')) {
      const drawn = expand(node);
      return { tag: node.tag, attrs, children: drawBuiltins(drawn === node.children ? node.children : drawn, screenWidth) };
    }
    return { tag: node.tag, attrs, children: drawBuiltins(node.children, screenWidth) };
  });
}

// Attributes that are data for the page's code, not for drawing; kept out of the HTML to keep it readable.
const DROPPED_ATTRS = new Set(['range', 'range-key', 'value']);

export function toHtml(nodes: TreeNode[]): string {
  return nodes
    .map((node) => {
      if (typeof node === 'string') return escapeText(node);
      const attrs = Array.from(node.attrs)
        .filter(([name]) => !(DROPPED_ATTRS.has(name) && node.tag !== 'img'))
        .map(([name, value]) => (value === '' ? ` ${name}` : ` ${name}="${escapeAttr(value)}"`))
        .join('');
      return node.tag === 'img' ? `<img${attrs}>` : `<${node.tag}${attrs}>${toHtml(node.children)}</${node.tag}>`;
    })
    .join('');
}

/**
 * The default look of WeChat's built-in components. Colours follow WeUI 2 (what "style": "v2" gives), with its
 * dark variants; sizes are WeChat's px defaults.
 */
export function builtinCss(scheme: ColorScheme): string {
  const dark = scheme === 'dark';
  const fg = dark ? 'rgba(255,255,255,0.8)' : 'rgba(0,0,0,0.9)';
  const placeholder = dark ? 'rgba(255,255,255,0.3)' : 'rgba(0,0,0,0.3)';
  const buttonBg = dark ? 'rgba(255,255,255,0.08)' : '#f2f2f2';
  const disabledFg = dark ? 'rgba(255,255,255,0.2)' : 'rgba(0,0,0,0.18)';
  const disabledBg = dark ? 'rgba(255,255,255,0.08)' : 'rgba(0,0,0,0.05)';
  const boxBorder = dark ? 'rgba(255,255,255,0.3)' : '#d1d1d1';
  return `
wx-view, wx-scroll-view, wx-swiper-item, wx-form, wx-navigator, wx-cover-view, wx-movable-area, wx-picker, wx-picker-view, wx-label, wx-radio-group, wx-checkbox-group, wx-rich-text, wx-page { display: block; }
wx-text { display: inline; white-space: pre-line; }
wx-label, wx-rich-text { display: inline; }
[hidden] { display: none !important; }
wx-scroll-view { overflow: auto; }
wx-scroll-view[scroll-x] { white-space: nowrap; overflow-x: auto; }
wx-swiper { display: block; position: relative; height: 150px; overflow: hidden; }
wx-swiper > wx-swiper-item { height: 100%; }
.wx-swiper-dots { position: absolute; left: 0; right: 0; bottom: 10px; display: flex; justify-content: center; gap: 8px; }
.wx-swiper-dot { width: 8px; height: 8px; border-radius: 50%; background: rgba(0,0,0,0.3); }
.wx-swiper-dot-active { background: #000; }

wx-button { position: relative; display: block; box-sizing: border-box; width: 184px; margin: 0 auto; padding: 12px 24px;
  font-size: 17px; font-weight: 700; line-height: 1.41176471; text-align: center; border-radius: 8px; overflow: hidden;
  color: #06ae56; background-color: ${buttonBg}; }
wx-button[type=primary] { color: #fff; background-color: #07c160; }
wx-button[type=warn] { color: #fa5151; background-color: ${buttonBg}; }
wx-button[plain] { background-color: transparent; border: 1px solid currentColor; }
wx-button[size=mini] { display: inline-block; width: auto; padding: 0 12px; font-size: 14px; line-height: 2.28571429; border-radius: 4px; }
wx-button[disabled] { color: ${disabledFg}; background-color: ${disabledBg}; }
wx-button[type=primary][disabled] { color: rgba(255,255,255,0.6); background-color: ${dark ? 'rgba(7,193,96,0.4)' : '#9ed99d'}; }
.wx-loading { display: inline-block; width: 1em; height: 1em; margin: -0.2em 0.34em 0 0; vertical-align: middle;
  border-radius: 50%; border: 2px solid currentColor; border-right-color: transparent; box-sizing: border-box; opacity: 0.8; }

wx-input { display: block; height: 1.4rem; min-height: 1.4rem; line-height: 1.4rem; overflow: hidden; white-space: nowrap; text-overflow: clip; cursor: text; }
wx-textarea { display: block; width: 300px; height: 150px; overflow: hidden; white-space: pre-wrap; word-break: break-all; cursor: text; }
.wx-field-placeholder { color: ${placeholder}; }
wx-input[disabled] .wx-field-value, wx-textarea[disabled] .wx-field-value { opacity: 0.5; }

wx-switch { display: inline-flex; align-items: center; vertical-align: middle; }
.wx-switch-track { position: relative; display: inline-block; box-sizing: border-box; width: 52px; height: 32px;
  border-radius: 16px; border: 1px solid ${dark ? 'rgba(255,255,255,0.15)' : '#dfdfdf'}; background-color: ${dark ? 'rgba(255,255,255,0.15)' : '#dfdfdf'}; }
.wx-switch-knob { position: absolute; top: 0; left: 0; width: 30px; height: 30px; border-radius: 15px; background: #fff; box-shadow: 0 1px 3px rgba(0,0,0,0.4); }
wx-switch[checked] .wx-switch-track { background-color: #07c160; border-color: #07c160; }
wx-switch[checked] .wx-switch-knob { left: 20px; }
wx-switch[type=checkbox] .wx-switch-track { display: none; }
wx-switch[disabled] { opacity: 0.7; }

wx-checkbox, wx-radio { display: inline-flex; align-items: center; gap: 6px; vertical-align: middle; }
.wx-checkbox-box, .wx-radio-box { display: inline-flex; align-items: center; justify-content: center; box-sizing: border-box;
  width: 24px; height: 24px; border: 1px solid ${boxBorder}; background: ${dark ? 'transparent' : '#fff'}; color: #07c160;
  font-size: 18px; font-weight: 700; line-height: 1; }
.wx-checkbox-box { border-radius: 3px; }
.wx-radio-box { border-radius: 50%; }
wx-radio[checked] .wx-radio-box { background-color: currentColor; border-color: currentColor; }
wx-radio[checked] .wx-radio-box { color: #07c160; }
wx-radio[checked] .wx-radio-box::after { content: ''; }
wx-checkbox[disabled], wx-radio[disabled] { opacity: 0.5; }

wx-icon { display: inline-block; vertical-align: middle; font-size: 0; }
.wx-icon-glyph { display: inline-flex; align-items: center; justify-content: center; border-radius: 50%; font-weight: 700; line-height: 1; font-family: sans-serif; }

wx-progress { display: flex; align-items: center; }
.wx-progress-bar { flex: 1; display: block; overflow: hidden; }
.wx-progress-inner { display: block; height: 100%; }
.wx-progress-info { margin-left: 15px; font-size: 16px; min-width: 2em; }

wx-slider { display: flex; align-items: center; margin: 10px 18px; min-height: 28px; }
.wx-slider-area { flex: 1; display: block; padding: 13px 0; }
.wx-slider-track { position: relative; display: block; height: 2px; border-radius: 5px; }
.wx-slider-filled { display: block; height: 100%; border-radius: 6px; }
.wx-slider-handle { position: absolute; top: 50%; box-sizing: border-box; border-radius: 50%; box-shadow: 0 0 4px rgba(0,0,0,0.2); }
.wx-slider-value { min-width: 3ch; margin-left: 1em; color: #888; font-size: 14px; }
wx-slider[disabled] .wx-slider-filled { background-color: #ccc !important; }

wx-image { display: inline-block; position: relative; width: 320px; height: 240px; overflow: hidden; }
.wx-image-img { display: block; width: 100%; height: 100%; }
.wx-image-placeholder { display: flex; align-items: center; justify-content: center; width: 100%; height: 100%;
  background: ${dark ? '#2c2c2c' : '#ededed'}; color: ${placeholder}; font-size: 12px; }

wx-navigator { cursor: pointer; }
wx-page { color: ${fg}; }
`;
}
