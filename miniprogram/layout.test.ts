// The mini-program's layout, checked on the source: app.json lists exactly the pages domain/routes.ts declares
// (tab pages in the main package, the rest in subpackages), navigation goes through that declaration, and code is
// shared only through common folders and only where WeChat can load it (a subpackage's code is out of reach of the
// main package and of other subpackages).
import * as fs from 'fs';
import * as path from 'path';
import { ALL_ROUTES, TAB_ROUTES } from './domain/routes';

const root = __dirname;
const posix = (p: string) => p.split(path.sep).join('/');

interface SubPackage {
  root: string;
  name?: string;
  pages: string[];
}
interface AppJson {
  pages: string[];
  subPackages?: SubPackage[];
  preloadRule?: Record<string, { network?: string; packages: string[] }>;
  tabBar: { list: { pagePath: string; iconPath?: string; selectedIconPath?: string }[] };
}
const app = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8')) as AppJson;
const subPackages = app.subPackages ?? [];
const subPackagePages = subPackages.flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/$/, '')}/${page}`));
const appPages = [...app.pages, ...subPackagePages];
const declared = ALL_ROUTES.map((r) => r.replace(/^\//, ''));

/** The package a file (path relative to miniprogram/) ships in: a subpackage root, or '' for the main package. */
function packageOf(relative: string): string {
  return subPackages.find((p) => relative.startsWith(`${p.root.replace(/\/$/, '')}/`))?.root.replace(/\/$/, '') ?? '';
}

/** The page folder a file belongs to, if any (a declared page's folder, e.g. 'org/home'). */
const pageFolders = declared.map((page) => path.posix.dirname(page));
function pageFolderOf(relative: string): string | undefined {
  return pageFolders.find((folder) => relative.startsWith(`${folder}/`));
}

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(full, keep);
    return keep(entry.name) ? [posix(path.relative(root, full))] : [];
  });
}
const tsFiles = filesUnder(root, (n) => n.endsWith('.ts') && !n.endsWith('.d.ts'));
const isTest = (f: string) => f.endsWith('.test.ts') || f.startsWith('test-support/');

describe('the tab bar', () => {
  const theme = JSON.parse(fs.readFileSync(path.join(root, 'theme.json'), 'utf8')) as Record<'light' | 'dark', Record<string, string>>;
  const resolve = (value: string, scheme: 'light' | 'dark') => (value.startsWith('@') ? theme[scheme][value.slice(1)] : value);

  it('every tab has an icon and a selected icon in both schemes: an 81×81 PNG well under WeChat’s 40 KB', () => {
    for (const tab of app.tabBar.list)
      for (const scheme of ['light', 'dark'] as const)
        for (const icon of [tab.iconPath, tab.selectedIconPath]) {
          expect(icon).toBeDefined();
          const file = resolve(icon!, scheme);
          expect(file).toMatch(/^images\/tab\/[a-z-]+\.png$/);
          const png = fs.readFileSync(path.join(root, file!));
          expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
          expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([81, 81]);
          expect(png.length).toBeLessThan(4 * 1024);
        }
  });

  it('a selected icon differs from the plain one', () => {
    for (const tab of app.tabBar.list)
      for (const scheme of ['light', 'dark'] as const)
        expect(fs.readFileSync(path.join(root, resolve(tab.iconPath!, scheme)!))).not.toEqual(fs.readFileSync(path.join(root, resolve(tab.selectedIconPath!, scheme)!)));
  });
});

describe('app.json and domain/routes.ts', () => {
  it('list the same pages, each once', () => {
    expect(new Set(appPages).size).toBe(appPages.length);
    expect([...appPages].sort()).toEqual([...declared].sort());
  });

  it('every declared page has its four files', () => {
    for (const page of declared)
      for (const ext of ['ts', 'wxml', 'json', 'wxss']) expect(fs.existsSync(path.join(root, `${page}.${ext}`)) ? page : `${page}.${ext} missing`).toBe(page);
  });

  it('the tab pages are the main package and nothing else is', () => {
    expect(app.tabBar.list.map((t) => `/${t.pagePath}`)).toEqual([...TAB_ROUTES]);
    expect([...app.pages].sort()).toEqual(TAB_ROUTES.map((r) => r.slice(1)).sort());
  });

  // A root may also be one folder under pages/ when a page's path was agreed before its package (issue 10's
  // pages/certificate/index, which a certificate's links open): named after that folder.
  it('subpackage roots are top-level folders (or one under pages/) that do not overlap the main package pages', () => {
    expect(subPackages.length).toBeGreaterThan(0);
    for (const p of subPackages) {
      expect(p.root).toMatch(/^(pages\/)?[a-z-]+$/);
      expect(p.name).toBe(p.root.replace(/^pages\//, ''));
      expect(app.pages.some((page) => page.startsWith(`${p.root}/`))).toBe(false);
    }
  });

  it('preload rules name declared pages and existing subpackages', () => {
    const names = new Set(subPackages.flatMap((p) => [p.root, p.name]));
    for (const [page, rule] of Object.entries(app.preloadRule ?? {})) {
      expect(declared).toContain(page);
      for (const pkg of rule.packages) expect(names.has(pkg) || pkg === '__APP__' ? pkg : `${pkg} is not a subpackage`).toBe(pkg);
      // A page does not preload its own package: WeChat has loaded it already.
      expect(rule.packages).not.toContain(packageOf(page));
    }
  });
});

describe('navigation uses the declaration', () => {
  const roots = ['pages', ...subPackages.map((p) => p.root)].join('|');
  const PAGE_PATH = new RegExp(`["'\`]/?(?:${roots})/[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*/index\\b`, 'g');
  const sources = [...tsFiles.filter((f) => !isTest(f) && f !== 'domain/routes.ts'), ...filesUnder(root, (n) => n.endsWith('.wxml'))];

  it('no page path is written by hand in TypeScript or WXML', () => {
    expect(sources.length).toBeGreaterThan(20);
    const byHand = sources.flatMap((file) => (fs.readFileSync(path.join(root, file), 'utf8').match(PAGE_PATH) ?? []).map((m) => `${file}: ${m}`));
    expect(byHand).toEqual([]);
  });
});

describe('code is shared through common folders, where WeChat can load it', () => {
  const IMPORT = /(?:from\s+|require\(\s*|import\(\s*)'(\.[^']*)'/g;

  /** The mini-program file a relative import names, or undefined when it leaves miniprogram/. */
  function resolve(from: string, specifier: string): string | undefined {
    const target = posix(path.relative(root, path.resolve(root, path.dirname(from), specifier)));
    if (target.startsWith('..')) return undefined;
    for (const candidate of [`${target}.ts`, `${target}/index.ts`, target]) if (fs.existsSync(path.join(root, candidate))) return candidate;
    throw new Error(`${from}: cannot resolve ${specifier}`);
  }

  const imports = tsFiles.flatMap((file) =>
    [...fs.readFileSync(path.join(root, file), 'utf8').matchAll(IMPORT)].map((m) => ({ file, target: resolve(file, m[1]!) })),
  );

  it('finds the imports to check', () => {
    expect(imports.filter((i) => i.target?.startsWith('common/')).length).toBeGreaterThan(0);
  });

  it('no page imports another page’s files', () => {
    const crossing = imports.filter(({ file, target }) => {
      const own = pageFolderOf(file);
      const other = target && pageFolderOf(target);
      return own !== undefined && other !== undefined && other !== own;
    });
    expect(crossing.map(({ file, target }) => `${file} → ${target}`)).toEqual([]);
  });

  it('shipped code reaches only its own package and the main package', () => {
    const unreachable = imports.filter(({ file, target }) => {
      if (isTest(file) || target === undefined) return false;
      const to = packageOf(target);
      return to !== '' && to !== packageOf(file);
    });
    expect(unreachable.map(({ file, target }) => `${file} → ${target}`)).toEqual([]);
  });

  it('pages use components of their own package or the main package', () => {
    for (const page of declared) {
      const json = JSON.parse(fs.readFileSync(path.join(root, `${page}.json`), 'utf8')) as { usingComponents?: Record<string, string> };
      for (const component of Object.values(json.usingComponents ?? {})) {
        const target = component.startsWith('/') ? component.slice(1) : posix(path.join(path.dirname(page), component));
        expect(fs.existsSync(path.join(root, `${target}.ts`)) ? target : `${page}: ${component} missing`).toBe(target);
        expect(['', packageOf(page)]).toContain(packageOf(target));
      }
    }
  });
});
