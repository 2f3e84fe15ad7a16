// Loads pages and components of this mini-program into miniprogram-simulate, with the official
// WXML compiler (wcc) and the mini-program root as the root for absolute component paths.
// The .ts page is required through Jest, so ts-jest compiles it; load each path once per test
// file (Jest caches the module, so a second load would not run Component() again; loadSharing shares components).
import * as path from 'path';
import simulate = require('miniprogram-simulate');

export const miniprogramRoot = path.resolve(__dirname, '..');

export function load(relativePath: string, usingComponents?: Record<string, string>): string {
  return simulate.load(path.join(miniprogramRoot, relativePath), { compiler: 'official', rootPath: miniprogramRoot, ...(usingComponents ? { usingComponents } : {}) });
}

/**
 * Loads several pages that use the same components in one test file: each shared component is loaded once and
 * given to every page (a second load of its module would not run Component() again).
 */
export function loadSharing(pages: readonly string[], components: Record<string, string>): Map<string, string> {
  const shared = Object.fromEntries(Object.entries(components).map(([tag, file]) => [tag, load(file)]));
  return new Map(pages.map((page) => [page, load(page, shared)]));
}

/** Renders and attaches, as the framework does before a page is shown. */
export function render(id: string) {
  const comp = simulate.render(id);
  const doc = (globalThis as unknown as { document: { createElement(tag: string): unknown } }).document;
  comp.attach(doc.createElement('parent-wrapper') as never);
  return comp;
}

export type Rendered = ReturnType<typeof render>;
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
