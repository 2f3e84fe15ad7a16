// Every interactive element in every WXML file carries an accessible label (j-component does not
// render aria-* attributes, so this is checked on the source).
import * as fs from 'fs';
import * as path from 'path';

const root = __dirname;

function wxmlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : wxmlFiles(full);
    return entry.name.endsWith('.wxml') ? [full] : [];
  });
}

// A start tag and its attributes (attributes may span lines; our WXML has no '>' inside {{ }}).
const TAG = /<([a-z][a-z0-9-]*)((?:\s[^>]*?)?)\/?>/g;
const INTERACTIVE_TAGS = new Set(['button', 'navigator', 'input', 'textarea', 'switch', 'picker', 'slider']);
const INTERACTIVE_ATTR = /\s(bind|catch|capture-bind|capture-catch):?(tap|longpress|agreeprivacyauthorization)\s*=|\sopen-type\s*=/;

const files = wxmlFiles(root);

test('there are WXML files to check', () => {
  expect(files.length).toBeGreaterThan(0);
});

test.each(files.map((f) => [path.relative(root, f), f]))('%s labels every interactive element', (_name, file) => {
  const unlabelled: string[] = [];
  for (const match of fs.readFileSync(file, 'utf8').matchAll(TAG)) {
    const [whole, tag, attrs = ''] = match;
    const interactive = INTERACTIVE_TAGS.has(tag!) || INTERACTIVE_ATTR.test(attrs);
    if (interactive && !/\saria-label\s*=\s*"[^"]+"/.test(attrs)) unlabelled.push(whole.replace(/\s+/g, ' '));
  }
  expect(unlabelled).toEqual([]);
});
