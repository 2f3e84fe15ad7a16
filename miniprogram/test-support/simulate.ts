// Loads pages and components of this mini-program into miniprogram-simulate, with the official
// WXML compiler (wcc) and the mini-program root as the root for absolute component paths.
// The .ts page is required through Jest, so ts-jest compiles it; load each path once per test
// file (Jest caches the module, so a second load would not run Component() again; loadSharing shares components).
import * as fs from 'fs';
import * as path from 'path';
import simulate = require('miniprogram-simulate');

export const miniprogramRoot = path.resolve(__dirname, '..');

/** The file each loaded id came from, so shot() can name the page it is given. */
const loadedPaths = new Map<string, string>();

export function load(relativePath: string, usingComponents?: Record<string, string>, tagName = ''): string {
  const id = simulate.load(path.join(miniprogramRoot, relativePath), tagName, {
    compiler: 'official',
    rootPath: miniprogramRoot,
    ...(usingComponents ? { usingComponents } : {}),
  });
  loadedPaths.set(id, relativePath);
  return id;
}

/**
 * Loads several pages that use the same components in one test file: each shared component is loaded once and
 * given to every page (a second load of its module would not run Component() again).
 */
export function loadSharing(pages: readonly string[], components: Record<string, string>): Map<string, string> {
  // Registered under its tag, as the page's usingComponents would, so its classes carry the tag as prefix.
  const shared = Object.fromEntries(Object.entries(components).map(([tag, file]) => [tag, load(file, undefined, tag)]));
  return new Map(pages.map((page) => [page, load(page, shared)]));
}

/**
 * Titles pages set with wx.setNavigationBarTitle (one page serving several purposes names itself at run time), for
 * shot() to draw instead of the .json's. As in WeChat, the call names the current page: the one rendered last.
 */
const titlesSetAtRunTime = new WeakMap<object, string>();
let currentPage: object | undefined;

function recordRunTimeTitles(): void {
  const api = (globalThis as unknown as { wx?: { setNavigationBarTitle?: (options: { title: string }) => unknown } }).wx;
  const original = api?.setNavigationBarTitle;
  if (!api || !original || (original as { recordsTitle?: true }).recordsTitle) return;
  const recording = (options: { title: string }) => {
    if (currentPage) titlesSetAtRunTime.set(currentPage, options.title);
    return original.call(api, options);
  };
  api.setNavigationBarTitle = Object.assign(recording, { recordsTitle: true as const });
}

/** Renders and attaches, as the framework does before a page is shown. */
export function render(id: string) {
  recordRunTimeTitles();
  const comp = simulate.render(id);
  currentPage = comp;
  const doc = (globalThis as unknown as { document: { createElement(tag: string): unknown } }).document;
  comp.attach(doc.createElement('parent-wrapper') as never);
  const file = loadedPaths.get(id);
  if (file) renderedPaths.set(comp, file);
  return comp;
}

export type Rendered = ReturnType<typeof render>;
const renderedPaths = new WeakMap<Rendered, string>();

/** What shot() writes for `npm run shots` (scripts/shots/dump.ts reads it). */
export interface ShotDump {
  /** The page's path from the mini-program root, as in app.json: `pages/me/index`. */
  page: string;
  state: string;
  /** The test file that reached the state, relative to the project root. */
  test: string;
  /** The page's rendered tree: built-in components as wx-* elements with their properties as attributes. */
  html: string;
  /** The title the page set with wx.setNavigationBarTitle, when it did (else its .json's is drawn). */
  title?: string;
}

const STATE_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Records the page as it is now for `npm run shots`, which renders it to PNG: call it at each state a person would
 * look at (empty, filled, error, success, each step). Does nothing unless ZY_SHOTS_DIR is set.
 */
export function shot(page: Rendered, state: string): void {
  const dir = process.env['ZY_SHOTS_DIR'];
  if (!STATE_NAME.test(state)) throw new Error(`shot: state names are lowercase words joined by "-", not "${state}"`);
  if (!dir) return;
  const file = renderedPaths.get(page);
  if (!file) throw new Error('shot: give it a page returned by render()');
  const testPath = (expect.getState().testPath ?? '').replace(`${path.dirname(miniprogramRoot)}${path.sep}`, '');
  const dump: ShotDump = {
    page: file,
    state,
    test: testPath,
    html: serialiseChildren(page.dom as unknown as DomNode),
    ...(titlesSetAtRunTime.has(page) ? { title: titlesSetAtRunTime.get(page) } : {}),
  };
  const base = `${file.replace(/\//g, '_')}--${state}`;
  fs.mkdirSync(dir, { recursive: true });
  // A state name used twice for one page keeps both, numbered, rather than one hiding the other.
  for (let n = 1; ; n++) {
    try {
      fs.writeFileSync(path.join(dir, `${n === 1 ? base : `${base}-${n}`}.json`), JSON.stringify(dump), { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** The little of the DOM serialise() reads (the test tsconfig has no DOM library). */
interface DomNode {
  nodeType: number;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  localName?: string;
  attributes?: ArrayLike<{ name: string; value: string }>;
  /** The exparser element j-component rendered this node from. */
  __wxElement?: { _vt?: { attrs?: { name: string; value: unknown }[] } };
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (text: string) => escapeText(text).replace(/"/g, '&quot;');

function serialiseChildren(node: DomNode): string {
  return Array.from(node.childNodes, serialise).join('');
}

/**
 * The DOM as j-component renders it, plus what its DOM leaves out: the properties of built-in components (an
 * input's value and placeholder, a button's type and disabled) live only on the exparser node's template attributes.
 */
function serialise(node: DomNode): string {
  if (node.nodeType === 3) return escapeText(node.textContent ?? '');
  if (node.nodeType !== 1) return '';
  const element = node;
  const attrs = new Map<string, string>();
  const properties = element.__wxElement?._vt?.attrs ?? [];
  for (const { name: property, value } of properties) {
    if (property === 'class' || value === undefined || value === null || value === false) continue;
    // j-component keeps template attributes camel-cased (openType); WXML spells them with dashes (open-type).
    const name = property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    if (typeof value === 'string' || typeof value === 'number') attrs.set(name, String(value));
    else if (value === true) attrs.set(name, '');
    else attrs.set(name, JSON.stringify(value));
  }
  for (const { name, value } of Array.from(element.attributes ?? [])) if (name === 'class' || !attrs.has(name)) attrs.set(name, value);
  const tag = element.localName ?? 'wx-view';
  const attrText = Array.from(attrs, ([name, value]) => (value === '' ? ` ${name}` : ` ${name}="${escapeAttr(value)}"`)).join('');
  return `<${tag}${attrText}>${serialiseChildren(element)}</${tag}>`;
}
/** A rendered page or any node inside it. */
export type Queryable = Pick<Rendered, 'querySelector'>;

/** Text of the first node matching selector, whitespace collapsed; undefined if absent. */
export function textOf(comp: Queryable, selector: string): string | undefined {
  const node = comp.querySelector(selector);
  const dom = node?.dom as { textContent: string | null } | undefined;
  return dom?.textContent?.replace(/\s+/g, ' ').trim();
}

export { simulate };

/** Polls until check() is truthy, yielding to real I/O in between (emulator calls are real HTTP). */
export async function waitFor(check: () => unknown, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
    await simulate.sleep(10);
  }
}

/** Dispatches a WeChat event on the first node matching selector; j-component delivers it in a microtask. */
export async function fire(page: Rendered, selector: string, event: string, detail?: object): Promise<void> {
  const node = page.querySelector(selector);
  if (!node) throw new Error(`no ${selector}`);
  node.dispatchEvent(event, detail ? { detail } : {});
  await simulate.sleep(0);
}

/** Types into an input and leaves it, as a person does. */
export async function typeInto(page: Rendered, selector: string, value: string): Promise<void> {
  await fire(page, selector, 'input', { value });
  await fire(page, selector, 'blur', { value });
}

export const tap = (page: Rendered, selector: string): Promise<void> => fire(page, selector, 'tap');

/**
 * A built-in component's property as the template set it (a button's disabled, an input's placeholder), read where
 * shot() reads it; undefined when the node is absent or the property unset.
 */
export function propertyOf(comp: Queryable, selector: string, property: string): unknown {
  const node = comp.querySelector(selector);
  if (!node) return undefined;
  const properties = (node.dom as unknown as DomNode).__wxElement?._vt?.attrs ?? [];
  return properties.find((p) => p.name === property)?.value;
}
